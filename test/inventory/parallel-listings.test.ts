// One scope made of many listings (a Vercel project's repositories, every NAVER registry), through the real
// listImages, clients and gate against local servers with latency: the listings of that single scope are
// read side by side (more than one request in flight at the server), never more than the configured
// concurrency, and every image arrives once. listImages alone reads the same scope one request at a time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventory, type InventoryScope } from '../../src/inventory.js';
import { listImages } from '../../src/list-images.js';
import { imageKey, startInventoryServers, type InventoryServers, type VendorServerConfig, type VendorName } from './servers.js';

const VENDORS: Partial<Record<VendorName, VendorServerConfig>> = {
  // One project with 6 repositories of 12 images; 6 NAVER registries of 12 images (one scope lists them all).
  vercel: { scopes: 1, units: 6, images: 12, pageSize: 4, latencyMs: 25, maxInFlight: 100 },
  naver: { scopes: 6, images: 12, pageSize: 4, latencyMs: 25, maxInFlight: 100 },
};
const CONCURRENCY = 3;
const CREDENTIALS = { vercel: { token: 'test-vercel-token' }, naver: { accessKey: 'TESTACCESSKEY', secretKey: 'test-naver-secret' } };

describe('the listings of one scope run in parallel', () => {
  let servers: InventoryServers;
  beforeAll(async () => {
    servers = await startInventoryServers(VENDORS);
  });
  afterAll(() => servers.stop());

  it('several requests of a single scope in flight at once, at most `concurrency`, each image once', async () => {
    const scopes: InventoryScope[] = [
      { vendor: 'vercel', projectId: 'prj_0', baseUrl: servers.urls.vercel },
      { vendor: 'naver', baseUrl: servers.urls.naver },
    ];
    const before = await servers.stats();
    const keys: string[] = [];
    const endings: unknown[] = [];
    for await (const event of inventory(scopes, { concurrency: CONCURRENCY, pageSize: 4, clients: CREDENTIALS })) {
      if (event.type === 'image') keys.push(imageKey(event.summary));
      else endings.push({ type: event.type, index: event.index, images: 'images' in event ? event.images : undefined });
    }
    expect(endings).toEqual(expect.arrayContaining([{ type: 'scope-done', index: 0, images: 72 }, { type: 'scope-done', index: 1, images: 72 }]));
    expect(endings).toHaveLength(2);
    expect(keys).toHaveLength(144);
    expect(new Set(keys).size).toBe(144);
    const after = await servers.stats();
    for (const vendor of ['vercel', 'naver'] as const) {
      const peak = after[vendor]?.peakInFlight ?? 0;
      // peakInFlight is a high-water mark: it was 0 before (fresh servers), so this run set it.
      expect(before[vendor]?.peakInFlight).toBe(0);
      expect(peak, vendor).toBeGreaterThan(1);
      expect(peak, vendor).toBeLessThanOrEqual(CONCURRENCY);
      expect(after[vendor]?.throttled).toBe(0);
    }
  });

  it('listImages reads the same scope one listing after another, each image once', async () => {
    const keys: string[] = [];
    for await (const summary of listImages({ vendor: 'naver' }, { ...CREDENTIALS.naver, baseUrl: servers.urls.naver as string, pageSize: 4 })) keys.push(imageKey(summary));
    expect(keys).toHaveLength(72);
    expect(new Set(keys).size).toBe(72);
    // Registry by registry, in the order listed.
    expect(keys.map((key) => (JSON.parse(key) as unknown[])[1])).toEqual(Array.from({ length: 6 }, (_, r) => Array<string>(12).fill(`reg${r}`)).flat());
  });
});
