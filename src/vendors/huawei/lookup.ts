// getImage / getImageBody for Huawei Cloud HSS: the base images of one image (ListImageBasicImage); getImage
// reads every page, getImageBody one.
import type { operations } from '../../../generated/huawei.js';
import type { ReceivedBody } from '../../body.js';
import { obj } from '../../summary/read.js';
import type { HuaweiBasicImageBody, ImageSummary } from '../../summary/types.js';
import type { VendorLookup } from '../vendor.js';
import { fetchHuaweiBasicImagePage, huaweiBasicImagePages, type HuaweiBasicImageParams } from './basic-image-pages.js';
import type { HuaweiClient } from './client.js';
import { summarizeHuawei } from './summary.js';

/** HSS image types (`image_type`): repository images, enterprise images, CI/CD images, Harbor images. */
export type HuaweiImageType = operations['ListImageBasicImage']['parameters']['query']['image_type'];
/** A Huawei Cloud HSS image: ListImageBasicImage, every page. */
export interface HuaweiImageRef {
  vendor: 'huawei';
  projectId: string;
  /** Image id (`image_id`). */
  image: string;
  imageType: HuaweiImageType;
  enterpriseProjectId?: string | undefined;
  /** Organization; with imageName and imageVersion identifies a repository image. */
  namespace?: string | undefined;
  imageName?: string | undefined;
  imageVersion?: string | undefined;
  osName?: string | undefined;
  /** Page size (default 200 for getImage; sent as given by getImageBody). */
  limit?: number | undefined;
  /** First record (default 0). */
  offset?: number | undefined;
}

export const huaweiLookup: VendorLookup<'huawei', HuaweiClient, HuaweiImageRef> = {
  summary: summarizeHuaweiPages,
  /** One page, with `limit`/`offset` sent only when given. */
  body: (ref, client): Promise<ReceivedBody> => fetchHuaweiBasicImagePage(client, huaweiParams(ref)),
};

/**
 * Every page of the basic-image list (from `offset`, in pages of `limit`, default 200); `raw` is the vendor's
 * body shape holding all entries (the body as received when there is one page).
 */
async function summarizeHuaweiPages(ref: HuaweiImageRef, client: HuaweiClient): Promise<ImageSummary<'huawei'>> {
  let first: HuaweiBasicImageBody | undefined;
  let pages = 0;
  const entries: unknown[] = [];
  for await (const page of huaweiBasicImagePages(client, huaweiParams(ref))) {
    pages++;
    first ??= page.body;
    const list = obj(page.body)?.['data_list'];
    if (Array.isArray(list)) entries.push(...list);
  }
  // One page: the body exactly as parsed. Several: the first page's fields with every page's entries.
  const raw = (pages === 1 ? first : { ...obj(first), data_list: entries }) as HuaweiBasicImageBody;
  return summarizeHuawei(raw, ref);
}

/** The vendor's request for a Huawei reference: only the parameters given are sent. */
function huaweiParams(ref: HuaweiImageRef): HuaweiBasicImageParams {
  const optional = {
    enterprise_project_id: ref.enterpriseProjectId,
    namespace: ref.namespace,
    image_name: ref.imageName,
    image_version: ref.imageVersion,
    os_name: ref.osName,
    limit: ref.limit,
    offset: ref.offset,
  };
  const query: HuaweiBasicImageParams['query'] = { image_type: ref.imageType };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (query as Record<string, unknown>)[key] = value;
  }
  return { path: { project_id: ref.projectId, image_id: ref.image }, query };
}
