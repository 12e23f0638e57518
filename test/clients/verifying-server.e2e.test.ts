// End to end through the real NAVER and Huawei clients against the local verifying server
// (test/support/verifying-server.ts), which checks the signatures the way the gateways do and echoes the
// decoded parameters: hostile-but-legal parameters arrive intact, a wrong secret gets the vendor's 401 body,
// every attempt is signed afresh, a 20-minute clock skew is corrected from the server's `Date` header, and
// Huawei temporary credentials send and sign X-Security-Token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createHuaweiClient, createNaverClient, type FetchLike } from '../../src/index.js';
import { received, startVerifyingServer, type VerifyingServer } from '../support/verifying-server.js';
import { FAKE, caught, leakedSecrets, recordingFetch } from './helpers.js';

const NAVER_IMAGE = '/v2/repositories/{registry}/{imageName}';
const HUAWEI_BASIC = '/v5/{project_id}/image/{image_id}/basic-image';
const MINUTE = 60_000;

const naverCreds = { accessKey: FAKE.naverAccessKey, secretKey: FAKE.naverSecretKey };
const huaweiCreds = { accessKey: FAKE.huaweiAk, secretKey: FAKE.huaweiSk };

let server: VerifyingServer;
let stsServer: VerifyingServer;

beforeAll(async () => {
  server = await startVerifyingServer({ naver: naverCreds, huawei: huaweiCreds });
  stsServer = await startVerifyingServer({ huawei: { ...huaweiCreds, securityToken: FAKE.huaweiSecurityToken } });
});

afterAll(async () => {
  await server?.close();
  await stsServer?.close();
});

function naverClient(options: { secretKey?: string; fetch?: FetchLike; clock?: () => number; retries?: number; base?: string; throwOnError?: boolean } = {}) {
  const { base = 'api', ...rest } = options;
  return createNaverClient({ ...naverCreds, baseUrl: `${server.url}/ncr/${base}`, random: () => 0, ...rest });
}

function huaweiClient(
  options: { secretKey?: string; accessKey?: string; securityToken?: string; fetch?: FetchLike; clock?: () => number; retries?: number; target?: VerifyingServer; throwOnError?: boolean } = {},
) {
  const { target = server, ...rest } = options;
  return createHuaweiClient({ ...huaweiCreds, region: 'cn-north-4', baseUrl: target.url, random: () => 0, ...rest });
}

// ---------------------------------------------------------------------------------------------------------

describe('NAVER: hostile-but-legal path parameters', () => {
  const names = ['team/app', 'a b', '이미지/앱', 'a+b', 'a=b', 'a&b', '100%', '50%2F', "it's(1)*!~", 'q?x#frag', 'deep/ly/nested'];

  for (const imageName of names) {
    it(`image name ${JSON.stringify(imageName)} arrives as one path parameter, signed`, async () => {
      const { result, requests } = await received(server, () =>
        naverClient().GET(NAVER_IMAGE, { params: { path: { registry: 'my-registry', imageName } } }),
      );
      expect(result.error).toBeUndefined();
      expect(result.response.status).toBe(200);
      expect(result.data?.name).toBe(imageName);
      expect(result.data?.namespace).toBe('my-registry');
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({ outcome: 'ok', url: `/ncr/api/v2/repositories/my-registry/${encodeURIComponent(imageName)}` });
    });
  }

  it('team/app travels as team%2Fapp (never as two segments)', async () => {
    const { requests } = await received(server, () =>
      naverClient().GET(NAVER_IMAGE, { params: { path: { registry: 'my-registry', imageName: 'team/app' } } }),
    );
    expect(requests[0]?.url).toBe('/ncr/api/v2/repositories/my-registry/team%2Fapp');
  });

  it('a hostile registry name too, on the Singapore base path', async () => {
    const registry = 'reg istry+&=%/이';
    const { result, requests } = await received(server, () =>
      naverClient({ base: 'sgn-api' }).GET(NAVER_IMAGE, { params: { path: { registry, imageName: 'app' } } }),
    );
    expect(result.response.status).toBe(200);
    expect(result.data).toMatchObject({ namespace: registry, name: 'app', description: 'image in sgn-api' });
    expect(requests[0]?.url).toBe(`/ncr/sgn-api/v2/repositories/${encodeURIComponent(registry)}/app`);
  });
});

describe('Huawei: hostile-but-legal path and query parameters', () => {
  const cases: { label: string; project_id: string; image_id: string; query: Record<string, string | number> }[] = [
    {
      label: 'spaces',
      project_id: 'project with spaces',
      image_id: 'image id',
      query: { image_type: 'private_image', namespace: 'team space', image_name: 'my image', image_version: '1.0 beta', os_name: 'Debian GNU Linux' },
    },
    {
      label: 'unicode',
      project_id: '프로젝트',
      image_id: '이미지',
      query: { image_type: 'shared_image', namespace: '名前空間', image_name: 'образ', image_version: 'ünïcødé', os_name: '😀' },
    },
    {
      label: '+ & = %',
      project_id: 'p+&=%',
      image_id: 'a+b&c=d%e',
      query: { image_type: 'harbor', namespace: 'a+b', image_name: 'x&y=z', image_version: '1+2=3', os_name: '100%', enterprise_project_id: 'a=b&c=d' },
    },
    {
      label: 'slashes and reserved characters in path parameters',
      project_id: 'team/app',
      image_id: '이미지/앱 ?#',
      query: { image_type: 'cicd', limit: 10, offset: 0, os_name: "it's(1)*!~" },
    },
  ];

  for (const c of cases) {
    it(`${c.label}: 200, and the server decodes exactly what was passed`, async () => {
      const { result, requests } = await received(server, () =>
        huaweiClient().GET(HUAWEI_BASIC, {
          params: { path: { project_id: c.project_id, image_id: c.image_id }, query: c.query as { image_type: 'cicd' } },
        }),
      );
      expect(result.error).toBeUndefined();
      expect(result.response.status).toBe(200);
      expect(result.data?.data_list?.[0]?.os_name).toBe('Debian');
      const echo = (result.data as unknown as { echo: { project_id: string; image_id: string; query: Record<string, string> } }).echo;
      expect(echo).toEqual({
        project_id: c.project_id,
        image_id: c.image_id,
        query: Object.fromEntries(Object.entries(c.query).map(([k, v]) => [k, String(v)])),
      });
      expect(requests).toHaveLength(1);
      expect(requests[0]?.outcome).toBe('ok');
      expect(requests[0]?.headers['region']).toBe('cn-north-4');
    });
  }
});

// ---------------------------------------------------------------------------------------------------------

describe('wrong secret: the vendor’s 401 body, typed', () => {
  it('NAVER: errorCode 200 Authentication Failed; not retried, not mistaken for clock skew', async () => {
    const { result, requests } = await received(server, () =>
      naverClient({ secretKey: 'ncp-WRONG-SECRET-000' }).GET(NAVER_IMAGE, { params: { path: { registry: 'r', imageName: 'i' } } }),
    );
    expect(result.data).toBeUndefined();
    expect(result.response.status).toBe(401);
    expect(result.error).toEqual({ error: { errorCode: '200', message: 'Authentication Failed', details: 'Invalid authentication information.' } });
    // typed: NAVER's NcloudError
    expect(result.error?.error?.message).toBe('Authentication Failed');
    expect(requests.map((r) => r.outcome)).toEqual(['bad-signature']);
  });

  it('Huawei: APIG.0301 verify aksk signature fail, with the request id', async () => {
    const { result, requests } = await received(server, () =>
      huaweiClient({ secretKey: 'hw-WRONG-SK-000000' }).GET(HUAWEI_BASIC, {
        params: { path: { project_id: 'p1', image_id: 'i1' }, query: { image_type: 'cicd' } },
      }),
    );
    expect(result.data).toBeUndefined();
    expect(result.response.status).toBe(401);
    expect(result.error?.error_code).toBe('APIG.0301');
    expect(result.error?.error_msg).toMatch(/^Incorrect IAM authentication information: verify aksk signature fail/);
    expect(result.error?.request_id).toBe(result.response.headers.get('x-request-id'));
    expect(requests.map((r) => r.outcome)).toEqual(['bad-signature']);
  });

  it('throwOnError: ApiErrors with the vendor codes; an echoed access key is redacted', async () => {
    const naverErr = await caught(() =>
      naverClient({ secretKey: 'ncp-WRONG-SECRET-000', throwOnError: true }).GET(NAVER_IMAGE, { params: { path: { registry: 'r', imageName: 'i' } } }),
    );
    expect(naverErr).toBeInstanceOf(ApiError);
    expect(naverErr).toMatchObject({ vendor: 'naver', status: 401, code: '200', message: 'Authentication Failed: Invalid authentication information.' });
    expect((naverErr as ApiError).requestId).toMatch(/^[0-9a-f]{32}$/); // x-ncp-trace-id

    // The gateway echoes an unknown AK in its message ("Get secretKey failed,ak:<AK>,...").
    const unknownAk = 'HWUNKNOWNAK000000000';
    const huaweiErr = await caught(() =>
      huaweiClient({ accessKey: unknownAk, throwOnError: true }).GET(HUAWEI_BASIC, {
        params: { path: { project_id: 'p1', image_id: 'i1' }, query: { image_type: 'cicd' } },
      }),
    );
    expect(huaweiErr).toBeInstanceOf(ApiError);
    expect(huaweiErr).toMatchObject({ vendor: 'huawei', status: 401, code: 'APIG.0301' });
    expect((huaweiErr as ApiError).message).toContain('Get secretKey failed,ak:[REDACTED]');
    expect(leakedSecrets(huaweiErr, [unknownAk, FAKE.huaweiSk])).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('every attempt is signed afresh', () => {
  /** A clock the test moves forward when the first attempt fails. */
  function steppedClock() {
    let offset = 0;
    return { clock: () => Date.now() + offset, step: (ms: number) => (offset += ms) };
  }

  for (const failure of ['network error', 'gateway error'] as const) {
    // A gateway error as each vendor documents one: NAVER's 503 ServiceUnavailable, Huawei's 504 GatewayTimeout.
    const fail = (vendor: 'naver' | 'huawei') =>
      failure === 'network error'
        ? new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) })
        : vendor === 'naver'
          ? new Response('{"error":{"errorCode":"503","message":"Service Unavailable","details":"Endpoint Error"}}', { status: 503, headers: { 'content-type': 'application/json' } })
          : new Response('{"error_code":"APIG.0504","error_msg":"Gateway Timeout"}', { status: 504, headers: { 'content-type': 'application/json' } });

    it(`NAVER: a first attempt lost to a ${failure} is retried with a new timestamp and signature`, async () => {
      const time = steppedClock();
      const recorder = recordingFetch({
        before: (n) => {
          if (n !== 1) return undefined;
          time.step(7_000);
          return fail('naver');
        },
      });
      const { result, requests } = await received(server, () =>
        naverClient({ fetch: recorder.fetch, clock: time.clock }).GET(NAVER_IMAGE, { params: { path: { registry: 'r', imageName: 'team/app' } } }),
      );
      expect(result.response.status).toBe(200);
      expect(recorder.sent).toHaveLength(2);
      const [first, second] = recorder.sent.map((s) => s.headers);
      const t1 = Number(first!.get('x-ncp-apigw-timestamp'));
      const t2 = Number(second!.get('x-ncp-apigw-timestamp'));
      expect(t2 - t1).toBeGreaterThanOrEqual(7_000);
      expect(second!.get('x-ncp-apigw-signature-v2')).not.toBe(first!.get('x-ncp-apigw-signature-v2'));
      // only the second attempt reached the server, and its signature verified
      expect(requests.map((r) => r.outcome)).toEqual(['ok']);
      expect(requests[0]?.headers['x-ncp-apigw-timestamp']).toBe(String(t2));
    });

    it(`Huawei: a first attempt lost to a ${failure} is retried with a new X-Sdk-Date and signature`, async () => {
      const time = steppedClock();
      const recorder = recordingFetch({
        before: (n) => {
          if (n !== 1) return undefined;
          time.step(7_000);
          return fail('huawei');
        },
      });
      const { result, requests } = await received(server, () =>
        huaweiClient({ fetch: recorder.fetch, clock: time.clock }).GET(HUAWEI_BASIC, {
          params: { path: { project_id: 'p1', image_id: 'i1' }, query: { image_type: 'cicd' } },
        }),
      );
      expect(result.response.status).toBe(200);
      expect(recorder.sent).toHaveLength(2);
      const [first, second] = recorder.sent.map((s) => s.headers);
      expect(second!.get('x-sdk-date')).not.toBe(first!.get('x-sdk-date'));
      expect(second!.get('authorization')).not.toBe(first!.get('authorization'));
      // one Authorization header, not the stale one plus the new one
      expect(second!.get('authorization')).toMatch(/^SDK-HMAC-SHA256 Access=[^,]+, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/);
      expect(requests.map((r) => r.outcome)).toEqual(['ok']);
      expect(requests[0]?.headers['x-sdk-date']).toBe(second!.get('x-sdk-date'));
    });
  }
});

// ---------------------------------------------------------------------------------------------------------

describe('clock skew: corrected from the server’s Date header', () => {
  for (const skew of [-20 * MINUTE, 20 * MINUTE]) {
    const label = skew < 0 ? '20 minutes behind' : '20 minutes ahead';

    it(`NAVER, client clock ${label}: rejected once, retried and accepted; the next call is right first time`, async () => {
      const client = naverClient({ clock: () => Date.now() + skew, retries: 0 });
      const call = () => client.GET(NAVER_IMAGE, { params: { path: { registry: 'r', imageName: 'i' } } });
      const first = await received(server, call);
      expect(first.result.response.status).toBe(200);
      expect(first.requests.map((r) => r.outcome)).toEqual(['expired', 'ok']);
      const sentAt = Number(first.requests[1]?.headers['x-ncp-apigw-timestamp']);
      expect(Math.abs(sentAt - Date.now())).toBeLessThan(MINUTE);

      const second = await received(server, call);
      expect(second.result.response.status).toBe(200);
      expect(second.requests.map((r) => r.outcome)).toEqual(['ok']);
    });

    it(`Huawei, client clock ${label}: APIG.0303 once, retried and accepted; the next call is right first time`, async () => {
      const client = huaweiClient({ clock: () => Date.now() + skew, retries: 0 });
      const call = () => client.GET(HUAWEI_BASIC, { params: { path: { project_id: 'p1', image_id: 'i1' }, query: { image_type: 'cicd' } } });
      const first = await received(server, call);
      expect(first.result.response.status).toBe(200);
      expect(first.requests.map((r) => r.outcome)).toEqual(['expired', 'ok']);

      const second = await received(server, call);
      expect(second.result.response.status).toBe(200);
      expect(second.requests.map((r) => r.outcome)).toEqual(['ok']);
    });
  }

  it('a wrong secret on a skewed clock: one correction, then the 401 comes back (no retry loop)', async () => {
    const client = naverClient({ secretKey: 'ncp-WRONG-SECRET-000', clock: () => Date.now() - 20 * MINUTE });
    const { result, requests } = await received(server, () => client.GET(NAVER_IMAGE, { params: { path: { registry: 'r', imageName: 'i' } } }));
    expect(result.response.status).toBe(401);
    expect(result.error?.error?.errorCode).toBe('200');
    expect(requests.map((r) => r.outcome)).toEqual(['expired', 'bad-signature']);
  });

  it('a skew within the gateway’s limit is left alone (one request, no correction needed)', async () => {
    const client = naverClient({ clock: () => Date.now() - 2 * MINUTE });
    const { result, requests } = await received(server, () => client.GET(NAVER_IMAGE, { params: { path: { registry: 'r', imageName: 'i' } } }));
    expect(result.response.status).toBe(200);
    expect(requests.map((r) => r.outcome)).toEqual(['ok']);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('Huawei temporary credentials', () => {
  it('X-Security-Token is sent and signed', async () => {
    const recorder = recordingFetch();
    const { result, requests } = await received(stsServer, () =>
      huaweiClient({ target: stsServer, securityToken: FAKE.huaweiSecurityToken, fetch: recorder.fetch }).GET(HUAWEI_BASIC, {
        params: { path: { project_id: 'p1', image_id: 'i1' }, query: { image_type: 'cicd' } },
      }),
    );
    expect(result.response.status).toBe(200);
    expect(requests.map((r) => r.outcome)).toEqual(['ok']);
    expect(requests[0]?.headers['x-security-token']).toBe(FAKE.huaweiSecurityToken);
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(recorder.sent[0]!.headers.get('authorization')!)?.[1]?.split(';');
    expect(signedHeaders).toContain('x-security-token');
    expect(signedHeaders).toEqual([...signedHeaders!].sort());
    expect(requests[0]?.canonicalRequest).toContain('\nx-security-token:<redacted>\n');
  });

  it('without the security token the gateway refuses the temporary AK', async () => {
    const { result } = await received(stsServer, () =>
      huaweiClient({ target: stsServer }).GET(HUAWEI_BASIC, { params: { path: { project_id: 'p1', image_id: 'i1' }, query: { image_type: 'cicd' } } }),
    );
    expect(result.response.status).toBe(401);
    expect(result.error?.error_code).toBe('APIG.0301');
  });
});
