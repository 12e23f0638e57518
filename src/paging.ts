// One paging mechanism for every vendor: a walker that asks for one page at a time, and a style per vendor
// saying where a listing starts, where a page keeps its items and how to ask for the next page.
//
//   Vercel   `cursor` in, `nextCursor` out                  (vercelStyle)
//   NAVER    `page` in (from 1), `next` out                 (naverStyle)
//   Huawei   `offset`/`limit` in, `total_num` out           (huaweiStyle)
//   Gcore    one page, `{count, results}`                    (gcoreStyle)
//
// The walker does not trust the vendor: a cursor that comes back, a page whose items are those of the
// page before (a server ignoring `offset` or `page`) and more pages than `maxPages` each end the walk with
// a typed ApiError (code PAGE_REPEATED or PAGE_LIMIT) instead of a loop or silent duplicates. Every page is
// one call of the caller's `request`, i.e. one client call: retries, timeouts and per-attempt signing are
// the client's. The caller's signal goes to every request and is checked between pages. Memory: the page
// in hand, the previous page's items as JSON (to spot a repeat) and the positions seen (at most maxPages).
import { bodyOrThrow, parseJsonBody, type FetchOutcome } from './body.js';
import { ApiError, ValidationError } from './errors.js';
import { obj } from './summary/read.js';
import type { Vendor } from './types.js';

/** Error code: the vendor sent a page again (a cursor that came back, or the previous page's items). */
export const PAGE_REPEATED = 'PAGE_REPEATED';
/** Error code: `maxPages` pages were read and the vendor still announced more. */
export const PAGE_LIMIT = 'PAGE_LIMIT';
/** Pages per listing before a PAGE_LIMIT error, unless `maxPages` says otherwise. */
export const DEFAULT_MAX_PAGES = 1000;

/** How one vendor pages. `Position` identifies a page in a request (a cursor, a page number, an offset). */
export interface PagingStyle<Position, Body = unknown, Item = unknown> {
  /** The first page's position. */
  readonly first: Position;
  /** The array holding a page's items (anything else: no items). */
  list(body: Body): readonly unknown[];
  /** The next page's position, or `undefined` when `body` was the last page. `received`: the list's length. */
  next(body: Body, position: Position, received: number): Position | undefined;
  /** The position in words, for errors and for spotting a position that comes back. */
  describe(position: Position): string;
  /** Phantom: the item type the style yields (never read). */
  readonly item?: Item;
}

/** One page as received. `items` are the list's entries that are objects. */
export interface Page<Body, Item, Position> {
  body: Body;
  items: Item[];
  position: Position;
  /** 0 for the first page of the walk. */
  index: number;
  response: Response;
}

/** One request for one page, through a client: its `{ data, error, response }` with `parseAs: 'arrayBuffer'`. */
export type PageRequest<Position> = (position: Position, signal: AbortSignal | null) => Promise<FetchOutcome>;

export interface WalkOptions {
  vendor: Vendor;
  /** The listing's operation, as named in errors (`GET /v2/repositories`). */
  operation: string;
  /** Aborts the walk: passed to every request and checked between pages; its reason is thrown. */
  signal?: AbortSignal | undefined;
  /** Most pages read before a PAGE_LIMIT error (default {@link DEFAULT_MAX_PAGES}). */
  maxPages?: number | undefined;
}

/**
 * Every page of a listing, in order, one request at a time. Throws the typed ApiError of a failing page, a
 * PAGE_REPEATED or PAGE_LIMIT ApiError (nothing of the offending page is yielded), and a ValidationError
 * for an unusable `maxPages` before anything is sent.
 */
export async function* walkPages<Position, Body, Item>(
  style: PagingStyle<Position, Body, Item>,
  request: PageRequest<Position>,
  options: WalkOptions,
): AsyncGenerator<Page<Body, Item, Position>, void, undefined> {
  const { vendor, operation, signal } = options;
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  requireCount(vendor, operation, 'maxPages', maxPages, 1);
  const seen = new Set<string>([style.describe(style.first)]);
  let position = style.first;
  let previous: string | undefined;
  for (let index = 0; ; index++) {
    signal?.throwIfAborted();
    const received = bodyOrThrow(vendor, operation, await request(position, signal ?? null));
    const body = parseJsonBody(vendor, operation, received) as Body;
    const list = style.list(body);
    const content = list.length === 0 ? undefined : JSON.stringify(list);
    if (content !== undefined && content === previous) {
      throw pagingError(options, PAGE_REPEATED, index + 1, `The page at ${style.describe(position)} repeats the previous page's items: the vendor ignored the paging parameters. Stopped instead of listing the same images again.`);
    }
    previous = content;
    const items = list.filter((entry) => obj(entry) !== undefined) as Item[];
    yield { body, items, position, index, response: received.response };

    const next = style.next(body, position, list.length);
    if (next === undefined) return;
    const key = style.describe(next);
    if (seen.has(key)) {
      throw pagingError(options, PAGE_REPEATED, index + 1, `The vendor pointed back to ${key}, which was already read. Stopped instead of looping.`);
    }
    if (index + 1 === maxPages) {
      throw pagingError(options, PAGE_LIMIT, index + 1, `Stopped after ${maxPages} pages: the vendor still announces more (next: ${key}). Raise maxPages to read further.`);
    }
    seen.add(key);
    position = next;
  }
}

/** Every item of every page, in order (one page in memory at a time). */
export async function* pageItems<Item>(pages: AsyncIterable<Page<unknown, Item, unknown>>): AsyncGenerator<Item, void, undefined> {
  for await (const page of pages) yield* page.items;
}

// ---------------------------------------------------------------------------------------------------------
// The vendors' styles

/**
 * Vercel: no cursor on the first request, then the `nextCursor` of each page until a page has none.
 * `listKey`: `repositories`, `images` or `tags`.
 */
export function vercelStyle<Body, Item>(listKey: string): PagingStyle<string | undefined, Body, Item> {
  return {
    first: undefined,
    list: (body) => arrayAt(body, listKey),
    next: (body) => nonEmptyString(obj(body)?.['nextCursor']),
    describe: (cursor) => (cursor === undefined ? 'the first page' : `cursor "${cursor}"`),
  };
}

/**
 * NAVER NCR: `page` from 1, `{ count, next, previous, results }`; the next page exists while `next` is a
 * non-empty link and the page had results.
 */
export function naverStyle<Body, Item>(): PagingStyle<number, Body, Item> {
  return {
    first: 1,
    list: (body) => arrayAt(body, 'results'),
    // `next` is the next page's number (NAVER's documented shape); a non-empty string is followed as page + 1.
    next: (body, page, received) => {
      const next = obj(body)?.['next'];
      if (received === 0) return undefined;
      if (typeof next === 'number') return Number.isSafeInteger(next) && next >= 1 ? next : undefined;
      return nonEmptyString(next) !== undefined ? page + 1 : undefined;
    },
    describe: (page) => `page ${page}`,
  };
}

/**
 * Huawei HSS: `offset`/`limit`, `{ total_num, data_list }`. The offset advances by the entries received (a
 * server that caps the page size below `limit` is followed, not skipped over). The walk ends at the first
 * empty page whatever `total_num` says; once `total_num` entries are in when the total is consistent with
 * what arrived; and otherwise (no usable total, or a total already exceeded) at the first short page.
 */
export function huaweiStyle<Body, Item>(start: number, limit: number): PagingStyle<number, Body, Item> {
  return {
    first: start,
    list: (body) => arrayAt(body, 'data_list'),
    next: (body, offset, received) => {
      if (received === 0) return undefined;
      const reached = offset + received;
      const total = count(obj(body)?.['total_num']);
      if (total !== undefined && reached <= total) return reached === total ? undefined : reached;
      return received < limit ? undefined : reached;
    },
    describe: (offset) => `offset ${offset}`,
  };
}

/** Gcore Cloud: one page, `{ count, results }`. */
export function gcoreStyle<Body, Item>(): PagingStyle<null, Body, Item> {
  return {
    first: null,
    list: (body) => arrayAt(body, 'results'),
    next: () => undefined,
    describe: () => 'the only page',
  };
}

// ---------------------------------------------------------------------------------------------------------

/** @internal A count parameter (limit, offset, pageSize, maxPages) checked before anything is sent. */
export function requireCount(vendor: Vendor, operation: string, name: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new ValidationError({
      vendor,
      operation,
      field: name,
      message: `Invalid ${name} ${String(value)}: must be an integer >= ${min}. Nothing was sent.`,
    });
  }
}

function pagingError(options: WalkOptions, code: string, pages: number, message: string): ApiError {
  return new ApiError({ vendor: options.vendor, operation: options.operation, code, message, attempts: pages });
}

function arrayAt(body: unknown, key: string): readonly unknown[] {
  const value = obj(body)?.[key];
  return Array.isArray(value) ? value : [];
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
