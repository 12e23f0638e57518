// The inventory command in-process with a terminal on stderr: a live progress line (redrawn in place), cleared
// before an error and before the final line; the final line alone when stderr is not a terminal.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runInventoryCommand } from '../../src/cli/inventory.js';
import { afterEndpointNotes } from '../support/cli-runner.js';
import { FAKE_CREDENTIALS, scopesFor, startInventoryServers, writeConfig, type InventoryServers } from './servers.js';

let servers: InventoryServers | undefined;
afterEach(() => {
  servers?.stop();
  servers = undefined;
  vi.unstubAllEnvs();
});

function sink(isTTY: boolean): { write(chunk: string): boolean; isTTY: boolean; text: string } {
  return {
    isTTY,
    text: '',
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  };
}

const LAYOUT = {
  gcore: { scopes: 2, images: 5, pageSize: 100, latencyMs: 5, maxInFlight: 8, fault: { status: 500, body: { exception_class: 'InternalError', message: 'boom' } } },
  naver: { scopes: 3, images: 40, pageSize: 10, latencyMs: 5, maxInFlight: 8 },
};

describe('inventory progress on stderr', () => {
  it('on a terminal: progress lines with per-vendor counts and requests, cleared before errors and the final line', async () => {
    for (const [name, value] of Object.entries(FAKE_CREDENTIALS)) vi.stubEnv(name, value);
    servers = await startInventoryServers(LAYOUT);
    const config = writeConfig({ scopes: scopesFor(servers, LAYOUT) });
    const stdout = sink(false);
    const stderr = sink(true);
    const code = await runInventoryCommand(['--config', config, '--retries', '0'], { stdout, stderr });
    expect(code).toBe(1);
    expect(stdout.text.trim().split('\n')).toHaveLength(120);
    const CLEAR = '\r\x1b[2K';
    const drawn = stderr.text.split(CLEAR).filter((part) => /^\d+ images \(/.test(part));
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn[0]).toMatch(/^\d+ images \(gcore \d+, naver \d+\) · scopes \d\/5 · \d+ requests, \d+ throttled, \d+ failed attempts · [\d.]+ s/);
    // Every error and the final line start on a cleared line; the final line is the last thing written.
    const errorsAt = [...stderr.text.matchAll(/error: scope [01] \(gcore /g)].map((m) => m.index);
    expect(errorsAt).toHaveLength(2);
    for (const at of errorsAt) expect(at === 0 || stderr.text.slice(0, at).endsWith(CLEAR) || stderr.text.slice(0, at).endsWith('\n')).toBe(true);
    expect(stderr.text).toMatch(new RegExp(`(?:^|\\n|\\x1b\\[2K)inventory: 120 images \\(gcore 0, naver 120\\); 5 scopes, 3 listed, 2 failed; \\d+ requests, 0 throttled \\(429/503\\); [\\d.]+ s\\n$`));
  });

  it('not a terminal: only the errors and the final line', async () => {
    for (const [name, value] of Object.entries(FAKE_CREDENTIALS)) vi.stubEnv(name, value);
    servers = await startInventoryServers(LAYOUT);
    const config = writeConfig({ scopes: scopesFor(servers, LAYOUT) });
    const stderr = sink(false);
    await runInventoryCommand(['--config', config, '--retries', '0'], { stdout: sink(false), stderr });
    const lines = afterEndpointNotes(stderr.text).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^error: scope [01] \(gcore /);
    expect(lines[1]).toMatch(/^error: scope [01] \(gcore /);
    expect(lines[2]).toMatch(/^inventory: 120 images/);
    expect(stderr.text).not.toContain('\x1b');
  });
});
