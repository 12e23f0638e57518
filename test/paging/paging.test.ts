// The paging walker (src/paging.ts) in each vendor's style, against a local HTTP server, through a real
// client (openapi-fetch over the shared transport: retries, timeouts and aborts are the client's).
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/client.js';
import {
  DEFAULT_MAX_PAGES,
  gcoreStyle,
  huaweiStyle,
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

/** The walk's items, each as its number (`{ n }`): what the assertions compare. */
async function* walk<P>(style: PagingStyle<P, unknown, Item>, request: PageRequest<P>, options: { maxPages?: number; signal?: AbortSignal } = {}) {
  for await (const x of pageItems(walkPages(style, request, { ...OP, ...options }))) yield item(x.n);
}

// One request function per style, as list-images builds them.
const cursorRequest = (get: Awaited<ReturnType<typeof serve>>['get'], limit?: number): PageRequest<string | undefined> => (cursor, signal) =>
  get({ ...(cursor !== undefined && { cursor }), ...(limit !== undefined && { limit }) }, signal);
const pageRequest = (get: Awaited<ReturnType<typeof serve>>['get'], pagesize: number): PageRequest<number> => (page, signal) => get({ page, pagesize }, signal);
const offsetRequest = (get: Awaited<ReturnType<typeof serve>>['get'], limit: number): PageRequest<number> => (offset, signal) => get({ offset, limit }, signal);

describe('Vercel style (cursor → nextCursor)', () => {
  it('several pages: every item once, cursors followed', async () => {
    const { get, requests } = await serve({ mode: 'cursor', listKey: 'images', count: 25 });
    expect(await collect(walk(vercelStyle('images'), cursorRequest(get, 10)))).toEqual(range(0, 25));
    expect(sent(requests(), 'cursor')).toEqual([null, 'c10', 'c20']);
  });

  it('empty listing: one request, nothing yielded', async () => {
    const { get, requests } = await serve({ mode: 'cursor', listKey: 'images', count: 0 });
    expect(await collect(walk(vercelStyle('images'), cursorRequest(get)))).toEqual([]);
    expect(requests()).toHaveLength(1);
  });

  it('last page exactly full: ends where nextCursor is absent, no extra request', async () => {
    const { get, requests } = await serve({ mode: 'cursor', listKey: 'images', count: 20 });
    expect(await collect(walk(vercelStyle('images'), cursorRequest(get, 10)))).toEqual(range(0, 20));
    expect(requests()).toHaveLength(2);
  });

  it('short pages (the server caps the page size): followed by cursor, nothing skipped', async () => {
    const { get } = await serve({ mode: 'cursor', listKey: 'images', count: 23, cap: 4 });
    expect(await collect(walk(vercelStyle('images'), cursorRequest(get, 10)))).toEqual(range(0, 23));
  });

  it('a cursor that comes back: PAGE_REPEATED, the repeated page is not read', async () => {
    const { get, requests } = await serve({ mode: 'cursor', listKey: 'images', count: 100, loopFromPage: 2 });
    const { seen, error } = await collectUntilError(walk(vercelStyle('images'), cursorRequest(get, 10)));
    expect(error).toMatchObject({ name: 'ApiError', code: 'PAGE_REPEATED', vendor: 'gcore', operation: 'GET /list' });
    expect(String((error as Error).message)).toContain('cursor "c10"');
    expect(seen).toEqual(range(0, 30));
    expect(requests()).toHaveLength(3);
  });

  it('a server that ignores the cursor: PAGE_REPEATED after the first page, no item twice', async () => {
    const { get, requests } = await serve({ mode: 'cursor', listKey: 'images', count: 100, ignorePosition: true });
    const { seen, error } = await collectUntilError(walk(vercelStyle('images'), cursorRequest(get, 10)));
    expect(error).toMatchObject({ code: 'PAGE_REPEATED' });
    expect(seen).toEqual(range(0, 10));
    expect(requests().length).toBeLessThanOrEqual(2);
  });

  it('endless new cursors: PAGE_LIMIT after maxPages requests', async () => {
    const { get, requests } = await serve({ mode: 'cursor', listKey: 'images', count: 10_000_000 });
    const { seen, error } = await collectUntilError(walk(vercelStyle('images'), cursorRequest(get, 2), { maxPages: 4 }));
    expect(error).toMatchObject({ name: 'ApiError', code: 'PAGE_LIMIT', attempts: 4 });
    expect(seen).toEqual(range(0, 8));
    expect(requests()).toHaveLength(4);
  });
});

describe('NAVER style (page + next)', () => {
  it('several pages, the last one short', async () => {
    const { get, requests } = await serve({ mode: 'page', listKey: 'results', count: 23 });
    expect(await collect(walk(naverStyle(), pageRequest(get, 10)))).toEqual(range(0, 23));
    expect(sent(requests(), 'page')).toEqual(['1', '2', '3']);
  });

  it('empty listing: one request', async () => {
    const { get, requests } = await serve({ mode: 'page', listKey: 'results', count: 0 });
    expect(await collect(walk(naverStyle(), pageRequest(get, 10)))).toEqual([]);
    expect(requests()).toHaveLength(1);
  });

  it('last page exactly full: `next` is null there, no extra request', async () => {
    const { get, requests } = await serve({ mode: 'page', listKey: 'results', count: 30 });
    expect(await collect(walk(naverStyle(), pageRequest(get, 10)))).toEqual(range(0, 30));
    expect(requests()).toHaveLength(3);
  });

  it('a wrong count (too high, too low, absent) changes nothing: `next` decides', async () => {
    for (const total of [1000, 3, null]) {
      const { get } = await serve({ mode: 'page', listKey: 'results', count: 15, total });
      expect(await collect(walk(naverStyle(), pageRequest(get, 10)))).toEqual(range(0, 15));
      await server?.close();
    }
  });

  it('a server that ignores `page` (always page 1, `next` set): PAGE_REPEATED, no item twice', async () => {
    const { get, requests } = await serve({ mode: 'page', listKey: 'results', count: 50, ignorePosition: true });
    const { seen, error } = await collectUntilError(walk(naverStyle(), pageRequest(get, 10)));
    expect(error).toMatchObject({ name: 'ApiError', code: 'PAGE_REPEATED' });
    expect(String((error as Error).message)).toContain('page 2');
    expect(seen).toEqual(range(0, 10));
    expect(requests()).toHaveLength(2);
  });

  it('an empty page whose `next` is still set ends the walk', async () => {
    const { get, requests } = await serve({ mode: 'page', listKey: 'results', count: 10, endless: true });
    expect(await collect(walk(naverStyle(), pageRequest(get, 10)))).toEqual(range(0, 10));
    expect(requests()).toHaveLength(2);
  });
});

describe('Huawei style (offset/limit, total_num)', () => {
  it('several pages stop at total_num; an exact multiple needs no extra request', async () => {
    const { get, requests } = await serve({ mode: 'offset', listKey: 'data_list', count: 30 });
    expect(await collect(walk(huaweiStyle(0, 10), offsetRequest(get, 10)))).toEqual(range(0, 30));
    expect(sent(requests(), 'offset')).toEqual(['0', '10', '20']);
  });

  it('empty listing: one request', async () => {
    const { get, requests } = await serve({ mode: 'offset', listKey: 'data_list', count: 0 });
    expect(await collect(walk(huaweiStyle(0, 10), offsetRequest(get, 10)))).toEqual([]);
    expect(requests()).toHaveLength(1);
  });

  it('short pages (a capped page size) are followed while the total says more: offset advances by items received', async () => {
    const { get, requests } = await serve({ mode: 'offset', listKey: 'data_list', count: 23, cap: 4 });
    expect(await collect(walk(huaweiStyle(0, 10), offsetRequest(get, 10)))).toEqual(range(0, 23));
    expect(sent(requests(), 'offset')).toEqual(['0', '4', '8', '12', '16', '20']);
  });

  it('total too high: ends at the first empty page', async () => {
    const { get, requests } = await serve({ mode: 'offset', listKey: 'data_list', count: 25, total: 1000 });
    expect(await collect(walk(huaweiStyle(0, 10), offsetRequest(get, 10)))).toEqual(range(0, 25));
    expect(sent(requests(), 'offset')).toEqual(['0', '10', '20', '25']);
  });

  it('total too low: ignored once exceeded, ends at the first short page', async () => {
    const { get, requests } = await serve({ mode: 'offset', listKey: 'data_list', count: 25, total: 4 });
    expect(await collect(walk(huaweiStyle(0, 10), offsetRequest(get, 10)))).toEqual(range(0, 25));
    expect(requests()).toHaveLength(3);
  });

  it('no total: ends at the first short page; exactly full: one empty page more', async () => {
    const short = await serve({ mode: 'offset', listKey: 'data_list', count: 25, total: null });
    expect(await collect(walk(huaweiStyle(0, 10), offsetRequest(short.get, 10)))).toEqual(range(0, 25));
    expect(short.requests()).toHaveLength(3);
    await server?.close();
    const full = await serve({ mode: 'offset', listKey: 'data_list', count: 20, total: null });
    expect(await collect(walk(huaweiStyle(0, 10), offsetRequest(full.get, 10)))).toEqual(range(0, 20));
    expect(sent(full.requests(), 'offset')).toEqual(['0', '10', '20']);
  });

  it('a server that ignores offset but reports total_num 3: PAGE_REPEATED, the entry is yielded once', async () => {
    const { get, requests } = await serve({ mode: 'offset', listKey: 'data_list', count: 1, total: 3, ignorePosition: true });
    const { seen, error } = await collectUntilError(walk(huaweiStyle(0, 10), offsetRequest(get, 10)));
    expect(error).toMatchObject({ name: 'ApiError', code: 'PAGE_REPEATED' });
    expect(seen).toEqual([item(0)]);
    expect(requests()).toHaveLength(2);
  });

  it('PAGE_LIMIT when the listing is longer than maxPages pages', async () => {
    const { get, requests } = await serve({ mode: 'offset', listKey: 'data_list', count: 100 });
    const { seen, error } = await collectUntilError(walk(huaweiStyle(0, 10), offsetRequest(get, 10), { maxPages: 3 }));
    expect(error).toMatchObject({ code: 'PAGE_LIMIT' });
    expect(seen).toEqual(range(0, 30));
    expect(requests()).toHaveLength(3);
  });
});

describe('Gcore style (one page)', () => {
  it('one request, every result, whatever `count` says', async () => {
    const { get, requests } = await serve({ mode: 'single', listKey: 'results', count: 7, total: 99 });
    expect(await collect(walk(gcoreStyle(), (_none, signal) => get({}, signal)))).toEqual(range(0, 7));
    expect(requests()).toHaveLength(1);
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
    expect(await collect(walk(naverStyle(), pageRequest(get, 10)))).toEqual(range(0, 25));
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
    const { seen, error } = await collectUntilError(walk(naverStyle(), pageRequest(get, 10)));
    expect(error).toMatchObject({ name: 'ApiError', kind: 'http', status: 404 });
    expect(seen).toEqual(range(0, 10));
  });

  it('abort between pages: the next page is not requested, the signal’s reason is thrown', async () => {
    const { get, requests } = await serve({ mode: 'cursor', listKey: 'images', count: 50 });
    const controller = new AbortController();
    const seen: Item[] = [];
    await expect(
      (async () => {
        for await (const x of walk(vercelStyle('images'), cursorRequest(get, 10), { signal: controller.signal })) {
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
      for await (const x of walk(huaweiStyle(0, 10), offsetRequest(get, 10), { signal: controller.signal })) seen.push(x);
    })();
    await expect.poll(() => requests().length).toBe(2);
    controller.abort();
    await expect(walking).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual(range(0, 10));
  });

  it('an aborted signal: nothing is sent', async () => {
    const { get, requests } = await serve({ mode: 'cursor', listKey: 'images', count: 5 });
    await expect(collect(walk(vercelStyle('images'), cursorRequest(get), { signal: AbortSignal.abort() }))).rejects.toMatchObject({ name: 'AbortError' });
    expect(requests()).toHaveLength(0);
  });

  it.each([0, -1, 1.5, Number.NaN])('maxPages %s: ValidationError, nothing sent', async (maxPages) => {
    const { get, requests } = await serve({ mode: 'cursor', listKey: 'images', count: 5 });
    await expect(collect(walk(vercelStyle('images'), cursorRequest(get), { maxPages }))).rejects.toMatchObject({ kind: 'validation', field: 'maxPages' });
    expect(requests()).toHaveLength(0);
  });

  it(`the default bound is ${DEFAULT_MAX_PAGES} pages`, async () => {
    const { get, requests } = await serve({ mode: 'cursor', listKey: 'images', count: 10_000_000 });
    await expect(collect(walk(vercelStyle('images'), cursorRequest(get, 1)))).rejects.toMatchObject({ code: 'PAGE_LIMIT' });
    expect(requests()).toHaveLength(DEFAULT_MAX_PAGES);
  }, 60_000);

  it('an unreadable page body is a typed parse error', async () => {
    const { get } = await serve({ mode: 'cursor', listKey: 'images', count: 5 });
    const broken: PageRequest<string | undefined> = async (cursor, signal) => {
      const outcome = await get(cursor === undefined ? {} : { cursor }, signal);
      return { ...outcome, data: new TextEncoder().encode('{"images": [').buffer };
    };
    await expect(collect(walk(vercelStyle('images'), broken))).rejects.toMatchObject({ kind: 'parse' });
  });
});
