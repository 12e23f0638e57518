// Huawei HSS ListImageBasicImage is a paged list (`limit`/`offset` in, `total_num`/`data_list` out).
// These async iterators walk it page by page. The walk is bounded and does not trust the vendor:
// - it advances `offset` by the number of entries actually received (a server that caps the page size
//   below `limit` is followed, not skipped over);
// - it stops at `total_num` when the vendor sends a usable one, otherwise at the first short page;
// - it stops at the first empty page whatever `total_num` says (a total that is too high, or an offset
//   the server ignores, cannot make it spin);
// - after `maxPages` pages with more still promised it throws instead of returning a silently cut list.
import type { operations } from '../generated/huawei.js';
import { bodyOrThrow, parseJsonBody } from './body.js';
import { ApiError, ValidationError } from './errors.js';
import type { HuaweiClient } from './huawei.js';
import { obj } from './summary/read.js';
import type { HuaweiBasicImageBody, HuaweiBasicImageInfo } from './summary/types.js';

type Parameters = operations['ListImageBasicImage']['parameters'];

/** The request of one ListImageBasicImage call, in the vendor's names; `limit`/`offset` are the walk's start. */
export interface HuaweiBasicImageParams {
  path: Parameters['path'];
  query: Parameters['query'];
}

export interface HuaweiPageOptions {
  /** Most pages fetched before giving up with an error (default 50). */
  maxPages?: number | undefined;
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
 * (default 200). Throws the typed ApiError of a failing page, and a ValidationError for an unusable
 * `limit`, `offset` or `maxPages` before anything is sent.
 */
export async function* huaweiBasicImagePages(
  client: HuaweiClient,
  params: HuaweiBasicImageParams,
  options: HuaweiPageOptions = {},
): AsyncGenerator<HuaweiBasicImagePage, void, undefined> {
  const limit = params.query.limit ?? HUAWEI_DEFAULT_PAGE_SIZE;
  const maxPages = options.maxPages ?? HUAWEI_DEFAULT_MAX_PAGES;
  let offset = params.query.offset ?? 0;
  requireCount('limit', limit, 1);
  requireCount('offset', offset, 0);
  requireCount('maxPages', maxPages, 1);

  for (let page = 0; ; page++) {
    if (page === maxPages) {
      throw new ApiError({
        vendor: 'huawei',
        operation: HUAWEI_BASIC_IMAGE_OPERATION,
        code: 'PAGE_LIMIT',
        message: `Stopped after ${maxPages} pages at offset ${offset}: the vendor still reports more entries (total_num). Raise maxPages to read further.`,
        attempts: page,
      });
    }
    const received = await fetchHuaweiBasicImagePage(client, { path: params.path, query: { ...params.query, limit, offset } });
    const body = parseJsonBody('huawei', HUAWEI_BASIC_IMAGE_OPERATION, received) as HuaweiBasicImageBody;
    yield { body, offset, response: received.response };

    const list = obj(body)?.['data_list'];
    const count = Array.isArray(list) ? list.length : 0;
    const total = totalOf(body);
    offset += count;
    if (count === 0) return;
    if (total !== undefined ? offset >= total : count < limit) return;
  }
}

/** Every `data_list` entry of every page (entries that are not objects are skipped). */
export async function* listAllHuaweiBasicImages(
  client: HuaweiClient,
  params: HuaweiBasicImageParams,
  options: HuaweiPageOptions = {},
): AsyncGenerator<HuaweiBasicImageInfo, void, undefined> {
  for await (const page of huaweiBasicImagePages(client, params, options)) {
    const list = obj(page.body)?.['data_list'];
    if (!Array.isArray(list)) continue;
    for (const entry of list) if (obj(entry) !== undefined) yield entry as HuaweiBasicImageInfo;
  }
}

function totalOf(body: unknown): number | undefined {
  const total = obj(body)?.['total_num'];
  return typeof total === 'number' && Number.isSafeInteger(total) && total >= 0 ? total : undefined;
}

function requireCount(name: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new ValidationError({
      vendor: 'huawei',
      operation: HUAWEI_BASIC_IMAGE_OPERATION,
      field: name,
      message: `Invalid ${name} ${String(value)}: must be an integer >= ${min}. Nothing was sent.`,
    });
  }
}
