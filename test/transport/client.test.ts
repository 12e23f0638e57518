// The generic client core: openapi-fetch over the transport, both result styles, typed errors with the
// operation template, static headers, parameter rules, redaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, toApiError, type ApiClientConfig } from '../../src/client.js';
import { ApiError, NetworkError, ResponseParseError, TimeoutError, ValidationError } from '../../src/errors.js';
import type { FetchLike } from '../../src/types.js';
import { startFaultServer, type FaultServer } from '../support/fault-server.js';
import { renderings } from '../support/error-renderings.js';
import { startStub } from '../support/http-stub.js';
import { conformingFetch } from '../support/spec-conformance.js';
import { longToken, shownFragment } from '../support/long-secret.js';
import { SECRET, expectNoSecret, failure } from './secrets.js';
import { WIRES } from './wires.js';

type Json<T> = { content: { 'application/json': T } };
type Op<P, R> = {
  parameters: { query?: { body?: string }; header?: never; path: P; cookie?: never };
  requestBody?: never;
  responses: R;
};
type VendorError = { error: { code: string; message: string } };

interface TestPaths {
  '/ok/{id}': { get: Op<{ id: string }, { 200: Json<{ ok: boolean; path: string }> }> };
  '/echo/{id}': { get: Op<{ id: string }, { 200: Json<{ method: string; url: string; headers: Record<string, string> }> }> };
  '/status/{code}/{id}': { get: Op<{ code: number; id: string }, { 200: Json<{ ok: true }>; 404: Json<VendorError> }> };
  '/malformed/{id}': { get: Op<{ id: string }, { 200: Json<{ id: string }> }> };
  '/reset/{id}': { get: Op<{ id: string }, { 200: Json<{ ok: true }> }> };
  '/hang-headers/{id}': { get: Op<{ id: string }, { 200: Json<{ ok: true }> }> };
  '/hang-body/{id}': { get: Op<{ id: string }, { 200: Json<{ ok: true }> }> };
  '/slow/{ms}/{id}': { get: Op<{ ms: number; id: string }, { 200: Json<{ ok: true }> }> };
}

/** The generic client's own test paths (TestPaths): no vendor operation, so its fakes' answers are not checked. */
const TEST_PATHS = 'the generic client on its test paths (/ok/{id}, …), no vendor operation';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({ maxRequests: 200 });
});
afterAll(async () => {
  await server.close();
});

let seq = 0;
const id = () => `c${++seq}`;

function makeClient(fetch: FetchLike | undefined, options: Partial<ApiClientConfig> = {}) {
  return createApiClient<TestPaths>({
    fetch,
    vendor: 'vercel',
    baseUrl: server.url,
    staticHeaders: { Authorization: `Bearer ${SECRET}` },
    secrets: [],
    timeoutMs: 300,
    random: () => 0,
    ...options,
  });
}


describe.each(WIRES)('createApiClient (%s wire)', (_wire, wireFetch) => {
  const client = (options: Partial<ApiClientConfig> = {}) => makeClient(wireFetch, options);

  it('default style: { data, response } with static headers sent once per request', async () => {
    const { data, error, response } = await client().GET('/echo/{id}', { params: { path: { id: 'a b' } } });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data?.url).toBe('/echo/a%20b');
    expect(data?.headers['authorization']).toBe(`Bearer ${SECRET}`);
  });

  it('default style: error = the vendor’s parsed error body; toApiError converts it', async () => {
    const body = JSON.stringify({ error: { code: 'not_found', message: 'Image not found' } });
    const key = id();
    const { data, error, response } = await client().GET('/status/{code}/{id}', { params: { path: { code: 404, id: key }, query: { body } } });
    expect(data).toBeUndefined();
    expect(error).toEqual({ error: { code: 'not_found', message: 'Image not found' } });
    const err = toApiError('vercel', 'GET /status/{code}/{id}', response, error);
    expect(err).toMatchObject({ status: 404, code: 'not_found', message: 'Image not found', requestId: 'req-1' });
  });

  it('throwOnError: an ApiError whose operation is the path template', async () => {
    const body = JSON.stringify({ error: { code: 'not_found', message: 'Image not found' } });
    const err = await failure(client({ throwOnError: true }).GET('/status/{code}/{id}', { params: { path: { code: 404, id: id() }, query: { body } } }));
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ vendor: 'vercel', operation: 'GET /status/{code}/{id}', status: 404, code: 'not_found', attempts: 1 });
  });

  it('malformed JSON on a 200 is a ResponseParseError in both styles', async () => {
    for (const throwOnError of [false, true]) {
      const err = await failure(client({ throwOnError }).GET('/malformed/{id}', { params: { path: { id: id() } } }));
      expect(err).toBeInstanceOf(ResponseParseError);
      expect(err).toMatchObject({ status: 200, reason: 'malformed-json', operation: 'GET /malformed/{id}' });
      expect((err as ResponseParseError).bodySnippet).toContain('"img_1"');
    }
  });

  it('malformed chunked JSON (no Content-Length) is a ResponseParseError too, not a SyntaxError', async () => {
    const chunked: FetchLike = conformingFetch(async () =>
      new Response(
        new ReadableStream({
          start(c) {
            c.enqueue(new TextEncoder().encode('{"id": '));
            c.close();
          },
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      ), { unspecified: TEST_PATHS });
    const err = await failure(client({ fetch: chunked }).GET('/ok/{id}', { params: { path: { id: 'x' } } }));
    expect(err).toBeInstanceOf(ResponseParseError);
  });

  it('transport errors carry the operation template; a secret reaching them (cause, echoed request id) is redacted', async () => {
    // A fetch whose failure quotes the request's headers, as some fetch wrappers and proxies' errors do.
    const quoting: FetchLike = async (input, init) => {
      try {
        return await globalThis.fetch(input, init);
      } catch (err) {
        const sent = JSON.stringify(Object.fromEntries(new Headers(init?.headers)));
        throw new TypeError(`fetch failed: ${String(err)}`, { cause: new Error(`socket hang up after sending ${sent}`) });
      }
    };
    const reset = await failure(client({ retries: 1, fetch: quoting }).GET('/reset/{id}', { params: { path: { id: id() } } }));
    expect(reset).toBeInstanceOf(NetworkError);
    expect(reset).toMatchObject({ operation: 'GET /reset/{id}', attempts: 2 });
    expect((reset as NetworkError).message).toContain('[REDACTED]');
    expectNoSecret(reset);

    // The server echoes the secret as its request id, then stalls the body.
    const t0 = performance.now();
    const hang = await failure(
      client({ retries: 0, timeoutMs: 100 }).GET('/hang-body/{id}', { params: { path: { id: id() } }, headers: { 'x-echo-id': `req-${SECRET}` } }),
    );
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(hang).toBeInstanceOf(TimeoutError);
    expect(hang).toMatchObject({ operation: 'GET /hang-body/{id}', attempts: 1, phase: 'body', requestId: 'req-[REDACTED]' });
    expectNoSecret(hang);
  });

  describe('no secret anywhere, where the secrets do reach the error', () => {
    // A token of real IAM size, listed in `secrets`, and the static Authorization header's SECRET. Every
    // failure below carries both into what the error is built from; only redaction keeps them out.
    const LONG = longToken(6_000);
    const withSecrets = (options: Partial<ApiClientConfig> = {}) => client({ secrets: [LONG], ...options });
    const expectNothingShown = (err: unknown) => {
      expectNoSecret(err, [SECRET, LONG.slice(0, 32)]);
      for (const text of renderings(err)) expect(shownFragment(text, LONG)).toBeUndefined();
    };

    it('an echoing server: its 401 body quotes the headers it received and the URL with a token in it', async () => {
      const echo = await startStub((req) => ({
        status: 401,
        headers: { 'x-request-id': `req-${String(req.headers['x-auth-token'])}` },
        body: JSON.stringify({
          error: { code: 'unauthorized', message: `token ${String(req.headers['x-auth-token'])} rejected (${String(req.headers['authorization'])})` },
          echo: { url: `${req.url}?access_token=${String(req.headers['x-auth-token'])}`, headers: req.headers },
        }),
      }), { unspecified: TEST_PATHS });
      try {
        const c = withSecrets({ baseUrl: echo.url, throwOnError: true, staticHeaders: { Authorization: `Bearer ${SECRET}`, 'X-Auth-Token': LONG } });
        const err = await failure(c.GET('/ok/{id}', { params: { path: { id: id() } } }));
        expect(echo.requests[0]?.headers['x-auth-token']).toBe(LONG);
        expect(err).toBeInstanceOf(ApiError);
        expect((err as ApiError).message).toBe('token [REDACTED] rejected ([REDACTED])');
        expectNothingShown(err);
      } finally {
        await echo.close();
      }
    });

    it('a network failure whose message, code, cause chain and header dump quote the secrets and a URL carrying them', async () => {
      const failing: FetchLike = async (input, init) => {
        const url = `${typeof input === 'string' ? input : input instanceof URL ? input.href : input.url}?token=${LONG}`;
        const headers = JSON.stringify([...new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined))]);
        const socket = Object.assign(new Error(`socket hang up; sent ${headers}`), { code: `ECONNRESET ${SECRET}`, cause: new Error(`Bearer ${SECRET} / ${LONG}`) });
        throw new TypeError(`fetch failed: GET ${url}`, { cause: socket });
      };
      const err = await failure(withSecrets({ fetch: failing, retries: 0 }).GET('/ok/{id}', { params: { path: { id: id() } } }));
      expect(err).toBeInstanceOf(NetworkError);
      expect(renderings(err).join('\n')).toContain('[REDACTED]');
      expectNothingShown(err);
    });

    it('a body timeout after headers that carry the secrets (request id, content type)', async () => {
      const stalling: FetchLike = conformingFetch(async (_input, init) =>
        new Response(
          new ReadableStream({
            start(c) {
              c.enqueue(new TextEncoder().encode('{"partial":'));
              init?.signal?.addEventListener('abort', () => c.error(new Error(`aborted; Authorization: Bearer ${SECRET}; token ${LONG}`)));
            },
          }),
          { status: 200, headers: { 'content-type': `application/json; token=${LONG}`, 'x-request-id': `req ${LONG} ${SECRET}` } },
        ), { unspecified: TEST_PATHS });
      const err = await failure(withSecrets({ fetch: stalling, retries: 0, timeoutMs: 50 }).GET('/ok/{id}', { params: { path: { id: id() } } }));
      expect(err).toBeInstanceOf(TimeoutError);
      expect((err as TimeoutError).requestId).toContain('[REDACTED]');
      expectNothingShown(err);
    });
  });

  it('a missing path parameter is a ValidationError: nothing sent', async () => {
    const before = server.requests.length;
    // @ts-expect-error: path parameters are required by the types too
    const err = await failure(client().GET('/ok/{id}', {}));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err).toMatchObject({ vendor: 'vercel', operation: 'GET /ok/{id}', attempts: 0 });
    expect(server.requests.length).toBe(before);
  });

  it('a header HTTP does not allow, given with the call or as a static header: ValidationError, nothing sent, value not quoted', async () => {
    const before = server.requests.length;
    for (const init of [{ headers: { 'x-trace': `a\r\nx-injected: ${SECRET}` } }, { headers: { [`bad name ${SECRET}`]: 'v' } }]) {
      const err = await failure(client().GET('/ok/{id}', { params: { path: { id: 'h' } }, ...init }));
      expect(err).toBeInstanceOf(ValidationError);
      expect(err).toMatchObject({ vendor: 'vercel', operation: 'GET /ok/{id}', attempts: 0 });
      expect((err as ValidationError).message).toMatch(/^Invalid request header/);
      expectNoSecret(err);
    }
    const viaRequest = await failure(client().request('get', '/ok/{id}', { params: { path: { id: 'h' } }, headers: { 'x-trace': `a\nb${SECRET}` } }));
    expect(viaRequest).toBeInstanceOf(ValidationError);
    expect(server.requests.length).toBe(before);
    const created = (() => {
      try {
        client({ staticHeaders: { 'X-Auth-Token': `${SECRET}\nx-injected: 1` } });
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(created).toBeInstanceOf(ValidationError);
    expectNoSecret(created);
  });

  it('paramRules check every parameter before sending', async () => {
    const before = server.requests.length;
    const c = client({ paramRules: { '/ok/{id}': { path: { id: { type: 'string', pattern: '^[a-z]+$' } }, query: {} } } });
    expect((await c.GET('/ok/{id}', { params: { path: { id: 'abc' } } })).data?.ok).toBe(true);
    const err = await failure(c.GET('/ok/{id}', { params: { path: { id: '..' } } }));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err).toMatchObject({ vendor: 'vercel', operation: 'GET /ok/{id}' });
    expect(server.requests.length).toBe(before + 1);
  });

  it('the caller’s AbortSignal aborts at once, without retry', async () => {
    const controller = new AbortController();
    const key = id();
    setTimeout(() => controller.abort(), 50);
    const t0 = performance.now();
    const err = await failure(client({ timeoutMs: 5_000 }).GET('/slow/{ms}/{id}', { params: { path: { ms: 3_000, id: key } }, signal: controller.signal }));
    expect((err as DOMException).name).toBe('AbortError');
    expect(performance.now() - t0).toBeLessThan(500);
    expect(server.hits(`/slow/3000/${key}`)).toBe(1);
  });

  it('many concurrent calls may share one caller signal without a listener-leak warning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => void warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const shared = new AbortController();
      const c = client();
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => c.GET('/slow/{ms}/{id}', { params: { path: { ms: 20, id: `s${i}` } }, signal: shared.signal })));
      expect(results.every((r) => r.response.status === 200)).toBe(true);
      await new Promise((r) => setTimeout(r, 10));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('secrets in static headers are redacted even when not listed in `secrets`', async () => {
    const body = JSON.stringify({ error: { code: 'forbidden', message: `token ${SECRET.toLowerCase()}-x / raw ${SECRET}` } });
    const err = await failure(client({ throwOnError: true }).GET('/status/{code}/{id}', { params: { path: { code: 403, id: id() }, query: { body } } }));
    expect(err).toBeInstanceOf(ApiError);
    expectNoSecret(err);
  });

  it('foreign errors (e.g. from a middleware) are passed on, redacted', async () => {
    const c = client();
    c.use({
      onRequest() {
        throw new Error(`middleware saw Authorization: Bearer ${SECRET}`);
      },
    });
    const err = await failure(c.GET('/ok/{id}', { params: { path: { id: 'x' } } }));
    expect(err).not.toBeInstanceOf(ApiError);
    expectNoSecret(err);
  });

  it('middleware may still read and set headers on the prepared request', async () => {
    const c = client();
    c.use({
      onRequest({ request }) {
        request.headers.set('x-trace', request.headers.get('authorization') === `Bearer ${SECRET}` ? 'saw-auth' : 'no');
        return undefined;
      },
    });
    const { data } = await c.GET('/echo/{id}', { params: { path: { id: 'm' } } });
    expect(data?.headers['x-trace']).toBe('saw-auth');
  });

  it('request(method, path) is wrapped too', async () => {
    const { data } = await client().request('get', '/ok/{id}', { params: { path: { id: 'r' } } });
    expect(data?.ok).toBe(true);
  });

  it('an unusable baseUrl is refused at creation', () => {
    expect(() => client({ baseUrl: 'not a url' })).toThrow(ValidationError);
    expect(() => client({ baseUrl: 'ftp://x.test' })).toThrow(ValidationError);
    expect(() => client({ baseUrl: `https://user:${SECRET}@x.test` })).toThrow(ValidationError);
    try {
      client({ baseUrl: `https://user:${SECRET}@x.test` });
    } catch (err) {
      expectNoSecret(err);
    }
  });
});
