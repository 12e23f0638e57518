// The CLI's default output depends on the terminal: a table on a TTY, the JSON summary when piped; --format
// overrides. In-process (main with a fake stdout), since a child process cannot be given a TTY portably.
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { main, type CliIo } from '../../src/cli.js';

const urls = inject('mockUrls');
const GCORE = ['get', 'gcore', '--project-id', '1', '--region-id', '7', '--image', '8cab6f28-09ca-4201-b3f7-23c7893f4bd6', '--base-url', urls.gcore];

function fakeIo(isTTY: boolean) {
  const out: (string | Uint8Array)[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: { write: (chunk) => out.push(chunk), isTTY },
    stderr: { write: (chunk) => err.push(chunk) },
    env: {},
  };
  const text = () => out.map((c) => (typeof c === 'string' ? c : Buffer.from(c).toString('utf8'))).join('');
  return { io, text, err };
}

let saved: string | undefined;
beforeEach(() => {
  saved = process.env['GCORE_API_KEY'];
  process.env['GCORE_API_KEY'] = 'in-process-test-key';
});
afterEach(() => {
  if (saved === undefined) delete process.env['GCORE_API_KEY'];
  else process.env['GCORE_API_KEY'] = saved;
});

describe('output format', () => {
  it('a terminal gets a table by default', async () => {
    const { io, text } = fakeIo(true);
    expect(await main(GCORE, io)).toBe(0);
    expect(text()).toMatch(/^vendor +gcore\nid +8cab6f28-09ca-4201-b3f7-23c7893f4bd6\n/);
  });

  it('a pipe gets the JSON summary by default', async () => {
    const { io, text } = fakeIo(false);
    expect(await main(GCORE, io)).toBe(0);
    expect(JSON.parse(text())).toMatchObject({ vendor: 'gcore', createdAt: '2024-05-05T14:51:26.570Z' });
  });

  it('--format overrides the terminal default both ways', async () => {
    const tty = fakeIo(true);
    expect(await main([...GCORE, '--format', 'json'], tty.io)).toBe(0);
    expect(JSON.parse(tty.text()).vendor).toBe('gcore');
    const pipe = fakeIo(false);
    expect(await main([...GCORE, '--format', 'table'], pipe.io)).toBe(0);
    expect(pipe.text()).toMatch(/^vendor +gcore$/m);
  });

  it('--json on a terminal: the body bytes, then a newline so the prompt starts on its own line', async () => {
    const pipe = fakeIo(false);
    const tty = fakeIo(true);
    expect(await main([...GCORE, '--json'], pipe.io)).toBe(0);
    expect(await main([...GCORE, '--json'], tty.io)).toBe(0);
    expect(pipe.text().endsWith('\n')).toBe(false);
    expect(tty.text()).toBe(`${pipe.text()}\n`);
  });
});
