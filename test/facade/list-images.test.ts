// listImages: every image of a scope once, through the paging walker, for each vendor (local paging server
// in each vendor's shape, NAVER/Huawei signatures verified); scope and option checks before anything is
// sent; the caller's signal; an existing client; and, on the Prism mocks, a listed image summarizes like
// getImage's lookup of the same image on every field both carry.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createGcoreClient,
  getImage,
  listImages,
  scopeListings,
  type ImageRef,
  type ImageSummary,
  type ImageSummaryFields,
  type ListImagesOptions,
  type ListScope,
} from '../../src/index.js';
import { DEFAULT_SHAPE, expectedIds, HUAWEI_PROJECT, LISTING_CREDENTIALS, LISTING_ENV, startListingServer, type ListingServer } from '../support/vendor-listings.js';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}

const idOf = (s: ImageSummary) => (s.vendor === 'naver' ? `${s.repository}/${s.name}` : String(s.id));

let server: ListingServer;
beforeAll(async () => {
  server = await startListingServer();
});
afterAll(() => server.close());

const CREDENTIALS = {
  vercel: { token: LISTING_ENV.VERCEL_TOKEN },
  gcore: { apiKey: LISTING_ENV.GCORE_API_KEY },
  naver: LISTING_CREDENTIALS.naver,
  huawei: { ...LISTING_CREDENTIALS.huawei, securityToken: undefined },
} as const;

const SCOPES = {
  vercel: { vendor: 'vercel', projectId: 'prj_list' },
  gcore: { vendor: 'gcore', projectId: 1, regionId: 7 },
  naver: { vendor: 'naver' },
  huawei: { vendor: 'huawei', projectId: HUAWEI_PROJECT, region: 'ap-southeast-1' },
} as const satisfies Record<ListScope['vendor'], ListScope>;

function options<V extends ListScope['vendor']>(vendor: V, extra: Partial<ListImagesOptions> = {}): ListImagesOptions<V> {
  return { ...CREDENTIALS[vendor], baseUrl: server.baseUrls[vendor], retries: 0, ...extra } as ListImagesOptions<V>;
}

describe('scopeListings: the independent listings of a scope', () => {
  it('a Vercel project: one scope per repository (the repository list read page by page); NAVER: one per registry', async () => {
    const before = server.requests.length;
    // Pages of 2 names, so that the name lists are paged too.
    expect(await collect(scopeListings(SCOPES.vercel, { ...options('vercel'), pageSize: 2 }))).toEqual(
      DEFAULT_SHAPE.vercel.map((_, r) => ({ vendor: 'vercel', projectId: 'prj_list', repository: `repo-${r}` })),
    );
    expect(await collect(scopeListings(SCOPES.naver, { ...options('naver'), pageSize: 2 }))).toEqual(DEFAULT_SHAPE.naver.map((_, r) => ({ vendor: 'naver', registry: `registry-${r}` })));
    // Only the lists of names were read (2 pages of repositories, 2 of registries), no images.
    expect(server.requests.slice(before).map((r) => r.path)).toEqual(['/v1/vcr/repository', '/v1/vcr/repository', '/ncr/api/v2/repositories', '/ncr/api/v2/repositories']);
  });

  it('a scope naming its repository or registry, a Gcore or Huawei scope: itself, nothing sent', async () => {
    const before = server.requests.length;
    for (const scope of [{ vendor: 'vercel', projectId: 'prj_list', repository: 'repo-1' }, { vendor: 'naver', registry: 'registry-2' }, SCOPES.gcore, SCOPES.huawei] as const) {
      expect(await collect(scopeListings(scope, options(scope.vendor)))).toEqual([scope]);
    }
    expect(server.requests.length).toBe(before);
  });

  it('listing every listing of a scope gives the images of listImages, each once', async () => {
    for (const vendor of ['vercel', 'naver'] as const) {
      const ids: string[] = [];
      for await (const listing of scopeListings(SCOPES[vendor], options(vendor))) for await (const s of listImages(listing, options(vendor))) ids.push(idOf(s));
      expect(ids.sort()).toEqual(expectedIds(DEFAULT_SHAPE)[vendor].sort());
    }
  });

  it('a bad scope is a ValidationError before anything is sent', async () => {
    const before = server.requests.length;
    await expect(collect(scopeListings({ vendor: 'vercel', projectId: '' }, options('vercel')))).rejects.toMatchObject({ kind: 'validation', field: 'projectId' });
    await expect(collect(scopeListings({ vendor: 'naver', registy: 'x' } as unknown as ListScope, options('naver')))).rejects.toMatchObject({ kind: 'validation', field: 'registy' });
    expect(server.requests.length).toBe(before);
  });
});

describe('listImages: every image of the scope once', () => {
  it.each(['vercel', 'gcore', 'naver', 'huawei'] as const)('%s', async (vendor) => {
    const summaries = await collect(listImages(SCOPES[vendor], options(vendor)));
    expect(summaries.map(idOf).sort()).toEqual(expectedIds(DEFAULT_SHAPE)[vendor].sort());
    for (const s of summaries) expect(s.vendor).toBe(vendor);
  });

  it('pageSize reaches each vendor as its own parameter (Vercel limit, NAVER pagesize, Huawei limit)', async () => {
    const before = server.requests.length;
    await collect(listImages({ vendor: 'vercel', projectId: 'prj_list', repository: 'repo-0' }, options('vercel', { pageSize: 50 })));
    await collect(listImages({ vendor: 'naver', registry: 'registry-0' }, options('naver', { pageSize: 90 })));
    await collect(listImages(SCOPES.huawei, options('huawei', { pageSize: 150 })));
    await collect(listImages(SCOPES.gcore, options('gcore', { pageSize: 900 })));
    const sent = server.requests.slice(before).map((r) => [r.path.split('/').slice(-1)[0], r.query.get('limit') ?? r.query.get('pagesize')]);
    expect(sent.filter(([path]) => path === 'images').map(([, size]) => size)).toEqual(['50', '50', '50', '50', '50', '150', '150', '150']);
    expect(sent.filter(([path]) => path === 'registry-0').map(([, size]) => size)).toEqual(['90', '90', '90', '90', '90']);
    expect(sent.filter(([path]) => path === '7').map(([, size]) => size)).toEqual(['900', '900', '900']);
  });

  it('maxPages bounds each paged listing: PAGE_LIMIT after the images read so far', async () => {
    const seen: ImageSummary[] = [];
    await expect(
      (async () => {
        for await (const s of listImages(SCOPES.huawei, options('huawei', { pageSize: 100, maxPages: 2 }))) seen.push(s);
      })(),
    ).rejects.toMatchObject({ name: 'ApiError', vendor: 'huawei', code: 'PAGE_LIMIT' });
    expect(seen).toHaveLength(200);
  });

  it('the signal stops the listing between pages', async () => {
    const controller = new AbortController();
    const before = server.requestsTo(`/v5/${HUAWEI_PROJECT}/image/registries/images`).length;
    const seen: ImageSummary[] = [];
    await expect(
      (async () => {
        for await (const s of listImages(SCOPES.huawei, options('huawei', { signal: controller.signal, pageSize: 50 }))) {
          seen.push(s);
          if (seen.length === 50) controller.abort();
        }
      })(),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toHaveLength(50);
    expect(server.requestsTo(`/v5/${HUAWEI_PROJECT}/image/registries/images`).length - before).toBe(1);
  });

  it('an existing client is used as given', async () => {
    const client = createGcoreClient({ apiKey: LISTING_ENV.GCORE_API_KEY, baseUrl: server.url });
    expect(await collect(listImages(SCOPES.gcore, { client }))).toHaveLength(DEFAULT_SHAPE.gcore);
  });

  it('Huawei filters go out in the vendor’s names', async () => {
    const before = server.requests.length;
    await collect(
      listImages({ ...SCOPES.huawei, imageType: 'harbor', hasVul: true, scanStatus: 'success', startLatestUpdateTime: 1700000000000, namespace: 'team' }, options('huawei')),
    );
    const query = server.requests[before]!.query;
    expect(Object.fromEntries(query)).toMatchObject({ image_type: 'harbor', has_vul: 'true', scan_status: 'success', start_latest_update_time: '1700000000000', namespace: 'team', offset: '0', limit: '200' });
  });
});

describe('listImages: bad input is a ValidationError before anything is sent', () => {
  const bad: [string, ListScope, Partial<ListImagesOptions>, string][] = [
    ['unknown vendor', { vendor: 'cloud9' } as unknown as ListScope, {}, 'vendor'],
    ['vercel without projectId', { vendor: 'vercel' } as unknown as ListScope, {}, 'projectId'],
    ['vercel empty repository', { vendor: 'vercel', projectId: 'p', repository: ' ' }, {}, 'repository'],
    ['vercel misspelt field', { vendor: 'vercel', projectId: 'p', repo: 'x' } as unknown as ListScope, {}, 'repo'],
    ['gcore projectId as a string', { vendor: 'gcore', projectId: '1', regionId: 7 } as unknown as ListScope, {}, 'projectId'],
    ['gcore fractional regionId', { vendor: 'gcore', projectId: 1, regionId: 7.5 }, {}, 'regionId'],
    ['naver unknown region', { vendor: 'naver', region: 'mars' } as unknown as ListScope, {}, 'region'],
    ['huawei without projectId', { vendor: 'huawei' } as unknown as ListScope, {}, 'projectId'],
    ['huawei snake_case filter', { vendor: 'huawei', projectId: 'p', image_type: 'harbor' } as unknown as ListScope, {}, 'image_type'],
    ['huawei unknown filter', { vendor: 'huawei', projectId: 'p', hasVirus: true } as unknown as ListScope, {}, 'hasVirus'],
    ['pageSize 0', SCOPES.gcore, { pageSize: 0 }, 'pageSize'],
    ['maxPages 1.5', SCOPES.gcore, { maxPages: 1.5 }, 'maxPages'],
  ];
  it.each(bad)('%s', async (_name, scope, extra, field) => {
    const before = server.requests.length;
    await expect(collect(listImages(scope, options(scope.vendor in CREDENTIALS ? scope.vendor : 'gcore', extra)))).rejects.toMatchObject({
      kind: 'validation',
      field,
    });
    expect(server.requests.length).toBe(before);
  });

  it('a value the spec refuses (a Huawei filter outside its enum, a page size above 200): nothing sent', async () => {
    const before = server.requests.length;
    await expect(collect(listImages({ ...SCOPES.huawei, scanStatus: 'done' as never }, options('huawei')))).rejects.toMatchObject({ kind: 'validation' });
    await expect(collect(listImages(SCOPES.huawei, options('huawei', { pageSize: 201 })))).rejects.toMatchObject({ kind: 'validation' });
    expect(server.requests.length).toBe(before);
  });
});

describe('on the Prism mocks: a listed image agrees with getImage of the same image', () => {
  const urls = inject('mockUrls');
  const FIELDS: (keyof ImageSummaryFields)[] = ['id', 'repository', 'name', 'tags', 'labels', 'digest', 'sizeBytes', 'os', 'osDistro', 'osVersion', 'architecture', 'status', 'createdAt', 'updatedAt', 'baseImages'];
  const carried = (value: unknown) => value !== null && !(Array.isArray(value) && value.length === 0) && !(typeof value === 'object' && Object.keys(value as object).length === 0);
  const demo = {
    vercel: { token: 'demo-token' },
    gcore: { apiKey: 'demo-key' },
    naver: { accessKey: 'DEMOAK', secretKey: 'demo-sk' },
    huawei: { accessKey: 'DEMOAK', secretKey: 'demo-sk', securityToken: undefined },
  } as const;

  /** The lookup of the listed image, and which listed image to compare (the specs' examples share one image). */
  const cases: [ListScope, (s: ImageSummary) => ImageRef | undefined][] = [
    [{ vendor: 'vercel', projectId: 'prj_1', repository: 'my-app' }, (s) => (s.id === 'img_a1b2c3d4e5f6' ? { vendor: 'vercel', repository: 'my-app', image: s.id, projectId: 'prj_1' } : undefined)],
    [{ vendor: 'gcore', projectId: 1, regionId: 7, includePublic: true }, (s) => (s.id === '8cab6f28-09ca-4201-b3f7-23c7893f4bd6' ? { vendor: 'gcore', projectId: 1, regionId: 7, image: s.id } : undefined)],
    [{ vendor: 'naver', registry: 'ncpdocker' }, (s) => (s.name === 'ncpdocker' ? { vendor: 'naver', registry: 'ncpdocker', image: s.name } : undefined)],
    [
      { vendor: 'huawei', projectId: 'p' },
      (s) =>
        s.id === '111'
          ? { vendor: 'huawei', projectId: 'p', image: s.id, imageType: 'cicd', namespace: s.repository ?? undefined, imageName: s.name ?? undefined, imageVersion: s.tags[0] }
          : undefined,
    ],
  ];

  it.each(cases)('%o', async (scope, lookupOf) => {
    const options = { ...demo[scope.vendor], baseUrl: urls[scope.vendor], maxPages: 1 } as ListImagesOptions;
    const listed: ImageSummary[] = [];
    try {
      for await (const s of listImages(scope, options)) listed.push(s);
    } catch (error) {
      // Prism ignores cursors: a Vercel walk ends at the mock's second, identical request (PAGE_LIMIT with maxPages 1).
      if (!(scope.vendor === 'vercel' && (error as { code?: string }).code === 'PAGE_LIMIT')) throw error;
    }
    const match = listed.map((s) => [s, lookupOf(s)] as const).find(([, ref]) => ref !== undefined);
    expect(match, 'the listing holds the image of the single-image example').toBeDefined();
    const [summary, ref] = match!;
    const single = await getImage(ref!, { ...demo[scope.vendor], baseUrl: urls[scope.vendor] } as never);
    if (!single.ok) throw single.error;
    const fields = FIELDS.filter((f) => carried(summary[f]) && carried(single.summary[f]));
    expect(fields.length).toBeGreaterThanOrEqual(scope.vendor === 'huawei' ? 4 : 2);
    for (const field of fields) expect(summary[field], field).toEqual(single.summary[field]);
  });
});
