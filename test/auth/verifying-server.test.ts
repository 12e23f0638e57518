// Drives the verifying server (test/support/verifying-server.ts) over real HTTP with plain fetch and
// requests signed by our signers: hostile-but-legal parameters are accepted and arrive intact; a
// wrong secret or a stale clock gets the vendors' error bodies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signHuaweiRequest } from '../../src/vendors/huawei/signer.js';
import { naverPathAndQuery, signNaverRequest } from '../../src/vendors/naver/signer.js';
import { startVerifyingServer, type VerifyingServer } from '../support/verifying-server.js';

const NOW = Date.UTC(2025, 0, 15, 8, 30, 0);
const naverCreds = { accessKey: 'ncp_iam_BPAMKR1ek0I6SMTtgW8h', secretKey: 'ncp_iam_BPKMKRHZ2cMw4dYX2XNCEjyjW3MVfpwWgP' };
const huaweiCreds = { accessKey: 'QTWAOYTTINDUT2QVKYUC', secretKey: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc' };
const PROJECT = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';

let server: VerifyingServer;
let tokenServer: VerifyingServer;

beforeAll(async () => {
  server = await startVerifyingServer({ naver: naverCreds, huawei: huaweiCreds, now: () => NOW });
  tokenServer = await startVerifyingServer({ huawei: { ...huaweiCreds, securityToken: 'sts-token-value' }, now: () => NOW });
});

afterAll(async () => {
  await server.close();
  await tokenServer.close();
});

async function naverGet(registry: string, imageName: string, opts: { base?: string; query?: string; secretKey?: string; timestampMs?: number } = {}) {
  const url = new URL(
    `${server.url}/ncr/${opts.base ?? 'api'}/v2/repositories/${encodeURIComponent(registry)}/${encodeURIComponent(imageName)}${opts.query ?? ''}`,
  );
  const headers = await signNaverRequest({
    method: 'GET',
    pathAndQuery: naverPathAndQuery(url),
    timestampMs: opts.timestampMs ?? NOW,
    accessKey: naverCreds.accessKey,
    secretKey: opts.secretKey ?? naverCreds.secretKey,
  });
  return fetch(url, { headers: { ...headers } });
}

async function huaweiGet(
  imageId: string,
  query: Record<string, string>,
  opts: { secretKey?: string; date?: number; securityToken?: string; target?: VerifyingServer } = {},
) {
  const target = opts.target ?? server;
  const search = new URLSearchParams(query).toString().replaceAll('+', '%20');
  const url = `${target.url}/v5/${PROJECT}/image/${encodeURIComponent(imageId)}/basic-image${search ? '?' + search : ''}`;
  const sent = { region: 'cn-north-4', 'content-type': 'application/json' };
  const signed = await signHuaweiRequest({
    method: 'GET',
    url,
    headers: sent,
    date: opts.date ?? NOW,
    accessKey: huaweiCreds.accessKey,
    secretKey: opts.secretKey ?? huaweiCreds.secretKey,
    securityToken: opts.securityToken,
  });
  return fetch(url, { headers: { ...sent, ...signed } });
}

describe('verifying server: NAVER', () => {
  it.each([
    ['my-registry', 'team/app', 'api'],
    ['my-registry', '한글 이미지/v1', 'sgn-api'],
    ['reg with space', 'a+b=c&d~e*f', 'jpn-api'],
  ])('accepts %s / %s (%s) and receives the image name as ONE decoded parameter', async (registry, imageName, base) => {
    const res = await naverGet(registry, imageName, { base, query: '?page=1&q=a%20b' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { name: string; namespace: string };
    expect(body.name).toBe(imageName);
    expect(body.namespace).toBe(registry);
    expect(res.headers.get('date')).toBe(new Date(NOW).toUTCString());
  });

  it('answers a wrong secret with NAVER\'s 401 body', async () => {
    const res = await naverGet('my-registry', 'team/app', { secretKey: 'wrong-secret' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { errorCode: '200', message: 'Authentication Failed', details: 'Invalid authentication information.' },
    });
    expect(res.headers.get('date')).toBe(new Date(NOW).toUTCString());
  });

  it('rejects a timestamp more than 5 minutes old, accepts one just inside', async () => {
    const stale = await naverGet('my-registry', 'app', { timestampMs: NOW - 5 * 60_000 - 1 });
    expect(stale.status).toBe(401);
    expect(await stale.json()).toEqual({
      error: { errorCode: '200', message: 'Authentication Failed', details: 'Invalid authentication information.' },
    });
    expect((await naverGet('my-registry', 'app', { timestampMs: NOW - 4 * 60_000 })).status).toBe(200);
  });

  it('reports missing authentication headers and unknown resources like NAVER', async () => {
    const missing = await fetch(`${server.url}/ncr/api/v2/repositories/r/i`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      error: { errorCode: '200', message: 'Authentication Failed', details: 'Authentication information are missing.' },
    });
    const unknown = await fetch(`${server.url}/ncr/api/v2/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { errorCode: string } }).error.errorCode).toBe('300');
  });
});

describe('verifying server: Huawei', () => {
  it.each([
    ['team/app', { image_type: 'private_image', namespace: 'scc hss', image_name: '名字+1', image_version: '24.5.0-x86_64' }],
    ['名 字~*(1)', { image_type: 'cicd', enterprise_project_id: 'all_granted_eps', limit: '200', offset: '0' }],
    ['a%2Fb=c&d', { image_type: 'harbor', image_name: 'x=y&z' }],
  ])('accepts image %s and receives the decoded parameters', async (imageId, query) => {
    const res = await huaweiGet(imageId, query);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(res.headers.get('date')).toBe(new Date(NOW).toUTCString());
    const body = (await res.json()) as { total_num: number; echo: { project_id: string; image_id: string; query: Record<string, string> } };
    expect(body.total_num).toBe(1);
    expect(body.echo).toEqual({ project_id: PROJECT, image_id: imageId, query });
  });

  it('answers a wrong secret with APIG.0301 and an X-Request-Id', async () => {
    const res = await huaweiGet('team/app', { image_type: 'private_image' }, { secretKey: 'not-the-secret' });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error_code: string; error_msg: string; request_id: string };
    expect(body.error_code).toBe('APIG.0301');
    expect(body.error_msg).toMatch(/^Incorrect IAM authentication information: verify aksk signature fail, /);
    expect(res.headers.get('x-request-id')).toBe(body.request_id);
    expect(res.headers.get('date')).toBe(new Date(NOW).toUTCString());
    expect(JSON.stringify(body)).not.toContain(huaweiCreds.secretKey);
  });

  it('answers an X-Sdk-Date more than 15 minutes off with APIG.0303 (signature expired)', async () => {
    const res = await huaweiGet('team/app', { image_type: 'private_image' }, { date: NOW - 16 * 60_000 });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error_code: string; error_msg: string; request_id: string };
    expect(body).toEqual({
      error_code: 'APIG.0303',
      error_msg: 'Incorrect app authentication information: signature expired, signature time:20250115T081400Z,server time:20250115T083000Z',
      request_id: res.headers.get('x-request-id'),
    });
    expect((await huaweiGet('app', { image_type: 'cicd' }, { date: NOW + 14 * 60_000 })).status).toBe(200);
  });

  it('requires the signed X-Security-Token when the credentials are temporary', async () => {
    const ok = await huaweiGet('team/app', { image_type: 'cicd' }, { target: tokenServer, securityToken: 'sts-token-value' });
    expect(ok.status).toBe(200);
    const missing = await huaweiGet('team/app', { image_type: 'cicd' }, { target: tokenServer });
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error_code: string }).error_code).toBe('APIG.0301');
  });

  it('reports unknown APIs with APIG.0101 and an unknown AK like the gateway', async () => {
    const unknown = await fetch(`${server.url}/v5/${PROJECT}/nothing`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error_code: string }).error_code).toBe('APIG.0101');
    const noAuth = await fetch(`${server.url}/v5/${PROJECT}/image/i/basic-image?image_type=cicd`);
    expect(noAuth.status).toBe(401);
    expect(await noAuth.json()).toMatchObject({ error_code: 'APIG.0301', error_msg: 'Incorrect IAM authentication information: x-auth-token not found' });
  });

  it('records what arrived on the wire', () => {
    const accepted = server.requests.filter((r) => r.vendor === 'huawei' && r.outcome === 'ok');
    expect(accepted.length).toBeGreaterThan(0);
    const teamApp = accepted.find((r) => r.url.includes('/image/team%2Fapp/'));
    expect(teamApp?.canonicalRequest?.split('\n')[1]).toBe(`/v5/${PROJECT}/image/team/app/basic-image/`);
  });
});
