// `npm start`: the main job on the embedded default, with no credentials and no network. Starts Prism
// mocks of the four specs on free local ports, runs the five operations through the real clients (real
// NAVER and Huawei AK/SK signing) with clearly fake demo credentials, prints one table comparing the
// vendors' summaries, then lists every image of each vendor (listImages: a few rows and a count per
// vendor), stops the mocks. Exit 0 when every operation and listing succeeded, 1 otherwise.
import { createTable } from '../src/cli/table.js';
import { getImage, type ImageRef } from '../src/image.js';
import { inventory, type InventoryScope } from '../src/inventory.js';
import { listImages } from '../src/list-images.js';
import type { ListScope } from '../src/list-scope.js';
import type { FetchLike } from '../src/types.js';
import { renderComparison } from '../src/summary/table.js';
import type { ImageSummary } from '../src/summary/types.js';
import { startMocks, VENDORS, type RunningMocks } from './mocks.js';

/** Fake by construction: nothing here is a real credential, and the mocks accept any. */
const DEMO = {
  vercel: { token: 'demo-vercel-token-not-a-secret' },
  gcore: { apiKey: 'demo-gcore-api-key-not-a-secret' },
  naver: { accessKey: 'DEMOACCESSKEYNOTREAL', secretKey: 'demo-naver-secret-key-not-a-secret' },
  huawei: { accessKey: 'DEMOHUAWEIAKNOTREAL', secretKey: 'demo-huawei-secret-key-not-a-secret', region: 'cn-north-4' },
} as const;

/** The five operations, with the ids of the specs' examples. */
const JOBS: readonly { title: string; ref: ImageRef }[] = [
  { title: 'vercel (image)', ref: { vendor: 'vercel', repository: 'my-app', image: 'img_a1b2c3d4e5f6', projectId: 'prj_demo' } },
  { title: 'vercel (tag)', ref: { vendor: 'vercel', repository: 'my-app', tag: 'latest', projectId: 'prj_demo' } },
  { title: 'gcore', ref: { vendor: 'gcore', projectId: 1, regionId: 7, image: '8cab6f28-09ca-4201-b3f7-23c7893f4bd6' } },
  { title: 'naver', ref: { vendor: 'naver', registry: 'ncpdocker', image: 'ncpdocker' } },
  { title: 'huawei', ref: { vendor: 'huawei', projectId: '2b31ed520xxxxxxebedb6e57xxxxxxxx', image: '111', imageType: 'cicd' } },
];

/** What each vendor's listing covers on the mocks. */
const SCOPES: readonly ListScope[] = [
  { vendor: 'vercel', projectId: 'prj_demo' },
  { vendor: 'gcore', projectId: 1, regionId: 7, includePublic: true },
  { vendor: 'naver' },
  { vendor: 'huawei', projectId: '2b31ed520xxxxxxebedb6e57xxxxxxxx' },
];
const ROWS_PER_VENDOR = 3;
/** The listing table, fitted to the terminal when there is one. */
const table = createTable({ width: process.stdout.columns });

/**
 * Prism answers every request with the same example and ignores `cursor`, so a Vercel walk would see its
 * first page again (which the listing rightly refuses: PAGE_REPEATED). A real server moves on; here a
 * request that follows a cursor asks Prism for the spec's last-page example instead.
 */
const lastPageOnCursor: FetchLike = (input, init) => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  if (!url.searchParams.has('cursor')) return fetch(input, init);
  const headers = new Headers(init?.headers);
  headers.set('Prefer', `example=${url.pathname.endsWith('/images') ? 'untagged' : 'last_page'}`);
  return fetch(input, { ...init, headers });
};

/** Every image of one vendor's scope: the first rows, the count, or the error that stopped the listing. */
async function listVendor(scope: ListScope, baseUrl: string) {
  const rows: string[] = [];
  let count = 0;
  try {
    const options = { ...DEMO[scope.vendor], baseUrl, ...(scope.vendor === 'vercel' && { fetch: lastPageOnCursor }) };
    for await (const summary of listImages(scope, options)) {
      if (count++ < ROWS_PER_VENDOR) rows.push(table.line(summary));
    }
    return { vendor: scope.vendor, rows, count };
  } catch (error) {
    return { vendor: scope.vendor, rows, count, error: error instanceof Error ? error.toString() : String(error) };
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  process.stderr.write('Starting local mocks…');
  let mocks: RunningMocks;
  try {
    mocks = await startMocks({ onReady: (vendor) => process.stderr.write(` ${vendor} ✓`) });
  } catch (error) {
    process.stderr.write(`\nerror: could not start the mocks: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  process.stderr.write(` (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);

  try {
    const results = await Promise.all(JOBS.map((job) => getImage(job.ref, { ...DEMO[job.ref.vendor], baseUrl: mocks.urls[job.ref.vendor] })));
    const columns: { title: string; summary: ImageSummary }[] = [];
    const failures: string[] = [];
    results.forEach((result, i) => {
      const title = JOBS[i]?.title ?? result.vendor;
      if (result.ok) columns.push({ title, summary: result.summary });
      else failures.push(`${title}: ${result.error.toString()}`);
    });
    process.stdout.write(`\nOne image per vendor, read from local mocks of the vendors' APIs (${VENDORS.length} specs, ${JOBS.length} operations):\n\n`);
    process.stdout.write(renderComparison(columns));

    const listings = await Promise.all(SCOPES.map((scope) => listVendor(scope, mocks.urls[scope.vendor])));
    process.stdout.write(`\nEvery image of each vendor, listed from the same mocks (first ${ROWS_PER_VENDOR} rows of each):\n\n`);
    process.stdout.write(table.header());
    for (const listing of listings) process.stdout.write(listing.rows.join(''));
    process.stdout.write(`\nImages listed: ${listings.map((l) => `${l.vendor} ${l.count}`).join(', ')}\n`);
    process.stdout.write('(A mock answers every repository and registry with the same example images, hence the repeats.)\n');
    for (const listing of listings) if (listing.error !== undefined) failures.push(`list ${listing.vendor}: ${listing.error}`);

    for (const failure of failures) process.stderr.write(`error: ${failure}\n`);
    const inventoryOk = await showInventory(mocks);
    process.stdout.write(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s. Run 'npm run --silent cli -- --help' to query real accounts.\n`);
    return failures.length === 0 && inventoryOk ? 0 : 1;
  } finally {
    await mocks.stop();
  }
}

/** The cross-cloud inventory over the same mocks, all scopes at once: counts per vendor and a short table. */
async function showInventory(mocks: RunningMocks): Promise<boolean> {
  const scopes: InventoryScope[] = SCOPES.map((scope) => ({ ...scope, baseUrl: mocks.urls[scope.vendor] }));
  const run = inventory(scopes, { clients: { ...DEMO, vercel: { ...DEMO.vercel, fetch: lastPageOnCursor } } });
  const rows: string[] = [];
  const failures: string[] = [];
  for await (const event of run) {
    if (event.type === 'image' && rows.length < INVENTORY_ROWS) rows.push(table.line(event.summary));
    else if (event.type === 'failure') failures.push(`inventory scope ${event.index} (${event.scope.vendor}): ${event.error.toString()}`);
  }
  const stats = run.stats();
  const counts = VENDORS.map((vendor) => `${vendor} ${stats.vendors[vendor]?.images ?? 0}`).join(', ');
  process.stdout.write(`\nCross-cloud inventory: the ${scopes.length} scopes above at once, one stream (first ${INVENTORY_ROWS} rows):\n\n`);
  process.stdout.write(table.header());
  process.stdout.write(rows.join(''));
  process.stdout.write(`\nInventory: ${stats.images} images (${counts}); ${stats.done} scopes listed, ${stats.failed} failed\n`);
  for (const failure of failures) process.stderr.write(`error: ${failure}\n`);
  return failures.length === 0;
}
const INVENTORY_ROWS = 6;

// Exit codes only; a failure was already reported above.
process.exitCode = await main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
});
