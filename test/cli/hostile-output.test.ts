// Hostile vendor strings (escape sequences, OSC titles, BEL, NUL, C1 CSI, DEL, bidi controls, U+2028) through
// the real CLI, in every format and on every stream: nothing raw reaches stdout or stderr. JSON formats keep
// the values (they parse back to exactly what the vendor sent); table and CSV show the characters as
// `\uXXXX` text, one line a row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli.js';
import { afterEndpointNotes, runCli } from '../support/cli-runner.js';
import { FAILING_PROJECT, HOSTILE, HOSTILE_ENV, HOSTILE_IMAGES, HOSTILE_PROJECT, hostileIds, rawHostileChars, startHostileWorld } from '../support/hostile-world.js';
import type { PagingServer } from '../support/paging-server.js';
import { writeConfig } from '../inventory/servers.js';

let world: PagingServer;
beforeAll(async () => {
  world = await startHostileWorld();
});
afterAll(() => world.close());

const VISIBLE = 'x\\u001b[2J\\u001b]0;owned\\u0007y\\u0000z\\u009b31m\\u007f\\u202eexe.txt\\u2066w\\u2028v';

const list = (vendor: 'vercel' | 'huawei', format: string) =>
  vendor === 'vercel'
    ? ['list', 'vercel', '--project-id', 'prj_hostile', '--base-url', world.url, '--format', format]
    : ['list', 'huawei', '--project-id', HOSTILE_PROJECT, '--region', 'ap-southeast-1', '--base-url', world.url, '--format', format];

function inventoryConfig(): string {
  return writeConfig({
    scopes: [
      { vendor: 'vercel', projectId: 'prj_hostile', baseUrl: world.url },
      { vendor: 'huawei', projectId: HOSTILE_PROJECT, region: 'ap-southeast-1', baseUrl: world.url },
    ],
  });
}

async function clean(args: string[]) {
  const run = await runCli(args, HOSTILE_ENV);
  expect(rawHostileChars(run.stdout), `raw characters in stdout of ${args.join(' ')}`).toEqual([]);
  expect(rawHostileChars(run.stderr), `raw characters in stderr of ${args.join(' ')}`).toEqual([]);
  return run;
}

describe.concurrent('list: every format', () => {
  it.each(['vercel', 'huawei'] as const)('%s ndjson: JSON escapes only, every value as the vendor sent it', async (vendor) => {
    const run = await clean(list(vendor, 'ndjson'));
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(HOSTILE_IMAGES);
    expect(lines.map((line) => JSON.parse(line).id)).toEqual(hostileIds(vendor));
  });

  it.each(['vercel', 'huawei'] as const)('%s json: one array, the values as sent', async (vendor) => {
    const run = await clean(list(vendor, 'json'));
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout) as { id: string; tags: string[]; raw: unknown }[];
    expect(parsed.map((s) => s.id)).toEqual(hostileIds(vendor));
    if (vendor === 'vercel') expect(parsed[0]?.tags).toEqual([`v0${HOSTILE}`, `latest${HOSTILE}`]);
  });

  it.each(['vercel', 'huawei'] as const)('%s csv: the characters as \\uXXXX text, one line a row', async (vendor) => {
    const run = await clean(list(vendor, 'csv'));
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + HOSTILE_IMAGES);
    expect(lines[1]).toContain(`,${vendor === 'vercel' ? 'img' : 'hw'}_${VISIBLE}_0,`);
  });

  it.each(['vercel', 'huawei'] as const)('%s table: the characters as \\uXXXX text, one line a row', async (vendor) => {
    const run = await clean([...list(vendor, 'table'), '--wide']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + HOSTILE_IMAGES + 1);
    expect(lines[1]).toContain(`_${VISIBLE}_0`);
  });

  it('an error message from the vendor on stderr: shown, one line, nothing raw', async () => {
    const run = await clean(['list', 'huawei', '--project-id', FAILING_PROJECT, '--base-url', world.url, '--format', 'csv']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(afterEndpointNotes(run.stderr)).toBe(`error: HTTP 400 HSS.0011: no such project ${VISIBLE}\n`);
  });
});

describe.concurrent('inventory: every format, and the failure lines', () => {
  it.each(['ndjson', 'json', 'csv', 'table'])('%s', async (format) => {
    const config = inventoryConfig();
    const run = await clean(['inventory', '--config', config, '--format', format, ...(format === 'table' ? ['--wide'] : [])]);
    expect(run.code).toBe(0);
    if (format === 'ndjson') expect(run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l).id).sort()).toEqual([...hostileIds('vercel'), ...hostileIds('huawei')].sort());
    if (format === 'json') expect((JSON.parse(run.stdout) as { id: string }[]).map((s) => s.id).sort()).toEqual([...hostileIds('vercel'), ...hostileIds('huawei')].sort());
    if (format === 'csv' || format === 'table') {
      expect(run.stdout.trimEnd().split('\n')).toHaveLength(1 + 2 * HOSTILE_IMAGES + (format === 'table' ? 1 : 0));
      expect(run.stdout).toContain(VISIBLE);
    }
  });

  it('a failing scope: its line on stderr shows the hostile message as text', async () => {
    const config = writeConfig({ scopes: [{ vendor: 'huawei', projectId: FAILING_PROJECT, baseUrl: world.url }, { vendor: 'vercel', projectId: 'prj_hostile', baseUrl: world.url }] });
    const run = await clean(['inventory', '--config', config, '--format', 'ndjson']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: scope 0 \(huawei .*\): HTTP 400 HSS\.0011: no such project x\\u001b\[2J\\u001b\]0;owned\\u0007y/m);
  });
});

describe.concurrent('get: summary JSON, table, and the raw body on a terminal', () => {
  const get = () => ['get', 'huawei', '--project-id', HOSTILE_PROJECT, '--image', 'img-1', '--image-type', 'cicd', '--base-url', world.url];

  it('--format json: JSON escapes only, the values as sent', async () => {
    const run = await clean([...get(), '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ osDistro: `Debian${HOSTILE}`, osVersion: `9${HOSTILE}` });
  });

  it('--format table: the characters as \\uXXXX text', async () => {
    const run = await clean([...get(), '--format', 'table']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^os distro +Debian${VISIBLE.replace(/[\\[\]]/g, '\\$&')}$`, 'm'));
  });

  it('--json on a terminal: the body with JSON escapes, the same value; piped: the bytes as received', async () => {
    const out: string[] = [];
    const io: CliIo = { stdout: { write: (chunk) => out.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')), isTTY: true }, stderr: { write: () => true }, env: {} };
    const saved = { ...process.env };
    Object.assign(process.env, HOSTILE_ENV);
    try {
      expect(await main([...get(), '--json'], io)).toBe(0);
    } finally {
      for (const name of Object.keys(HOSTILE_ENV)) if (saved[name] === undefined) delete process.env[name];
    }
    const tty = out.join('');
    expect(rawHostileChars(tty)).toEqual([]);
    const piped = await runCli([...get(), '--json'], HOSTILE_ENV);
    expect(rawHostileChars(piped.stdout)).not.toEqual([]);
    expect(JSON.parse(tty)).toEqual(JSON.parse(piped.stdout));
  });
});

describe.concurrent('arguments echoed in usage errors', () => {
  it('an unknown command with escapes is shown as text', async () => {
    const run = await clean(['\u001b]0;owned\u0007\u202e']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: unknown command "\\u001b\]0;owned\\u0007\\u202e"/);
  });

  it('an unknown vendor and a bad option value with escapes are shown as text', async () => {
    // An argument cannot hold NUL.
    const argument = HOSTILE.replace('\u0000', '');
    const visible = VISIBLE.replace('\\u0000', '');
    const vendor = await clean(['list', `aws${argument}`]);
    expect(vendor.code).toBe(2);
    expect(vendor.stderr).toContain(`unknown vendor "aws${visible}"`);
    const value = await clean(['list', 'naver', '--region', argument]);
    expect(value.code).toBe(2);
    expect(value.stderr).toContain(visible);
  });
});
