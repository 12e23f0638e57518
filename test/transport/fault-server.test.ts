// The transport against a real misbehaving server, on both wires (undici's dispatcher and fetch): outcome,
// attempts that reached the wire, elapsed time within a bound, and no secret in any rendering of the error.
// Every request path carries the secret (it becomes the error's `operation`), so the no-secret checks fail
// when redaction is off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiError,
  NetworkError,
  ResponseParseError,
  ResponseTooLargeError,
  TimeoutError,
} from '../../src/errors.js';
import { PreparedRequest, createTransport, type CreateTransportOptions } from '../../src/transport.js';
import { startFaultServer, type FaultServer } from '../support/fault-server.js';
import { SECRET, expectNoSecret, failure } from './secrets.js';
import { WIRES } from './wires.js';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({ maxRequests: 400, lifetimeMs: 120_000 });
});
afterAll(async () => {
  await server.close();
});

let seq = 0;
/** A unique path per test, so the server's counters do not mix; it carries the secret. */
function unique(route: string): string {
  seq++;
  return `/${route}/t${seq}-${SECRET}`;
}

/** The operation an error names for `path`: the secret redacted. */
function operation(path: string, method = 'GET'): string {
  return `${method} ${path.split('?')[0]!.replace(SECRET, '[REDACTED]')}`;
}

const BASE: Omit<CreateTransportOptions, 'vendor'> = {
  timeoutMs: 200,
  deadlineMs: 5_000,
  retries: 2,
  random: () => 0, // no backoff wait unless a test says otherwise
  secrets: [SECRET],
};

describe.each(WIRES)('fault server (%s wire)', (_wire, wireFetch) => {
  function transport(options: Partial<CreateTransportOptions> = {}) {
    return createTransport({ vendor: 'vercel', ...BASE, fetch: wireFetch, ...options });
  }

  /** What openapi-fetch hands the transport: a PreparedRequest with the static auth header. */
  function request(path: string, init: RequestInit = {}): PreparedRequest {
    return new PreparedRequest(server.url + path, {
      method: 'GET',
      redirect: 'follow',
      ...init,
      headers: new Headers({ Authorization: `Bearer ${SECRET}`, ...(init.headers as Record<string, string> | undefined) }),
    });
  }


  async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
    const t0 = performance.now();
    const value = await fn();
    return { value, ms: performance.now() - t0 };
  }

    it('connection reset: NetworkError after 1 + 2 retries, no secret anywhere', async () => {
      const path = unique('reset');
      const { value: err, ms } = await timed(() => failure(transport()(request(path))));
      expect(err).toBeInstanceOf(NetworkError);
      const e = err as NetworkError;
      expect(e.attempts).toBe(3);
      expect(server.hits(path)).toBe(3);
      expect(e.vendor).toBe('vercel');
      expect(e.operation).toBe(operation(path));
      expect(e.message).toMatch(/^Network error: /);
      expect(e.cause).toBeInstanceOf(Error);
      expect(e.stack).not.toContain('undici');
      expect(ms).toBeLessThan(2_000);
      expectNoSecret(err);
    });

    it('retries = 0 disables retries', async () => {
      const path = unique('reset');
      const err = await failure(transport({ retries: 0 })(request(path)));
      expect(err).toBeInstanceOf(NetworkError);
      expect((err as NetworkError).attempts).toBe(1);
      expect(server.hits(path)).toBe(1);
    });

    it('503 then success: one retry, the caller sees the success', async () => {
      const path = unique('flaky/1');
      const res = await transport()(request(path));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, attempt: 2 });
      expect(server.hits(path)).toBe(2);
    });

    it('503 three times with 2 retries: the last 503 is returned (default style)', async () => {
      const path = unique('flaky/5');
      const res = await transport()(request(path));
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: { code: 'unavailable', message: 'try again' } });
      expect(server.hits(path)).toBe(3);
    });

    it('POST is not retried (status or network error)', async () => {
      const flaky = unique('flaky/1');
      const res = await transport()(request(flaky, { method: 'POST', body: '{"a":1}' }));
      expect(res.status).toBe(503);
      expect(server.hits(flaky)).toBe(1);
      const reset = unique('reset');
      const err = await failure(transport()(request(reset, { method: 'POST', body: '{}' })));
      expect(err).toBeInstanceOf(NetworkError);
      expect((err as NetworkError).attempts).toBe(1);
      expect(server.hits(reset)).toBe(1);
    });

    it('429 with Retry-After in seconds: waits exactly that long (recorded sleep), then succeeds', async () => {
      const waits: number[] = [];
      const path = unique('retry-after/2');
      const res = await transport({ sleep: async (ms) => void waits.push(ms) })(request(path));
      expect(res.status).toBe(200);
      expect(waits).toEqual([2_000]);
      expect(server.hits(path)).toBe(2);
    });

    it('429 with Retry-After as an HTTP-date: waits until then (real time)', async () => {
      const path = unique('retry-after/in-ms-1500');
      const { value: res, ms } = await timed(() => transport({ random: () => 0.99 })(request(path)));
      expect(res.status).toBe(200);
      expect(server.hits(path)).toBe(2);
      // an HTTP-date has whole seconds: the wait is between 0.5 and 1.5 s
      expect(ms).toBeGreaterThan(400);
      expect(ms).toBeLessThan(2_500);
    });

    it('Retry-After is capped (maxRetryAfterMs)', async () => {
      const path = unique('retry-after/3600');
      const { value: res, ms } = await timed(() => transport({ maxRetryAfterMs: 100 })(request(path)));
      expect(res.status).toBe(200);
      expect(server.hits(path)).toBe(2);
      expect(ms).toBeGreaterThanOrEqual(95);
      expect(ms).toBeLessThan(1_000);
    });

    it('Retry-After beyond the remaining deadline: stop and return the 429 at once', async () => {
      const path = unique('retry-after/20');
      const { value: res, ms } = await timed(() => transport({ deadlineMs: 3_000 })(request(path)));
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('20');
      expect(server.hits(path)).toBe(1);
      expect(ms).toBeLessThan(1_000);
    });

    it('no response headers: TimeoutError (phase headers) per attempt, retried', async () => {
      const path = unique('hang-headers');
      const { value: err, ms } = await timed(() => failure(transport()(request(path))));
      expect(err).toBeInstanceOf(TimeoutError);
      const e = err as TimeoutError;
      expect(e.phase).toBe('headers');
      expect(e.timeoutMs).toBe(200);
      expect(e.attempts).toBe(3);
      expect(server.hits(path)).toBe(3);
      expect(ms).toBeGreaterThanOrEqual(590);
      expect(ms).toBeLessThan(2_000);
      expectNoSecret(err);
    });

    it('headers sent, body stalls: the body read is inside the attempt timeout', async () => {
      const path = unique('hang-body');
      const { value: err, ms } = await timed(() => failure(transport({ retries: 0 })(request(path))));
      expect(err).toBeInstanceOf(TimeoutError);
      expect((err as TimeoutError).phase).toBe('body');
      expect((err as TimeoutError).status).toBe(200);
      expect(server.hits(path)).toBe(1);
      expect(ms).toBeGreaterThanOrEqual(195);
      expect(ms).toBeLessThan(1_000);
    });

    it('the overall deadline stops retries', async () => {
      const path = unique('hang-headers');
      const { value: err, ms } = await timed(() => failure(transport({ retries: 10, deadlineMs: 450 })(request(path))));
      expect(err).toBeInstanceOf(TimeoutError);
      expect((err as TimeoutError).phase).toBe('deadline');
      expect((err as TimeoutError).attempts).toBe(3); // 200 + 200 + the last 50
      expect(server.hits(path)).toBe(3);
      expect(ms).toBeGreaterThanOrEqual(440);
      expect(ms).toBeLessThan(1_200);
    });

    it('truncated body (Content-Length larger than sent, then reset): ResponseParseError "truncated", retried', async () => {
      const path = unique('truncated');
      const { value: err, ms } = await timed(() => failure(transport()(request(path))));
      expect(err).toBeInstanceOf(ResponseParseError);
      const e = err as ResponseParseError;
      expect(e.reason).toBe('truncated');
      expect(e.status).toBe(200);
      expect(e.attempts).toBe(3);
      expect(server.hits(path)).toBe(3);
      expect(ms).toBeLessThan(2_000);
      expectNoSecret(err);
    });

    it('502 HTML page from a proxy: retried, then returned; with throwOnError a ResponseParseError with a snippet', async () => {
      const path = unique('html-502');
      const res = await transport()(request(path));
      expect(res.status).toBe(502);
      expect(await res.text()).toContain('502 Bad Gateway');
      expect(server.hits(path)).toBe(3);

      const path2 = unique('html-502');
      const err = await failure(transport({ throwOnError: true, retries: 0 })(request(path2)));
      expect(err).toBeInstanceOf(ResponseParseError);
      const e = err as ResponseParseError;
      expect(e.status).toBe(502);
      expect(e.reason).toBe('unexpected-content-type');
      expect(e.contentType).toBe('text/html');
      expect(e.bodySnippet).toContain('<h1>502 Bad Gateway</h1>');
      expect(server.hits(path2)).toBe(1);
    });

    it('50 MiB streamed body is cut off at the cap without buffering it', async () => {
      const path = unique('huge');
      const before = process.memoryUsage().arrayBuffers;
      const { value: err, ms } = await timed(() => failure(transport({ maxResponseBytes: 1024 * 1024, timeoutMs: 5_000 })(request(path))));
      expect(err).toBeInstanceOf(ResponseTooLargeError);
      const e = err as ResponseTooLargeError;
      expect(e.limitBytes).toBe(1024 * 1024);
      expect(e.declaredBytes).toBeUndefined();
      expect(e.receivedBytes).toBeGreaterThan(1024 * 1024);
      expect(e.receivedBytes).toBeLessThan(3 * 1024 * 1024);
      expect(e.attempts).toBe(1); // not retried
      expect(server.hits(path)).toBe(1);
      await new Promise((r) => setTimeout(r, 50));
      expect(server.bytesWritten(path)).toBeLessThan(20 * 1024 * 1024);
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(30 * 1024 * 1024);
      expect(ms).toBeLessThan(3_000);
      expectNoSecret(err);
    });

    it('a declared Content-Length over the cap is refused before reading', async () => {
      const path = unique('huge-declared');
      const { value: err, ms } = await timed(() => failure(transport({ maxResponseBytes: 1024 * 1024 })(request(path))));
      expect(err).toBeInstanceOf(ResponseTooLargeError);
      const e = err as ResponseTooLargeError;
      expect(e.declaredBytes).toBe(50 * 1024 * 1024);
      expect(e.receivedBytes).toBe(0);
      expect(e.status).toBe(200);
      expect(server.hits(path)).toBe(1);
      expect(ms).toBeLessThan(1_000);
    });

    it('malformed JSON on a 200: json() rejects with a ResponseParseError carrying status and snippet', async () => {
      const path = unique('malformed');
      const res = await transport()(request(path));
      const err = await failure(res.json());
      expect(err).toBeInstanceOf(ResponseParseError);
      expect(err).toMatchObject({ status: 200, reason: 'malformed-json', bodySnippet: '{"id": "img_1", "name": ', operation: operation(path) });
      expectNoSecret(err);
    });

    it('empty body on a 200 application/json: ResponseParseError "empty"', async () => {
      const path = unique('empty-json');
      const err = await failure(transport()(request(path)));
      expect(err).toBeInstanceOf(ResponseParseError);
      expect((err as ResponseParseError).reason).toBe('empty');
    });

    it('clock skew: 401 + Date → offset learned, ONE re-signed retry, offset kept for later calls', async () => {
      const path = unique('skew');
      const stamps: number[] = [];
      const t = transport({
        vendor: 'naver',
        sign: (req, nowMs) => {
          stamps.push(nowMs);
          expect(req.url.startsWith(`${server.url}/skew/t`)).toBe(true);
          return { 'x-ncp-apigw-timestamp': String(nowMs), 'x-ncp-apigw-signature-v2': `sig-${SECRET}` };
        },
        isClockSkewRejection: (res, body) => res.status === 401 && body.includes('Authentication Failed'),
      });
      const res = await t(request(path));
      expect(res.status).toBe(200);
      expect(server.hits(path)).toBe(2);
      expect(stamps).toHaveLength(2);
      // the server runs 10 minutes ahead; Date has whole seconds
      expect(t.clockOffsetMs).toBeGreaterThan(10 * 60_000 - 2_000);
      expect(t.clockOffsetMs).toBeLessThan(10 * 60_000 + 2_000);
      expect(stamps[1]! - stamps[0]!).toBeGreaterThan(10 * 60_000 - 2_000);

      const later = unique('skew');
      const again = await t(request(later));
      expect(again.status).toBe(200);
      expect(server.hits(later)).toBe(1);
    });

    it('clock skew through isAuthRejection (NAVER’s 401 does not say why): the Date gap decides', async () => {
      const path = unique('skew');
      const t = transport({
        vendor: 'naver',
        sign: (_req, nowMs) => ({ 'x-ncp-apigw-timestamp': String(nowMs) }),
        isAuthRejection: (res) => res.status === 401,
        clockSkewLimitMs: 5 * 60_000,
        throwOnError: true,
      });
      const res = await t(request(path));
      expect(res.status).toBe(200);
      expect(server.hits(path)).toBe(2);
    });

    it('a genuine auth failure is not retried forever: one skew retry at most, then the 401', async () => {
      const path = unique('skew');
      const t = transport({
        vendor: 'naver',
        sign: () => ({ 'x-ncp-apigw-timestamp': '0' }), // always wrong, whatever the clock
        isClockSkewRejection: (res) => res.status === 401,
        throwOnError: true,
      });
      const err = await failure(t(request(path)));
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ status: 401, code: '200', message: 'Authentication Failed: Invalid timestamp.', attempts: 2 });
      expect((err as ApiError).requestId).toMatch(/^trace-/);
      expect(server.hits(path)).toBe(2);
    });

    it('a caller abort mid-request rejects at once with the caller’s reason, without retry', async () => {
      const path = unique('slow/3000');
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const { value: err, ms } = await timed(() => failure(transport({ timeoutMs: 5_000 })(request(path, { signal: controller.signal }))));
      expect(err).toBe(controller.signal.reason);
      expect((err as DOMException).name).toBe('AbortError');
      expect(server.hits(path)).toBe(1);
      expect(ms).toBeLessThan(500);
    });

    it('a caller abort during the backoff wait rejects at once', async () => {
      const path = unique('flaky/5');
      const controller = new AbortController();
      const t = transport({ random: () => 0.999, retries: 5 }); // first wait ≈ 200 ms
      setTimeout(() => controller.abort(new Error('user gave up')), 60);
      const { value: err, ms } = await timed(() => failure(t(request(path, { signal: controller.signal }))));
      expect((err as Error).message).toBe('user gave up');
      expect(server.hits(path)).toBe(1);
      expect(ms).toBeLessThan(180);
    });

    it('an already aborted signal sends nothing', async () => {
      const path = unique('ok');
      const err = await failure(transport()(request(path, { signal: AbortSignal.abort() })));
      expect((err as DOMException).name).toBe('AbortError');
      expect(server.hits(path)).toBe(0);
    });

    it('vendor error bodies that echo credentials are redacted', async () => {
      const body = JSON.stringify({ error: { code: 'forbidden', message: `Invalid token: Bearer ${SECRET}` } });
      const path = `${unique('status/403')}?body=${encodeURIComponent(body)}`;
      const err = await failure(transport({ throwOnError: true })(request(path)));
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ status: 403, code: 'forbidden', requestId: 'req-1' });
      expect((err as ApiError).message).toBe('Invalid token: Bearer [REDACTED]');
      expectNoSecret(err);
    });

    it('the signer runs on every attempt with the exact URL; stale signature headers are replaced', async () => {
      const path = unique('flaky/2');
      let n = 0;
      const t = transport({
        sign: (req) => {
          n++;
          expect(req.headers.get('x-attempt')).toBeNull(); // the previous attempt's header is gone
          expect(req.url).toBe(`${server.url}${path}?b=2&a=1`);
          return { 'x-attempt': String(n) };
        },
      });
      const res = await t(request(`${path}?b=2&a=1`));
      expect(res.status).toBe(200);
      expect(n).toBe(3);
      const seen = server.requests.filter((r) => r.url.startsWith(path)).map((r) => r.headers['x-attempt']);
      expect(seen).toEqual(['1', '2', '3']);
    });
});
