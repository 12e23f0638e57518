// A clock that reads fractional milliseconds (`performance.timeOrigin + performance.now()`) is a fine clock:
// the signers use its whole milliseconds, the request is sent and its signature verifies.
import { describe, expect, it } from 'vitest';
import { createHuaweiClient, createNaverClient } from '../../src/index.js';
import { verifyHuawei, verifyNaver } from '../support/verifying-server.js';
import { FAKE, exampleFetch, type SentRequest } from './helpers.js';

const NOW = 1711928488000.625;

function wire(sent: SentRequest) {
  const url = new URL(sent.url);
  const headers: Record<string, string> = { host: url.host };
  sent.headers.forEach((value, name) => (headers[name] = value));
  return { method: sent.method, target: url.pathname + url.search, headers, body: new Uint8Array() };
}

const ok = () => exampleFetch();

describe('fractional clock values', () => {
  it('naver: timestamp = the whole milliseconds, signature valid', async () => {
    const recorder = ok();
    const { response } = await createNaverClient({
      accessKey: FAKE.naverAccessKey,
      secretKey: FAKE.naverSecretKey,
      baseUrl: 'https://ncr.example.test/ncr/api',
      fetch: recorder.fetch,
      clock: () => NOW,
    }).GET('/v2/repositories/{registry}/{imageName}', { params: { path: { registry: 'r', imageName: 'team/app' } } });
    expect(response.status).toBe(200);
    const sent = recorder.sent[0]!;
    expect(sent.headers.get('x-ncp-apigw-timestamp')).toBe('1711928488000');
    expect(verifyNaver(wire(sent), { accessKey: FAKE.naverAccessKey, secretKey: FAKE.naverSecretKey }, Math.floor(NOW)).ok).toBe(true);
  });

  it('huawei: X-Sdk-Date of that second, signature valid', async () => {
    const recorder = ok();
    const { response } = await createHuaweiClient({
      accessKey: FAKE.huaweiAk,
      secretKey: FAKE.huaweiSk,
      securityToken: null,
      baseUrl: 'https://hss.example.test',
      fetch: recorder.fetch,
      clock: () => NOW,
    }).GET('/v5/{project_id}/image/{image_id}/basic-image', { params: { path: { project_id: 'p', image_id: 'i' }, query: { image_type: 'cicd' } } });
    expect(response.status).toBe(200);
    const sent = recorder.sent[0]!;
    expect(sent.headers.get('x-sdk-date')).toBe('20240331T234128Z');
    expect(verifyHuawei(wire(sent), { accessKey: FAKE.huaweiAk, secretKey: FAKE.huaweiSk }, Math.floor(NOW)).ok).toBe(true);
  });
});
