// The Huawei HSS pager on a fake fetch: it walks offset by what was received, stops at total_num (loud when
// what arrived does not add up to it), at the first empty page without a total, and never loops forever.
import { describe, expect, it } from 'vitest';
import {
  HUAWEI_DEFAULT_MAX_PAGES,
  createHuaweiClient,
  getImage,
  huaweiBasicImagePages,
  listAllHuaweiBasicImages,
  type HuaweiBasicImageParams,
} from '../../src/index.js';
import { fakeFetch } from '../support/fake-fetch.js';
import { offSpec, type OffSpec } from '../support/spec-conformance.js';

const entry = (i: number) => ({ os_name: `os-${i}`, os_version: String(i), layer_digest: `sha256:${String(i).padStart(64, '0')}` });

interface ServerBehaviour {
  /** How many entries really exist. */
  entries: number;
  /** What total_num says (default: the truth); `null` leaves it out. */
  total?: number | null | string;
  /** The most entries the server returns per page, whatever the limit. */
  cap?: number;
  /** Ignore `offset`: always serve the first page. */
  ignoreOffset?: boolean;
  /** The pages are off the spec on purpose. */
  offSpec?: OffSpec;
}

/** total_num is an integer >= 0 in the spec: these are the values a pager must not trust. */
const UNUSABLE_TOTAL = offSpec('total_num that is not a usable count ("many", -1, 1.5): the pager must refuse the page as a parse error');

function hss(behaviour: ServerBehaviour) {
  const fake = fakeFetch((url) => {
    const limit = Number(url.searchParams.get('limit') ?? '10');
    const offset = behaviour.ignoreOffset ? 0 : Number(url.searchParams.get('offset') ?? '0');
    const size = Math.max(0, Math.min(limit, behaviour.cap ?? Infinity, behaviour.entries - offset));
    const body: Record<string, unknown> = { data_list: Array.from({ length: size }, (_, i) => entry(offset + i)) };
    if (behaviour.total !== null) body['total_num'] = behaviour.total ?? behaviour.entries;
    return { body: JSON.stringify(body), headers: { 'x-request-id': 'r' }, ...(behaviour.offSpec && { offSpec: behaviour.offSpec }) };
  });
  const client = createHuaweiClient({ accessKey: 'ak', secretKey: 'sk', baseUrl: 'https://hss.test', fetch: fake.fetch, retries: 0, throwOnError: true });
  const offsets = () => fake.requests.map((r) => [Number(r.url.searchParams.get('offset')), Number(r.url.searchParams.get('limit'))]);
  return { client, offsets, fake };
}

const params = (query: Partial<HuaweiBasicImageParams['query']> = {}): HuaweiBasicImageParams => ({
  path: { project_id: 'p', image_id: 'i' },
  query: { image_type: 'cicd', ...query },
});

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('huaweiBasicImagePages / listAllHuaweiBasicImages', () => {
  it('several full pages then a short one, stopping at total_num', async () => {
    const { client, offsets } = hss({ entries: 450 });
    const all = await collect(listAllHuaweiBasicImages(client, params()));
    expect(all).toHaveLength(450);
    expect(all[449]).toEqual(entry(449));
    expect(offsets()).toEqual([[0, 200], [200, 200], [400, 200]]);
  });

  it('an exact multiple of the page size needs no extra request when the total is known', async () => {
    const { client, offsets } = hss({ entries: 400 });
    expect(await collect(listAllHuaweiBasicImages(client, params()))).toHaveLength(400);
    expect(offsets()).toEqual([[0, 200], [200, 200]]);
  });

  it('short pages from a server that caps the page size are followed, not skipped', async () => {
    const { client, offsets } = hss({ entries: 120, cap: 50 });
    const all = await collect(listAllHuaweiBasicImages(client, params({ limit: 100 })));
    expect(all.map((e) => e.os_version)).toEqual(Array.from({ length: 120 }, (_, i) => String(i)));
    expect(offsets()).toEqual([[0, 100], [50, 100], [100, 100]]);
  });

  it('a total that is too high: the first empty page ends the walk with LISTING_INCOMPLETE after every entry', async () => {
    const { client, offsets } = hss({ entries: 30, total: 1000, cap: 20 });
    const seen: unknown[] = [];
    await expect(
      (async () => {
        for await (const e of listAllHuaweiBasicImages(client, params({ limit: 20 }))) seen.push(e);
      })(),
    ).rejects.toMatchObject({ name: 'ListingIncompleteError', vendor: 'huawei', code: 'LISTING_INCOMPLETE', total: 1000, received: 30 });
    expect(seen).toHaveLength(30);
    expect(offsets()).toEqual([[0, 20], [20, 20], [30, 20]]);
  });

  it('a total that is too low (already exceeded by the first page): LISTING_INCOMPLETE, no further request', async () => {
    const { client, offsets } = hss({ entries: 25, total: 5 });
    await expect(collect(listAllHuaweiBasicImages(client, params({ limit: 10 })))).rejects.toMatchObject({ code: 'LISTING_INCOMPLETE', total: 5, received: 10 });
    expect(offsets()).toEqual([[0, 10]]);
  });

  it('no total: pages are read until an empty one', async () => {
    const { client, offsets } = hss({ entries: 25, total: null });
    expect(await collect(listAllHuaweiBasicImages(client, params({ limit: 10 })))).toHaveLength(25);
    expect(offsets()).toEqual([[0, 10], [10, 10], [20, 10], [25, 10]]);
  });

  it.each([['many'], [-1], [1.5]])('a total that is not a count (%j, off-spec): a typed parse error', async (total) => {
    const { client } = hss({ entries: 25, total: total as unknown as null, offSpec: UNUSABLE_TOTAL });
    await expect(collect(listAllHuaweiBasicImages(client, params({ limit: 10 })))).rejects.toMatchObject({ kind: 'parse', reason: 'unexpected-shape' });
  });

  it('no entries at all: one request', async () => {
    const { client, offsets } = hss({ entries: 0 });
    expect(await collect(listAllHuaweiBasicImages(client, params()))).toEqual([]);
    expect(offsets()).toEqual([[0, 200]]);
  });

  it('starts at the given offset', async () => {
    const { client, offsets } = hss({ entries: 15 });
    const pages = await collect(huaweiBasicImagePages(client, params({ offset: 5, limit: 4 })));
    expect(pages.map((p) => p.offset)).toEqual([5, 9, 13]);
    expect(offsets()).toEqual([[5, 4], [9, 4], [13, 4]]);
  });

  it('a server that ignores offset but reports total_num 3: a typed PAGE_REPEATED error after the first page, never the same entry again', async () => {
    const { client, offsets } = hss({ entries: 1, total: 3, ignoreOffset: true });
    const seen: unknown[] = [];
    await expect(
      (async () => {
        for await (const e of listAllHuaweiBasicImages(client, params())) seen.push(e);
      })(),
    ).rejects.toMatchObject({ name: 'ApiError', vendor: 'huawei', code: 'PAGE_REPEATED' });
    expect(seen).toEqual([entry(0)]);
    expect(offsets()).toEqual([[0, 200], [1, 200]]);
  });

  it('a server that ignores offset and promises more forever: PAGE_REPEATED at the second page', async () => {
    const { client, offsets } = hss({ entries: 10_000_000, total: 10_000_000, ignoreOffset: true });
    await expect(collect(listAllHuaweiBasicImages(client, params(), { maxPages: 5 }))).rejects.toMatchObject({
      name: 'ApiError',
      vendor: 'huawei',
      code: 'PAGE_REPEATED',
    });
    expect(offsets()).toHaveLength(2);
  });

  it('a server that keeps sending new entries and promising more: bounded by maxPages, then a typed error', async () => {
    const { client, offsets } = hss({ entries: 10_000_000, total: 10_000_000 });
    await expect(collect(listAllHuaweiBasicImages(client, params({ limit: 3 }), { maxPages: 5 }))).rejects.toMatchObject({
      name: 'ApiError',
      vendor: 'huawei',
      code: 'PAGE_LIMIT',
    });
    expect(offsets()).toHaveLength(5);
  });

  it(`default bound is ${HUAWEI_DEFAULT_MAX_PAGES} pages`, async () => {
    const { client, offsets } = hss({ entries: 10_000_000, total: 10_000_000, cap: 1 });
    await expect(collect(huaweiBasicImagePages(client, params()))).rejects.toMatchObject({ code: 'PAGE_LIMIT' });
    expect(offsets()).toHaveLength(HUAWEI_DEFAULT_MAX_PAGES);
  });

  it.each([
    ['limit 0', { limit: 0 }, {}],
    ['negative limit', { limit: -5 }, {}],
    ['fractional limit', { limit: 2.5 }, {}],
    ['negative offset', { offset: -1 }, {}],
    ['maxPages 0', {}, { maxPages: 0 }],
  ])('%s: ValidationError before anything is sent', async (_name, query, options) => {
    const { client, fake } = hss({ entries: 10 });
    await expect(collect(huaweiBasicImagePages(client, params(query), options))).rejects.toMatchObject({ kind: 'validation' });
    expect(fake.requests).toHaveLength(0);
  });

  it('a failing page stops the walk with its typed error', async () => {
    const fake = fakeFetch((url) =>
      url.searchParams.get('offset') === '0'
        ? { body: JSON.stringify({ total_num: 3, data_list: [entry(0)] }) }
        : { status: 400, body: JSON.stringify({ error_code: 'HSS.0011', error_msg: 'Requested resource not found.' }), headers: { 'X-Request-Id': 'req-9' } },
    );
    const client = createHuaweiClient({ accessKey: 'ak', secretKey: 'sk', baseUrl: 'https://hss.test', fetch: fake.fetch, retries: 0 });
    const seen: unknown[] = [];
    await expect(
      (async () => {
        for await (const e of listAllHuaweiBasicImages(client, params({ limit: 1 }))) seen.push(e);
      })(),
    ).rejects.toMatchObject({ status: 400, code: 'HSS.0011', requestId: 'req-9' });
    expect(seen).toEqual([entry(0)]);
  });

  it('every request of the walk is signed', async () => {
    const { client, fake } = hss({ entries: 5 });
    await collect(listAllHuaweiBasicImages(client, params({ limit: 2 })));
    expect(fake.requests).toHaveLength(3);
    for (const r of fake.requests) expect(r.headers.get('authorization')).toMatch(/^SDK-HMAC-SHA256 Access=ak, SignedHeaders=.*, Signature=[0-9a-f]{64}$/);
  });
});

describe('getImage(huawei) reads every page', () => {
  it('the summary and raw hold the entries of all pages', async () => {
    const { fake, offsets } = hss({ entries: 5, cap: 2 });
    const result = await getImage(
      { vendor: 'huawei', projectId: 'p', image: 'i', imageType: 'cicd', limit: 2 },
      { accessKey: 'ak', secretKey: 'sk', baseUrl: 'https://hss.test', fetch: fake.fetch, retries: 0 },
    );
    if (!result.ok) throw result.error;
    expect(offsets()).toEqual([[0, 2], [2, 2], [4, 2]]);
    expect(result.raw.total_num).toBe(5);
    expect(result.raw.data_list).toEqual([0, 1, 2, 3, 4].map(entry));
    expect(result.summary.baseImages.map((b) => b.osVersion)).toEqual(['0', '1', '2', '3', '4']);
    expect(result.summary.osDistro).toBe('os-0, os-1, os-2, os-3, os-4');
  });

  it('the default page size is 200', async () => {
    const { fake, offsets } = hss({ entries: 1 });
    await getImage({ vendor: 'huawei', projectId: 'p', image: 'i', imageType: 'cicd' }, { accessKey: 'ak', secretKey: 'sk', baseUrl: 'https://hss.test', fetch: fake.fetch });
    expect(offsets()).toEqual([[0, 200]]);
  });
});
