// Ctrl-C: the real CLI in a child process against slow local servers, sent SIGINT (or SIGTERM) once it has
// printed some images. It stops sending, keeps what it printed (whole lines), says so on stderr and exits
// 130 (SIGINT) or 143 (SIGTERM) long before the listing could have finished.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { afterEndpointNotes, ROOT } from '../support/cli-runner.js';
import { FAKE_CREDENTIALS, imageKey, scopesFor, startInventoryServers, writeConfig, type InventoryServers, type VendorName, type VendorServerConfig } from './servers.js';

let servers: InventoryServers | undefined;
afterEach(() => {
  servers?.stop();
  servers = undefined;
});

// 2 registries of 3000 images, 10 a page, 50 ms a page: 600 requests, minutes one at a time.
const LAYOUT: Partial<Record<VendorName, VendorServerConfig>> = { naver: { scopes: 2, images: 3000, pageSize: 10, latencyMs: 50, maxInFlight: 100 } };
const ALL_PAGES = 600;

interface Interrupted {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts the CLI, sends `signal` once `lines` images are printed, resolves when it exits. */
function interruptCli(args: readonly string[], signal: NodeJS.Signals, lines: number): Promise<Interrupted> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...FAKE_CREDENTIALS },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let sent = false;
  const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (!sent && stdout.split('\n').length > lines) {
      sent = true;
      child.kill(signal);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) =>
    child.on('close', (code, exitSignal) => {
      clearTimeout(guard);
      resolve({ code, signal: exitSignal, stdout, stderr: afterEndpointNotes(stderr) });
    }),
  );
}

function printedLines(stdout: string): string[] {
  expect(stdout.endsWith('\n')).toBe(true); // no line cut in half
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => imageKey(JSON.parse(line) as Record<string, unknown>));
}

async function serve(): Promise<{ servers: InventoryServers; config: string }> {
  servers = await startInventoryServers(LAYOUT);
  return { servers, config: writeConfig({ scopes: scopesFor(servers, LAYOUT) }) };
}

describe('Ctrl-C', () => {
  it('inventory: SIGINT stops sending, keeps the printed lines, reports how far it got, exits 130', async () => {
    const { servers, config } = await serve();
    const run = await interruptCli(['inventory', '--config', config, '--format', 'ndjson'], 'SIGINT', 30);
    expect(run.signal).toBeNull(); // it exited on its own, not killed by the signal
    expect(run.code).toBe(130);
    const keys = printedLines(run.stdout);
    expect(keys.length).toBeGreaterThanOrEqual(30);
    expect(new Set(keys).size).toBe(keys.length);
    expect(run.stderr).toMatch(new RegExp(`^inventory: SIGINT: stopped after ${keys.length} images, 0 of 2 scopes listed; the output is incomplete\\n$`));
    const requests = (await servers.stats()).naver?.requests ?? 0;
    expect(requests).toBeLessThan(ALL_PAGES / 2);
    // Nothing more arrives once the process is gone.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await servers.stats()).naver?.requests).toBe(requests);
  });

  it('inventory: SIGTERM exits 143', async () => {
    const { config } = await serve();
    const run = await interruptCli(['inventory', '--config', config], 'SIGTERM', 10);
    expect(run.code).toBe(143);
    expect(run.stderr).toMatch(/^inventory: SIGTERM: stopped after \d+ images/);
    expect(printedLines(run.stdout).length).toBeGreaterThanOrEqual(10);
  });

  it('list: SIGINT keeps the printed lines and exits 130', async () => {
    const { servers } = await serve();
    const run = await interruptCli(['list', 'naver', '--registry', 'reg0', '--base-url', servers.urls.naver as string, '--page-size', '10'], 'SIGINT', 20);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(130);
    const keys = printedLines(run.stdout);
    expect(keys.length).toBeGreaterThanOrEqual(20);
    expect(run.stderr).toBe(`list: SIGINT: stopped after ${keys.length} images; the listing is incomplete\n`);
  });

  it('inventory --config -: the first SIGINT ends the wait for standard input (exit 130, nothing sent)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'inventory', '--config', '-'], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...FAKE_CREDENTIALS },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    // Standard input stays open and empty; once the CLI is up (its interrupt handler installed), Ctrl-C.
    const sigint = setTimeout(() => child.kill('SIGINT'), 3_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
    clearTimeout(guard);
    clearTimeout(sigint);
    expect(code).toBe(130);
    expect(stderr).toBe('inventory: SIGINT: stopped while reading the config; nothing was sent\n');
  });
});
