// The paging walker (src/paging.ts) in each vendor's style, against a local HTTP server, through a real
// client (openapi-fetch over the shared transport: retries, timeouts and aborts are the client's).
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/client.js';
import {
  DEFAULT_MAX_PAGES,
  gcoreStyle,
  huaweiStyle,
  identityOf,
  naverStyle,
  pageItems,
  vercelStyle,
  walkPages,
  type PagingStyle,
  type PageRequest,
} from '../../src/paging.js';
import { startPagingServer, type Listing, type PagingServer } from '../support/paging-server.js';
import { gcoreImage } from '../support/vendor-bodies.js';

type Query = { cursor?: string; limit?: number; page?: number; pagesize?: number; offset?: number };
type ListOperation = { get: { parameters: { query?: Query }; responses: { 200: { content: { 'application/json': unknown } } } } };

// Each mode is served at its vendor's own listing operation, with items valid there (the fake's answers are
// checked against the vendor's spec); `n` (an extra property every schema allows) numbers the items.
const LISTINGS = {
  cursor: {
    path: '/v1/vcr/repository/repo-a/images',
    item: (n: number) => ({ n, id: `img_${n}`, repositoryId: 'repo_a', manifestDigest: `sha256:${n.toString(16).padStart(64, '0')}`, kind: 'manifest', sizeInBytes: 1000, status: 'ready', tags: [], createdAt: '2026-06-30T10:00:00.000Z' }),
  },
  page: { path: '/v2/repositories/registry-a', item: (n: number) => ({ n, name: `team/app-${n}`, namespace: 'registry-a', last_updated: 1711928488000 }) },
  offset: { path: '/v5/project-a/image/registries/images', item: (n: number) => ({ n, id: n, image_id: `hw-${n}`, image_name: 'app', image_version: `v${n}` }) },
  single: { path: '/cloud/v1/projectimages/1/7', item: (n: number) => gcoreImage({ n, id: `gcore-image-${n}`, name: `image-${n}` }) },
} as const;

type TestPaths = { [P in (typeof LISTINGS)[keyof typeof LISTINGS]['path']]: ListOperation };

interface Item {
  n: number;
}
const item = (n: number): Item => ({ n });
const itemIdentity = (i: Item) => identityOf(i.n);

// The page bodies of each style, as the generated vendor types have them (the walker reads typed fields).
type CursorBody = { images?: Item[]; nextCursor?: string };
type PageBody = { count?: number; next?: number | null; results?: Item[] };
type OffsetBody = { total_num?: number; data_list?: Item[] };
type CountBody = { count?: number; results?: Item[] };
const cursor = () => vercelStyle<CursorBody, 'images'>('images', itemIdentity);
const pages = () => naverStyle<PageBody, 'results'>('results', itemIdentity);
const offsets = () => huaweiStyle<OffsetBody, 'data_list'>('data_list', itemIdentity);
const counted = () => gcoreStyle<CountBody, 'results'>('results', itemIdentity);

let server: PagingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(listing: Omit<Listing, 'item'>) {
  const { path, item: vendorItem } = LISTINGS[listing.mode];
  server = await startPagingServer((p) => (p === path ? { item: vendorItem, ...listing } : undefined));
  const client = createApiClient<TestPaths>({ vendor: 'gcore', baseUrl: server.url, secrets: [], retries: 2, sleep: async () => {}, throwOnError: true });
  const get = (query: Query, signal: AbortSignal | null) => client.GET(path, { params: { query }, parseAs: 'arrayBuffer', signal });
  return { client, get, requests: () => server!.requestsTo(path) };
}

/** The requests' values of one query parameter, in order. */
function sent(requests: { query: URLSearchParams }[], name: string) {
  return requests.map((r) => r.query.get(name));
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}

/** Collects until the walk throws; resolves to what was yielded and the error. */
async function collectUntilError<T>(items: AsyncIterable<T>): Promise<{ seen: T[]; error: unknown }> {
  const seen: T[] = [];
  try {
    for await (const x of items) seen.push(x);
  } catch (error) {
    return { seen, error };
  }
  throw new Error(`the walk ended without an error after ${seen.length} items`);
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => item(from + i));
const OP = { vendor: 'gcore', operation: 'GET /list' } as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
/** The walk's items, each as its number (`{ n }`): what the assertions compare. */
async function* walk<P>(style: PagingStyle<P, any, Item>, request: PageRequest<P>, options: { maxPages?: number; signal?: AbortSignal } = {}) {
  for await (const x of pageItems(walkPages(style, request, { ...OP, ...options }))) yield item(x.n);
}

// One request function per style, as list-images builds them.
const cursorRequest = (get: Awaited<ReturnType<typeof serve>>['get'], limit?: number): PageRequest<string | undefined> => (cursor, signal) =>
  get({ ...(cursor !== undefined && { cursor }), ...(limit !== undefined && { limit }) }, signal);
const pageRequest = (get: Awaited<ReturnType<typeof serve>>['get'], pagesize: number): PageRequest<number> => (page, signal) => get({ page, pagesize }, signal);
const offsetRequest = (get: Awaited<ReturnType<typeof serve>>['get'], limit: number): PageRequest<number> => (offset, signal) => get({ offset, limit }, signal);

/**
 * Scripted pages (no server: the walker's own checks are under test; those off the specs say so): the
 * request returns `bodies[i]` as the i-th page's JSON text, whatever the position.
 */
function scriptedPages(...bodies: string[]): PageRequest<unknown> & { calls: unknown[] } {
  const calls: unknown[] = [];
  const request = async (position: unknown) => {
    calls.push(position);
    const text = bodies[Math.min(calls.length - 1, bodies.length - 1)] as string;
    const bytes = new TextEncoder().encode(text);
    return { data: bytes.buffer, response: new Response(bytes, { status: 200, headers: { 'content-type': 'application/json' } }) };
  };
  return Object.assign(request, { calls });
}
const json = (value: unknown) => JSON.stringify(value);

describe('Vercel style (cursor → nextCursor)', () => {
  it('several pages: every item once, cursors followed', async () => {
    const { get, requests } = await serve({ mode: 'cursor', listKey: 'images', count: 25 });
    expect(await collect(walk(cursor(), cursorRequest(get, 10)))).toEqual(range(0, 25));
    expect(sent(requests(), 'cursor')).toEqual([null, 'c10', 'c20']);
  });

  it('empty listing: one request, nothing yielded', async () => {
    const { get, requests } = await serve({ mode: 'cursor', listKey: 'images', count: 0 });
    expect(await collect(walk(cursor(), cursorRequest(get)))).toEqual([]);
    expect(requests()).toHaveLength(1);
  });

  it('last page exactly full: ends where nextCursor is absent, no extra request', async () => {
    const { get, requests } = await serve({ mode: 'cursor', listKey: 'images', count: 20 });
    expect(await collect(walk(cursor(), cursorRequest(get, 10)))).toEqual(range(0, 20));
    expect(requests()).toHaveLength(2);
  });

  it('short pages (the server caps the page size): followed by cursor, nothing skipped', async () => {
    const { get } = await serve({ mode: 'cursor', listKey: 'images', count: 23, cap: 4 });
    expect(await collect(walk(cursor(), cursorRequest(get, 10)))).toEqual(range(0, 23));
  });

  it('a cursor that comes back: PAGE_REPEATED, the repeated page is not read', async () => {
    const { get, requests } = await serve({ mode: 'cursor', listKey: 'images', count: 100, loopFromPage: 2 });
    const { seen, error } = await collectUntilError(walk(cursor(), cursorRequest(get, 10)));
    expect(error).toMatchObject({ name: 'ApiError', code: 'PAGE_REPEATED', vendor: 'gcore', operation: 'GET /list' });
    expect(String((error as Error).message)).toContain('cursor "c10"');
    expect(seen).toEqual(range(0, 30));
    expect(requests()).toHaveLength(3);
  });

  it('a server that ignores the cursor: PAGE_REPEATED after the first page, no item twice', async () => {
    const { get, requests } = await serve({ mode: 'cursor', listKey: 'images', count: 100, ignorePosition: true });
    const { seen, error } = await collectUntilError(walk(cursor(), cursorRequest(get, 10)));
    expect(error).toMatchObject({ code: 'PAGE_REPEATED' });
    expect(seen).toEqual(range(0, 10));
    expect(requests().length).toBeLessThanOrEqual(2);
  });

  it('endless new cursors: PAGE_LIMIT after maxPages requests', async () => {
    const { get, requests } = await serve({ mode: 'cursor', listKey: 'images', count: 10_000_000 });
    const { seen, error } = await collectUntilError(walk(cursor(), cursorRequest(get, 2), { maxPages: 4 }));
    expect(error).toMatchObject({ name: 'ApiError', code: 'PAGE_LIMIT', attempts: 4 });
    expect(seen).toEqual(range(0, 8));
    expect(requests()).toHaveLength(4);
  });

  it('pages alternating between two sets of items: PAGE_REPEATED at the first page of nothing new, each item once', async () => {
    const a = json({ images: range(0, 5), nextCursor: 'b' });
    const b = json({ images: range(5, 10), nextCursor: 'a' });
    const request = scriptedPages(a, b, a, b);
    const { seen, error } = await collectUntilError(walk(cursor(), request));
    expect(error).toMatchObject({ code: 'PAGE_REPEATED' });
    expect(seen).toEqual(range(0, 10));
    expect(request.calls).toHaveLength(3);
  });

  it('off-spec: a `nextCursor` that is not a string is a parse error (unexpected-shape), not the end', async () => {
    const { seen, error } = await collectUntilError(walk(cursor(), scriptedPages(json({ images: range(0, 2), nextCursor: 7 }))));
    expect(error).toMatchObject({ name: 'ResponseParseError', kind: 'parse', reason: 'unexpected-shape' });
    expect(String((error as Error).message)).toContain('`nextCursor`');
    expect(seen).toEqual([]);
  });
});

describe('NAVER style (page + next: the next page number)', () => {
  it('several pages, the last one short; `next` is the number of the next page', async () => {
    const { get, requests } = await serve({ mode: 'page', listKey: 'results', count: 23 });
    expect(await collect(walk(pages(), pageRequest(get, 10)))).toEqual(range(0, 23));
    expect(sent(requests(), 'page')).toEqual(['1', '2', '3']);
  });

  it('450 items in pages of 100 (the spec: `next` an integer, `count` the total): 5 requests, each item once', async () => {
    const page = (n: number) => json({ count: 450, next: n < 5 ? n + 1 : null, previous: n > 1 ? n - 1 : null, results: range((n - 1) * 100, Math.min(n * 100, 450)) });
    const request = scriptedPages(page(1), page(2), page(3), page(4), page(5));
    expect(await collect(walk(pages(), request))).toEqual(range(0, 450));
    expect(request.calls).toEqual([1, 2, 3, 4, 5]);
  });

  it('empty listing: one request', async () => {
    const { get, requests } = await serve({ mode: 'page', listKey: 'results', count: 0 });
    expect(await collect(walk(pages(), pageRequest(get, 10)))).toEqual([]);
    expect(requests()).toHaveLength(1);
  });

  it('last page exactly full: `next` is null there, no extra request', async () => {
    const { get, requests } = await serve({ mode: 'page', listKey: 'results', count: 30 });
    expect(await collect(walk(pages(), pageRequest(get, 10)))).toEqual(range(0, 30));
    expect(requests()).toHaveLength(3);
  });

  it('`count` above what arrived: LISTING_INCOMPLETE after every item received, with both numbers', async () => {
    const { get } = await serve({ mode: 'page', listKey: 'results', count: 15, total: 1000 });
    const { seen, error } = await collectUntilError(walk(pages(), pageRequest(get, 10)));
    expect(seen).toEqual(range(0, 15));
    expect(error).toMatchObject({ name: 'ListingIncompleteError', kind: 'incomplete', code: 'LISTING_INCOMPLETE', total: 1000, received: 15 });
    expect(String((error as Error).message)).toContain('985 missing');
  });

  it('`next: null` after page 1 while `count` says 300: LISTING_INCOMPLETE (100 of 300)', async () => {
    const request = scriptedPages(json({ count: 300, next: null, previous: null, results: range(0, 100) }));
    const { seen, error } = await collectUntilError(walk(pages(), request));
    expect(seen).toHaveLength(100);
    expect(error).toMatchObject({ code: 'LISTING_INCOMPLETE', total: 300, received: 100 });
  });

  it('`count` below what arrived: LISTING_INCOMPLETE too; no `count`: `next` decides alone', async () => {
    const low = await serve({ mode: 'page', listKey: 'results', count: 15, total: 3 });
    expect((await collectUntilError(walk(pages(), pageRequest(low.get, 10)))).error).toMatchObject({ code: 'LISTING_INCOMPLETE', total: 3, received: 15 });
    await server?.close();
    const none = await serve({ mode: 'page', listKey: 'results', count: 15, total: null });
    expect(await collect(walk(pages(), pageRequest(none.get, 10)))).toEqual(range(0, 15));
  });

  it('a server that ignores `page` (always page 1, `next` set): PAGE_REPEATED, no item twice', async () => {
    const { get, requests } = await serve({ mode: 'page', listKey: 'results', count: 50, ignorePosition: true });
    const { seen, error } = await collectUntilError(walk(pages(), pageRequest(get, 10)));
    expect(error).toMatchObject({ name: 'ApiError', code: 'PAGE_REPEATED' });
    expect(String((error as Error).message)).toContain('page 2');
    expect(seen).toEqual(range(0, 10));
    expect(requests()).toHaveLength(2);
  });

  it('an empty page whose `next` is still set ends the walk', async () => {
    const { get, requests } = await serve({ mode: 'page', listKey: 'results', count: 10, endless: true });
    expect(await collect(walk(pages(), pageRequest(get, 10)))).toEqual(range(0, 10));
    expect(requests()).toHaveLength(2);
  });

  it('tolerated beside the spec: a `next` link carrying `page=` is read as that page number', async () => {
    const request = scriptedPages(json({ count: 4, next: 'https://gw.example/v2/repositories?page=2&pagesize=2', results: range(0, 2) }), json({ count: 4, next: null, results: range(2, 4) }));
    expect(await collect(walk(pages(), request))).toEqual(range(0, 4));
    expect(request.calls).toEqual([1, 2]);
  });

  it.each([
    ['a link without a page number', 'https://gw.example/v2/repositories?cursor=x'],
    ['a page that is not the next one', 5],
    ['a fraction', 2.5],
    ['an object', { page: 2 }],
  ])('off-spec `next` (%s): a parse error after nothing of that page', async (_what, next) => {
    const { seen, error } = await collectUntilError(walk(pages(), scriptedPages(json({ count: 20, next, results: range(0, 10) }))));
    expect(error).toMatchObject({ kind: 'parse', reason: 'unexpected-shape' });
    expect(seen).toEqual([]);
  });
});

describe('Huawei style (offset/limit, total_num)', () => {
  it('several pages stop at total_num; an exact multiple needs no extra request', async () => {
    const { get, requests } = await serve({ mode: 'offset', listKey: 'data_list', count: 30 });
    expect(await collect(walk(offsets(), offsetRequest(get, 10)))).toEqual(range(0, 30));
    expect(sent(requests(), 'offset')).toEqual(['0', '10', '20']);
  });

  it('empty listing: one request', async () => {
    const { get, requests } = await serve({ mode: 'offset', listKey: 'data_list', count: 0 });
    expect(await collect(walk(offsets(), offsetRequest(get, 10)))).toEqual([]);
    expect(requests()).toHaveLength(1);
  });

  it('short pages (a capped page size) are followed while the total says more: offset advances by items received', async () => {
    const { get, requests } = await serve({ mode: 'offset', listKey: 'data_list', count: 23, cap: 4 });
    expect(await collect(walk(offsets(), offsetRequest(get, 10)))).toEqual(range(0, 23));
    expect(sent(requests(), 'offset')).toEqual(['0', '4', '8', '12', '16', '20']);
  });

  it('total_num too high: the first empty page ends the walk with LISTING_INCOMPLETE (25 of 1000)', async () => {
    const { get, requests } = await serve({ mode: 'offset', listKey: 'data_list', count: 25, total: 1000 });
    const { seen, error } = await collectUntilError(walk(offsets(), offsetRequest(get, 10)));
    expect(seen).toEqual(range(0, 25));
    expect(error).toMatchObject({ code: 'LISTING_INCOMPLETE', total: 1000, received: 25 });
    expect(sent(requests(), 'offset')).toEqual(['0', '10', '20', '25']);
  });

  it('total_num too low: LISTING_INCOMPLETE once it is reached (more than stated)', async () => {
    const { get, requests } = await serve({ mode: 'offset', listKey: 'data_list', count: 25, total: 4 });
    const { error } = await collectUntilError(walk(offsets(), offsetRequest(get, 10)));
    expect(error).toMatchObject({ code: 'LISTING_INCOMPLETE', total: 4, received: 10 });
    expect(requests()).toHaveLength(1);
  });

  it('no total_num: pages are read until an empty one, whatever their size (a server capping pages at 50 of 1000)', async () => {
    const { get, requests } = await serve({ mode: 'offset', listKey: 'data_list', count: 1000, total: null, cap: 50 });
    expect(await collect(walk(offsets(), offsetRequest(get, 200)))).toEqual(range(0, 1000));
    expect(requests()).toHaveLength(21);
  });

  it('a server that ignores offset but reports total_num 3: PAGE_REPEATED, the entry is yielded once', async () => {
    const { get, requests } = await serve({ mode: 'offset', listKey: 'data_list', count: 1, total: 3, ignorePosition: true });
    const { seen, error } = await collectUntilError(walk(offsets(), offsetRequest(get, 10)));
    expect(error).toMatchObject({ name: 'ApiError', code: 'PAGE_REPEATED' });
    expect(seen).toEqual([item(0)]);
    expect(requests()).toHaveLength(2);
  });

  it('an item inserted before the offset mid-walk: the shifted item is yielded once, then LISTING_INCOMPLETE (total 30 → 31)', async () => {
    const request = scriptedPages(
      json({ total_num: 30, data_list: range(0, 10) }),
      json({ total_num: 31, data_list: range(9, 19) }),
      json({ total_num: 31, data_list: range(19, 29) }),
      json({ total_num: 31, data_list: range(29, 31) }),
    );
    const { seen, error } = await collectUntilError(walk(offsets(), request));
    expect(seen).toEqual(range(0, 31));
    expect(error).toMatchObject({ code: 'LISTING_INCOMPLETE', total: 30, received: 31, duplicates: 1 });
    expect(String((error as Error).message)).toContain('30 → 31');
  });

  it('an item deleted mid-walk (one is skipped over): LISTING_INCOMPLETE (total 30 → 29)', async () => {
    const request = scriptedPages(json({ total_num: 30, data_list: range(0, 10) }), json({ total_num: 29, data_list: range(11, 21) }), json({ total_num: 29, data_list: range(21, 30) }));
    const { seen, error } = await collectUntilError(walk(offsets(), request));
    expect(seen).toHaveLength(29);
    expect(error).toMatchObject({ code: 'LISTING_INCOMPLETE', total: 30, received: 29 });
  });

  it('PAGE_LIMIT when the listing is longer than maxPages pages', async () => {
    const { get, requests } = await serve({ mode: 'offset', listKey: 'data_list', count: 100 });
    const { seen, error } = await collectUntilError(walk(offsets(), offsetRequest(get, 10), { maxPages: 3 }));
    expect(error).toMatchObject({ code: 'PAGE_LIMIT' });
    expect(seen).toEqual(range(0, 30));
    expect(requests()).toHaveLength(3);
  });
});

describe('Gcore style (offset/limit, count)', () => {
  it('2,500 items in pages of 1,000: 3 requests, stops at `count`', async () => {
    const page = (offset: number) => json({ count: 2500, results: range(offset, Math.min(offset + 1000, 2500)) });
    const request = scriptedPages(page(0), page(1000), page(2000));
    expect(await collect(walk(counted(), request))).toEqual(range(0, 2500));
    expect(request.calls).toEqual([0, 1000, 2000]);
  });

  it('`count: 1000` with 3 results and then nothing: LISTING_INCOMPLETE (3 of 1000)', async () => {
    const request = scriptedPages(json({ count: 1000, results: range(0, 3) }), json({ count: 1000, results: [] }));
    const { seen, error } = await collectUntilError(walk(counted(), request));
    expect(seen).toEqual(range(0, 3));
    expect(error).toMatchObject({ code: 'LISTING_INCOMPLETE', total: 1000, received: 3 });
  });

  it('an older deployment that ignores limit/offset: one page of everything, `count` reached, done', async () => {
    const request = scriptedPages(json({ count: 7, results: range(0, 7) }));
    expect(await collect(walk(counted(), request))).toEqual(range(0, 7));
    expect(request.calls).toHaveLength(1);
  });
});

describe('pages of the wrong shape (off-spec bodies, deliberately): a typed parse error, never an empty page', () => {
  it.each([
    ['an error object in a 200', { error: { code: 'internal', message: 'boom' } }, '`images`'],
    ['the list is not an array', { images: { 0: item(0) } }, 'not an array'],
    ['an item that is not an object', { images: [item(0), 7, item(2)] }, 'item 2'],
    ['null items', { images: [null] }, 'item 1'],
    ['an array body', [item(0)], 'not a JSON object'],
  ])('%s', async (_what, body, words) => {
    const first = json({ images: range(0, 5), nextCursor: 'c5' });
    const { seen, error } = await collectUntilError(walk(cursor(), scriptedPages(first, json(body))));
    expect(error).toMatchObject({ kind: 'parse', reason: 'unexpected-shape', attempts: 2 });
    expect(String((error as Error).message)).toContain(words);
    expect(seen).toEqual(range(0, 5));
  });

  it('a stated total of the wrong type (`total_num: "1000"`) is a parse error', async () => {
    const { error } = await collectUntilError(walk(offsets(), scriptedPages(json({ total_num: '1000', data_list: range(0, 3) }))));
    expect(error).toMatchObject({ kind: 'parse', reason: 'unexpected-shape' });
  });

  it('a page nested 5,000 levels deep: a parse error (too-deep) for that listing, no stack overflow', async () => {
    const deep = `{"images":[{"n":1,"x":${'['.repeat(5000)}${']'.repeat(5000)}}]}`;
    const { error } = await collectUntilError(walk(cursor(), scriptedPages(deep)));
    expect(error).toMatchObject({ name: 'ResponseParseError', reason: 'too-deep' });
  });

  it('the fake serves the `limit`/`offset` window when a request names one (`count` stays the total)', async () => {
    const { get } = await serve({ mode: 'single', listKey: 'results', count: 25 });
    const window = async (query: Query) => JSON.parse(new TextDecoder().decode((await get(query, null)).data)) as { count: number; results: Item[] };
    const all = await window({});
    expect([all.count, all.results.map((r) => r.n)]).toEqual([25, range(0, 25).map((i) => i.n)]);
    const last = await window({ limit: 10, offset: 20 });
    expect([last.count, last.results.map((r) => r.n)]).toEqual([25, [20, 21, 22, 23, 24]]);
    const first = await window({ limit: 10 });
    expect(first.results.map((r) => r.n)).toEqual(range(0, 10).map((i) => i.n));
  });
});

describe('the walk and the client', () => {
  it('a retried page (503, then 200) is read once: every item once', async () => {
    // NAVER documents a 503 (its gateway's ServiceUnavailable) for its listings.
    const { get, requests } = await serve({
      mode: 'page',
      listKey: 'results',
      count: 25,
      faults: { 2: { status: 503, body: { error: { errorCode: '503', message: 'Service Unavailable', details: 'try later' } } } },
    });
    expect(await collect(walk(pages(), pageRequest(get, 10)))).toEqual(range(0, 25));
    expect(requests().map((r) => [r.status, r.query.get('page')])).toEqual([
      [200, '1'],
      [503, '2'],
      [200, '2'],
      [200, '3'],
    ]);
  });

  it('a failing page ends the walk with its typed error after the items already read', async () => {
    const { get } = await serve({
      mode: 'page',
      listKey: 'results',
      count: 30,
      faults: { 2: { status: 404, body: { error: { errorCode: '300', message: 'Not Found Exception', details: 'Request resource not found.' } } } },
    });
    const { seen, error } = await collectUntilError(walk(pages(), pageRequest(get, 10)));
    expect(error).toMatchObject({ name: 'ApiError', kind: 'http', status: 404 });
    expect(seen).toEqual(range(0, 10));
  });

  it('abort between pages: the next page is not requested, the signal’s reason is thrown', async () => {
    const { get, requests } = await serve({ mode: 'cursor', listKey: 'images', count: 50 });
    const controller = new AbortController();
    const seen: Item[] = [];
    await expect(
      (async () => {
        for await (const x of walk(cursor(), cursorRequest(get, 10), { signal: controller.signal })) {
          seen.push(x);
          if (seen.length === 10) controller.abort();
        }
      })(),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual(range(0, 10));
    expect(requests()).toHaveLength(1);
  });

  it('abort while a page is in flight (the server never answers it): the walk rejects with the abort', async () => {
    const { get, requests } = await serve({ mode: 'offset', listKey: 'data_list', count: 50, faults: { 2: 'hang' } });
    const controller = new AbortController();
    const seen: Item[] = [];
    const walking = (async () => {
      for await (const x of walk(offsets(), offsetRequest(get, 10), { signal: controller.signal })) seen.push(x);
    })();
    await expect.poll(() => requests().length).toBe(2);
    controller.abort();
    await expect(walking).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual(range(0, 10));
  });

  it('an aborted signal: nothing is sent', async () => {
    const { get, requests } = await serve({ mode: 'cursor', listKey: 'images', count: 5 });
    await expect(collect(walk(cursor(), cursorRequest(get), { signal: AbortSignal.abort() }))).rejects.toMatchObject({ name: 'AbortError' });
    expect(requests()).toHaveLength(0);
  });

  it.each([0, -1, 1.5, Number.NaN])('maxPages %s: ValidationError, nothing sent', async (maxPages) => {
    const { get, requests } = await serve({ mode: 'cursor', listKey: 'images', count: 5 });
    await expect(collect(walk(cursor(), cursorRequest(get), { maxPages }))).rejects.toMatchObject({ kind: 'validation', field: 'maxPages' });
    expect(requests()).toHaveLength(0);
  });

  it(`the default bound is ${DEFAULT_MAX_PAGES} pages`, async () => {
    const { get, requests } = await serve({ mode: 'cursor', listKey: 'images', count: 10_000_000 });
    await expect(collect(walk(cursor(), cursorRequest(get, 1)))).rejects.toMatchObject({ code: 'PAGE_LIMIT' });
    expect(requests()).toHaveLength(DEFAULT_MAX_PAGES);
  }, 60_000);

  it('an unreadable page body is a typed parse error', async () => {
    const { get } = await serve({ mode: 'cursor', listKey: 'images', count: 5 });
    const broken: PageRequest<string | undefined> = async (cursor, signal) => {
      const outcome = await get(cursor === undefined ? {} : { cursor }, signal);
      return { ...outcome, data: new TextEncoder().encode('{"images": [').buffer };
    };
    await expect(collect(walk(cursor(), broken))).rejects.toMatchObject({ kind: 'parse' });
  });
});
