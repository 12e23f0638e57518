// Contract tests through the real vendor factories against the Prism mocks of our specs: every operation,
// its 200 and EVERY error status the spec declares (read from specs/<vendor>/openapi.yaml here, so a status
// added to a spec becomes a case), every named example of each status. For each: the typed `data`/`error`
// equals the declared example, the status is the declared one, Prism saw no request/response violation
// (no `sl-violations` header), exactly one attempt went out, and it carried the vendor's auth headers
// (NAVER and Huawei signatures are also checked with the verifying server's independent verifier).
import { describe, expect, inject, it } from 'vitest';
import { toApiError } from '../../src/client.js';
import {
  ApiError,
  createGcoreClient,
  createHuaweiClient,
  createNaverClient,
  createVercelClient,
  type FetchLike,
} from '../../src/index.js';
import type { Vendor } from '../../src/types.js';
import { contractSuite, wireRequest } from '../support/contract-suite.js';
import { verifyHuawei, verifyNaver } from '../support/verifying-server.js';
import {
  FAKE,
  caught,
  declared,
  declaredErrors,
  leakedSecrets,
  recordingFetch,
  type SentRequest,
  type SpecVendor,
} from './helpers.js';

const urls = inject('mockUrls');

const VERCEL_IMAGE = '/v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}';
const VERCEL_TAG = '/v1/vcr/repository/{idOrName}/tags/{tag}';
const GCORE_IMAGE = '/cloud/v1/images/{project_id}/{region_id}/{image_id}';
const NAVER_IMAGE = '/v2/repositories/{registry}/{imageName}';
const HUAWEI_BASIC = '/v5/{project_id}/image/{image_id}/basic-image';
const HUAWEI_PROJECT = '2b31ed520b6e4b1a9d8f7e6c5b4a3f21';

interface CallOptions {
  fetch: FetchLike;
  headers: Record<string, string>;
  retries?: number;
  random?: () => number;
  clock?: () => number;
}

interface CallResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

interface Operation {
  /** Test label: `<vendor> <operationId>[ (auth)]`. */
  name: string;
  vendor: SpecVendor;
  path: string;
  /** The URL the call must hit (path and query) on the mock. */
  expectedTarget: string;
  call(options: CallOptions): Promise<CallResult>;
  /** Asserts the auth headers of one attempt. */
  checkAuth(sent: SentRequest): void;
}

function transportOptions(o: CallOptions) {
  return {
    fetch: o.fetch,
    ...(o.retries === undefined ? {} : { retries: o.retries }),
    ...(o.random === undefined ? {} : { random: o.random }),
    ...(o.clock === undefined ? {} : { clock: o.clock }),
  };
}

const vercelAuth = (sent: SentRequest) => {
  expect(sent.headers.get('authorization')).toBe(`Bearer ${FAKE.vercelToken}`);
};

const OPERATIONS: Operation[] = [
  {
    name: 'vercel getRepositoryImage',
    vendor: 'vercel',
    path: VERCEL_IMAGE,
    expectedTarget: '/v1/vcr/repository/my-repo/images/img_a1b2c3d4e5f6?projectId=prj_1',
    call: (o) =>
      createVercelClient({ token: FAKE.vercelToken, baseUrl: urls.vercel, ...transportOptions(o) }).GET(VERCEL_IMAGE, {
        params: { path: { idOrName: 'my-repo', imageIdOrDigest: 'img_a1b2c3d4e5f6' }, query: { projectId: 'prj_1' } },
        headers: o.headers,
      }),
    checkAuth: vercelAuth,
  },
  {
    name: 'vercel getRepositoryTag',
    vendor: 'vercel',
    path: VERCEL_TAG,
    expectedTarget: '/v1/vcr/repository/my-repo/tags/latest?projectId=prj_1&teamId=team_1',
    call: (o) =>
      createVercelClient({ token: FAKE.vercelToken, baseUrl: urls.vercel, ...transportOptions(o) }).GET(VERCEL_TAG, {
        params: { path: { idOrName: 'my-repo', tag: 'latest' }, query: { projectId: 'prj_1', teamId: 'team_1' } },
        headers: o.headers,
      }),
    checkAuth: vercelAuth,
  },
  {
    name: 'gcore ImageDetailViewSet.get',
    vendor: 'gcore',
    path: GCORE_IMAGE,
    expectedTarget: '/cloud/v1/images/1/7/8cab6f28-09ca-4201-b3f7-23c7893f4bd6?include_prices=false',
    call: (o) =>
      createGcoreClient({ apiKey: FAKE.gcoreKey, baseUrl: urls.gcore, ...transportOptions(o) }).GET(GCORE_IMAGE, {
        params: { path: { project_id: 1, region_id: 7, image_id: '8cab6f28-09ca-4201-b3f7-23c7893f4bd6' }, query: { include_prices: false } },
        headers: o.headers,
      }),
    checkAuth: (sent) => {
      expect(sent.headers.get('authorization')).toBe(`APIKey ${FAKE.gcoreKey}`);
    },
  },
  {
    name: 'naver getImageDetail',
    vendor: 'naver',
    path: NAVER_IMAGE,
    expectedTarget: '/v2/repositories/my-registry/team%2Fapp',
    call: (o) =>
      // Prism serves the NAVER paths from the root: the regional base path belongs to the real server URL.
      createNaverClient({ accessKey: FAKE.naverAccessKey, secretKey: FAKE.naverSecretKey, baseUrl: urls.naver, ...transportOptions(o) }).GET(
        NAVER_IMAGE,
        { params: { path: { registry: 'my-registry', imageName: 'team/app' } }, headers: o.headers },
      ),
    checkAuth: (sent) => {
      expect(sent.headers.get('x-ncp-iam-access-key')).toBe(FAKE.naverAccessKey);
      expect(sent.headers.get('x-ncp-apigw-timestamp')).toMatch(/^\d{13}$/);
      expect(sent.headers.get('x-ncp-apigw-signature-v2')).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      const verdict = verifyNaver(wireRequest(sent), { accessKey: FAKE.naverAccessKey, secretKey: FAKE.naverSecretKey }, Number(sent.headers.get('x-ncp-apigw-timestamp')));
      expect(verdict).toEqual({ ok: true });
    },
  },
  {
    name: 'huawei ListImageBasicImage (X-Auth-Token)',
    vendor: 'huawei',
    path: HUAWEI_BASIC,
    expectedTarget: `/v5/${HUAWEI_PROJECT}/image/111/basic-image?image_type=cicd&offset=0&limit=200&enterprise_project_id=all_granted_eps`,
    call: (o) =>
      createHuaweiClient({ token: FAKE.huaweiToken, region: 'cn-north-4', baseUrl: urls.huawei, ...transportOptions(o) }).GET(HUAWEI_BASIC, {
        params: {
          path: { project_id: HUAWEI_PROJECT, image_id: '111' },
          query: { image_type: 'cicd', offset: 0, limit: 200, enterprise_project_id: 'all_granted_eps' },
        },
        headers: o.headers,
      }),
    checkAuth: (sent) => {
      expect(sent.headers.get('x-auth-token')).toBe(FAKE.huaweiToken);
      expect(sent.headers.get('region')).toBe('cn-north-4');
      expect(sent.headers.get('authorization')).toBeNull();
      expect(sent.headers.get('x-sdk-date')).toBeNull();
    },
  },
  {
    name: 'huawei ListImageBasicImage (AK/SK)',
    vendor: 'huawei',
    path: HUAWEI_BASIC,
    expectedTarget: `/v5/${HUAWEI_PROJECT}/image/111/basic-image?image_type=private_image&namespace=scc_hss_container&image_name=proxy-agent&image_version=24.5.0-x86_64`,
    call: (o) =>
      createHuaweiClient({ accessKey: FAKE.huaweiAk, secretKey: FAKE.huaweiSk, region: 'cn-north-4', baseUrl: urls.huawei, ...transportOptions(o) }).GET(
        HUAWEI_BASIC,
        {
          params: {
            path: { project_id: HUAWEI_PROJECT, image_id: '111' },
            query: { image_type: 'private_image', namespace: 'scc_hss_container', image_name: 'proxy-agent', image_version: '24.5.0-x86_64' },
          },
          headers: o.headers,
        },
      ),
    checkAuth: (sent) => {
      expect(sent.headers.get('authorization')).toMatch(
        new RegExp(`^SDK-HMAC-SHA256 Access=${FAKE.huaweiAk}, SignedHeaders=[a-z0-9;-]*\\bhost;[a-z0-9;-]*\\bx-sdk-date\\b[a-z0-9;-]*, Signature=[0-9a-f]{64}$`),
      );
      expect(sent.headers.get('x-sdk-date')).toMatch(/^\d{8}T\d{6}Z$/);
      expect(sent.headers.get('region')).toBe('cn-north-4');
      expect(sent.headers.get('x-auth-token')).toBeNull();
      const date = sent.headers.get('x-sdk-date')!;
      const signedAt = Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8), +date.slice(9, 11), +date.slice(11, 13), +date.slice(13, 15));
      const verdict = verifyHuawei(wireRequest(sent), { accessKey: FAKE.huaweiAk, secretKey: FAKE.huaweiSk }, signedAt);
      expect(verdict.ok).toBe(true);
    },
  },
];

for (const op of OPERATIONS) contractSuite(op);

// ---------------------------------------------------------------------------------------------------------

describe('retries against the Prism mock', () => {
  it('naver: a 503 is retried `retries` times, each attempt freshly signed, then the 503 body surfaces', async () => {
    const naver = OPERATIONS.find((o) => o.vendor === 'naver')!;
    const recorder = recordingFetch();
    // A clock that moves a second per reading: every attempt must carry its own timestamp.
    let tick = 0;
    const start = Date.now();
    const { data, error, response } = await naver.call({
      fetch: recorder.fetch,
      headers: { Prefer: 'code=503' },
      retries: 2,
      random: () => 0, // no backoff wait
      clock: () => start + 1000 * tick++,
    });
    expect(recorder.sent).toHaveLength(3);
    expect(response.status).toBe(503);
    expect(data).toBeUndefined();
    expect(error).toEqual(declared('naver', NAVER_IMAGE, 503).examples[0]!.value);
    const timestamps = recorder.sent.map((s) => s.headers.get('x-ncp-apigw-timestamp'));
    expect(new Set(timestamps).size).toBe(3);
    for (const sent of recorder.sent) naver.checkAuth(sent);
  });

  it('vercel: a 500 is retried `retries` times and the 500 body surfaces (throwOnError: an ApiError after 4 attempts)', async () => {
    const recorder = recordingFetch();
    const client = createVercelClient({ token: FAKE.vercelToken, baseUrl: urls.vercel, fetch: recorder.fetch, retries: 3, random: () => 0 });
    const { error, response } = await client.GET(VERCEL_IMAGE, {
      params: { path: { idOrName: 'my-repo', imageIdOrDigest: 'img_1' }, query: { projectId: 'prj_1' } },
      headers: { Prefer: 'code=500' },
    });
    expect(recorder.sent).toHaveLength(4);
    expect(response.status).toBe(500);
    expect(error).toEqual(declared('vercel', VERCEL_IMAGE, 500).examples[0]!.value);
    for (const sent of recorder.sent) vercelAuth(sent);

    const throwing = recordingFetch();
    const strict = createVercelClient({ token: FAKE.vercelToken, baseUrl: urls.vercel, fetch: throwing.fetch, retries: 1, random: () => 0, throwOnError: true });
    const err = await caught(() =>
      strict.GET(VERCEL_IMAGE, { params: { path: { idOrName: 'my-repo', imageIdOrDigest: 'img_1' }, query: { projectId: 'prj_1' } }, headers: { Prefer: 'code=500' } }),
    );
    expect(throwing.sent).toHaveLength(2);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 500, attempts: 2, code: 'internal_server_error' });
  });

  it('a non-retryable error status (404) is asked once even with retries left', async () => {
    const recorder = recordingFetch();
    const client = createGcoreClient({ apiKey: FAKE.gcoreKey, baseUrl: urls.gcore, fetch: recorder.fetch, retries: 5 });
    const { response } = await client.GET(GCORE_IMAGE, {
      params: { path: { project_id: 1, region_id: 7, image_id: 'x' } },
      headers: { Prefer: 'code=404' },
    });
    expect(response.status).toBe(404);
    expect(recorder.sent).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------------------

interface ThrowCase {
  op: string;
  status: number;
  vendor: Vendor;
  operation: string;
  code: string;
  message: string;
  requestId?: string;
}

const THROW_CASES: ThrowCase[] = [
  {
    op: 'vercel getRepositoryImage',
    status: 404,
    vendor: 'vercel',
    operation: `GET ${VERCEL_IMAGE}`,
    code: 'not_found',
    message: 'Could not find the image: img_a1b2c3d4e5f6',
  },
  {
    op: 'gcore ImageDetailViewSet.get',
    status: 404,
    vendor: 'gcore',
    operation: `GET ${GCORE_IMAGE}`,
    code: 'NotFoundError',
    message: 'Image 8cab6f28-09ca-4201-b3f7-23c7893f4bd6 could not be found',
    requestId: '681423d626cb6c252c73a97211efb7e3',
  },
  {
    op: 'naver getImageDetail',
    status: 401,
    vendor: 'naver',
    operation: `GET ${NAVER_IMAGE}`,
    code: '200',
    // NAVER's message and details, joined
    message: 'Authentication Failed: Invalid authentication information.',
  },
  {
    op: 'huawei ListImageBasicImage (AK/SK)',
    status: 400,
    vendor: 'huawei',
    operation: `GET ${HUAWEI_BASIC}`,
    code: 'HSS.0011',
    message: 'Requested resource not found.',
    // the X-Request-Id header the spec declares (Prism serves its example)
    requestId: '4e2d3d2b1f2e4a3c8c3b2a1f0e9d8c7b',
  },
];

describe('throwOnError: true', () => {
  for (const t of THROW_CASES) it(`${t.op} → ${t.status} throws an ApiError with vendor, status, vendor code and message`, async () => {
    const op = OPERATIONS.find((o) => o.name === t.op)!;
    const recorder = recordingFetch();
    // Re-create the operation's client with throwOnError by wrapping the call options.
    const err = await caught(() =>
      callWithThrow(op, { fetch: recorder.fetch, headers: { Prefer: `code=${t.status}` } }),
    );
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.kind).toBe('http');
    expect(e.vendor).toBe(t.vendor);
    expect(e.status).toBe(t.status);
    expect(e.code).toBe(t.code);
    expect(e.message).toBe(t.message);
    expect(e.operation).toBe(t.operation);
    expect(e.attempts).toBe(1);
    if (t.requestId !== undefined) expect(e.requestId).toBe(t.requestId);
    expect(String(e)).toContain(`${t.vendor} ${t.operation} → ${t.status} ${t.code}`);
    expect(leakedSecrets(e)).toEqual([]);
    expect(recorder.sent).toHaveLength(1);
  });

  it('a 200 with throwOnError still returns { data }', async () => {
    const client = createGcoreClient({ apiKey: FAKE.gcoreKey, baseUrl: urls.gcore, throwOnError: true });
    const { data, error } = await client.GET(GCORE_IMAGE, { params: { path: { project_id: 1, region_id: 7, image_id: 'x' } } });
    expect(error).toBeUndefined();
    expect(data).toEqual(declared('gcore', GCORE_IMAGE, 200).examples[0]!.value);
  });
});

/** The same call as `op.call`, through a client created with `throwOnError: true`. */
function callWithThrow(op: Operation, o: CallOptions): Promise<CallResult> {
  const common = { ...transportOptions(o), throwOnError: true };
  switch (op.vendor) {
    case 'vercel':
      return createVercelClient({ token: FAKE.vercelToken, baseUrl: urls.vercel, ...common }).GET(VERCEL_IMAGE, {
        params: { path: { idOrName: 'my-repo', imageIdOrDigest: 'img_a1b2c3d4e5f6' }, query: { projectId: 'prj_1' } },
        headers: o.headers,
      });
    case 'gcore':
      return createGcoreClient({ apiKey: FAKE.gcoreKey, baseUrl: urls.gcore, ...common }).GET(GCORE_IMAGE, {
        params: { path: { project_id: 1, region_id: 7, image_id: '8cab6f28-09ca-4201-b3f7-23c7893f4bd6' } },
        headers: o.headers,
      });
    case 'naver':
      return createNaverClient({ accessKey: FAKE.naverAccessKey, secretKey: FAKE.naverSecretKey, baseUrl: urls.naver, ...common }).GET(NAVER_IMAGE, {
        params: { path: { registry: 'my-registry', imageName: 'team/app' } },
        headers: o.headers,
      });
    case 'huawei':
      return createHuaweiClient({ accessKey: FAKE.huaweiAk, secretKey: FAKE.huaweiSk, baseUrl: urls.huawei, ...common }).GET(HUAWEI_BASIC, {
        params: { path: { project_id: HUAWEI_PROJECT, image_id: 'missing' }, query: { image_type: 'cicd' } },
        headers: o.headers,
      });
  }
}

describe('toApiError converts the { error, response } style', () => {
  for (const t of THROW_CASES) it(`${t.op} → ${t.status}`, async () => {
    const op = OPERATIONS.find((o) => o.name === t.op)!;
    const { data, error, response } = await op.call({ fetch: globalThis.fetch, headers: { Prefer: `code=${t.status}` } });
    expect(data).toBeUndefined();
    expect(error).toEqual(declared(op.vendor, op.path, t.status).examples[0]!.value);
    const e = toApiError(t.vendor, t.operation, response, error);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ kind: 'http', vendor: t.vendor, status: t.status, code: t.code, message: t.message, operation: t.operation });
    if (t.requestId !== undefined) expect(e.requestId).toBe(t.requestId);
  });

  it('every declared error example converts to its vendor code and message', () => {
    const codeOf: Record<SpecVendor, (body: Record<string, any>) => unknown> = {
      vercel: (b) => b['error'].code,
      gcore: (b) => b['exception_class'],
      naver: (b) => b['error'].errorCode,
      huawei: (b) => b['error_code'],
    };
    const specs: [SpecVendor, string][] = [
      ['vercel', VERCEL_IMAGE],
      ['vercel', VERCEL_TAG],
      ['gcore', GCORE_IMAGE],
      ['naver', NAVER_IMAGE],
      ['huawei', HUAWEI_BASIC],
    ];
    let converted = 0;
    for (const [vendor, path] of specs) {
      for (const { status, examples } of declaredErrors(vendor, path)) {
        for (const { value } of examples) {
          const response = new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
          const e = toApiError(vendor, `GET ${path}`, response, value);
          expect(e.status).toBe(status);
          expect(e.code).toBe(String(codeOf[vendor](value as Record<string, any>)));
          expect(e.message).not.toMatch(/^HTTP \d/); // the vendor's message, not a generic one
          converted++;
        }
      }
    }
    expect(converted).toBeGreaterThanOrEqual(30);
  });
});
