// Signing inside the transport, on both wires: a caller's abort while an async signer works is seen at once;
// a signer that throws, or signs an unusable header value, is a ValidationError with nothing sent and no
// secret in any rendering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { PreparedRequest, createTransport, type CreateTransportOptions } from '../../src/transport.js';
import type { RequestSigner } from '../../src/types.js';
import { startFaultServer, type FaultServer } from '../support/fault-server.js';
import { SECRET, expectNoSecret, failure } from './secrets.js';
import { WIRES } from './wires.js';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({ maxRequests: 200 });
});
afterAll(async () => {
  await server.close();
});

let seq = 0;
const unique = (route: string) => `/${route}/s${++seq}`;

describe.each(WIRES)('signing (%s wire)', (_wire, wireFetch) => {
  function transport(sign: RequestSigner, options: Partial<CreateTransportOptions> = {}) {
    return createTransport({ vendor: 'huawei', sign, timeoutMs: 5_000, random: () => 0, secrets: [SECRET], fetch: wireFetch, ...options });
  }
  const request = (path: string, signal?: AbortSignal) => new PreparedRequest(server.url + path, { method: 'GET', ...(signal ? { signal } : {}) });

  it('a caller abort while an async signer waits rejects at once with the caller’s reason; nothing is sent', async () => {
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const path = unique('ok');
    let signerDone = false;
    const sign: RequestSigner = () =>
      new Promise((resolve) =>
        setTimeout(() => {
          signerDone = true;
          resolve({ authorization: 'sig' });
        }, 1_500),
      );
    setTimeout(() => controller.abort(reason), 30);
    const t0 = performance.now();
    const err = await failure(transport(sign)(request(path, controller.signal)));
    expect(err).toBe(reason);
    expect(signerDone).toBe(false); // it rejected before the signer finished
    expect(performance.now() - t0).toBeLessThan(1_000);
    await new Promise((r) => setTimeout(r, 1_600));
    expect(server.hits(path)).toBe(0);
  });

  it('an abort that happens while the signer runs and resolves at once is not lost', async () => {
    const controller = new AbortController();
    const path = unique('ok');
    const sign: RequestSigner = async () => {
      controller.abort(new Error('aborted during signing'));
      return { authorization: 'sig' };
    };
    const err = await failure(transport(sign)(request(path, controller.signal)));
    expect((err as Error).message).toBe('aborted during signing');
    expect(server.hits(path)).toBe(0);
  });

  it('a synchronous signer that aborts the caller: nothing is sent', async () => {
    const controller = new AbortController();
    const path = unique('ok');
    const sign: RequestSigner = () => {
      controller.abort(new Error('sync abort'));
      return { authorization: 'sig' };
    };
    const err = await failure(transport(sign)(request(path, controller.signal)));
    expect((err as Error).message).toBe('sync abort');
    expect(server.hits(path)).toBe(0);
  });

  it.each([
    ['throws a TypeError', () => { throw new TypeError(`timestamp must be an integer (key ${SECRET})`); }],
    ['rejects', async () => { throw new RangeError(`clock is fractional for ${SECRET}`); }],
  ] as const)('a signer that %s: ValidationError, nothing sent, no secret', async (_how, sign) => {
    const path = unique('ok');
    const err = await failure(transport(sign as RequestSigner)(request(path)));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err).toMatchObject({ kind: 'validation', vendor: 'huawei', attempts: 0 });
    expect((err as ValidationError).message).toMatch(/^Could not sign the request \((TypeError|RangeError): .*\[REDACTED\].*\)\. Nothing was sent\.$/);
    expect(server.hits(path)).toBe(0);
    expectNoSecret(err);
  });

  it('a signed header value HTTP does not allow: ValidationError without the value, nothing sent', async () => {
    const path = unique('ok');
    const err = await failure(transport(() => ({ 'X-Security-Token': `${SECRET}\r\nx-injected: 1` }))(request(path)));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).message).toMatch(/^Invalid request header/);
    expect(server.hits(path)).toBe(0);
    expectNoSecret(err);
  });

  it('a ValidationError from the signer (e.g. unusable credentials) passes through as it is', async () => {
    const own = new ValidationError({ vendor: 'huawei', message: 'Invalid huawei credential `secretKey`. Nothing was sent.' });
    const err = await failure(transport(() => { throw own; })(request(unique('ok'))));
    expect(err).toBe(own);
  });
});
