// `cloud-images list` end to end, as a child process: multi-page listings of all four vendors from a local
// paging server in each vendor's shape (NAVER and Huawei signatures verified on every page), exit codes,
// a failure after some images were printed, and no secret in any output.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterEndpointNotes, runCli, type CliRun } from '../support/cli-runner.js';
import { offSpec } from '../support/spec-conformance.js';
import { closedPortUrl } from '../support/http-stub.js';
import { expectedIds, DEFAULT_SHAPE, HUAWEI_PROJECT, LISTING_ENV, startListingServer, type ListingServer } from '../support/vendor-listings.js';

const SECRETS = Object.values(LISTING_ENV).filter((v) => v.startsWith('cic-test-secret'));

async function cli(args: readonly string[], env: Record<string, string> = LISTING_ENV): Promise<CliRun> {
  const run = await runCli(args, env);
  for (const secret of SECRETS) expect(run.stdout + run.stderr, `secret in the output of ${args.join(' ')}`).not.toContain(secret);
  expect(run.stderr, 'no stack trace').not.toMatch(/\n\s+at /);
  return { ...run, stderr: afterEndpointNotes(run.stderr) };
}

function lines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const idOf = (s: Record<string, unknown>) => (s['vendor'] === 'naver' ? `${String(s['repository'])}/${String(s['name'])}` : String(s['id']));

let server: ListingServer;
beforeAll(async () => {
  server = await startListingServer();
});
afterAll(() => server.close());

const ARGS = {
  vercel: () => ['list', 'vercel', '--project-id', 'prj_list', '--base-url', server.baseUrls.vercel],
  gcore: () => ['list', 'gcore', '--project-id', '1', '--region-id', '7', '--base-url', server.baseUrls.gcore],
  naver: () => ['list', 'naver', '--base-url', server.baseUrls.naver],
  huawei: () => ['list', 'huawei', '--project-id', HUAWEI_PROJECT, '--region', 'ap-southeast-1', '--base-url', server.baseUrls.huawei],
};

describe('cloud-images list: every image exactly once, for all four vendors', () => {
  it.concurrent.each(['vercel', 'gcore', 'naver', 'huawei'] as const)('%s: NDJSON when piped, one summary a line, each image once', async (vendor) => {
    const run = await cli(ARGS[vendor]());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summaries = lines(run.stdout);
    const ids = summaries.map(idOf);
    expect(ids.sort()).toEqual(expectedIds(DEFAULT_SHAPE)[vendor].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const summary of summaries) {
      expect(summary['vendor']).toBe(vendor);
      expect(summary).toHaveProperty('raw');
    }
  });

  it('the listings really were paged (and NAVER/Huawei pages signed: the server refuses a bad signature)', () => {
    const pages = (path: string) => server.requestsTo(path).filter((r) => r.status === 200).length;
    // The fewest requests the documented page sizes allow: 250 Vercel images in pages of 100, 450 NAVER images
    // in pages of 100, 2,500 Gcore images in pages of 1,000, 450 Huawei images in pages of 200.
    expect(pages('/v1/vcr/repository')).toBe(1);
    expect(pages('/v1/vcr/repository/repo-0/images')).toBe(3);
    expect(server.requestsTo('/v1/vcr/repository/repo-0/images').map((r) => r.query.get('limit'))).toEqual(['100', '100', '100']);
    expect(pages('/ncr/api/v2/repositories')).toBe(1);
    expect(pages('/ncr/api/v2/repositories/registry-0')).toBe(5);
    expect(server.requestsTo('/ncr/api/v2/repositories/registry-0').map((r) => r.query.get('page'))).toEqual(['1', '2', '3', '4', '5']);
    expect(pages('/cloud/v1/projectimages/1/7')).toBe(3);
    expect(server.requestsTo('/cloud/v1/projectimages/1/7').map((r) => [r.query.get('offset'), r.query.get('limit')])).toEqual([['0', '1000'], ['1000', '1000'], ['2000', '1000']]);
    expect(pages(`/v5/${HUAWEI_PROJECT}/image/registries/images`)).toBe(3);
    expect(server.requests.every((r) => r.status === 200)).toBe(true);
    const huawei = server.requestsTo(`/v5/${HUAWEI_PROJECT}/image/registries/images`);
    expect(huawei.map((r) => r.query.get('offset'))).toEqual(['0', '200', '400']);
    expect(huawei.every((r) => r.headers['region'] === 'ap-southeast-1')).toBe(true);
  });

  it('--repository / --registry: only that one', async () => {
    const vercel = await cli([...ARGS.vercel(), '--repository', 'repo-2']);
    expect(vercel.code).toBe(0);
    expect(lines(vercel.stdout).map(idOf)).toEqual(expectedIds({ ...DEFAULT_SHAPE, vercel: [0, 0, 7] }).vercel);
    const naver = await cli([...ARGS.naver(), '--registry', 'registry-1']);
    expect(naver.code).toBe(0);
    expect(lines(naver.stdout)).toHaveLength(10);
  });

  it('wrong NAVER credentials: the first page is refused, exit 1, nothing printed', async () => {
    const run = await cli(ARGS.naver(), { ...LISTING_ENV, NCLOUD_SECRET_ACCESS_KEY: 'cic-test-secret-naver-wrong-Z0' });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: HTTP 401 200: Authentication Failed/);
  });
});

describe('cloud-images list: exit codes', () => {
  it('usage errors exit 2 and send nothing', async () => {
    const before = server.requests.length;
    for (const args of [
      ['list', 'gcore', '--project-id', '1'],
      ['list', 'gcore', '--project-id', 'one', '--region-id', '7'],
      ['list', 'vercel', '--project-id', 'p', '--format', 'xml'],
      ['list', 'vercel', '--project-id', 'p', '--region-id', '7'],
      ['list', 'naver', '--region', 'mars'],
      ['list', 'huawei', '--project-id', 'p', '--has-vul', 'maybe'],
      ['list', 'huawei', '--project-id', 'p', '--scan-status', 'done'],
      ['list', 'huawei', '--project-id', 'p', '--page-size', '0'],
      ['list', 'cloud9'],
    ]) {
      const run = await cli([...args, '--base-url', server.url]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/^error: /);
    }
    expect(server.requests.length).toBe(before);
  });

  it('a value the spec refuses (Huawei page size above 200): exit 2, nothing sent', async () => {
    const before = server.requests.length;
    const run = await cli([...ARGS.huawei(), '--page-size', '500']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: Invalid pageSize 500: GET \/v5\/\{project_id\}\/image\/registries\/images returns at most 200 items per page. Nothing was sent.$/m);
    expect(server.requests.length).toBe(before);
  });

  it('network failure before anything was printed: exit 3', async () => {
    const run = await cli(['list', 'gcore', '--project-id', '1', '--region-id', '7', '--retries', '0', '--base-url', await closedPortUrl()]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: network failure/);
  });

  it('missing credentials: exit 2, nothing sent', async () => {
    const before = server.requests.length;
    const run = await cli(ARGS.vercel(), {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('VERCEL_TOKEN');
    expect(server.requests.length).toBe(before);
  });
});

describe('cloud-images list: a failure after some images were printed', () => {
  let failing: ListingServer;
  beforeAll(async () => {
    failing = await startListingServer(DEFAULT_SHAPE, {
      '/v1/vcr/repository/repo-0/images': { faults: { 3: { status: 500, body: { error: { code: 'internal_error', message: 'boom' } } } } },
      [`/v5/${HUAWEI_PROJECT}/image/registries/images`]: { faults: { 2: 'hang' } },
    });
  });
  afterAll(() => failing.close());

  it('an API error on the third page: exit 1, the first two pages stay printed, stderr says the listing is incomplete', async () => {
    const run = await cli(['list', 'vercel', '--project-id', 'prj_list', '--retries', '0', '--base-url', failing.url]);
    expect(run.code).toBe(1);
    expect(lines(run.stdout).map(idOf)).toEqual(expectedIds({ ...DEFAULT_SHAPE, vercel: [200] }).vercel);
    expect(run.stderr).toMatch(/^error: HTTP 500 internal_error: boom/);
    expect(run.stderr).toContain('stopped after 200 images; the listing is incomplete');
  });

  it('a timeout on the second page (a network-kind failure): exit 1, not 3, since images were printed', async () => {
    const run = await cli(['list', 'huawei', '--project-id', HUAWEI_PROJECT, '--timeout', '500', '--retries', '0', '--base-url', failing.url]);
    expect(run.code).toBe(1);
    expect(lines(run.stdout)).toHaveLength(200);
    expect(run.stderr).toMatch(/^error: timeout/);
  });
});

describe('cloud-images list: exact or loud', () => {
  // Totals above what the listings hold (NAVER `count`, Gcore `count`, Huawei `total_num`): still spec-shaped pages.
  let short: ListingServer;
  let hostile: ListingServer;
  beforeAll(async () => {
    short = await startListingServer(DEFAULT_SHAPE, {
      '/ncr/api/v2/repositories/registry-0': { total: 600 },
      '/cloud/v1/projectimages/1/7': { total: 3000 },
      [`/v5/${HUAWEI_PROJECT}/image/registries/images`]: { total: 1000 },
    });
    // A 200 of the wrong shape on the second page of a Vercel repository: deliberately off the spec.
    hostile = await startListingServer(DEFAULT_SHAPE, {
      '/v1/vcr/repository/repo-0/images': { faults: { 2: { status: 200, body: { error: { code: 'internal', message: 'try again' } }, offSpec: offSpec('a 200 without its `images` list: the listing must fail loudly') } } },
    });
  });
  afterAll(async () => {
    await short.close();
    await hostile.close();
  });

  it.each([
    ['naver', () => ['list', 'naver', '--registry', 'registry-0', '--base-url', short.baseUrls.naver], 450, 600],
    ['gcore', () => ['list', 'gcore', '--project-id', '1', '--region-id', '7', '--base-url', short.baseUrls.gcore], 2500, 3000],
    ['huawei', () => ['list', 'huawei', '--project-id', HUAWEI_PROJECT, '--base-url', short.baseUrls.huawei], 450, 1000],
  ] as const)('%s: a listing short of the vendor\'s total prints every image it got, then exits 1 naming both numbers', async (_vendor, args, received, total) => {
    const run = await cli(args());
    expect(run.code).toBe(1);
    expect(lines(run.stdout)).toHaveLength(received);
    expect(run.stderr).toContain(`error: LISTING_INCOMPLETE: The vendor states ${total} items, but the listing ended after ${received}: ${total - received} missing.`);
    expect(run.stderr).toContain(`stopped after ${received} images; the listing is incomplete`);
  });

  it('inventory: the short listing fails its scope (exit 1, both numbers on stderr), the other scope is listed whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cic-short-'));
    const config = join(dir, 'inventory.json');
    const scopes = [
      { vendor: 'naver', registry: 'registry-0', baseUrl: short.baseUrls.naver },
      { vendor: 'naver', registry: 'registry-1', baseUrl: short.baseUrls.naver },
    ];
    writeFileSync(config, JSON.stringify({ scopes }));
    const run = await cli(['inventory', '--config', config]);
    expect(run.code).toBe(1);
    expect(lines(run.stdout)).toHaveLength(460);
    expect(run.stderr).toMatch(/^error: scope 0 \(naver registry=registry-0 baseUrl=\S+\) after 450 images: LISTING_INCOMPLETE: The vendor states 600 items, but the listing ended after 450: 150 missing\.$/m);
    expect(run.stderr).toMatch(/^inventory: 460 images \(naver 460\); 2 scopes, 1 listed, 1 failed;/m);
  });

  it('a 200 page of the wrong shape: exit 1 with a parse error naming the missing list, after the first page', async () => {
    const run = await cli(['list', 'vercel', '--project-id', 'prj_list', '--retries', '0', '--base-url', hostile.baseUrls.vercel]);
    expect(run.code).toBe(1);
    expect(lines(run.stdout)).toHaveLength(100);
    expect(run.stderr).toMatch(/^error: HTTP 200: The page at cursor "c100" has no `images`\.$/m);
  });
});

describe('cloud-images list: --help', () => {
  it('list --help and list <vendor> --help name every option of that vendor; exit 0, nothing sent', async () => {
    const general = await cli(['list', '--help']);
    expect(general.code).toBe(0);
    for (const vendor of ['vercel', 'gcore', 'naver', 'huawei']) expect(general.stdout).toContain(`cloud-images list ${vendor}`);
    for (const option of ['--format ndjson|json|table|csv', '--page-size', '--max-pages', '--base-url', '--timeout', '--retries', '--help']) {
      expect(general.stdout).toContain(option);
    }
    expect(general.stdout).toContain('`raw`');

    const expected = {
      vercel: ['--project-id', '--team-id', '--slug', '--repository'],
      gcore: ['--project-id', '--region-id', '--include-public'],
      naver: ['--region kr|sgn|jpn', '--registry'],
      huawei: ['--project-id', '--region', '--image-type', '--namespace', '--image-name', '--image-version', '--scan-status', '--has-vul', '--severity-level', '--start-latest-update-time', '--is-multarch', '--enterprise-project-id'],
    };
    for (const [vendor, options] of Object.entries(expected)) {
      const run = await cli(['list', vendor, '--help']);
      expect(run.code).toBe(0);
      for (const option of options) expect(run.stdout, `${vendor} ${option}`).toContain(option);
    }
  });

  it('the global --help shows both commands and the list options', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('cloud-images get vercel');
    expect(run.stdout).toContain('cloud-images list huawei');
    expect(run.stdout).toContain('--format ndjson|json|table|csv');
  });
});
