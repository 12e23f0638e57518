// The inventory servers (bench/inventory-server.mjs) page as the vendors' specs say, and check what they send:
// NAVER's `next`/`previous` are page numbers, Gcore serves a `limit`/`offset` window when asked (everything
// otherwise), and an answer off its vendor's spec is a 500 whose violation reaches this process's record.
import { afterEach, describe, expect, it } from 'vitest';
import { takeViolations } from '../support/spec-conformance.js';
import { startInventoryServers, type InventoryServers } from './servers.js';

let servers: InventoryServers | undefined;
afterEach(() => {
  servers?.stop();
  servers = undefined;
});

describe('inventory servers', () => {
  it('NAVER pages carry page numbers; Gcore honours limit/offset when sent', async () => {
    servers = await startInventoryServers({
      naver: { scopes: 1, images: 5, pageSize: 2, maxInFlight: 8 },
      gcore: { scopes: 1, images: 25, pageSize: 100, maxInFlight: 8 },
    });
    const json = async (url: string) => (await fetch(url)).json() as Promise<Record<string, unknown>>;
    const naver = (page: number) => json(`${servers!.urls.naver}/v2/repositories/reg0?page=${page}&pagesize=2`);
    expect(await naver(1)).toMatchObject({ count: 5, next: 2, previous: null });
    expect(await naver(3)).toMatchObject({ count: 5, next: null, previous: 2 });
    const gcore = (query: string) => json(`${servers!.urls.gcore}/cloud/v1/projectimages/1/1${query}`);
    const sizes = async (query: string) => {
      const body = await gcore(query);
      return [body['count'], (body['results'] as unknown[]).length];
    };
    expect(await sizes('')).toEqual([25, 25]);
    expect(await sizes('?limit=10&offset=20')).toEqual([25, 5]);
    expect(await sizes('?limit=10')).toEqual([25, 10]);
  });

  it('an answer off the spec is a 500 saying why, and the violation is recorded here', async () => {
    servers = await startInventoryServers({ gcore: { scopes: 1, images: 1, pageSize: 10, maxInFlight: 8, fault: { status: 500, body: { oops: true } } } });
    const res = await fetch(`${servers.urls.gcore}/cloud/v1/projectimages/1/1`);
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ exception_class: 'FAKE_OFF_SPEC' });
    await expect.poll(() => takeViolations().map((v) => v.message)).toEqual([expect.stringContaining("must have required property 'exception_class'")]);
  });
});
