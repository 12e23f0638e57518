// One paging mechanism for every vendor: a walker that asks for one page at a time, and a style per vendor
// saying where a listing starts, which key of a page holds its items, how to ask for the next page, what
// total the vendor states and what identifies an item.
//
//   Vercel   `cursor` in, `nextCursor` out                                  (vercelStyle)
//   NAVER    `page` in (from 1), `next` out: the NUMBER of the next page    (naverStyle)
//   Huawei   `offset`/`limit` in, `total_num` the total                     (huaweiStyle)
//   Gcore    `offset`/`limit` in, `count` the total                         (gcoreStyle)
//
// Exact or loud. The walker yields every item once, or throws a typed error after what it yielded:
// - a page that is not the spec's shape (not an object, the list key missing or not an array, an item that
//   is not an object, a paging field of the wrong type) is a ResponseParseError (`reason: 'unexpected-shape'`);
// - an item seen before in this listing (same identity) is not yielded again; a page made only of such items
//   (a server ignoring the position) and a position that comes back are PAGE_REPEATED; more than `maxPages`
//   pages is PAGE_LIMIT;
// - where the vendor states a total, a walk that ends with a different number of items, or whose total
//   changed between pages, is a ListingIncompleteError (LISTING_INCOMPLETE) naming both numbers.
// Every page is one call of the caller's `request`, i.e. one client call: retries, timeouts and per-attempt
// signing are the client's. The caller's signal goes to every request and is checked between pages.
// Memory: the page in hand, the identities of the items of this listing, and the positions read (at most
// maxPages).
import { bodyOrThrow, parseJsonBody, shapeError, type FetchOutcome } from './body.js';
import { ApiError, ListingIncompleteError, ValidationError } from './errors.js';
import { obj, str } from './summary/read.js';
import type { Vendor } from './types.js';

/** Error code: the vendor sent a page again (a position that came back, or only items already listed). */
export const PAGE_REPEATED = 'PAGE_REPEATED';
/** Error code: `maxPages` pages were read and the vendor still announced more. */
export const PAGE_LIMIT = 'PAGE_LIMIT';
/** Error code of a {@link ListingIncompleteError}: the items received differ from the vendor's stated total. */
export const LISTING_INCOMPLETE = 'LISTING_INCOMPLETE';
/** Pages per listing before a PAGE_LIMIT error, unless `maxPages` says otherwise. */
export const DEFAULT_MAX_PAGES = 1000;

/** The keys of `Body` whose value is an array: where a page can keep its items. */
export type ListKey<Body> = { [K in keyof Body]-?: NonNullable<Body[K]> extends readonly unknown[] ? K : never }[keyof Body] & string;
/** The item type of the array at `Body[K]`. */
export type ItemOf<Body, K extends keyof Body> = NonNullable<Body[K]> extends readonly (infer I)[] ? I : never;

/**
 * How one vendor pages. `Position` identifies a page in a request (a cursor, a page number, an offset).
 * `next` and `total` read the page as its generated type says; a value of another type at run time is
 * reported by throwing {@link PageShapeProblem}.
 */
export interface PagingStyle<Position, Body, Item> {
  /** The first page's position. */
  readonly first: Position;
  /** The key of the page body that holds its items. */
  readonly listKey: string;
  /** The next page's position, or `undefined` when `body` was the last page. `received`: items on this page. */
  next(body: Body, position: Position, received: number): Position | undefined;
  /** The number of items of the whole listing, as the vendor states it on this page, if it does. */
  total(body: Body): number | undefined;
  /** What identifies an item within this listing (`undefined`: nothing usable; the item is always yielded). */
  identity(item: Item): string | undefined;
  /** The position in words, for errors and for spotting a position that comes back. */
  describe(position: Position): string;
}

/** One page as received. `items` are the page's items not listed before in this walk. */
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

/** Thrown by a style's `next` or `total` for a paging field of the wrong type; the walker reports it as a parse error. */
export class PageShapeProblem extends Error {}

/**
 * Every page of a listing, in order, one request at a time, each item once. Throws the typed ApiError of a
 * failing page, a ResponseParseError for a page of the wrong shape, PAGE_REPEATED or PAGE_LIMIT (nothing of
 * the offending page is yielded), a ListingIncompleteError at the end of a walk that does not add up to the
 * vendor's total, and a ValidationError for an unusable `maxPages` before anything is sent.
 */
export async function* walkPages<Position, Body, Item>(
  style: PagingStyle<Position, Body, Item>,
  request: PageRequest<Position>,
  options: WalkOptions,
): AsyncGenerator<Page<Body, Item, Position>, void, undefined> {
  const { vendor, operation, signal } = options;
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  requireCount(vendor, operation, 'maxPages', maxPages, 1);
  const positions = new Set<string>([style.describe(style.first)]);
  const identities = new Set<string>();
  const tally: Tally = { received: 0, duplicates: 0, totals: [] };
  let position = style.first;
  for (let index = 0; ; index++) {
    signal?.throwIfAborted();
    const received = bodyOrThrow(vendor, operation, await request(position, signal ?? null));
    const where = style.describe(position);
    const shapeProblem = (problem: string) => shapeError(vendor, operation, received.response, index + 1, `The page at ${where} ${problem}.`);
    const body = parseJsonBody(vendor, operation, received) as Body;
    const list = listOf(body, style.listKey, shapeProblem);
    const read = <T>(field: () => T): T => {
      try {
        return field();
      } catch (problem) {
        throw problem instanceof PageShapeProblem ? shapeProblem(problem.message) : problem;
      }
    };
    countTotal(tally, read(() => style.total(body)));
    const items: Item[] = [];
    for (const item of list as Item[]) {
      const key = style.identity(item);
      if (key !== undefined && identities.has(key)) {
        tally.duplicates++;
        continue;
      }
      if (key !== undefined) identities.add(key);
      items.push(item);
    }
    if (list.length > 0 && items.length === 0) {
      throw pagingError(options, PAGE_REPEATED, index + 1, `Every item of the page at ${where} was listed before: the vendor ignored the paging parameters. Stopped instead of listing the same images again.`);
    }
    const next = list.length === 0 ? undefined : read(() => style.next(body, position, list.length));
    tally.received += items.length;
    yield { body, items, position, index, response: received.response };

    if (next === undefined) return checkComplete(options, tally, index + 1);
    const key = style.describe(next);
    if (positions.has(key)) {
      throw pagingError(options, PAGE_REPEATED, index + 1, `The vendor pointed back to ${key}, which was already read. Stopped instead of looping.`);
    }
    if (index + 1 === maxPages) {
      throw pagingError(options, PAGE_LIMIT, index + 1, `Stopped after ${maxPages} pages: the vendor still announces more (next: ${key}). Raise maxPages to read further.`);
    }
    positions.add(key);
    position = next;
  }
}

/** Every item of every page, in order (one page in memory at a time). */
export async function* pageItems<Item>(pages: AsyncIterable<Page<unknown, Item, unknown>>): AsyncGenerator<Item, void, undefined> {
  for await (const page of pages) yield* page.items;
}

// ---------------------------------------------------------------------------------------------------------
// The vendors' styles

/** Vercel: no cursor on the first request, then the `nextCursor` of each page until a page has none. */
export function vercelStyle<Body extends { nextCursor?: string | undefined }, K extends ListKey<Body>>(
  listKey: K,
  identity: (item: ItemOf<Body, K>) => string | undefined,
): PagingStyle<string | undefined, Body, ItemOf<Body, K>> {
  return {
    first: undefined,
    listKey,
    next: (body) => {
      const cursor = body.nextCursor;
      if (cursor === undefined || cursor === null) return undefined;
      if (typeof cursor !== 'string') throw new PageShapeProblem('has a `nextCursor` that is not a string');
      return cursor === '' ? undefined : cursor;
    },
    total: () => undefined,
    identity,
    describe: (cursor) => (cursor === undefined ? 'the first page' : `cursor "${cursor}"`),
  };
}

/**
 * NAVER NCR: `page` from 1, `{ count, next, previous, results }`, where `next` is the number of the next page
 * (null on the last) and `count` the total of the listing.
 */
export function naverStyle<Body extends { count?: number | undefined; next?: number | null | undefined }, K extends ListKey<Body>>(
  listKey: K,
  identity: (item: ItemOf<Body, K>) => string | undefined,
): PagingStyle<number, Body, ItemOf<Body, K>> {
  return {
    first: 1,
    listKey,
    next: (body, page) => {
      const next = nextPageNumber(body.next);
      if (next !== undefined && next !== page + 1) throw new PageShapeProblem(`says the next page is ${next}, not ${page + 1}`);
      return next;
    },
    total: (body) => stated(body.count, 'count'),
    identity,
    describe: (page) => `page ${page}`,
  };
}

/**
 * Huawei HSS: `offset`/`limit`, `{ total_num, data_list }`. The offset advances by the entries received (a
 * server that caps the page size below `limit` is followed, not skipped over); the walk ends once `total_num`
 * entries are in, or, without a total, at the first empty page.
 */
export function huaweiStyle<Body extends { total_num?: number | undefined }, K extends ListKey<Body>>(
  listKey: K,
  identity: (item: ItemOf<Body, K>) => string | undefined,
  start = 0,
): PagingStyle<number, Body, ItemOf<Body, K>> {
  return offsetStyle(listKey, identity, start, (body) => stated(body.total_num, 'total_num'));
}

/** Gcore Cloud: `offset`/`limit`, `{ count, results }`, `count` the total; the offset advances as for Huawei. */
export function gcoreStyle<Body extends { count?: number | undefined }, K extends ListKey<Body>>(
  listKey: K,
  identity: (item: ItemOf<Body, K>) => string | undefined,
  start = 0,
): PagingStyle<number, Body, ItemOf<Body, K>> {
  return offsetStyle(listKey, identity, start, (body) => stated(body.count, 'count'));
}

/** `total`: the listing's total as stated; a walk from offset `start` expects that total less `start`. */
function offsetStyle<Body, Item>(listKey: string, identity: (item: Item) => string | undefined, start: number, total: (body: Body) => number | undefined): PagingStyle<number, Body, Item> {
  return {
    first: start,
    listKey,
    next: (body, offset, received) => {
      const reached = offset + received;
      const all = total(body);
      return all !== undefined && reached >= all ? undefined : reached;
    },
    total: (body) => {
      const all = total(body);
      return all === undefined ? undefined : Math.max(0, all - start);
    },
    identity,
    describe: (offset) => `offset ${offset}`,
  };
}

/**
 * An identity for a style, made of an item's flat fields (strings or numbers: nothing nested is read);
 * `undefined` when none of them is set.
 */
export function identityOf(...fields: unknown[]): string | undefined {
  const parts = fields.map((field) => str(field));
  return parts.every((part) => part === null) ? undefined : JSON.stringify(parts);
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

/** What a walk has counted so far, for the completeness check. */
interface Tally {
  /** Items yielded (each identity once). */
  received: number;
  /** Items skipped as listed before. */
  duplicates: number;
  /** Every different total stated, in order (the first is the listing's; more than one: it changed while it was read). */
  totals: number[];
}

function countTotal(tally: Tally, total: number | undefined): void {
  if (total !== undefined && !tally.totals.includes(total)) tally.totals.push(total);
}

function checkComplete(options: WalkOptions, tally: Tally, pages: number): void {
  const { totals, received, duplicates } = tally;
  const total = totals[0];
  if (total === undefined || (totals.length === 1 && received === total)) return;
  const repeated = duplicates === 0 ? '' : ` (${duplicates} repeated ${duplicates === 1 ? 'item' : 'items'} skipped)`;
  const message =
    totals.length > 1
      ? `The listing changed while it was read: its total went ${totals.join(' → ')}; ${received} distinct items were received${repeated}. Images added or removed meanwhile may be missing.`
      : `The vendor states ${total} items, but the listing ended after ${received}${repeated}: ${total > received ? `${total - received} missing` : `${received - total} more than stated`}.`;
  throw new ListingIncompleteError({ vendor: options.vendor, operation: options.operation, code: LISTING_INCOMPLETE, message, attempts: pages, total, received, duplicates });
}

function pagingError(options: WalkOptions, code: string, pages: number, message: string): ApiError {
  return new ApiError({ vendor: options.vendor, operation: options.operation, code, message, attempts: pages });
}

/** The page's items: an array of objects at `listKey`, or a shape error. */
function listOf(body: unknown, listKey: string, problem: (text: string) => Error): readonly unknown[] {
  const page = obj(body);
  if (page === undefined) throw problem(`is not a JSON object (${Array.isArray(body) ? 'an array' : body === null ? 'null' : typeof body})`);
  const list = page[listKey];
  if (list === undefined) throw problem(`has no \`${listKey}\``);
  if (!Array.isArray(list)) throw problem(`has a \`${listKey}\` that is not an array`);
  for (let i = 0; i < list.length; i++) {
    if (obj(list[i]) === undefined) throw problem(`has an item ${i + 1} of \`${listKey}\` that is not an object`);
  }
  return list;
}

/** A stated total: absent or null is none; anything but a non-negative integer is a shape problem. */
function stated(value: number | null | undefined, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new PageShapeProblem(`has a \`${name}\` that is not a count`);
  return value;
}

/**
 * NAVER's `next`: the next page's number, or null/absent on the last page. Tolerated beside the spec, here
 * only: a link carrying `page=` (what a gateway in front of a paginated Django-style API may send instead
 * of the number), read as that page number.
 */
function nextPageNumber(value: number | null | undefined): number | undefined {
  if (value === undefined || value === null) return undefined;
  const raw: unknown = value;
  const number = typeof raw === 'string' ? pageOfLink(raw) : raw;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1) throw new PageShapeProblem('has a `next` that is not a page number');
  return number;
}

function pageOfLink(link: string): number | undefined {
  const match = /[?&]page=(\d{1,9})(?:&|#|$)/.exec(link);
  return match === null ? undefined : Number(match[1]);
}
