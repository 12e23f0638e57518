// Tolerant reader: bodies that break the spec (nulls where values were promised, wrong types, unknown enum
// values, extra fields, non-objects) never crash normalization; the summary says null/empty instead.
// Every body goes through getImage and the real client (transport, parsing) on a fake fetch.
import { describe, expect, it } from 'vitest';
import { getImage, type ImageRef, type ImageSummary } from '../../src/index.js';
import { summarizeGcore } from '../../src/vendors/gcore/summary.js';
import { summarizeHuawei } from '../../src/vendors/huawei/summary.js';
import { summarizeNaver } from '../../src/vendors/naver/summary.js';
import { summarizeVercelImage, summarizeVercelTag } from '../../src/vendors/vercel/summary.js';
import { fakeFetch, jsonFetch } from '../support/fake-fetch.js';
import { offSpec } from '../support/spec-conformance.js';

/** The bodies here break the vendors' specs on purpose: the fake fetch lets them through. */
const HOSTILE = offSpec('hostile bodies: normalization must survive bodies that break the spec (nulls, wrong types, non-objects)');
const UNREADABLE = offSpec('bodies that are not JSON (a proxy page, empty, truncated): the client must fail with a typed parse error');

const REFS = {
  vercelImage: { vendor: 'vercel', repository: 'repo', image: 'img_1', projectId: 'prj' },
  vercelTag: { vendor: 'vercel', repository: 'repo', tag: 'latest', projectId: 'prj' },
  gcore: { vendor: 'gcore', projectId: 1, regionId: 7, image: 'img' },
  naver: { vendor: 'naver', registry: 'reg', image: 'team/app' },
  huawei: { vendor: 'huawei', projectId: 'p', image: 'i', imageType: 'cicd' },
} as const satisfies Record<string, ImageRef>;

const CREDENTIALS = {
  vercel: { token: 'tok' },
  gcore: { apiKey: 'key' },
  naver: { accessKey: 'ak', secretKey: 'sk' },
  huawei: { accessKey: 'ak', secretKey: 'sk' },
} as const;

async function summaryFor(ref: ImageRef, body: unknown): Promise<ImageSummary> {
  return summaryForText(ref, JSON.stringify(body));
}

async function summaryForText(ref: ImageRef, text: string): Promise<ImageSummary> {
  const { fetch } = fakeFetch(() => ({ body: text, offSpec: HOSTILE }));
  const result = await getImage(ref, { ...CREDENTIALS[ref.vendor], baseUrl: 'https://vendor.test', fetch, retries: 0 });
  if (!result.ok) throw result.error;
  return result.summary;
}

const EMPTY_FIELDS = {
  digest: null,
  sizeBytes: null,
  os: null,
  osDistro: null,
  osVersion: null,
  architecture: null,
  status: null,
  createdAt: null,
  updatedAt: null,
};

const NON_OBJECT_BODIES: unknown[] = [null, [], 'text', 42, true, {}, { image: null, tag: null, data_list: null }];

describe('hostile bodies never crash normalization', () => {
  // Huawei's getImage reads a paged listing (ListImageBasicImage): a page without its `data_list` array is
  // a typed parse error there (src/paging.ts), never an empty list of base images.
  for (const [name, ref] of Object.entries(REFS).filter(([, r]) => r.vendor !== 'huawei')) {
    it.each(NON_OBJECT_BODIES.map((b) => [JSON.stringify(b), b]))(`${name}: body %s → empty summary`, async (_label, body) => {
      const summary = await summaryFor(ref, body);
      expect(summary.vendor).toBe(ref.vendor);
      expect(summary).toMatchObject(EMPTY_FIELDS);
      expect(summary.tags.length).toBeLessThanOrEqual(ref.vendor === 'vercel' ? 0 : 1);
      expect(summary.raw).toEqual(body);
    });
  }

  it('vercel image: wrong types, unknown enum values, extra fields', async () => {
    const summary = await summaryFor(REFS.vercelImage, {
      image: {
        id: 12345,
        tags: ['latest', null, 7, '', 'latest', { x: 1 }, 'v2'],
        manifestDigest: '',
        sizeInBytes: '64965896',
        platform: null,
        arch: ['amd64'],
        status: 'optimizing', // not in the enum: passed through
        createdAt: 'yesterday',
        kind: 'weird',
        layers: 'none',
        brandNew: { nested: true },
      },
    });
    expect(summary).toMatchObject({
      id: '12345',
      tags: ['latest', '7', 'v2'],
      digest: null,
      sizeBytes: null,
      os: null,
      architecture: null,
      status: 'optimizing',
      createdAt: null,
    });
  });

  it('vercel: negative, NaN-like and huge sizes', async () => {
    for (const [size, expected] of [
      [-1, null],
      [1e400, null], // JSON parses to Infinity
      [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
      [0, 0],
    ] as const) {
      const text = `{"image":{"id":"img","tags":["latest"],"sizeInBytes":${size === 1e400 ? '1e400' : String(size)}}}`;
      const summary = await summaryForText(REFS.vercelImage, text);
      expect(summary.sizeBytes, String(size)).toBe(expected);
    }
  });

  it('vercel tag without a usable imageId: summarized from the tag alone; status null stays null; offsets normalized', async () => {
    const summary = await summaryFor(REFS.vercelTag, {
      tag: { tag: '1.4.2', imageId: null, kind: 'index', status: null, updatedAt: '2026-06-29T18:42:08.117+02:00' },
    });
    expect(summary).toMatchObject({ id: null, tags: ['1.4.2'], status: null, os: null, updatedAt: '2026-06-29T16:42:08.117Z' });
  });

  it('gcore: nulls where values were promised, non-object tags, zoned or broken datetimes', async () => {
    const summary = await summaryFor(REFS.gcore, {
      id: null,
      name: 42,
      size: null,
      os_type: 'plan9', // unknown enum value: passed through
      architecture: null,
      status: '',
      created_at: '2024-05-05T14:51:26.570866+00:00', // a zone, should Gcore ever send one
      updated_at: '2024-05-05T25:00:00',
      tags: [null, 'x', { key: 'a', value: 'b' }, { key: 'n', value: null }, { key: '__proto__', value: 'p' }, { value: 'no key' }],
    });
    expect(summary).toMatchObject({
      id: null,
      name: '42',
      sizeBytes: null,
      os: 'plan9',
      architecture: null,
      status: null,
      createdAt: '2024-05-05T14:51:26.570Z',
      updatedAt: null,
      labels: { a: 'b' },
    });
    expect(Object.getPrototypeOf(summary.labels)).toBe(Object.prototype);
  });

  it('gcore: tags that are not an array (tags_v2, or the deprecated tags)', async () => {
    for (const key of ['tags_v2', 'tags']) {
      const summary = await summaryFor(REFS.gcore, { [key]: { key: 'a', value: 'b' } });
      expect(summary.labels, key).toEqual({});
    }
  });

  it('gcore: hostile tags_v2 items are read like hostile tags; tags_v2, when present, wins over tags', async () => {
    const summary = await summaryFor(REFS.gcore, {
      tags_v2: [null, 'x', { key: 'a', value: 'b' }, { key: 'n', value: null }, { key: '__proto__', value: 'p' }, { value: 'no key' }],
      tags: [{ key: 'old', value: 'stale' }],
    });
    expect(summary.labels).toEqual({ a: 'b' });
    expect(Object.getPrototypeOf(summary.labels)).toBe(Object.prototype);
  });

  it('naver: last_updated as a string, negative, out of range, or not a number', async () => {
    const cases: [unknown, string | null][] = [
      ['1711928488000', '2024-03-31T23:41:28.000Z'],
      [-1000, '1969-12-31T23:59:59.000Z'],
      [1e20, null],
      ['soon', null],
      [null, null],
      [{ ms: 1 }, null],
    ];
    for (const [value, expected] of cases) {
      const summary = await summaryFor(REFS.naver, { last_updated: value, name: null, namespace: ['x'], status: 'weird' });
      expect(summary.updatedAt, JSON.stringify(value)).toBe(expected);
      // the request names the image where the body does not
      expect(summary).toMatchObject({ repository: 'reg', name: 'team/app', status: null });
    }
  });

  it.each(NON_OBJECT_BODIES.map((b) => [JSON.stringify(b), b]))('huawei: body %s → a typed parse error (unexpected-shape), no summary', async (_label, body) => {
    await expect(summaryFor(REFS.huawei, body)).rejects.toMatchObject({ name: 'ResponseParseError', vendor: 'huawei', reason: 'unexpected-shape' });
  });

  it('huawei: a page of entries that are not objects, or a total that is not a count → a typed parse error', async () => {
    await expect(summaryFor(REFS.huawei, { total_num: 2, data_list: [null, 'Debian'] })).rejects.toMatchObject({ reason: 'unexpected-shape' });
    await expect(summaryFor(REFS.huawei, { total_num: 'three', data_list: [{ os_name: 'Debian' }] })).rejects.toMatchObject({ reason: 'unexpected-shape' });
  });

  it('huawei: data_list entries with fields of the wrong type are read as null', async () => {
    const summary = await summaryFor(REFS.huawei, {
      total_num: 3,
      data_list: [{ os_name: 'Debian', os_version: 9 }, { os_name: 'Alpine', os_version: '3.19', layer_digest: 42 }, {}],
    });
    expect(summary.baseImages).toEqual([
      { os: 'Debian', osVersion: '9', layerDigest: null },
      { os: 'Alpine', osVersion: '3.19', layerDigest: '42' },
      { os: null, osVersion: null, layerDigest: null },
    ]);
    // several entries that disagree stay visible
    expect(summary.osDistro).toBe('Debian, Alpine');
    expect(summary.osVersion).toBe('9, 3.19');
  });

  it('the normalizers themselves accept any value', () => {
    const values: unknown[] = [undefined, null, 0, '', [], {}, { image: 5 }, { tag: [] }, { data_list: {} }, Symbol.iterator];
    for (const v of values) {
      const anyBody = v as never;
      expect(() => summarizeVercelImage(anyBody, null)).not.toThrow();
      expect(() => summarizeVercelTag(anyBody, null)).not.toThrow();
      expect(() => summarizeGcore(anyBody)).not.toThrow();
      expect(() => summarizeNaver(anyBody, { registry: null, image: null })).not.toThrow();
      expect(() => summarizeHuawei(anyBody, { image: null })).not.toThrow();
    }
  });
});

describe('unreadable and failed responses are typed errors', () => {
  const ref = REFS.gcore;
  const options = (fetch: ReturnType<typeof fakeFetch>['fetch']) => ({ apiKey: 'key', baseUrl: 'https://vendor.test', fetch, retries: 0 });

  it('a 200 whose body is not JSON → ResponseParseError', async () => {
    const { fetch } = fakeFetch(() => ({ body: '<html>proxy login</html>', headers: { 'content-type': 'text/html' }, offSpec: UNREADABLE }));
    const result = await getImage(ref, options(fetch));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('parse');
    expect(result.error.status).toBe(200);
  });

  it('a 200 with an empty body → ResponseParseError', async () => {
    const { fetch } = fakeFetch(() => ({ body: '', offSpec: UNREADABLE }));
    const result = await getImage(ref, options(fetch));
    expect(!result.ok && result.error.kind).toBe('parse');
  });

  it('a 200 with chunked malformed JSON (no content-length) → ResponseParseError, not a SyntaxError', async () => {
    const { fetch } = fakeFetch(() => ({ body: new TextEncoder().encode('{"id": "x",'), offSpec: UNREADABLE }));
    const result = await getImage(ref, options(fetch));
    expect(!result.ok && result.error.kind).toBe('parse');
  });

  it('a vendor error body → ApiError with status, vendor code, message and request id', async () => {
    const { fetch } = jsonFetch({ exception_class: 'NotFoundError', message: 'Image img could not be found', request_id: 'req-1' }, 404);
    const result = await getImage(ref, options(fetch));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ kind: 'http', vendor: 'gcore', status: 404, code: 'NotFoundError', message: 'Image img could not be found', requestId: 'req-1' });
  });

  it('a connection failure → NetworkError', async () => {
    const { fetch } = fakeFetch(() => new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }));
    const result = await getImage(ref, options(fetch));
    expect(!result.ok && result.error.kind).toBe('network');
  });

  it('bad input → ValidationError, and nothing is sent', async () => {
    const { fetch, requests } = jsonFetch({});
    const bad: ImageRef[] = [
      { vendor: 'gcore', projectId: 1.5, regionId: 7, image: 'x' },
      { vendor: 'naver', registry: 'r', image: '..' },
      { vendor: 'huawei', projectId: 'p', image: 'i', imageType: 'cicd', limit: 0 },
      { vendor: 'huawei', projectId: 'p', image: 'i', imageType: 'nope' as 'cicd' },
      { vendor: 'vercel', repository: 'r', projectId: 'p' } as unknown as ImageRef,
      { vendor: 'vercel', repository: 'r', projectId: 'p', image: 'i', tag: 't' } as unknown as ImageRef,
      { vendor: 'oracle' } as unknown as ImageRef,
    ];
    for (const r of bad) {
      const result = await getImage(r, { ...CREDENTIALS[r.vendor as 'gcore'], baseUrl: 'https://vendor.test', fetch } as never);
      expect(result.ok, JSON.stringify(r)).toBe(false);
      if (!result.ok) expect(result.error.kind, JSON.stringify(r)).toBe('validation');
    }
    expect(requests).toHaveLength(0);
  });

  it('missing credentials → ValidationError naming the variable, nothing sent', async () => {
    const saved = process.env['GCORE_API_KEY'];
    delete process.env['GCORE_API_KEY'];
    try {
      const { fetch, requests } = jsonFetch({});
      const result = await getImage(ref, { baseUrl: 'https://vendor.test', fetch });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.kind).toBe('validation');
        expect(result.error.message).toContain('GCORE_API_KEY');
      }
      expect(requests).toHaveLength(0);
    } finally {
      if (saved !== undefined) process.env['GCORE_API_KEY'] = saved;
    }
  });
});
