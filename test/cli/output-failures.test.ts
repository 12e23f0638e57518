// Output that cannot be written is never success: `list` and `inventory` writing to /dev/full exit 1 and say
// so; a reader that leaves (`| head`) stops every request at once (exit 141, as a shell reports SIGPIPE).
// Child processes, against the paging server's multi-page listings (NAVER and Huawei signatures verified).
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli-runner.js';
import { HUAWEI_PROJECT, LISTING_ENV, startListingServer, type ListingServer } from '../support/vendor-listings.js';

const HUAWEI_IMAGES = `/v5/${HUAWEI_PROJECT}/image/registries/images`;

let server: ListingServer;
let config: string;
beforeAll(async () => {
  server = await startListingServer({ vercel: [3], gcore: 3, naver: [3], huawei: 450 });
  const dir = mkdtempSync(join(tmpdir(), 'cic-output-'));
  config = join(dir, 'inventory.json');
  writeFileSync(config, JSON.stringify({ scopes: [{ vendor: 'huawei', projectId: HUAWEI_PROJECT, region: 'ap-southeast-1', baseUrl: server.baseUrls.huawei }] }));
});
afterAll(() => server.close());

const LIST = () => ['list', 'huawei', '--project-id', HUAWEI_PROJECT, '--region', 'ap-southeast-1', '--base-url', server.baseUrls.huawei, '--page-size', '10'];
const INVENTORY = () => ['inventory', '--config', config, '--page-size', '10', '--concurrency', '1'];

interface Run {
  code: number | null;
  stderr: string;
}

/** The CLI with stdout on `/dev/full` (every write fails with ENOSPC). */
function toDevFull(args: readonly string[]): Promise<Run> {
  const fd = openSync('/dev/full', 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...LISTING_ENV }, stdio: ['ignore', fd, 'pipe'] });
  closeSync(fd);
  return finished(child);
}

/** The CLI with stdout on a pipe whose reader leaves after the first line, as `| head -1` does. */
function toHeadOne(args: readonly string[]): Promise<Run & { firstLine: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...LISTING_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
  let seen = '';
  const firstLine = new Promise<string>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const end = seen.indexOf('\n');
      if (end >= 0) {
        child.stdout.destroy();
        resolve(seen.slice(0, end));
      }
    });
  });
  return Promise.all([finished(child), firstLine]).then(([run, line]) => ({ ...run, firstLine: line }));
}

function finished(child: ReturnType<typeof spawn>): Promise<Run> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

function requestsNow(): number {
  return server.requestsTo(HUAWEI_IMAGES).length;
}

describe('stdout that cannot be written (/dev/full)', () => {
  it('list: exit 1, stderr says the output could not be written (ENOSPC) and is incomplete', async () => {
    const run = await toDevFull(LIST());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: could not write the output \(ENOSPC\): \d+ images? written before it failed; the output is incomplete$/m);
  });

  it('inventory: exit 1, the final line and the write failure on stderr', async () => {
    const run = await toDevFull(INVENTORY());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^inventory: \d+ images/m);
    expect(run.stderr).toMatch(/^error: could not write the output \(ENOSPC\)/m);
  });
});

describe('a reader that leaves after one line (| head -1)', () => {
  it.each([
    ['list', LIST],
    ['inventory', INVENTORY],
  ])('%s: the requests stop at once (far fewer than the 45 pages), exit 141', async (_command, args) => {
    const before = requestsNow();
    const run = await toHeadOne(args());
    expect(JSON.parse(run.firstLine)).toMatchObject({ vendor: 'huawei' });
    expect(run.code).toBe(141);
    expect(run.stderr).not.toMatch(/error:/);
    const sent = requestsNow() - before;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(10);
  });
});
