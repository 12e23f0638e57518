// Multi-page listings in each vendor's own paths and body shapes, served by the paging server, with NAVER
// and Huawei signatures verified on every request (independent verifiers, test credentials). Used by the
// `cloud-images list` and listImages tests: every image has a unique id (or name), so "each image exactly
// once" is a set comparison.
import type { Listing } from './paging-server.js';
import { startPagingServer, type PagingServer } from './paging-server.js';
import { gcoreImage } from './vendor-bodies.js';
import { verifyHuawei, verifyNaver, type Verdict } from './verifying-server.js';

export const LISTING_CREDENTIALS = {
  naver: { accessKey: 'CICLISTNAVERAK7Q2', secretKey: 'cic-test-secret-naver-list-sk-H3k9' },
  huawei: { accessKey: 'CICLISTHUAWEIAK5M8', secretKey: 'cic-test-secret-huawei-list-sk-P2x6' },
} as const;

/** The environment a CLI run needs for these servers (fake, distinctive secrets). */
export const LISTING_ENV = {
  VERCEL_TOKEN: 'cic-test-secret-vercel-list-D4f7',
  GCORE_API_KEY: 'cic-test-secret-gcore-list-J8s1',
  NCLOUD_ACCESS_KEY_ID: LISTING_CREDENTIALS.naver.accessKey,
  NCLOUD_SECRET_ACCESS_KEY: LISTING_CREDENTIALS.naver.secretKey,
  HUAWEICLOUD_SDK_AK: LISTING_CREDENTIALS.huawei.accessKey,
  HUAWEICLOUD_SDK_SK: LISTING_CREDENTIALS.huawei.secretKey,
} as const;

export const HUAWEI_PROJECT = 'cic0list0project';

/**
 * How many images each repository / registry holds (0: an empty one). The server pages at the vendors'
 * documented maxima (Vercel 100 images / 1000 repositories, Gcore 1000, Huawei 200; NAVER, which documents
 * none, at the client's 100), so the default shape makes every vendor's listing several pages long.
 */
export interface ListingShape {
  vercel: number[];
  gcore: number;
  naver: number[];
  huawei: number;
}

export const DEFAULT_SHAPE: ListingShape = { vercel: [250, 0, 7], gcore: 2500, naver: [450, 10, 0], huawei: 450 };

/** Every id the listings hold, per vendor (Vercel, Gcore, Huawei: `id`; NAVER: `registry/name`). */
export function expectedIds(shape: ListingShape): Record<keyof ListingShape, string[]> {
  return {
    vercel: shape.vercel.flatMap((n, r) => range(n).map((i) => `img_${r}_${i}`)),
    gcore: range(shape.gcore).map((i) => `gcore-image-${i}`),
    naver: shape.naver.flatMap((n, r) => range(n).map((i) => `registry-${r}/team/app-${i}`)),
    huawei: range(shape.huawei).map((i) => `hw-${i}`),
  };
}

export interface ListingServer extends PagingServer {
  /** Base URLs as the CLI's --base-url takes them (NAVER: with the regional base path). */
  baseUrls: Record<keyof ListingShape, string>;
}

/** `faults`: extra behaviour for one route (path as requested, decoded), e.g. a failing second page. */
export async function startListingServer(shape: ListingShape = DEFAULT_SHAPE, overrides: Record<string, Partial<Listing>> = {}): Promise<ListingServer> {
  const routes = new Map<string, Listing>();
  const add = (path: string, listing: Listing) => routes.set(path, { ...listing, ...overrides[path] });

  add('/v1/vcr/repository', {
    mode: 'cursor',
    cap: 1000,
    listKey: 'repositories',
    count: shape.vercel.length,
    pageSize: 2,
    item: (r) => ({ id: `repo_${r}`, name: `repo-${r}`, projectId: 'prj_list', public: false, createdAt: '2026-05-12T08:31:44.902Z', updatedAt: '2026-06-30T10:00:00.000Z' }),
  });
  shape.vercel.forEach((count, r) =>
    add(`/v1/vcr/repository/repo-${r}/images`, {
      mode: 'cursor',
      cap: 100,
      listKey: 'images',
      count,
      item: (i) => ({
        id: `img_${r}_${i}`,
        repositoryId: `repo_${r}`,
        manifestDigest: `sha256:${(r * 1000 + i).toString(16).padStart(64, '0')}`,
        kind: 'manifest',
        platform: 'linux',
        arch: 'amd64',
        sizeInBytes: 1000 + i,
        status: 'ready',
        tags: [`v${i}`],
        createdAt: '2026-06-30T10:00:00.000Z',
      }),
    }),
  );
  add('/cloud/v1/projectimages/1/7', {
    mode: 'single',
    cap: 1000,
    listKey: 'results',
    count: shape.gcore,
    // Gcore's ImageSerializer, every property it requires.
    item: (i) => gcoreImage({ id: `gcore-image-${i}`, name: i === 0 ? 'comma, "quote"\nand newline' : `image-${i}` }),
  });
  add('/ncr/api/v2/repositories', {
    mode: 'page',
    listKey: 'results',
    count: shape.naver.length,
    pageSize: 2,
    item: (r) => ({ name: `registry-${r}`, bucket: `bucket-${r}`, created: 1711928488000 }),
  });
  shape.naver.forEach((count, r) =>
    add(`/ncr/api/v2/repositories/registry-${r}`, {
      mode: 'page',
      listKey: 'results',
      count,
      item: (i) => ({ name: `team/app-${i}`, namespace: `registry-${r}`, last_updated: 1711928488000 + i }),
    }),
  );
  add(`/v5/${HUAWEI_PROJECT}/image/registries/images`, {
    mode: 'offset',
    cap: 200,
    listKey: 'data_list',
    count: shape.huawei,
    item: (i) => ({
      id: i,
      image_id: `hw-${i}`,
      namespace: 'team',
      image_name: `app-${Math.floor(i / 10)}`,
      image_version: `v${i % 10}`,
      image_digest: `sha256:${i.toString(16).padStart(64, '0')}`,
      image_size: 5000 + i,
      latest_update_time: 1711928488000,
    }),
  });

  const server = await startPagingServer((path) => routes.get(path), { verify: verifySignatures });
  return {
    ...server,
    baseUrls: { vercel: server.url, gcore: server.url, naver: `${server.url}/ncr/api`, huawei: server.url },
  };
}

/** NAVER and Huawei requests must carry a valid signature over exactly what was sent. */
function verifySignatures(request: Parameters<typeof verifyNaver>[0]): Verdict {
  if (request.target.startsWith('/ncr/')) return verifyNaver(request, LISTING_CREDENTIALS.naver, Date.now());
  if (request.target.startsWith('/v5/')) return verifyHuawei(request, LISTING_CREDENTIALS.huawei, Date.now());
  return { ok: true };
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
