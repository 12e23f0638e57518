// Starts bench/inventory-server.mjs (four vendor paging servers, latency, a limit on requests in flight with
// 429 + Retry-After beyond it, faults) in a child process, and writes inventory config files for it. The
// child checks every answer against the vendor's spec and reports each violation here, where it is recorded
// like a violation of an in-process fake (the test fails).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordViolation } from '../support/spec-conformance.js';

export type VendorName = 'vercel' | 'gcore' | 'naver' | 'huawei';

export interface VendorServerConfig {
  scopes: number;
  /** Vercel: repositories per project. */
  units?: number;
  images: number;
  pageSize: number;
  latencyMs?: number;
  maxInFlight: number;
  retryAfterS?: number;
  fault?: { status: number; body?: unknown } | 'reset';
}

export interface ServerStats {
  requests: number;
  throttled: number;
  peakInFlight: number;
}

export interface InventoryServers {
  urls: Partial<Record<VendorName, string>>;
  stats(): Promise<Partial<Record<VendorName, ServerStats>>>;
  stop(): void;
}

const SERVER = fileURLToPath(new URL('../../bench/inventory-server.mjs', import.meta.url));

export async function startInventoryServers(vendors: Partial<Record<VendorName, VendorServerConfig>>): Promise<InventoryServers> {
  const child: ChildProcess = fork(SERVER, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child.on('message', (message: { type: string; message?: string }) => {
    if (message.type === 'violation') recordViolation(new Error(message.message ?? 'a fake answered off its vendor’s spec'));
  });
  const reply = <T>(type: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const onMessage = (message: { type: string } & T): void => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`inventory server exited (${String(code)})`)));
    });
  const ready = reply<{ urls: Partial<Record<VendorName, string>> }>('ready');
  child.send({ type: 'start', vendors });
  const { urls } = await ready;
  return {
    urls,
    async stats() {
      const answer = reply<{ stats: Partial<Record<VendorName, ServerStats>> }>('stats');
      child.send({ type: 'stats' });
      return (await answer).stats;
    },
    stop: () => {
      child.kill();
    },
  };
}

/** The scopes that list everything the servers hold (see bench/inventory-server.mjs for the data layout). */
export function scopesFor(servers: InventoryServers, vendors: Partial<Record<VendorName, VendorServerConfig>>): Record<string, unknown>[] {
  const scopes: Record<string, unknown>[] = [];
  for (const [vendor, config] of Object.entries(vendors) as [VendorName, VendorServerConfig][]) {
    const baseUrl = servers.urls[vendor];
    for (let s = 0; s < config.scopes; s++) {
      if (vendor === 'vercel') scopes.push({ vendor, projectId: `prj_${s}`, baseUrl });
      else if (vendor === 'gcore') scopes.push({ vendor, projectId: 1, regionId: s + 1, baseUrl });
      else if (vendor === 'naver') scopes.push({ vendor, registry: `reg${s}`, baseUrl });
      else scopes.push({ vendor, projectId: `p${s}`, baseUrl });
    }
  }
  return scopes;
}

export function expectedImages(vendors: Partial<Record<VendorName, VendorServerConfig>>): number {
  return Object.entries(vendors).reduce((sum, [vendor, c]) => sum + c.scopes * (vendor === 'vercel' ? (c.units ?? 1) : 1) * c.images, 0);
}

export function writeConfig(document: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'inventory-'));
  const file = join(dir, 'inventory.json');
  writeFileSync(file, typeof document === 'string' ? document : JSON.stringify(document, null, 2));
  return file;
}

/** Fake credentials: the local servers accept anything. */
export const FAKE_CREDENTIALS: Record<string, string> = {
  VERCEL_TOKEN: 'test-vercel-token',
  GCORE_API_KEY: 'test-gcore-key',
  NCLOUD_ACCESS_KEY_ID: 'TESTACCESSKEY',
  NCLOUD_SECRET_ACCESS_KEY: 'test-naver-secret',
  HUAWEICLOUD_SDK_AK: 'TESTHUAWEIAK',
  HUAWEICLOUD_SDK_SK: 'test-huawei-secret',
};

/** The identity of one printed summary, to check that each image is printed once. */
export function imageKey(summary: { vendor?: unknown; repository?: unknown; id?: unknown; name?: unknown }): string {
  return JSON.stringify([summary.vendor, summary.repository, summary.id, summary.name]);
}
