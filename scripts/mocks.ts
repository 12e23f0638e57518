// Starts one Prism mock server per vendor spec on a free local port and stops them again.
// Used by the vitest globalSetup, by `npm start` and by tests that mock a variant of a spec (startPrism). No network:
// Prism binds 127.0.0.1 only.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const VENDORS = ['vercel', 'gcore', 'naver', 'huawei'] as const;
export type MockVendor = (typeof VENDORS)[number];

export interface RunningMocks {
  /** Base URL of each vendor's mock, e.g. `http://127.0.0.1:41234`. */
  readonly urls: Record<MockVendor, string>;
  stop(): Promise<void>;
}

export interface StartMocksOptions {
  vendors?: readonly MockVendor[];
  /** Called once per vendor when its mock answers. */
  onReady?: (vendor: MockVendor, url: string) => void;
  startTimeoutMs?: number;
}

const projectRoot = fileURLToPath(new URL('../', import.meta.url));
const prismCli = createRequire(import.meta.url).resolve('@stoplight/prism-cli/dist/index.js');
const PORT_ATTEMPTS = 5;

export async function startMocks(options: StartMocksOptions = {}): Promise<RunningMocks> {
  const vendors = options.vendors ?? VENDORS;
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(stopChild));
  };
  const urls = {} as Record<MockVendor, string>;
  try {
    await Promise.all(
      vendors.map(async (vendor) => {
        urls[vendor] = await startOne(`specs/${vendor}/openapi.yaml`, vendor, options.startTimeoutMs ?? 30_000, (child) => children.push(child));
        options.onReady?.(vendor, urls[vendor]);
      }),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls, stop };
}

/** A Prism mock of one spec file (a vendor's, or a variant a test writes), on a free local port. */
export interface PrismMock {
  url: string;
  stop(): Promise<void>;
}

/** Starts Prism on `specFile` (absolute, or relative to the project root); `label` names it in errors. */
export async function startPrism(specFile: string, label = specFile, timeoutMs = 30_000): Promise<PrismMock> {
  let child: ChildProcess | undefined;
  const url = await startOne(specFile, label, timeoutMs, (started) => (child = started));
  return { url, stop: () => (child === undefined ? Promise.resolve() : stopChild(child)) };
}

async function startOne(
  specFile: string,
  label: string,
  timeoutMs: number,
  track: (child: ChildProcess) => void,
): Promise<string> {
  let lastError: unknown;
  // A port found free can be taken by someone else before Prism binds it: try again on a new port.
  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [prismCli, 'mock', '--host', '127.0.0.1', '--port', String(port), specFile],
      { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
    );
    track(child);
    try {
      await waitUntilListening(child, label, timeoutMs);
      return `http://127.0.0.1:${port}`;
    } catch (error) {
      lastError = error;
      await stopChild(child);
    }
  }
  throw lastError;
}

function waitUntilListening(child: ChildProcess, label: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => finish(new Error(`Prism mock for ${label} did not start within ${timeoutMs} ms:\n${output.slice(-2000)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Prism is listening')) finish();
    };
    const onExit = (code: number | null) =>
      finish(new Error(`Prism mock for ${label} exited with code ${code}:\n${output.slice(-2000)}`));
    function finish(error?: Error) {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      // Keep draining output so Prism never blocks on a full pipe.
      child.stdout?.resume();
      child.stderr?.resume();
      if (error) reject(error);
      else resolve();
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
