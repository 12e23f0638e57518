// Through the CLI, for every vendor and credential kind: an API that answers 302 or 307 to another origin
// gets a refused redirect (exit 1, the status and Location named), and the other origin receives nothing at
// all, so no token, key, timestamp or signature reaches it. Neither output shows a secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-runner.js';
import { startStub, type HttpStub } from '../support/http-stub.js';
import { offSpec } from '../support/spec-conformance.js';

const NAVER = { NCLOUD_ACCESS_KEY_ID: 'ncp_iam_BPAMKR1ek0I6SMTtgW8h', NCLOUD_SECRET_ACCESS_KEY: 'ncp_iam_BPKMKRHZ2cMw4dYX2XNCEjyjW3MVfpwWgP' };
const HUAWEI_AKSK = { HUAWEICLOUD_SDK_AK: 'QTWAOYTTINDUT2QVKYUC', HUAWEICLOUD_SDK_SK: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc' };
const HUAWEI_TEMPORARY = { ...HUAWEI_AKSK, HUAWEICLOUD_SDK_SECURITY_TOKEN: 'temporary-security-token-0123456789abcdef' };
const HUAWEI_TOKEN = { HUAWEICLOUD_SDK_TOKEN: `MIIEXAYJKoZIhvcNAQcCoIIETTCCBEkCAQExDTALBglghkgBZQMEAgEwggJqBgkqhkiG9w0BBwGgggJbBIICV3sidG9rZW4iOnsi${'x'.repeat(200)}` };

/** No vendor documents a redirect for these operations: the point is that the client refuses one. */
const REDIRECT = offSpec('a cross-origin redirect (302/307), which no vendor documents: the client must refuse it');

let api: HttpStub;
let elsewhere: HttpStub;
let status = 302;

beforeAll(async () => {
  elsewhere = await startStub(() => ({ body: '{}' }));
  // Every request is redirected to the same path on the other origin.
  api = await startStub((req) => ({ status, headers: { location: `${elsewhere.url}${req.url ?? '/'}` }, body: '{"moved":true}', offSpec: REDIRECT }));
});
afterAll(async () => {
  await Promise.all([api.close(), elsewhere.close()]);
});

interface Case {
  name: string;
  args: (base: string) => string[];
  env: Record<string, string>;
}

const CASES: Case[] = [
  { name: 'vercel', args: (b) => ['get', 'vercel', '--repository', 'r', '--image', 'i', '--project-id', 'p', '--base-url', b], env: { VERCEL_TOKEN: 'vercel-token-0123456789abcdef' } },
  { name: 'gcore', args: (b) => ['get', 'gcore', '--project-id', '1', '--region-id', '2', '--image', 'img', '--base-url', b], env: { GCORE_API_KEY: '1234$gcore-api-key-0123456789abcdef' } },
  { name: 'naver (signed)', args: (b) => ['get', 'naver', '--registry', 'reg', '--image', 'img', '--base-url', `${b}/ncr/api`], env: NAVER },
  ...(
    [
      ['huawei (AK/SK)', HUAWEI_AKSK],
      ['huawei (temporary AK/SK + security token)', HUAWEI_TEMPORARY],
      ['huawei (IAM token)', HUAWEI_TOKEN],
    ] as const
  ).map(([name, env]) => ({
    name,
    args: (b: string) => ['get', 'huawei', '--project-id', 'p', '--image', 'i', '--image-type', 'private_image', '--base-url', b],
    env: { ...env },
  })),
];

describe.each([302, 307])('CLI: HTTP %i to another origin', (code) => {
  it.each(CASES)('$name: refused, nothing reaches the other origin, no secret printed', async ({ args, env }) => {
    status = code;
    const apiBefore = api.requests.length;
    const before = elsewhere.requests.length;
    const run = await runCli([...args(api.url), '--retries', '0'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Redirect refused: HTTP ${code} to ${elsewhere.url}/`);
    expect(api.requests.length).toBe(apiBefore + 1);
    expect(elsewhere.requests.length).toBe(before);
    // What reached the API did carry credentials: the property is that they went no further.
    const sent = api.requests.at(-1)!.headers;
    expect(Object.keys(sent).some((h) => /^(authorization|x-auth-token|x-ncp-apigw-signature-v2)$/.test(h))).toBe(true);
    for (const value of Object.values(env)) {
      expect(run.stdout).not.toContain(value);
      expect(run.stderr).not.toContain(value);
    }
  });
});
