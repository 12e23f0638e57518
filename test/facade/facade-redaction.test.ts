// Errors the facade raises after the transport (parsing a 2xx body, converting an error body a caller's
// client returned) are redacted with the client's own secrets, not only by credential patterns: a token
// echoed by a server never reaches the error.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createVercelClient, getImage, listImages, ResponseParseError } from '../../src/index.js';
import { renderings } from '../support/error-renderings.js';
import { startStub, type HttpStub } from '../support/http-stub.js';
import { offSpec } from '../support/spec-conformance.js';

// Plain letters and digits: nothing a credential pattern would catch, so only the client's secret list can.
const TOKEN = randomBytes(24).toString('hex');
const ref = { vendor: 'vercel', repository: 'my-app', image: 'img_1', projectId: 'prj_1' } as const;

let htmlEcho: HttpStub;
let errorEcho: HttpStub;

beforeAll(async () => {
  const token = (auth: string | string[] | undefined) => String(auth).replace(/^Bearer /, '');
  htmlEcho = await startStub((req) => ({
    headers: { 'content-type': 'text/html' },
    body: `<html><body>signed in with ${token(req.headers.authorization)}</body></html>`,
    offSpec: offSpec('a 2xx HTML page (a proxy) echoing the token instead of the vendor’s JSON: the error must not carry the token'),
  }));
  errorEcho = await startStub((req) => ({
    status: 403,
    body: JSON.stringify({ error: { code: 'forbidden', message: `token ${token(req.headers.authorization)} may not read this project` } }),
  }));
});

afterAll(async () => {
  await htmlEcho?.close();
  await errorEcho?.close();
});

function expectNoToken(err: unknown): void {
  for (const text of renderings(err)) expect(text).not.toContain(TOKEN);
  expect(JSON.stringify(err)).toContain('[REDACTED]');
}

describe('facade errors carry no secret of the client', () => {
  it('getImage: a 2xx page that is not JSON and echoes the token', async () => {
    const result = await getImage(ref, { token: TOKEN, baseUrl: htmlEcho.url, retries: 0 });
    expect(htmlEcho.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(result.ok).toBe(false);
    const error = result.ok ? undefined : result.error;
    expect(error).toBeInstanceOf(ResponseParseError);
    expectNoToken(error);
  });

  it("getImage with the caller's client (no throwOnError): an error body that echoes the token", async () => {
    const client = createVercelClient({ token: TOKEN, baseUrl: errorEcho.url, retries: 0 });
    const result = await getImage(ref, { client });
    expect(result.ok).toBe(false);
    const error = result.ok ? undefined : result.error;
    expect(error).toBeInstanceOf(ApiError);
    expect(error?.status).toBe(403);
    expectNoToken(error);
  });

  it('listImages: a 2xx listing page that is not JSON and echoes the token', async () => {
    let caught: unknown;
    try {
      for await (const _ of listImages({ vendor: 'vercel', projectId: 'prj_1', repository: 'my-app' }, { token: TOKEN, baseUrl: htmlEcho.url, retries: 0 })) {
        // no image expected
      }
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ResponseParseError);
    expectNoToken(caught);
  });
});
