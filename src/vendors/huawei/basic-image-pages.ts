// Huawei HSS ListImageBasicImage is a paged list (`limit`/`offset` in, `total_num`/`data_list` out), used by
// getImage to read every base image of one image. Walked by the shared paging mechanism (src/paging.ts,
// Huawei style): the offset advances by the entries received; the walk ends once `total_num` entries are
// in, or at the first empty page; an entry seen before (same OS, version and layer digest) is skipped, a
// page of nothing new (a server ignoring `offset`) is a PAGE_REPEATED error, more than `maxPages` pages a
// PAGE_LIMIT error, and a walk that does not add up to `total_num` a LISTING_INCOMPLETE error: never a loop
// or a silently cut list.
import type { operations } from '../../../generated/huawei.js';
import { bodyOrThrow } from '../../body.js';
import type { HuaweiClient } from './client.js';
import { huaweiStyle, identityOf, pageItems, requireCount, walkPages } from '../../paging.js';
import type { HuaweiBasicImageBody, HuaweiBasicImageInfo } from '../../summary/types.js';

type Parameters = operations['ListImageBasicImage']['parameters'];

/** The request of one ListImageBasicImage call, in the vendor's names; `limit`/`offset` are the walk's start. */
export interface HuaweiBasicImageParams {
  path: Parameters['path'];
  query: Parameters['query'];
}

export interface HuaweiPageOptions {
  /** Most pages fetched before giving up with an error (default 50). */
  maxPages?: number | undefined;
  /** Aborts the walk (passed to every request, checked between pages). */
  signal?: AbortSignal | undefined;
}

/** One page as received. */
export interface HuaweiBasicImagePage {
  body: HuaweiBasicImageBody;
  /** The `offset` this page was requested with. */
  offset: number;
  response: Response;
}

/** The operation, as named in errors. */
export const HUAWEI_BASIC_IMAGE_OPERATION = 'GET /v5/{project_id}/image/{image_id}/basic-image';
/** The page size used when `query.limit` is not given: the spec's maximum, and what Huawei's examples send. */
export const HUAWEI_DEFAULT_PAGE_SIZE = 200;
/** The most pages read before giving up with a `PAGE_LIMIT` error (a server that never stops paging). */
export const HUAWEI_DEFAULT_MAX_PAGES = 50;

/** One ListImageBasicImage call, exactly as `params` say (no paging): the body bytes as received. */
export async function fetchHuaweiBasicImagePage(client: HuaweiClient, params: HuaweiBasicImageParams) {
  const outcome = await client.GET('/v5/{project_id}/image/{image_id}/basic-image', { params, parseAs: 'arrayBuffer' });
  return bodyOrThrow('huawei', HUAWEI_BASIC_IMAGE_OPERATION, outcome);
}

/**
 * Every page of a ListImageBasicImage result, from `query.offset` (default 0) in pages of `query.limit`
 * (default 200). Throws the typed ApiError of a failing page, a PAGE_REPEATED or PAGE_LIMIT ApiError, and a
 * ValidationError for an unusable `limit`, `offset` or `maxPages` before anything is sent.
 */
export async function* huaweiBasicImagePages(
  client: HuaweiClient,
  params: HuaweiBasicImageParams,
  options: HuaweiPageOptions = {},
): AsyncGenerator<HuaweiBasicImagePage, void, undefined> {
  for await (const page of walk(client, params, options)) yield { body: page.body, offset: page.position, response: page.response };
}

/** Every `data_list` entry of every page (entries that are not objects are skipped). */
export async function* listAllHuaweiBasicImages(
  client: HuaweiClient,
  params: HuaweiBasicImageParams,
  options: HuaweiPageOptions = {},
): AsyncGenerator<HuaweiBasicImageInfo, void, undefined> {
  yield* pageItems(walk(client, params, options));
}

async function* walk(client: HuaweiClient, params: HuaweiBasicImageParams, options: HuaweiPageOptions) {
  const limit = params.query.limit ?? HUAWEI_DEFAULT_PAGE_SIZE;
  const start = params.query.offset ?? 0;
  requireCount('huawei', HUAWEI_BASIC_IMAGE_OPERATION, 'limit', limit, 1);
  requireCount('huawei', HUAWEI_BASIC_IMAGE_OPERATION, 'offset', start, 0);
  yield* walkPages(
    huaweiStyle<HuaweiBasicImageBody, 'data_list'>('data_list', (base) => identityOf(base.os_name, base.os_version, base.layer_digest), start),
    (offset, signal) =>
      client.GET('/v5/{project_id}/image/{image_id}/basic-image', {
        params: { path: params.path, query: { ...params.query, limit, offset } },
        parseAs: 'arrayBuffer',
        signal,
      }),
    { vendor: 'huawei', operation: HUAWEI_BASIC_IMAGE_OPERATION, signal: options.signal, maxPages: options.maxPages ?? HUAWEI_DEFAULT_MAX_PAGES },
  );
}
