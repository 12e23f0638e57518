// Redirect policy, on both wires: a 3xx with a Location is never followed, to another origin or the same
// one; the call ends with a typed ApiError naming the status and the Location (redacted, bounded), and
// nothing reaches the redirect target.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors.js';
import { PreparedRequest, createTransport, type CreateTransportOptions } from '../../src/transport.js';
import { startFaultServer, type FaultServer } from '../support/fault-server.js';
import { SECRET, expectNoSecret, failure } from './secrets.js';
import { WIRES } from './wires.js';

let api: FaultServer;
/** Another origin: it records whatever reaches it. */
let elsewhere: FaultServer;
beforeAll(async () => {
  [api, elsewhere] = await Promise.all([startFaultServer({ maxRequests: 200 }), startFaultServer({ maxRequests: 200 })]);
});
afterAll(async () => {
  await Promise.all([api.close(), elsewhere.close()]);
});

let seq = 0;
const unique = (route: string) => `/${route}/r${++seq}`;

function redirectTo(status: number, target: string): string {
  return `${unique(`redirect/${status}`)}?to=${encodeURIComponent(target)}`;
}

describe.each(WIRES)('redirects are refused (%s wire)', (_wire, wireFetch) => {
  function transport(options: Partial<CreateTransportOptions> = {}) {
    return createTransport({ vendor: 'naver', retries: 2, random: () => 0, secrets: [SECRET], fetch: wireFetch, ...options });
  }

  /** A signed-looking request: token, access key and signature headers. */
  function request(path: string, init: RequestInit = {}): PreparedRequest {
    return new PreparedRequest(api.url + path, {
      method: 'GET',
      redirect: 'follow', // what openapi-fetch asks for: the transport overrides it
      ...init,
      headers: new Headers({ 'X-Auth-Token': SECRET, 'x-ncp-iam-access-key': 'AKID', 'x-ncp-apigw-signature-v2': 'c2lnbmF0dXJl' }),
    });
  }

  it.each([301, 302, 303, 307, 308])('%i to another origin: typed error naming status and Location, nothing sent there', async (status) => {
    const before = elsewhere.requests.length;
    const target = `${elsewhere.url}${unique('echo')}`;
    const path = redirectTo(status, target);
    const err = await failure(transport()(request(path)));
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ kind: 'http', status, code: 'redirect_refused', attempts: 1 });
    expect((err as ApiError).message).toContain(`HTTP ${status} to ${target}`);
    expect(api.hits(path.split('?')[0]!)).toBe(1); // not retried either
    expect(elsewhere.requests.length).toBe(before);
  });

  it('a POST answered 307 (which would re-send the body) is refused the same way', async () => {
    const before = elsewhere.requests.length;
    const err = await failure(transport()(request(redirectTo(307, `${elsewhere.url}/echo/post`), { method: 'POST', body: '{"secret":1}' })));
    expect(err).toMatchObject({ status: 307, code: 'redirect_refused' });
    expect(elsewhere.requests.length).toBe(before);
  });

  it('a redirect to the same origin is refused too (nothing is re-sent anywhere)', async () => {
    const target = unique('ok');
    const err = await failure(transport()(request(redirectTo(302, `${api.url}${target}`))));
    expect(err).toMatchObject({ status: 302, code: 'redirect_refused' });
    expect(api.hits(target)).toBe(0);
  });

  it('with throwOnError off the redirect is still an error, not a response to follow by hand', async () => {
    const err = await failure(transport({ throwOnError: false })(request(redirectTo(302, `${elsewhere.url}/x`))));
    expect(err).toMatchObject({ code: 'redirect_refused' });
  });

  it('the Location is redacted and bounded in every rendering', async () => {
    const target = `${elsewhere.url}/login?token=${SECRET}&next=${'a'.repeat(5_000)}`;
    const err = await failure(transport()(request(redirectTo(302, target))));
    expect(err).toMatchObject({ status: 302, code: 'redirect_refused' });
    const message = (err as ApiError).message;
    expect(message).toContain(`${elsewhere.url}/login?token=`);
    expect(message.length).toBeLessThan(600);
    expectNoSecret(err);
  });

  it('a 3xx without Location is an ordinary non-2xx answer', async () => {
    const body = JSON.stringify({ error: { code: 'x', message: 'choose' } });
    const res = await transport()(request(`${unique('status/300')}?body=${encodeURIComponent(body)}`));
    expect(res.status).toBe(300);
  });
});
