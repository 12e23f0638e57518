// getImage: one typed call per vendor reference → the vendor's typed body and its ImageSummary.
//
// Result style: a discriminated result, never a throw for an expected failure.
//   { ok: true,  vendor, summary, raw }   raw is the body typed for exactly the reference given
//                                         (a Vercel tag reference gets the tag body type, …)
//   { ok: false, vendor, error }          error is an ApiError; `error.kind` tells http / parse / network /
//                                         timeout / too-large / validation (validation: nothing was sent)
// Only programming errors (a bug, not a vendor or network failure) are thrown.
import type { operations as HuaweiOperations } from '../generated/huawei.js';
import { bodyOrThrow, parseJsonBody, type ReceivedBody } from './body.js';
import { ApiError, ValidationError } from './errors.js';
import {
  HUAWEI_BASIC_IMAGE_OPERATION,
  fetchHuaweiBasicImagePage,
  huaweiBasicImagePages,
  type HuaweiBasicImageParams,
} from './vendors/huawei/basic-image-pages.js';
import { gcoreLookup, type GcoreImageRef } from './vendors/gcore/lookup.js';
import { summarizeHuawei } from './vendors/huawei/summary.js';
import { naverLookup, type NaverImageRef } from './vendors/naver/lookup.js';
import { obj, str } from './summary/read.js';
import type {
  GcoreImageBody,
  HuaweiBasicImageBody,
  ImageSummary,
  NaverImageBody,
  VendorRawBodies,
  VercelImageBody,
  VercelTagBody,
} from './summary/types.js';
import { vercelLookup, type VercelImageRef, type VercelTagRef } from './vendors/vercel/lookup.js';
import type { Vendor } from './types.js';
import { clientFor, type ClientChoice } from './vendor-clients.js';

export type { VendorClientOptions, VendorClients } from './vendor-clients.js';

// ---------------------------------------------------------------------------------------------------------
// References

export type { VercelImageRef, VercelTagRef } from './vendors/vercel/lookup.js';
export type { GcoreImageRef } from './vendors/gcore/lookup.js';
export type { NaverImageRef } from './vendors/naver/lookup.js';
/** HSS image types (`image_type`): repository images, enterprise images, CI/CD images, Harbor images. */
export type HuaweiImageType = HuaweiOperations['ListImageBasicImage']['parameters']['query']['image_type'];
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

/** What to look up: one reference per vendor, discriminated by `vendor`. */
export type ImageRef = VercelImageRef | VercelTagRef | GcoreImageRef | NaverImageRef | HuaweiImageRef;

/** The typed 200 body for a reference: a Vercel tag reference gets the tag body, an image reference the image body. */
export type RawBodyOf<R extends ImageRef> = R extends { vendor: 'vercel'; tag: string }
  ? VercelTagBody
  : R extends { vendor: 'vercel' }
    ? VercelImageBody
    : VendorRawBodies[R['vendor']];

// ---------------------------------------------------------------------------------------------------------
// Options and results

/**
 * The vendor factory's options (credentials, baseUrl, fetch, timeoutMs, retries, …; credentials default to
 * the environment), or an existing client of that vendor.
 */
export type GetImageOptions<V extends Vendor = Vendor> = ClientChoice<V>;

/** `{ ok: true, summary, raw }` with `raw` typed for the reference, or `{ ok: false, error }`. */
export type GetImageResult<R extends ImageRef = ImageRef> = R extends ImageRef
  ?
      | { ok: true; vendor: R['vendor']; summary: ImageSummary<R['vendor']> & { raw: RawBodyOf<R> }; raw: RawBodyOf<R>; error?: undefined }
      | { ok: false; vendor: R['vendor']; error: ApiError; summary?: undefined; raw?: undefined }
  : never;

/** The body bytes exactly as received with the response, or `{ ok: false, error }`. */
export type GetImageBodyResult =
  | { ok: true; vendor: Vendor; bytes: Uint8Array; response: Response; error?: undefined }
  | { ok: false; vendor: Vendor; error: ApiError; bytes?: undefined; response?: undefined };

// ---------------------------------------------------------------------------------------------------------
// Entry points

/**
 * Reads one image and normalizes it. Huawei: every page of the basic-image list is read (from `offset`,
 * in pages of `limit`, default 200) and `raw` is the vendor's body shape holding all entries (the body as
 * received when there is one page).
 */
export async function getImage<R extends ImageRef>(ref: R, options?: GetImageOptions<R['vendor']>): Promise<GetImageResult<R>> {
  try {
    const summary = await summarize(ref, options as GetImageOptions | undefined);
    return { ok: true, vendor: ref.vendor, summary, raw: summary.raw } as unknown as GetImageResult<R>;
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, vendor: ref.vendor, error } as GetImageResult<R>;
    throw error;
  }
}

/**
 * One request for the reference and its 2xx body bytes exactly as received, unparsed (the CLI's `--json`).
 * Huawei: one page, with `limit`/`offset` sent only when given.
 */
export async function getImageBody(ref: ImageRef, options?: GetImageOptions): Promise<GetImageBodyResult> {
  try {
    const { received } = await requestOnce(ref, options);
    return { ok: true, vendor: ref.vendor, bytes: received.bytes, response: received.response };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, vendor: ref.vendor, error };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Internals


async function summarize(ref: ImageRef, options: GetImageOptions | undefined): Promise<ImageSummary> {
  if (ref.vendor === 'huawei') return summarizeHuaweiPages(ref, options);
  if (ref.vendor === 'gcore') return gcoreLookup.summary(ref, clientFor('gcore', options));
  if (ref.vendor === 'vercel') {
    vercelLookup.check?.(ref);
    return vercelLookup.summary(ref, clientFor('vercel', options));
  }
  if (ref.vendor === 'naver') return naverLookup.summary(ref, clientFor('naver', options));
  return requestOnce(ref, options) as never; // an unknown vendor: its ValidationError
}

async function summarizeHuaweiPages(ref: HuaweiImageRef, options: GetImageOptions | undefined): Promise<ImageSummary<'huawei'>> {
  const client = clientFor('huawei', options);
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

/** The one request a reference stands for (Huawei: one page), as received. */
async function requestOnce(ref: ImageRef, options: GetImageOptions | undefined): Promise<{ received: ReceivedBody; operation: string }> {
  switch (ref.vendor) {
    case 'vercel': {
      vercelLookup.check?.(ref);
      return { received: await vercelLookup.body(ref, clientFor('vercel', options)), operation: '' };
    }
    case 'gcore':
      return { received: await gcoreLookup.body(ref, clientFor('gcore', options)), operation: '' };
    case 'naver':
      return { received: await naverLookup.body(ref, clientFor('naver', options)), operation: '' };
    case 'huawei': {
      const client = clientFor('huawei', options);
      return { received: await fetchHuaweiBasicImagePage(client, huaweiParams(ref)), operation: HUAWEI_BASIC_IMAGE_OPERATION };
    }
    default:
      throw new ValidationError(`Unknown vendor "${String((ref as { vendor?: unknown }).vendor)}": use vercel, gcore, naver or huawei. Nothing was sent.`);
  }
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
