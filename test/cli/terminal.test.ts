// `list` and `inventory` on a terminal, in process (a child process cannot be given a TTY portably): the
// table fits the terminal's width, --wide shows everything, --columns chooses; when stdout and stderr are
// the same terminal, rows and the progress line never share a line, and the progress line comes back after
// the rows. No colour is ever written: the only escape sequence is the progress line's erase.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main, type CliIo } from '../../src/cli.js';
import { runInventoryCommand } from '../../src/cli/inventory.js';
import { FAKE_CREDENTIALS, scopesFor, startInventoryServers, writeConfig, type InventoryServers } from '../inventory/servers.js';
import { screenLines } from '../support/terminal.js';
import { LISTING_ENV, startListingServer, type ListingServer } from '../support/vendor-listings.js';

let listings: ListingServer;
beforeAll(async () => {
  listings = await startListingServer({ vercel: [4], gcore: 3, naver: [2], huawei: 12 });
});
afterAll(() => listings.close());
afterEach(() => vi.unstubAllEnvs());

function terminal(columns: number | undefined, isTTY = true) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: { write: (chunk) => out.push(String(chunk)), isTTY, columns }, stderr: { write: (chunk) => err.push(chunk) }, env: {} };
  return { io, text: () => out.join(''), err: () => err.join('') };
}

async function listVercel(columns: number | undefined, ...extra: string[]) {
  for (const [name, value] of Object.entries(LISTING_ENV)) vi.stubEnv(name, value);
  const tty = terminal(columns);
  const code = await main(['list', 'vercel', '--project-id', 'prj_list', '--base-url', listings.url, ...extra], tty.io);
  return { code, lines: tty.text().trimEnd().split('\n'), text: tty.text(), err: tty.err() };
}

describe('the table on a terminal', () => {
  it('80 columns: every line fits; the least useful columns are left out', async () => {
    const { code, lines, text } = await listVercel(80);
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^VENDOR +REPOSITORY +NAME +TAGS +ID +SIZE$/);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    expect(lines[1]).toMatch(/^vercel +repo-0 +- +v0 +img_0_0 +1000 B$/);
    expect(text).not.toContain('\x1b');
  });

  it('a wide terminal gets every column, digests as algorithm and 12 hex digits', async () => {
    const { lines } = await listVercel(220);
    expect(lines[0]).toMatch(/^VENDOR +REPOSITORY +NAME +TAGS +ID +DIGEST +SIZE +OS\/ARCH +CREATED +UPDATED$/);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(220);
    expect(lines[2]).toMatch(/ sha256:000000000000 +1001 B /);
  });

  it('a very narrow terminal: the columns that always stay, fitted to the minimum width', async () => {
    const { lines } = await listVercel(20);
    expect(lines[0]).toMatch(/^VENDOR +REPOSITORY +NAME +(TAGS +)?ID$/);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(60);
  });

  it('--wide: every column, full digests, nothing cut, whatever the width', async () => {
    const { lines } = await listVercel(80, '--wide');
    expect(lines[0]).toMatch(/^VENDOR +REPOSITORY +NAME +TAGS +ID +DIGEST +SIZE +OS\/ARCH +CREATED +UPDATED$/);
    expect(lines[2]).toContain(` sha256:${'1'.padStart(64, '0')} `);
    expect(lines[2]).toMatch(/ 2026-06-30T10:00:00\.000Z +-$/);
  });

  it('--columns: those columns in that order (fitted), with --wide in full', async () => {
    const chosen = await listVercel(80, '--columns', 'id,digest,tags');
    expect(chosen.lines[0]).toMatch(/^ID +DIGEST +TAGS$/);
    expect(chosen.lines[1]).toMatch(/^img_0_0 +sha256:000000000000 +v0$/);
    const wide = await listVercel(80, '--columns', 'digest', '--wide');
    expect(wide.lines[1]).toBe(`sha256:${'0'.repeat(64)}`);
  });

  it.each([
    [['--columns', 'id,nmae'], 'unknown column "nmae" (did you mean "name"?): use vendor, repository, name, tags, id, digest, size, os/arch, created, updated'],
    [['--columns', 'id,,name'], 'option --columns has an empty column name'],
    [['--columns', 'id,id'], 'column "id" given more than once in --columns'],
    [['--wide', '--format', 'csv'], 'option --wide applies to the table format only'],
  ])('%j: usage error, exit 2', async (extra, message) => {
    const { code, text, err } = await listVercel(80, ...extra);
    expect(code).toBe(2);
    expect(text).toBe('');
    expect(err).toMatch(new RegExp(`^error: ${message.replace(/[()?.[\]]/g, '\\$&')}\\n`));
  });

  it('--wide when stdout is not a terminal (the default is ndjson): says to add --format table', async () => {
    for (const [name, value] of Object.entries(LISTING_ENV)) vi.stubEnv(name, value);
    const pipe = terminal(undefined, false);
    expect(await main(['list', 'vercel', '--project-id', 'prj_list', '--base-url', listings.url, '--wide'], pipe.io)).toBe(2);
    expect(pipe.err()).toMatch(/^error: option --wide applies to the table format only \(stdout is not a terminal, so the default is ndjson: add --format table\)\n/);
  });
});

describe('inventory: rows and the progress line on one terminal', () => {
  let servers: InventoryServers | undefined;
  afterEach(() => {
    servers?.stop();
    servers = undefined;
  });

  it('rows never share a line with the progress line; it is drawn again after them; rows and the progress line fit 80 columns', async () => {
    for (const [name, value] of Object.entries(FAKE_CREDENTIALS)) vi.stubEnv(name, value);
    const layout = { naver: { scopes: 3, images: 60, pageSize: 10, latencyMs: 60, maxInFlight: 8 } };
    servers = await startInventoryServers(layout);
    const config = writeConfig({ scopes: scopesFor(servers, layout) });
    // One terminal: stdout and stderr write into the same screen, in order.
    const chunks: { from: 'out' | 'err'; text: string }[] = [];
    const stream = (from: 'out' | 'err') => ({ isTTY: true, columns: 80, write: (text: string) => chunks.push({ from, text }) });
    const code = await runInventoryCommand(['--config', config, '--concurrency', '2'], { stdout: stream('out'), stderr: stream('err') });
    expect(code).toBe(0);

    const all = chunks.map((c) => c.text).join('');
    const PROGRESS = /\d+ images \(naver \d+\) · scopes \d\/3/;
    expect(all, 'the progress line was drawn').toMatch(PROGRESS);
    const screen = screenLines(all);
    expect(screen.filter((line) => PROGRESS.test(line)), 'a row glued to the progress line').toEqual([]);
    const rows = screen.filter((line) => line.startsWith('naver '));
    expect(rows).toHaveLength(180);
    for (const line of rows) expect([...line].length).toBeLessThanOrEqual(80);
    // The progress line is shorter than the terminal: a line that wrapped could not be erased in place.
    for (const c of chunks.filter((c) => c.from === 'err' && PROGRESS.test(c.text))) expect([...c.text.replace('\r\x1b[2K', '')].length).toBeLessThan(80);
    expect(screen.at(-2)).toMatch(/^inventory: 180 images \(naver 180\); 3 scopes, 3 listed, 0 failed;/);

    // After a row that the progress line was cleared for, the line is drawn again at once (after the
    // count line that closes the table, it is not: the listing is over).
    const CLEAR = '\r\x1b[2K';
    const clearedFor = chunks.flatMap((c, i) => (c.from === 'out' && /^(VENDOR.*\n)?naver /.test(c.text) && chunks[i - 1]?.text === CLEAR ? [i] : []));
    expect(clearedFor.length).toBeGreaterThan(0);
    for (const i of clearedFor) expect(chunks[i + 1]).toMatchObject({ from: 'err', text: expect.stringMatching(new RegExp(`^\\r\\x1b\\[2K${PROGRESS.source}`)) });
  });
});
