// Transport policy with a recording fake fetch: what is sent, signed, retried, waited, returned.
import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError, ResponseParseError, TimeoutError, ValidationError } from '../../src/errors.js';
import {
  BACKOFF_CAP_MS,
  PreparedRequest,
  createTransport,
  parseRetryAfter,
  type CreateTransportOptions,
} from '../../src/transport.js';
import type { FetchLike } from '../../src/types.js';
import { conformingFetch, offSpec } from '../support/spec-conformance.js';
import { SECRET, expectNoSecret, failure } from './secrets.js';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal | null | undefined;
}

type Answer = Response | Error | (() => Response | Promise<Response>);

/** A fetch that records every call and answers from a script (the last answer repeats). */
function recordingFetch(...script: Answer[]) {
  const calls: Call[] = [];
  const fetch: FetchLike = async (input, init) => {
    const request = input instanceof Request ? input : undefined;
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers = new Headers(init?.headers ?? request?.headers);
    const body = typeof init?.body === 'string' ? init.body : request && request.body !== null ? await request.clone().text() : undefined;
    calls.push({ url, method: init?.method ?? request?.method ?? 'GET', headers: Object.fromEntries(headers), body, signal: init?.signal });
    const answer = script[Math.min(calls.length, script.length) - 1];
    if (answer instanceof Error) throw answer;
    if (typeof answer === 'function') return answer();
    return (answer as Response).clone();
  };
  return { fetch, calls };
}

const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json', ...headers } });

/**
 * The transport's policy on scripted answers (statuses, headers, placeholder bodies, streams), mostly on a Gcore
 * path: what is under test is the status and the bytes, not the vendor's body shape.
 */
const SCRIPTED = offSpec('transport policy on scripted answers (503, 429, 401 without a body, 201, placeholder {} bodies, streams): the body shape is not under test');

function make(fetch: FetchLike, options: Partial<CreateTransportOptions> = {}) {
  return createTransport({ vendor: 'gcore', fetch: conformingFetch(fetch, { offSpec: SCRIPTED }), random: () => 0, timeoutMs: 1_000, secrets: [SECRET], ...options });
}

function get(url = 'https://api.example.test/cloud/v1/images/1/2/abc', init: RequestInit = {}) {
  return new PreparedRequest(url, { method: 'GET', ...init, headers: new Headers(init.headers) });
}


describe('retry policy', () => {
  it.each([408, 429, 500, 502, 503, 504])('GET %i is retried (2 retries by default)', async (status) => {
    const { fetch, calls } = recordingFetch(json(status, {}));
    const res = await make(fetch)(get());
    expect(res.status).toBe(status);
    expect(calls).toHaveLength(3);
  });

  it.each([400, 401, 403, 404, 409, 422])('GET %i is not retried', async (status) => {
    const { fetch, calls } = recordingFetch(json(status, {}));
    expect((await make(fetch)(get())).status).toBe(status);
    expect(calls).toHaveLength(1);
  });

  it('HEAD is retried; PUT, PATCH, DELETE, POST are not', async () => {
    const head = recordingFetch(new Response(null, { status: 503 }));
    await make(head.fetch)(get(undefined, { method: 'HEAD' }));
    expect(head.calls).toHaveLength(3);
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
      const r = recordingFetch(json(503, {}));
      await make(r.fetch)(get(undefined, { method, body: '{}' }));
      expect(r.calls).toHaveLength(1);
      const n = recordingFetch(new TypeError('fetch failed'));
      expect(await failure(make(n.fetch)(get(undefined, { method, body: '{}' })))).toBeInstanceOf(NetworkError);
      expect(n.calls).toHaveLength(1);
    }
  });

  it('full-jitter exponential backoff with the injected random, capped', async () => {
    const waits: number[] = [];
    const { fetch } = recordingFetch(json(503, {}));
    await make(fetch, { retries: 3, random: () => 0.5, sleep: async (ms) => void waits.push(ms) })(get());
    expect(waits).toEqual([100, 200, 400]);

    const capped: number[] = [];
    await make(recordingFetch(json(503, {})).fetch, { retries: 8, random: () => 0.999, sleep: async (ms) => void capped.push(ms) })(get());
    expect(capped).toEqual([199, 399, 799, 1598, 3196, 6393, 7992, 7992]);
    expect(Math.max(...capped)).toBeLessThan(BACKOFF_CAP_MS);
  });

  it('network errors are retried with the same backoff, then thrown typed', async () => {
    const waits: number[] = [];
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) });
    const { fetch, calls } = recordingFetch(refused);
    const err = await failure(make(fetch, { random: () => 0.25, sleep: async (ms) => void waits.push(ms) })(get()));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err).toMatchObject({ code: 'ECONNREFUSED', attempts: 3, message: 'Network error: connect ECONNREFUSED 127.0.0.1:1' });
    expect(calls).toHaveLength(3);
    expect(waits).toEqual([50, 100]);
  });

  it('the deadline stops retries (injected clock and sleep)', async () => {
    let now = 1_000_000;
    const waits: number[] = [];
    const { fetch, calls } = recordingFetch(json(503, {}));
    const t = make(fetch, {
      retries: 10,
      deadlineMs: 1_000,
      random: () => 0.999,
      clock: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    });
    const res = await t(get());
    expect(res.status).toBe(503); // the last response, returned when the next wait would pass the deadline
    expect(waits).toEqual([199, 399]); // 199 + 399 + 799 > 1000
    expect(calls).toHaveLength(3);
  });

  it('Retry-After: delta-seconds and HTTP-date, against the skew-corrected clock', () => {
    const now = Date.parse('Sun, 29 Nov 2026 13:00:00 GMT');
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Sun, 29 Nov 2026 13:00:07 GMT', now)).toBe(7_000);
    expect(parseRetryAfter('Sun, 29 Nov 2026 12:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('Retry-After replaces the backoff and is capped', async () => {
    const waits: number[] = [];
    const { fetch } = recordingFetch(json(429, {}, { 'retry-after': '120' }), json(200, {}));
    const res = await make(fetch, { maxRetryAfterMs: 5_000, sleep: async (ms) => void waits.push(ms) })(get());
    expect(res.status).toBe(200);
    expect(waits).toEqual([5_000]);
  });
});

describe('signing', () => {
  it('signs every attempt with the current skew-corrected clock, on the URL as it goes on the wire', async () => {
    let now = 1_700_000_000_000;
    const seen: { url: string; now: number; auth: string | null }[] = [];
    const { fetch, calls } = recordingFetch(json(500, {}), json(200, { ok: 1 }));
    const t = make(fetch, {
      clock: () => now,
      random: () => 0.5,
      sleep: async (ms) => void (now += ms + 1_000),
      sign: async (req, nowMs) => {
        seen.push({ url: req.url, now: nowMs, auth: req.headers.get('authorization') });
        return { authorization: `SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=${nowMs}` };
      },
    });
    const res = await t(get('https://hss.example.test/v5/p 1/image/a|b/basic-image?limit=10&offset=0'));
    expect(res.status).toBe(200);
    expect(seen.map((s) => s.url)).toEqual([
      'https://hss.example.test/v5/p%201/image/a|b/basic-image?limit=10&offset=0',
      'https://hss.example.test/v5/p%201/image/a|b/basic-image?limit=10&offset=0',
    ]);
    expect(seen[0]!.auth).toBeNull();
    expect(seen[1]!.auth).toBeNull(); // the previous attempt's signature is removed before re-signing
    expect(seen[1]!.now - seen[0]!.now).toBe(1_100); // the backoff wait (100) + what the fake sleep added
    expect(calls.map((c) => c.headers['authorization'])).toEqual([
      `SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=${seen[0]!.now}`,
      `SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=${seen[1]!.now}`,
    ]);
    expect(calls[0]!.url).toBe(seen[0]!.url);
  });

  it('the signer sees the exact body; a skew retry re-sends the same body', async () => {
    const bodies: (string | undefined)[] = [];
    const skewed = json(401, { error_code: 'APIG.0303', error_msg: 'signature expired' }, { date: new Date(Date.now() + 3_600_000).toUTCString() });
    const { fetch, calls } = recordingFetch(skewed, json(201, { id: 'x' }));
    const t = make(fetch, {
      vendor: 'huawei',
      sign: (req) => {
        bodies.push(req.body);
        return { 'x-sdk-date': 'x' };
      },
      isClockSkewRejection: (_res, text) => text.includes('APIG.0303'),
    });
    const res = await t(get(undefined, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } }));
    expect(res.status).toBe(201);
    expect(bodies).toEqual(['{"a":1}', '{"a":1}']);
    expect(calls.map((c) => c.body)).toEqual(['{"a":1}', '{"a":1}']);
    expect(t.clockOffsetMs).toBeGreaterThan(3_590_000);
  });

  it('skew state lives in each transport, not globally', async () => {
    const date = new Date(Date.now() + 3_600_000).toUTCString();
    const a = make(recordingFetch(json(401, {}, { date }), json(200, {})).fetch, { sign: () => ({}), isClockSkewRejection: () => true });
    const b = make(recordingFetch(json(200, {})).fetch, { sign: () => ({}), isClockSkewRejection: () => true });
    await a(get());
    await b(get());
    expect(a.clockOffsetMs).toBeGreaterThan(3_590_000);
    expect(b.clockOffsetMs).toBe(0);
  });

  it('no Date header: no skew retry', async () => {
    const { fetch, calls } = recordingFetch(new Response('{}', { status: 401 }));
    const res = await make(fetch, { sign: () => ({}), isClockSkewRejection: () => true })(get());
    expect(res.status).toBe(401);
    expect(calls).toHaveLength(1);
  });

  it('a non-string body cannot be signed: ValidationError, nothing sent', async () => {
    const { fetch, calls } = recordingFetch(json(200, {}));
    const err = await failure(make(fetch, { sign: () => ({}) })(get(undefined, { method: 'POST', body: new Uint8Array([1]) })));
    expect(err).toBeInstanceOf(ValidationError);
    expect(calls).toHaveLength(0);
  });
});

describe('inputs', () => {
  it('accepts a real Request, a string and a URL too', async () => {
    const { fetch, calls } = recordingFetch(json(200, { ok: true }));
    const t = make(fetch, { sign: (req) => ({ 'x-sig': `${req.method} ${req.url} ${req.body ?? '-'}` }) });
    await t(new Request('https://a.test/x?q=1', { method: 'POST', body: 'B' }));
    await t('https://a.test/y');
    await t(new URL('https://a.test/z'), { headers: { 'x-h': '1' } });
    expect(calls.map((c) => c.headers['x-sig'])).toEqual(['POST https://a.test/x?q=1 B', 'GET https://a.test/y -', 'GET https://a.test/z -']);
    expect(calls[2]!.headers['x-h']).toBe('1');
  });

  it('an unresolved `{param}` in the path is refused before sending', async () => {
    const { fetch, calls } = recordingFetch(json(200, {}));
    const err = await failure(make(fetch)(get('https://a.test/v1/images/{imageId}?q={x}')));
    expect(err).toBeInstanceOf(ValidationError);
    expect(calls).toHaveLength(0);
    // braces in the query only are fine
    await make(fetch)(get('https://a.test/v1/images/1?q={x}'));
    expect(calls).toHaveLength(1);
  });

  it('invalid options are a ValidationError', () => {
    expect(() => createTransport({ vendor: 'naver', timeoutMs: 0 })).toThrow(ValidationError);
    expect(() => createTransport({ vendor: 'naver', retries: -1 })).toThrow(ValidationError);
    expect(() => createTransport({ vendor: 'naver', deadlineMs: Number.NaN })).toThrow(ValidationError);
  });
});

describe('responses', () => {
  it('a buffered response keeps status, status text, the original Headers object and url', async () => {
    const original = json(200, { a: 1 }, { 'content-length': '7', 'x-request-id': 'r1' });
    Object.defineProperty(original, 'url', { value: 'https://a.test/final' });
    const t = make(async () => original);
    const res = await t(get());
    expect(res).toBeInstanceOf(Response);
    expect(res.headers).toBe(original.headers);
    expect(res.status).toBe(200);
    expect(res.statusText).toBe('');
    expect(res.url).toBe('https://a.test/final');
    expect(res.bodyUsed).toBe(false);
    const copy = res.clone();
    expect(await res.json()).toEqual({ a: 1 });
    expect(res.bodyUsed).toBe(true);
    await expect(res.text()).rejects.toThrow(TypeError);
    expect(new TextDecoder().decode(await copy.arrayBuffer())).toBe('{"a":1}');
  });

  it('a chunked 2xx gets its real Content-Length (so openapi-fetch calls our json())', async () => {
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode('{"a":'));
        c.enqueue(new TextEncoder().encode('2}'));
        c.close();
      },
    });
    const t = make(async () => new Response(stream, { status: 200, headers: { 'content-type': 'application/json' } }));
    const res = await t(get());
    expect(res.headers.get('content-length')).toBe('7');
    expect(await res.json()).toEqual({ a: 2 });
  });

  it('arrayBuffer() is exactly the body; body streams the bytes', async () => {
    const t = make(async () => new Response('hello', { status: 200 }));
    const ab = await (await t(get())).arrayBuffer();
    expect(ab.byteLength).toBe(5);
    const res = await t(get());
    expect(await new Response(res.body).text()).toBe('hello');
  });

  it('malformed JSON: json() rejects with ResponseParseError, not SyntaxError', async () => {
    const t = make(async () => new Response('<html>oops</html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const err = await failure((await t(get())).json());
    expect(err).toBeInstanceOf(ResponseParseError);
    expect(err).toMatchObject({ reason: 'unexpected-content-type', status: 200, bodySnippet: '<html>oops</html>', vendor: 'gcore' });
  });

  it('throwOnError: the vendor’s error fields, request id from the vendor header table', async () => {
    const t = make(async () => json(404, { exception_class: 'ImageNotFound', message: 'Image abc not found' }, { 'x-request-id': 'g-42' }), {
      throwOnError: true,
    });
    const err = await failure(t(get()));
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      kind: 'http',
      vendor: 'gcore',
      operation: 'GET /cloud/v1/images/1/2/abc',
      status: 404,
      code: 'ImageNotFound',
      message: 'Image abc not found',
      requestId: 'g-42',
      attempts: 1,
    });
  });

  it('a response of type "error" counts as a network error', async () => {
    const { fetch, calls } = recordingFetch(() => Response.error());
    expect(await failure(make(fetch)(get()))).toBeInstanceOf(NetworkError);
    expect(calls).toHaveLength(3);
  });

  it('a custom fetch error quoting a credential is redacted', async () => {
    const boom = new TypeError(`Headers.set: "Bearer ${SECRET}\n" is an invalid header value.`);
    const err = await failure(make(recordingFetch(boom).fetch, { retries: 0 })(get()));
    expect(err).toBeInstanceOf(NetworkError);
    expectNoSecret(err);
  });

  it('a per-attempt timeout with a fetch that honours the signal', async () => {
    const hanging: FetchLike = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const err = await failure(make(hanging, { timeoutMs: 30, retries: 1 })(get()));
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err).toMatchObject({ phase: 'headers', attempts: 2, timeoutMs: 30 });
  });
});
