// A vendor answering 429 with Retry-After slows that vendor only: through the real listImages and clients
// (fetch replaced), the other vendor's requests go on while the throttled vendor waits. The fake fetches'
// answers go through the spec check.
import { describe, expect, it } from 'vitest';
import { inventory, type InventoryScope } from '../../src/inventory.js';
import { conformingFetch } from '../support/spec-conformance.js';
import { gcoreImage } from '../support/vendor-bodies.js';

type Entry = { vendor: 'gcore' | 'naver'; what: 'request' | '429' };

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

const later = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('rate limits are per vendor', () => {
  it('a Retry-After from NAVER holds NAVER requests while Gcore requests continue; both complete', async () => {
    const log: Entry[] = [];
    let naverCalls = 0;
    const naverFetch = conformingFetch(async (input: string | URL | Request): Promise<Response> => {
      naverCalls++;
      log.push({ vendor: 'naver', what: 'request' });
      if (naverCalls === 1) {
        log.push({ vendor: 'naver', what: '429' });
        return jsonResponse(429, { error: { errorCode: '429', message: 'Too Many Requests' } }, { 'retry-after': '1' });
      }
      const url = new URL(input instanceof Request ? input.url : String(input));
      const page = Number(url.searchParams.get('page') ?? '1');
      // NAVER's page: `next`/`previous` are page numbers (or null), `count` the total.
      return jsonResponse(200, { count: 4, next: page < 2 ? 2 : null, previous: page > 1 ? page - 1 : null, results: [{ name: `img${page}a` }, { name: `img${page}b` }] });
    });
    const gcoreFetch = conformingFetch(async (input: string | URL | Request): Promise<Response> => {
      log.push({ vendor: 'gcore', what: 'request' });
      await later(5);
      const region = new URL(input instanceof Request ? input.url : String(input)).pathname.split('/').pop();
      return jsonResponse(200, { count: 1, results: [gcoreImage({ id: `image-${region}`, name: `image-${region}`, region_id: Number(region) })] });
    });
    const scopes: InventoryScope[] = [
      { vendor: 'naver', registry: 'reg' },
      ...Array.from({ length: 12 }, (_, i) => ({ vendor: 'gcore' as const, projectId: 1, regionId: i + 1 })),
    ];
    const run = inventory(scopes, {
      concurrency: 2,
      clients: {
        naver: { accessKey: 'TESTACCESSKEY', secretKey: 'test-naver-secret', baseUrl: 'https://naver.test/ncr/api', fetch: naverFetch },
        gcore: { apiKey: 'test-gcore-key', baseUrl: 'https://gcore.test', fetch: gcoreFetch },
      },
    });
    const images: string[] = [];
    for await (const event of run) {
      expect(event.type).not.toBe('failure');
      if (event.type === 'image') images.push(`${event.summary.vendor}:${event.summary.name}`);
    }
    expect(images).toHaveLength(4 + 12);
    const throttledAt = log.findIndex((e) => e.what === '429');
    const nextNaver = log.findIndex((e, i) => i > throttledAt && e.vendor === 'naver');
    const gcoreDuringPause = log.slice(throttledAt, nextNaver).filter((e) => e.vendor === 'gcore').length;
    // Gcore went on during NAVER's pause (and finished within it, 2 at a time); NAVER waited for it to pass.
    expect(gcoreDuringPause).toBeGreaterThanOrEqual(10);
    expect(log.slice(nextNaver).filter((e) => e.vendor === 'gcore')).toHaveLength(0);
    const stats = run.stats();
    expect(stats.vendors.naver?.gate).toMatchObject({ throttled: 1, pauses: 1, requests: 3 });
    expect(stats.vendors.gcore?.gate).toMatchObject({ throttled: 0, pauses: 0, requests: 12 });
  });
});
