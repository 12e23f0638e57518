// Credentials through the real factories: explicit options win over the conventional environment
// variables (checked on what is actually sent); missing or header-unsafe credentials are a ValidationError
// before anything is sent, naming the option and the variable but never the value; and no error a client
// produces (validation, HTTP, network, timeout, foreign) ever shows a secret in its message, toString,
// inspect or JSON form.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  NetworkError,
  TimeoutError,
  ValidationError,
  createGcoreClient,
  createHuaweiClient,
  createNaverClient,
  createVercelClient,
  type FetchLike,
} from '../../src/index.js';
import { verifyHuawei, verifyNaver } from '../support/verifying-server.js';
import { closedPortUrl } from '../support/http-stub.js';
import { ALL_SECRETS, FAKE, caught, caughtSync, exampleFetch, leakedSecrets, recordingFetch, renderings, type SentRequest } from './helpers.js';

const ENV_NAMES = [
  'VERCEL_TOKEN',
  'GCORE_API_KEY',
  'NCLOUD_ACCESS_KEY_ID',
  'NCLOUD_SECRET_ACCESS_KEY',
  'HUAWEICLOUD_SDK_AK',
  'HUAWEICLOUD_SDK_SK',
  'HUAWEICLOUD_SDK_SECURITY_TOKEN',
  'HUAWEICLOUD_SDK_TOKEN',
  'HUAWEICLOUD_SDK_REGION',
  'HUAWEICLOUD_SDK_PROJECT_ID',
] as const;

/** Values only ever put in the environment: distinct from the explicit FAKE ones. */
const ENV = {
  vercelToken: 'vcl_ENV-TOKEN-5a5a5a',
  gcoreKey: 'gck_ENV-APIKEY-6b6b6b',
  naverAccessKey: 'NCPENVACCESSKEY7C7C7C',
  naverSecretKey: 'ncp-ENV-SECRET-8d8d8d',
  huaweiAk: 'HWENVAK9E9E9E9E9E9E9',
  huaweiSk: 'hw-ENV-SK-0f0f0f0f0f',
  huaweiSecurityToken: 'sts-ENV-SECURITY-TOKEN-1a1a1a',
  huaweiToken: 'MIIENV-IAM-TOKEN-2b2b2b',
} as const;

const SECRETS = [...ALL_SECRETS, ...Object.values(ENV)];

beforeEach(() => {
  // A clean slate whatever the machine's environment holds.
  for (const name of ENV_NAMES) vi.stubEnv(name, undefined);
});

afterEach(() => {
  vi.unstubAllEnvs();
});

const ok = () =>
  exampleFetch();

const BASE = 'https://api.example.test';
const VERCEL_IMAGE = '/v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}';
const GCORE_IMAGE = '/cloud/v1/images/{project_id}/{region_id}/{image_id}';
const NAVER_IMAGE = '/v2/repositories/{registry}/{imageName}';
const HUAWEI_BASIC = '/v5/{project_id}/image/{image_id}/basic-image';

function callVercel(fetch: FetchLike, opts: { token?: string } = {}) {
  return createVercelClient({ ...opts, baseUrl: BASE, fetch }).GET(VERCEL_IMAGE, {
    params: { path: { idOrName: 'r', imageIdOrDigest: 'i' }, query: { projectId: 'p' } },
  });
}
function callGcore(fetch: FetchLike, opts: { apiKey?: string } = {}) {
  return createGcoreClient({ ...opts, baseUrl: BASE, fetch }).GET(GCORE_IMAGE, { params: { path: { project_id: 1, region_id: 7, image_id: 'i' } } });
}
function callNaver(fetch: FetchLike, opts: { accessKey?: string; secretKey?: string } = {}) {
  return createNaverClient({ ...opts, baseUrl: `${BASE}/ncr/api`, fetch }).GET(NAVER_IMAGE, { params: { path: { registry: 'r', imageName: 'i' } } });
}
function callHuawei(fetch: FetchLike, opts: { accessKey?: string; secretKey?: string; securityToken?: string | null; region?: string; baseUrl?: string } | { token: string; region?: string } = {}) {
  return createHuaweiClient({ baseUrl: BASE, ...opts, fetch }).GET(HUAWEI_BASIC, {
    params: { path: { project_id: 'p', image_id: 'i' }, query: { image_type: 'cicd' } },
  });
}

function wire(sent: SentRequest) {
  const url = new URL(sent.url);
  const headers: Record<string, string> = { host: url.host };
  sent.headers.forEach((value, name) => (headers[name] = value));
  return { method: sent.method, target: url.pathname + url.search, headers, body: new Uint8Array() };
}

function naverSignedWith(sent: SentRequest, accessKey: string, secretKey: string): boolean {
  return verifyNaver(wire(sent), { accessKey, secretKey }, Number(sent.headers.get('x-ncp-apigw-timestamp'))).ok;
}

function huaweiSignedWith(sent: SentRequest, accessKey: string, secretKey: string, securityToken?: string): boolean {
  const d = sent.headers.get('x-sdk-date') ?? '';
  const at = Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8), +d.slice(9, 11), +d.slice(11, 13), +d.slice(13, 15));
  return verifyHuawei(wire(sent), { accessKey, secretKey, securityToken }, at).ok;
}

// ---------------------------------------------------------------------------------------------------------

describe('explicit options win over environment variables', () => {
  beforeEach(() => {
    vi.stubEnv('VERCEL_TOKEN', ENV.vercelToken);
    vi.stubEnv('GCORE_API_KEY', ENV.gcoreKey);
    vi.stubEnv('NCLOUD_ACCESS_KEY_ID', ENV.naverAccessKey);
    vi.stubEnv('NCLOUD_SECRET_ACCESS_KEY', ENV.naverSecretKey);
    vi.stubEnv('HUAWEICLOUD_SDK_AK', ENV.huaweiAk);
    vi.stubEnv('HUAWEICLOUD_SDK_SK', ENV.huaweiSk);
    vi.stubEnv('HUAWEICLOUD_SDK_SECURITY_TOKEN', ENV.huaweiSecurityToken);
    vi.stubEnv('HUAWEICLOUD_SDK_TOKEN', ENV.huaweiToken);
    vi.stubEnv('HUAWEICLOUD_SDK_REGION', 'ap-southeast-1');
  });

  it('vercel: token option, else VERCEL_TOKEN', async () => {
    const explicit = ok();
    await callVercel(explicit.fetch, { token: FAKE.vercelToken });
    expect(explicit.sent[0]?.headers.get('authorization')).toBe(`Bearer ${FAKE.vercelToken}`);
    const fromEnv = ok();
    await callVercel(fromEnv.fetch);
    expect(fromEnv.sent[0]?.headers.get('authorization')).toBe(`Bearer ${ENV.vercelToken}`);
  });

  it('gcore: apiKey option, else GCORE_API_KEY', async () => {
    const explicit = ok();
    await callGcore(explicit.fetch, { apiKey: FAKE.gcoreKey });
    expect(explicit.sent[0]?.headers.get('authorization')).toBe(`APIKey ${FAKE.gcoreKey}`);
    const fromEnv = ok();
    await callGcore(fromEnv.fetch);
    expect(fromEnv.sent[0]?.headers.get('authorization')).toBe(`APIKey ${ENV.gcoreKey}`);
  });

  it('naver: accessKey/secretKey options (as a pair), else NCLOUD_ACCESS_KEY_ID / NCLOUD_SECRET_ACCESS_KEY', async () => {
    const explicit = ok();
    await callNaver(explicit.fetch, { accessKey: FAKE.naverAccessKey, secretKey: FAKE.naverSecretKey });
    expect(explicit.sent[0]?.headers.get('x-ncp-iam-access-key')).toBe(FAKE.naverAccessKey);
    expect(naverSignedWith(explicit.sent[0]!, FAKE.naverAccessKey, FAKE.naverSecretKey)).toBe(true);

    const fromEnv = ok();
    await callNaver(fromEnv.fetch);
    expect(fromEnv.sent[0]?.headers.get('x-ncp-iam-access-key')).toBe(ENV.naverAccessKey);
    expect(naverSignedWith(fromEnv.sent[0]!, ENV.naverAccessKey, ENV.naverSecretKey)).toBe(true);
  });

  it('huawei AK/SK: accessKey/secretKey/securityToken/region options, else HUAWEICLOUD_SDK_*', async () => {
    const explicit = ok();
    await callHuawei(explicit.fetch, {
      accessKey: FAKE.huaweiAk,
      secretKey: FAKE.huaweiSk,
      securityToken: FAKE.huaweiSecurityToken,
      region: 'cn-north-4',
    });
    const e = explicit.sent[0]!;
    expect(e.headers.get('authorization')).toContain(`Access=${FAKE.huaweiAk},`);
    expect(e.headers.get('x-security-token')).toBe(FAKE.huaweiSecurityToken);
    expect(e.headers.get('region')).toBe('cn-north-4');
    expect(e.headers.get('x-auth-token')).toBeNull();
    expect(huaweiSignedWith(e, FAKE.huaweiAk, FAKE.huaweiSk, FAKE.huaweiSecurityToken)).toBe(true);

    // Environment only (AK/SK in the environment win over HUAWEICLOUD_SDK_TOKEN); no baseUrl: the region's endpoint.
    const fromEnv = ok();
    await createHuaweiClient({ fetch: fromEnv.fetch }).GET(HUAWEI_BASIC, {
      params: { path: { project_id: 'p', image_id: 'i' }, query: { image_type: 'cicd' } },
    });
    const v = fromEnv.sent[0]!;
    expect(new URL(v.url).origin).toBe('https://hss.ap-southeast-1.myhuaweicloud.com');
    expect(v.headers.get('region')).toBe('ap-southeast-1');
    expect(v.headers.get('authorization')).toContain(`Access=${ENV.huaweiAk},`);
    expect(v.headers.get('x-security-token')).toBe(ENV.huaweiSecurityToken);
    expect(v.headers.get('x-auth-token')).toBeNull();
    expect(huaweiSignedWith(v, ENV.huaweiAk, ENV.huaweiSk, ENV.huaweiSecurityToken)).toBe(true);
  });

  it('huawei token: an explicit token wins over AK/SK and a token in the environment', async () => {
    const explicit = ok();
    await callHuawei(explicit.fetch, { token: FAKE.huaweiToken });
    const e = explicit.sent[0]!;
    expect(e.headers.get('x-auth-token')).toBe(FAKE.huaweiToken);
    expect(e.headers.get('authorization')).toBeNull();
    expect(e.headers.get('x-security-token')).toBeNull();
    expect(e.headers.get('region')).toBe('ap-southeast-1'); // HUAWEICLOUD_SDK_REGION still picks the region
  });

  it('huawei token from HUAWEICLOUD_SDK_TOKEN when no AK is configured', async () => {
    vi.stubEnv('HUAWEICLOUD_SDK_AK', undefined);
    vi.stubEnv('HUAWEICLOUD_SDK_SK', undefined);
    const fromEnv = ok();
    await callHuawei(fromEnv.fetch);
    expect(fromEnv.sent[0]?.headers.get('x-auth-token')).toBe(ENV.huaweiToken);
    expect(fromEnv.sent[0]?.headers.get('authorization')).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('credentials are a set: never assembled from the options and the environment', () => {
  beforeEach(() => {
    vi.stubEnv('NCLOUD_ACCESS_KEY_ID', ENV.naverAccessKey);
    vi.stubEnv('NCLOUD_SECRET_ACCESS_KEY', ENV.naverSecretKey);
    vi.stubEnv('HUAWEICLOUD_SDK_AK', ENV.huaweiAk);
    vi.stubEnv('HUAWEICLOUD_SDK_SK', ENV.huaweiSk);
    vi.stubEnv('HUAWEICLOUD_SDK_SECURITY_TOKEN', ENV.huaweiSecurityToken);
    vi.stubEnv('HUAWEICLOUD_SDK_TOKEN', ENV.huaweiToken);
  });

  /** No request carries any value that only the environment holds. */
  function expectNoEnvironmentValue(sent: readonly SentRequest[]): void {
    for (const request of sent) {
      const wireText = `${request.url} ${JSON.stringify([...request.headers])}`;
      for (const value of Object.values(ENV)) expect(wireText).not.toContain(value);
    }
  }

  it('huawei: explicit accessKey/secretKey ignore HUAWEICLOUD_SDK_SECURITY_TOKEN', async () => {
    const explicit = ok();
    await callHuawei(explicit.fetch, { accessKey: FAKE.huaweiAk, secretKey: FAKE.huaweiSk });
    const e = explicit.sent[0]!;
    expect(e.headers.get('x-security-token')).toBeNull();
    expect(e.headers.get('authorization')).not.toContain('x-security-token');
    expect(huaweiSignedWith(e, FAKE.huaweiAk, FAKE.huaweiSk)).toBe(true);
    expectNoEnvironmentValue(explicit.sent);
  });

  it('huawei: securityToken null says "no token", with explicit keys and with keys from the environment', async () => {
    const explicit = ok();
    await createHuaweiClient({ accessKey: FAKE.huaweiAk, secretKey: FAKE.huaweiSk, securityToken: null, baseUrl: BASE, fetch: explicit.fetch }).GET(HUAWEI_BASIC, {
      params: { path: { project_id: 'p', image_id: 'i' }, query: { image_type: 'cicd' } },
    });
    expect(explicit.sent[0]?.headers.get('x-security-token')).toBeNull();
    expect(huaweiSignedWith(explicit.sent[0]!, FAKE.huaweiAk, FAKE.huaweiSk)).toBe(true);

    const fromEnv = ok();
    await createHuaweiClient({ securityToken: null, baseUrl: BASE, fetch: fromEnv.fetch }).GET(HUAWEI_BASIC, {
      params: { path: { project_id: 'p', image_id: 'i' }, query: { image_type: 'cicd' } },
    });
    const v = fromEnv.sent[0]!;
    expect(v.headers.get('authorization')).toContain(`Access=${ENV.huaweiAk},`);
    expect(v.headers.get('x-security-token')).toBeNull();
    expect(huaweiSignedWith(v, ENV.huaweiAk, ENV.huaweiSk)).toBe(true);
  });

  it('huawei: securityToken undefined counts as not passed (the environment set, token included)', async () => {
    const fromEnv = ok();
    await createHuaweiClient({ accessKey: undefined, secretKey: undefined, securityToken: undefined, baseUrl: BASE, fetch: fromEnv.fetch }).GET(HUAWEI_BASIC, {
      params: { path: { project_id: 'p', image_id: 'i' }, query: { image_type: 'cicd' } },
    });
    expect(fromEnv.sent[0]?.headers.get('x-security-token')).toBe(ENV.huaweiSecurityToken);
    expect(huaweiSignedWith(fromEnv.sent[0]!, ENV.huaweiAk, ENV.huaweiSk, ENV.huaweiSecurityToken)).toBe(true);
  });

  it('huawei: an empty securityToken is refused (null is how to say "no token")', () => {
    const recorder = recordingFetch();
    const err = caughtSync(() => createHuaweiClient({ accessKey: FAKE.huaweiAk, secretKey: FAKE.huaweiSk, securityToken: '', fetch: recorder.fetch }));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toContain('`securityToken`');
    expect(recorder.sent).toHaveLength(0);
  });

  const halves: { label: string; create: (fetch: FetchLike) => unknown; missing: string; given: string; envName: string }[] = [
    { label: 'naver: secretKey alone', create: (fetch) => createNaverClient({ secretKey: FAKE.naverSecretKey, fetch }), missing: 'accessKey', given: 'secretKey', envName: 'NCLOUD_ACCESS_KEY_ID' },
    { label: 'naver: accessKey alone', create: (fetch) => createNaverClient({ accessKey: FAKE.naverAccessKey, fetch }), missing: 'secretKey', given: 'accessKey', envName: 'NCLOUD_SECRET_ACCESS_KEY' },
    { label: 'huawei: accessKey alone', create: (fetch) => createHuaweiClient({ accessKey: FAKE.huaweiAk, fetch }), missing: 'secretKey', given: 'accessKey', envName: 'HUAWEICLOUD_SDK_SK' },
    { label: 'huawei: secretKey alone', create: (fetch) => createHuaweiClient({ secretKey: FAKE.huaweiSk, fetch }), missing: 'accessKey', given: 'secretKey', envName: 'HUAWEICLOUD_SDK_AK' },
    {
      label: 'huawei: securityToken with keys from the environment',
      create: (fetch) => createHuaweiClient({ securityToken: FAKE.huaweiSecurityToken, fetch }),
      missing: 'accessKey',
      given: 'securityToken',
      envName: 'HUAWEICLOUD_SDK_AK',
    },
  ];
  for (const h of halves) {
    it(`${h.label}: ValidationError naming the missing option, the environment not read, nothing sent`, () => {
      const recorder = recordingFetch();
      const err = caughtSync(() => h.create(recorder.fetch));
      expect(err).toBeInstanceOf(ValidationError);
      const message = (err as Error).message;
      expect(message).toContain(`\`${h.missing}\``);
      expect(message).toContain(`\`${h.given}\``);
      expect(message).toContain(`${h.envName}`);
      expect(message).toContain('Nothing was sent');
      expect(leakedSecrets(err, SECRETS)).toEqual([]);
      expect(recorder.sent).toHaveLength(0);
    });
  }
});

// ---------------------------------------------------------------------------------------------------------

interface MissingCase {
  label: string;
  create: (fetch: FetchLike) => unknown;
  option: string;
  envName: string;
  /** Values given that must not be echoed. */
  given?: string[];
}

const MISSING: MissingCase[] = [
  { label: 'vercel token', create: (fetch) => createVercelClient({ fetch }), option: 'token', envName: 'VERCEL_TOKEN' },
  { label: 'gcore apiKey', create: (fetch) => createGcoreClient({ fetch }), option: 'apiKey', envName: 'GCORE_API_KEY' },
  { label: 'naver accessKey', create: (fetch) => createNaverClient({ secretKey: FAKE.naverSecretKey, fetch }), option: 'accessKey', envName: 'NCLOUD_ACCESS_KEY_ID', given: [FAKE.naverSecretKey] },
  { label: 'naver secretKey', create: (fetch) => createNaverClient({ accessKey: FAKE.naverAccessKey, fetch }), option: 'secretKey', envName: 'NCLOUD_SECRET_ACCESS_KEY', given: [FAKE.naverAccessKey] },
  { label: 'huawei: nothing at all', create: (fetch) => createHuaweiClient({ fetch }), option: 'accessKey', envName: 'HUAWEICLOUD_SDK_AK' },
  { label: 'huawei secretKey', create: (fetch) => createHuaweiClient({ accessKey: FAKE.huaweiAk, fetch }), option: 'secretKey', envName: 'HUAWEICLOUD_SDK_SK', given: [FAKE.huaweiAk] },
  { label: 'huawei accessKey', create: (fetch) => createHuaweiClient({ secretKey: FAKE.huaweiSk, fetch }), option: 'accessKey', envName: 'HUAWEICLOUD_SDK_AK', given: [FAKE.huaweiSk] },
  { label: 'huawei empty token', create: (fetch) => createHuaweiClient({ token: '', fetch }), option: 'token', envName: 'HUAWEICLOUD_SDK_TOKEN' },
];

describe('missing credentials: ValidationError before anything is sent', () => {
  for (const c of MISSING) {
    it(c.label, () => {
      const recorder = recordingFetch();
      const err = caughtSync(() => c.create(recorder.fetch));
      expect(err).toBeInstanceOf(ValidationError);
      const e = err as ValidationError;
      expect(e.kind).toBe('validation');
      expect(e.attempts).toBe(0);
      expect(e.message).toContain(`\`${c.option}\``);
      expect(e.message).toContain(c.envName);
      expect(e.message).toContain('Nothing was sent');
      expect(leakedSecrets(e, SECRETS)).toEqual([]);
      expect(recorder.sent).toHaveLength(0);
    });
  }

  it('an environment variable that is only whitespace counts as missing', () => {
    vi.stubEnv('VERCEL_TOKEN', '   ');
    const err = caughtSync(() => createVercelClient({ fetch: ok().fetch }));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toContain('VERCEL_TOKEN');
  });
});

describe('header-unsafe credentials: ValidationError, value never echoed', () => {
  const bad = {
    newline: (s: string) => `${s}\nX-Injected: 1`,
    'carriage return': (s: string) => `${s}\r`,
    'NUL byte': (s: string) => `${s}\u0000`,
    'non-Latin-1': (s: string) => `${s}令牌`,
    'leading space': (s: string) => ` ${s}`,
  };
  const targets: { label: string; secret: string; create: (value: string, fetch: FetchLike) => unknown }[] = [
    { label: 'vercel token', secret: FAKE.vercelToken, create: (token, fetch) => createVercelClient({ token, fetch }) },
    { label: 'gcore apiKey', secret: FAKE.gcoreKey, create: (apiKey, fetch) => createGcoreClient({ apiKey, fetch }) },
    { label: 'naver secretKey', secret: FAKE.naverSecretKey, create: (secretKey, fetch) => createNaverClient({ accessKey: FAKE.naverAccessKey, secretKey, fetch }) },
    { label: 'huawei token', secret: FAKE.huaweiToken, create: (token, fetch) => createHuaweiClient({ token, fetch }) },
    { label: 'huawei secretKey', secret: FAKE.huaweiSk, create: (secretKey, fetch) => createHuaweiClient({ accessKey: FAKE.huaweiAk, secretKey, fetch }) },
    {
      label: 'huawei securityToken',
      secret: FAKE.huaweiSecurityToken,
      create: (securityToken, fetch) => createHuaweiClient({ accessKey: FAKE.huaweiAk, secretKey: FAKE.huaweiSk, securityToken, fetch }),
    },
  ];

  for (const t of targets) {
    for (const [how, mangle] of Object.entries(bad)) {
      it(`${t.label} with a ${how}`, () => {
        const recorder = recordingFetch();
        const err = caughtSync(() => t.create(mangle(t.secret), recorder.fetch));
        expect(err).toBeInstanceOf(ValidationError);
        expect((err as Error).message).toMatch(/^Invalid \w+ credential `\w+`/);
        expect(leakedSecrets(err, SECRETS)).toEqual([]);
        expect(recorder.sent).toHaveLength(0);
      });
    }
  }

  it('a newline in an environment variable too', () => {
    vi.stubEnv('GCORE_API_KEY', `${ENV.gcoreKey}\n`);
    const err = caughtSync(() => createGcoreClient({ fetch: ok().fetch }));
    expect(err).toBeInstanceOf(ValidationError);
    expect(leakedSecrets(err, SECRETS)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('secrets never appear in any error', () => {
  type Call = (fetch: FetchLike, extra: { throwOnError?: boolean; retries?: number; timeoutMs?: number; baseUrl?: string }) => Promise<unknown>;
  const clients: { vendor: string; secrets: string[]; call: Call }[] = [
    {
      vendor: 'vercel',
      secrets: [FAKE.vercelToken],
      call: (fetch, extra) =>
        createVercelClient({ token: FAKE.vercelToken, baseUrl: BASE, fetch, ...extra }).GET(VERCEL_IMAGE, {
          params: { path: { idOrName: 'r', imageIdOrDigest: 'i' }, query: { projectId: 'p' } },
        }),
    },
    {
      vendor: 'gcore',
      secrets: [FAKE.gcoreKey],
      call: (fetch, extra) =>
        createGcoreClient({ apiKey: FAKE.gcoreKey, baseUrl: BASE, fetch, ...extra }).GET(GCORE_IMAGE, {
          params: { path: { project_id: 1, region_id: 7, image_id: 'i' } },
        }),
    },
    {
      vendor: 'naver',
      secrets: [FAKE.naverAccessKey, FAKE.naverSecretKey],
      call: (fetch, extra) =>
        createNaverClient({ accessKey: FAKE.naverAccessKey, secretKey: FAKE.naverSecretKey, baseUrl: `${BASE}/ncr/api`, fetch, ...extra }).GET(
          NAVER_IMAGE,
          { params: { path: { registry: 'r', imageName: 'i' } } },
        ),
    },
    {
      vendor: 'huawei (AK/SK + security token)',
      secrets: [FAKE.huaweiAk, FAKE.huaweiSk, FAKE.huaweiSecurityToken],
      call: (fetch, extra) =>
        createHuaweiClient({ accessKey: FAKE.huaweiAk, secretKey: FAKE.huaweiSk, securityToken: FAKE.huaweiSecurityToken, baseUrl: BASE, fetch, ...extra }).GET(
          HUAWEI_BASIC,
          { params: { path: { project_id: 'p', image_id: 'i' }, query: { image_type: 'cicd' } } },
        ),
    },
    {
      vendor: 'huawei (token)',
      secrets: [FAKE.huaweiToken],
      call: (fetch, extra) =>
        createHuaweiClient({ token: FAKE.huaweiToken, baseUrl: BASE, fetch, ...extra }).GET(HUAWEI_BASIC, {
          params: { path: { project_id: 'p', image_id: 'i' }, query: { image_type: 'cicd' } },
        }),
    },
  ];

  /** Everything the request carried, echoed back: header names and values, as an error body would quote them. */
  function echo(sent: SentRequest, secrets: string[]): string {
    const headers: Record<string, string> = {};
    sent.headers.forEach((value, name) => (headers[name] = value));
    return JSON.stringify({
      error: { code: 'echo', message: `request had ${JSON.stringify(headers)} and ${secrets.join(' ')}` },
      exception_class: 'Echo',
      message: `secrets: ${secrets.join(', ')}`,
      error_code: 'ECHO',
      error_msg: `got ${secrets.join(' / ')}`,
    });
  }

  for (const c of clients) {
    it(`${c.vendor}: HTTP error echoing the request, network error quoting headers, timeout, closed port`, async () => {
      const errors: unknown[] = [];

      // 1. A 400 whose body quotes every header and secret.
      const echoing = recordingFetch({
        before: (_n, sent) => new Response(echo(sent, c.secrets), { status: 400, headers: { 'content-type': 'application/json', 'x-request-id': c.secrets[0]! } }),
      });
      errors.push(await caught(() => c.call(echoing.fetch, { throwOnError: true })));

      // 2. A fetch that fails with a message quoting the headers (as some runtimes do for a bad header).
      const quoting = recordingFetch({
        before: (_n, sent) => new TypeError(`fetch failed: ${JSON.stringify([...sent.headers])}`, { cause: new Error(`header ${c.secrets.join(' ')}`) }),
      });
      errors.push(await caught(() => c.call(quoting.fetch, { retries: 0 })));

      // 3. A timeout.
      const hanging: FetchLike = (_input, init) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
      errors.push(await caught(() => c.call(hanging, { retries: 0, timeoutMs: 30 })));

      // 4. A closed port, through the real fetch.
      const closed = await closedPortUrl();
      errors.push(await caught(() => c.call(globalThis.fetch, { retries: 0, baseUrl: c.vendor === 'naver' ? `${closed}/ncr/api` : closed })));

      expect(errors[0]).toBeInstanceOf(ApiError);
      expect(errors[0]).toMatchObject({ kind: 'http', status: 400 });
      expect(errors[1]).toBeInstanceOf(NetworkError);
      expect(errors[2]).toBeInstanceOf(TimeoutError);
      expect(errors[3]).toBeInstanceOf(NetworkError);
      for (const err of errors) {
        expect(leakedSecrets(err, SECRETS)).toEqual([]);
        // the renderings are not empty: there was something to leak from
        expect(renderings(err).join('').length).toBeGreaterThan(100);
      }
    });
  }
});
