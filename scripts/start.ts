// `npm start`: the main job on the embedded default, with no credentials and no network. Starts Prism
// mocks of the four specs on free local ports, runs the five operations through the real clients (real
// NAVER and Huawei AK/SK signing) with clearly fake demo credentials, prints one table comparing the
// vendors' summaries, stops the mocks. Exit 0 when every operation succeeded, 1 otherwise.
import { getImage, type ImageRef } from '../src/image.js';
import { inventory, type InventoryScope } from '../src/inventory.js';
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
    for (const failure of failures) process.stderr.write(`error: ${failure}\n`);
    const inventoryOk = await showInventory(mocks);
    process.stdout.write(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s. Run 'npm run --silent cli -- --help' to query real accounts.\n`);
    return failures.length === 0 && inventoryOk ? 0 : 1;
  } finally {
    await mocks.stop();
  }
}

/** The cross-cloud inventory over the four mocks: counts per vendor and the first rows. */
async function showInventory(mocks: RunningMocks): Promise<boolean> {
  const scopes: InventoryScope[] = [
    { vendor: 'vercel', projectId: 'prj_demo', repository: 'my-app', baseUrl: mocks.urls.vercel },
    { vendor: 'gcore', projectId: 1, regionId: 7, baseUrl: mocks.urls.gcore },
    { vendor: 'naver', registry: 'ncpdocker', baseUrl: mocks.urls.naver },
    { vendor: 'huawei', projectId: '2b31ed520xxxxxxebedb6e57xxxxxxxx', baseUrl: mocks.urls.huawei },
  ];
  // A mock answers every page with the same first-page example; past the first page, ask Prism for the
  // spec's last-page example instead, so the cursor walk ends as it would on the real API.
  const vercelFetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    if (!String(input instanceof Request ? input.url : input).includes('cursor=')) return fetch(input, init);
    const headers = new Headers(init?.headers);
    headers.set('prefer', 'example=untagged');
    return fetch(input, { ...init, headers });
  };
  const run = inventory(scopes, { clients: { ...DEMO, vercel: { ...DEMO.vercel, fetch: vercelFetch } }, retries: 0 });
  const rows: string[][] = [];
  let ok = true;
  for await (const event of run) {
    if (event.type === 'image' && rows.length < 8) {
      const s = event.summary;
      rows.push([s.vendor, s.repository ?? '', s.name ?? s.id ?? '', s.tags.join(' '), s.digest?.slice(0, 19) ?? '', s.createdAt ?? s.updatedAt ?? '']);
    } else if (event.type === 'failure') {
      ok = false;
      process.stderr.write(`error: inventory scope ${event.index} (${event.scope.vendor}): ${event.error.toString()}\n`);
    }
  }
  const stats = run.stats();
  const counts = (['vercel', 'gcore', 'naver', 'huawei'] as const).map((vendor) => `${vendor} ${stats.vendors[vendor]?.images ?? 0}`).join(', ');
  process.stdout.write(`\nCross-cloud inventory of the four mocks (${scopes.length} scopes): ${stats.images} images (${counts}); ${stats.failed} failed\n\n`);
  const header = ['vendor', 'repository', 'name', 'tags', 'digest', 'time'];
  const widths = header.map((title, i) => Math.min(40, Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length))));
  const line = (cells: string[]): string => `  ${cells.map((cell, i) => cell.slice(0, widths[i]).padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd();
  process.stdout.write(`${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`);
  return ok;
}

// Exit codes only; a failure was already reported above.
process.exitCode = await main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
});
