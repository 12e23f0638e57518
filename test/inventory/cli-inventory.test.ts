// `cloud-images inventory` as a user runs it: the real CLI in a child process against local vendor servers
// (another process) with latency and a limit on requests in flight (429 + Retry-After beyond it).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { afterEndpointNotes, endpointNote, runCli } from '../support/cli-runner.js';
import {
  expectedImages,
  FAKE_CREDENTIALS,
  imageKey,
  scopesFor,
  startInventoryServers,
  writeConfig,
  type InventoryServers,
  type VendorName,
  type VendorServerConfig,
} from './servers.js';

let servers: InventoryServers | undefined;
afterEach(() => {
  servers?.stop();
  servers = undefined;
});

type Layout = Partial<Record<VendorName, VendorServerConfig>>;

async function serve(layout: Layout): Promise<{ servers: InventoryServers; config: string }> {
  servers = await startInventoryServers(layout);
  return { servers, config: writeConfig({ scopes: scopesFor(servers, layout) }) };
}

function printed(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => imageKey(JSON.parse(line) as Record<string, unknown>));
}

describe('cloud-images inventory', () => {
  it('prints every image exactly once across vendors and scopes, meeting and surviving 429s (exit 0)', async () => {
    const layout: Layout = {
      vercel: { scopes: 4, units: 3, images: 50, pageSize: 20, latencyMs: 20, maxInFlight: 3 },
      gcore: { scopes: 6, images: 150, pageSize: 1000, latencyMs: 20, maxInFlight: 3 },
      naver: { scopes: 6, images: 200, pageSize: 20, latencyMs: 20, maxInFlight: 3 },
      huawei: { scopes: 4, images: 150, pageSize: 20, latencyMs: 20, maxInFlight: 3 },
    };
    const { servers, config } = await serve(layout);
    const run = await runCli(['inventory', '--config', config, '--concurrency', '8'], FAKE_CREDENTIALS);
    // Each endpoint named once, however many scopes use it.
    const notes = (['vercel', 'gcore', 'naver', 'huawei'] as const).map((vendor) => endpointNote(vendor, servers.urls[vendor] as string)).join('');
    expect(run.stderr.startsWith(notes)).toBe(true);
    expect(afterEndpointNotes(run.stderr)).toMatch(/^inventory: 3300 images \(vercel 600, gcore 900, naver 1200, huawei 600\); 20 scopes, 20 listed, 0 failed; \d+ requests, [1-9]\d* throttled \(429\/503\); [\d.]+ s\n$/);
    expect(run.code).toBe(0);
    const keys = printed(run.stdout);
    expect(keys).toHaveLength(expectedImages(layout));
    expect(new Set(keys).size).toBe(keys.length);
    const stats = await servers.stats();
    expect(stats.gcore?.throttled).toBeGreaterThan(0);
    expect(stats.naver?.throttled).toBeGreaterThan(0);
    expect(stats.vercel?.throttled).toBeGreaterThan(0);
    expect(stats.huawei?.throttled).toBeGreaterThan(0);
  });

  it('one vendor failing (500, bad credentials) does not stop the others: their images printed, exit 1', async () => {
    const layout: Layout = {
      gcore: { scopes: 2, images: 10, pageSize: 100, maxInFlight: 8, fault: { status: 500, body: { exception_class: 'InternalError', message: 'boom' } } },
      naver: { scopes: 3, images: 25, pageSize: 10, maxInFlight: 8 },
    };
    const { config } = await serve(layout);
    const run = await runCli(['inventory', '--config', config, '--retries', '0'], FAKE_CREDENTIALS);
    expect(run.code).toBe(1);
    expect(printed(run.stdout)).toHaveLength(75);
    expect(run.stderr).toMatch(/^error: scope 0 \(gcore projectId=1 regionId=1 baseUrl=http:\/\/127\.0\.0\.1:\d+\): HTTP 500 InternalError: boom$/m);
    expect(run.stderr).toMatch(/^error: scope 1 \(gcore .*\): HTTP 500/m);
    expect(run.stderr).toMatch(/^inventory: 75 images \(gcore 0, naver 75\); 5 scopes, 3 listed, 2 failed;/m);

    // Missing credentials for one vendor: that vendor's scopes fail before sending, the others are listed.
    const { GCORE_API_KEY: _gcore, ...withoutGcore } = FAKE_CREDENTIALS;
    const partial = await runCli(['inventory', '--config', config], withoutGcore);
    expect(partial.code).toBe(1);
    expect(printed(partial.stdout)).toHaveLength(75);
    expect(partial.stderr).toMatch(/^error: scope 0 \(gcore .*GCORE_API_KEY/m);
  });

  it('every scope failing on the network exits 3', async () => {
    const layout: Layout = {
      gcore: { scopes: 1, images: 1, pageSize: 10, maxInFlight: 8, fault: 'reset' },
      naver: { scopes: 2, images: 1, pageSize: 10, maxInFlight: 8, fault: 'reset' },
    };
    const { config } = await serve(layout);
    const run = await runCli(['inventory', '--config', config, '--retries', '0'], FAKE_CREDENTIALS);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr.match(/^error: scope \d .*network failure/gm)).toHaveLength(3);
    expect(run.stderr).toMatch(/0 listed, 3 failed/);
  });

  it.each([
    ['an unknown vendor', (urls: Record<string, string>) => ({ scopes: [{ vendor: 'gcore', projectId: 1, regionId: 1, baseUrl: urls['gcore'] }, { vendor: 'aws', baseUrl: urls['gcore'] }] }), /scopes\[1\]\.vendor names an unknown vendor "aws"/],
    ['a mistyped field', (urls: Record<string, string>) => ({ scopes: [{ vendor: 'gcore', projectId: 1, regionId: '1', baseUrl: urls['gcore'] }] }), /scopes\[0\]\.regionId must be an integer/],
    ['a missing field', (urls: Record<string, string>) => ({ scopes: [{ vendor: 'gcore', projectId: 1, baseUrl: urls['gcore'] }] }), /scopes\[0\]\.regionId is missing/],
    ['a secret', (urls: Record<string, string>) => ({ scopes: [{ vendor: 'gcore', projectId: 1, regionId: 1, baseUrl: urls['gcore'], apiKey: 'gcore-live-key-1234567890' }] }), /scopes\[0\]\.apiKey, a secret field, is refused/],
    ['bad JSON', () => '{ "scopes": [ }', /inventory\.json is not valid JSON$/m],
  ])('a config with %s exits 2 naming the field, and nothing is sent', async (_name, document, message) => {
    const { servers } = await serve({ gcore: { scopes: 1, images: 1, pageSize: 10, maxInFlight: 8 } });
    const run = await runCli(['inventory', '--config', writeConfig(document(servers.urls as Record<string, string>))], FAKE_CREDENTIALS);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toContain('gcore-live-key-1234567890');
    expect((await servers.stats()).gcore?.requests).toBe(0);
  });

  it('--config - reads the config from standard input', async () => {
    const layout: Layout = { gcore: { scopes: 2, images: 5, pageSize: 10, maxInFlight: 8 } };
    const { servers } = await serve(layout);
    const run = await runCli(['inventory', '--config', '-'], FAKE_CREDENTIALS, JSON.stringify({ scopes: scopesFor(servers, layout) }));
    expect(run.code).toBe(0);
    expect(printed(run.stdout)).toHaveLength(10);
  });

  it.skipIf(process.platform === 'win32')('--config of a device or a FIFO without a writer: exit 2 at once, nothing read', async () => {
    const fifo = join(mkdtempSync(join(tmpdir(), 'inventory-fifo-')), 'config');
    execFileSync('mkfifo', [fifo]);
    for (const [path, kind] of [['/dev/zero', 'a character device'], [fifo, 'a FIFO \\(named pipe\\)']]) {
      const run = await runCli(['inventory', '--config', path as string], FAKE_CREDENTIALS);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^error: the config file ".*" is ${kind}, not a regular file: give a file, or --config - to read standard input\\n$`));
    }
  });

  it('usage errors exit 2: no --config, an unreadable file, bad option values', async () => {
    const none = await runCli(['inventory'], FAKE_CREDENTIALS);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/missing required option --config/);
    const missing = await runCli(['inventory', '--config', '/nonexistent/inventory.json'], FAKE_CREDENTIALS);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the config file "\/nonexistent\/inventory\.json" \(ENOENT\)/);
    for (const args of [['--concurrency', '0'], ['--format', 'xml'], ['--retries', '-1'], ['--timeout', 'soon'], ['--bogus']]) {
      const run = await runCli(['inventory', '--config', 'x.json', ...args], FAKE_CREDENTIALS);
      expect(run.code, args.join(' ')).toBe(2);
    }
    // The same rules and words as `get` and `list`: an option given twice, --timeout and --retries.
    const cases: [string[], RegExp][] = [
      [['--config', 'y.json'], /option --config given more than once/],
      [['--retries', '11'], /option --retries must be between 0 and 10, not 11/],
      [['--timeout', '0'], /option --timeout must be at least 1 \(milliseconds\), not 0/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(['inventory', '--config', 'x.json', ...args], FAKE_CREDENTIALS);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });

  it('--help shows every option', async () => {
    const run = await runCli(['inventory', '--help']);
    expect(run.code).toBe(0);
    for (const option of ['--config', '--format', 'ndjson', 'table', 'csv', '--concurrency', '--timeout', '--retries', '--page-size', '--help']) expect(run.stdout).toContain(option);
    const general = await runCli(['--help']);
    expect(general.stdout).toContain('cloud-images inventory --config <file>');
  });

  it('--format json prints one array of the same images', async () => {
    const layout: Layout = { naver: { scopes: 2, images: 15, pageSize: 10, maxInFlight: 8 } };
    const { config } = await serve(layout);
    const run = await runCli(['inventory', '--config', config, '--format', 'json'], FAKE_CREDENTIALS);
    expect(run.code).toBe(0);
    const array = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(new Set(array.map(imageKey)).size).toBe(30);
    const csv = await runCli(['inventory', '--config', config, '--format', 'csv'], FAKE_CREDENTIALS);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^vendor,id,repository,name,/);
    expect(lines).toHaveLength(31);
  });
});
