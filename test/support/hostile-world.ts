// A world of hostile vendor data: image ids, names, tags and error messages that carry terminal escapes (CSI,
// an OSC 0 window title ended by BEL), NUL, the one-character CSI U+009B, DEL, bidi overrides and isolates,
// and a line separator. Served by the paging server in the vendors' own listing shapes (bodies as the specs
// describe them), for the CLI to print in every format.
import { startPagingServer, type Listing, type PagingServer } from './paging-server.js';

/** Each character the world hides in its strings; none may reach any output raw. */
export const HOSTILE_CHARS = ['\u001b', '\u0007', '\u0000', '\u009b', '\u007f', '\u202e', '\u2066', '\u2028'] as const;

/** CSI clear screen, an OSC 0 title, NUL, C1 CSI, DEL, RLO, LRI, LS. */
export const HOSTILE = 'x\u001b[2J\u001b]0;owned\u0007y\u0000z\u009b31m\u007f\u202eexe.txt\u2066w\u2028v';

export const HOSTILE_PROJECT = 'cic0hostile0project';
/** A Huawei project whose listing answers an error with a hostile message. */
export const FAILING_PROJECT = 'cic0failing0project';
export const HOSTILE_IMAGES = 3;

/** The environment a CLI run needs (fake secrets; the world checks no signature). */
export const HOSTILE_ENV = {
  VERCEL_TOKEN: 'cic-test-secret-vercel-hostile-A1',
  HUAWEICLOUD_SDK_AK: 'CICHOSTILEAK',
  HUAWEICLOUD_SDK_SK: 'cic-test-secret-huawei-hostile-B2',
} as const;

/** The ids the world serves: Vercel images `img_<hostile>_<i>`, Huawei images `hw_<hostile>_<i>`. */
export function hostileIds(vendor: 'vercel' | 'huawei'): string[] {
  return Array.from({ length: HOSTILE_IMAGES }, (_, i) => `${vendor === 'vercel' ? 'img' : 'hw'}_${HOSTILE}_${i}`);
}

/** Lists every raw hostile character found in `text` (empty: none). */
export function rawHostileChars(text: string): string[] {
  return HOSTILE_CHARS.filter((c) => text.includes(c));
}

export async function startHostileWorld(): Promise<PagingServer> {
  const routes = new Map<string, Listing>([
    [
      '/v1/vcr/repository',
      {
        mode: 'cursor',
        listKey: 'repositories',
        count: 1,
        item: () => ({ id: 'repo_0', name: 'repo-0', projectId: 'prj_hostile', public: false, createdAt: '2026-05-12T08:31:44.902Z', updatedAt: '2026-06-30T10:00:00.000Z' }),
      },
    ],
    [
      '/v1/vcr/repository/repo-0/images',
      {
        mode: 'cursor',
        listKey: 'images',
        count: HOSTILE_IMAGES,
        item: (i) => ({
          id: hostileIds('vercel')[i],
          repositoryId: 'repo_0',
          manifestDigest: `sha256:${i.toString(16).padStart(64, 'a')}`,
          kind: 'manifest',
          platform: `linux${HOSTILE}`,
          arch: 'amd64',
          sizeInBytes: 1000 + i,
          status: 'ready',
          tags: [`v${i}${HOSTILE}`, `latest${HOSTILE}`],
          createdAt: '2026-06-30T10:00:00.000Z',
        }),
      },
    ],
    [
      `/v5/${HOSTILE_PROJECT}/image/registries/images`,
      {
        mode: 'offset',
        listKey: 'data_list',
        count: HOSTILE_IMAGES,
        item: (i) => ({
          id: i,
          image_id: hostileIds('huawei')[i],
          namespace: `team${HOSTILE}`,
          image_name: `app${HOSTILE}`,
          image_version: `v${i}${HOSTILE}`,
          image_digest: `sha256:${i.toString(16).padStart(64, 'b')}`,
          image_size: 5000 + i,
          latest_update_time: 1711928488000,
        }),
      },
    ],
    [
      `/v5/${FAILING_PROJECT}/image/registries/images`,
      {
        mode: 'offset',
        listKey: 'data_list',
        count: 0,
        item: () => ({}),
        faults: Object.fromEntries(Array.from({ length: 20 }, (_, n) => [n + 1, { status: 400, body: { error_code: 'HSS.0011', error_msg: `no such project ${HOSTILE}` } }])),
      },
    ],
    [
      `/v5/${HOSTILE_PROJECT}/image/img-1/basic-image`,
      {
        mode: 'offset',
        listKey: 'data_list',
        count: 1,
        item: () => ({ os_name: `Debian${HOSTILE}`, os_version: `9${HOSTILE}`, layer_digest: `sha256:${'c'.repeat(64)}` }),
      },
    ],
  ]);
  return startPagingServer((path) => routes.get(path));
}
