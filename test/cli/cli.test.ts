// The CLI end to end, as a child process: against the Prism mocks, against local stubs that answer vendor
// errors or count requests, against a closed port, and against the verifying server (real NAVER and Huawei
// signatures checked). Credentials come from the environment only; no secret may ever appear in any output.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startVerifyingServer, type VerifyingServer } from '../support/verifying-server.js';
import { example200 } from '../support/spec-examples.js';
import { afterEndpointNotes, runCli, runNode, type CliRun } from '../support/cli-runner.js';
import { closedPortUrl, startStub, type HttpStub } from '../support/http-stub.js';
import { offSpec } from '../support/spec-conformance.js';
import { gcoreImage } from '../support/vendor-bodies.js';

const urls = inject('mockUrls');

/** Distinctive fake secrets: any of them in stdout or stderr fails the test. */
const ENV = {
  VERCEL_TOKEN: 'cic-test-secret-vercel-Q7w3zX',
  GCORE_API_KEY: 'cic-test-secret-gcore-K9d2mP',
  NCLOUD_ACCESS_KEY_ID: 'CICTESTNAVERAK8H4J',
  NCLOUD_SECRET_ACCESS_KEY: 'cic-test-secret-naver-sk-T5r8vB',
  HUAWEICLOUD_SDK_AK: 'CICTESTHUAWEIAK2L6N',
  HUAWEICLOUD_SDK_SK: 'cic-test-secret-huawei-sk-W3e7yU',
} as const;
const HUAWEI_TOKEN_ENV = { HUAWEICLOUD_SDK_TOKEN: 'cic-test-secret-huawei-iam-token-P4s1' };
const STS_TOKEN = 'cic-test-secret-huawei-sts-R2t9';
const SECRETS = [...Object.values(ENV), HUAWEI_TOKEN_ENV.HUAWEICLOUD_SDK_TOKEN, STS_TOKEN];

async function cli(args: readonly string[], env: Record<string, string> = ENV): Promise<CliRun> {
  const run = await runCli(args, env);
  for (const secret of SECRETS) {
    expect(run.stdout, `secret in stdout of ${args.join(' ')}`).not.toContain(secret);
    expect(run.stderr, `secret in stderr of ${args.join(' ')}`).not.toContain(secret);
  }
  expect(run.stderr, 'no stack trace').not.toMatch(/\n\s+at /);
  return { ...run, stderr: afterEndpointNotes(run.stderr) };
}

const VERCEL_IMAGE = ['get', 'vercel', '--repository', 'my-repo', '--image', 'img_a1b2c3d4e5f6', '--project-id', 'prj_1'];
const GCORE_IMAGE = ['get', 'gcore', '--project-id', '1', '--region-id', '7', '--image', '8cab6f28-09ca-4201-b3f7-23c7893f4bd6'];

describe.concurrent('cloud-images against the Prism mocks', () => {
  it('vercel --image: exit 0, the summary as JSON when piped', async () => {
    const run = await cli([...VERCEL_IMAGE, '--base-url', urls.vercel]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({
      vendor: 'vercel',
      id: 'img_a1b2c3d4e5f6',
      repository: 'my-repo',
      tags: ['latest', 'v1.4.2'],
      digest: 'sha256:8f97cbaf0ddba1458508c6269a5a26f542100ac8bff64a47b4350a38c739fdf6',
      sizeBytes: 64965896,
      os: 'linux',
      architecture: 'amd64',
      status: 'preparing',
      createdAt: '2026-06-30T10:00:00.000Z',
    });
    expect(summary.raw).toEqual(example200('vercel', '/v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}'));
  });

  it('vercel --image <manifest digest>: exit 0, the same summary as by id', async () => {
    const digest = 'sha256:8f97cbaf0ddba1458508c6269a5a26f542100ac8bff64a47b4350a38c739fdf6';
    const [byDigest, byId] = await Promise.all([
      cli(['get', 'vercel', '--repository', 'my-repo', '--image', digest, '--project-id', 'prj_1', '--base-url', urls.vercel]),
      cli([...VERCEL_IMAGE, '--base-url', urls.vercel]),
    ]);
    expect(byDigest.code).toBe(0);
    expect(JSON.parse(byDigest.stdout)).toEqual(JSON.parse(byId.stdout));
    expect(JSON.parse(byDigest.stdout).digest).toBe(digest);
  });

  it('vercel --tag: exit 0', async () => {
    const run = await cli(['get', 'vercel', '--repository', 'my-repo', '--tag', 'latest', '--project-id', 'prj_1', '--team-id', 'team_1', '--slug', 'my-team', '--base-url', urls.vercel]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: 'img_a1b2c3d4e5f6', tags: ['latest', 'v1.4.2'], updatedAt: null });
  });

  it('gcore: exit 0, naive datetimes as UTC', async () => {
    const run = await cli([...GCORE_IMAGE, '--include-prices', '--base-url', urls.gcore]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ vendor: 'gcore', name: 'ubuntu-20.10-x64', createdAt: '2024-05-05T14:51:26.570Z', labels: { 'my-tag': 'my-tag-value' } });
  });

  it('naver (real signing): exit 0', async () => {
    const run = await cli(['get', 'naver', '--registry', 'ncpdocker', '--image', 'ncpdocker', '--region', 'sgn', '--base-url', urls.naver]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ vendor: 'naver', name: 'ncpdocker', updatedAt: '2024-03-31T23:41:28.000Z' });
  });

  it('huawei (AK/SK, project id from HUAWEICLOUD_SDK_PROJECT_ID): exit 0', async () => {
    const run = await cli(['get', 'huawei', '--image', '111', '--image-type', 'cicd', '--region', 'ap-southeast-1', '--base-url', urls.huawei], {
      ...ENV,
      HUAWEICLOUD_SDK_PROJECT_ID: '2b31ed520xxxxxxebedb6e57xxxxxxxx',
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ vendor: 'huawei', id: '111', osDistro: 'Debian', osVersion: '9' });
  });

  it('huawei (IAM token from HUAWEICLOUD_SDK_TOKEN): exit 0', async () => {
    const run = await cli(['get', 'huawei', '--project-id', 'p1', '--image', '111', '--image-type', 'cicd', '--base-url', urls.huawei], HUAWEI_TOKEN_ENV);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).baseImages).toHaveLength(1);
  });

  it('--format table: a readable table', async () => {
    const run = await cli([...GCORE_IMAGE, '--format', 'table', '--base-url', urls.gcore]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^vendor +gcore$/m);
    expect(run.stdout).toMatch(/^size +2361393152 B \(2\.2 GiB\)$/m);
    expect(run.stdout).toMatch(/^created +2024-05-05T14:51:26\.570Z$/m);
  });

  it('--json: the vendor body as received', async () => {
    const run = await cli([...VERCEL_IMAGE, '--json', '--base-url', urls.vercel]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(example200('vercel', '/v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}'));
  });
});

describe.concurrent('cloud-images against local stubs', () => {
  let stubs: HttpStub[] = [];
  afterAll(async () => {
    await Promise.all(stubs.map((s) => s.close()));
  });
  const stub = async (...args: Parameters<typeof startStub>) => {
    const s = await startStub(...args);
    stubs.push(s);
    return s;
  };

  it('--json prints the body bytes exactly (spacing, key order, unicode, number spelling)', async () => {
    const bytes = Buffer.from(
      '{ "image" :{"id":"img_1","repositoryId":"repo_1","manifestDigest":"sha256:ab","kind":"manifest","status":"ready","createdAt":"2026-06-30T10:00:00.000Z","layers":[],' +
        '"tags":["é","日本"],"sizeInBytes":1.0e2, "zzz":null,"aaa":[]}}\n\n  ',
      'utf8',
    );
    const s = await stub(() => ({ body: bytes }));
    const run = await cli([...VERCEL_IMAGE, '--json', '--base-url', s.url]);
    expect(run.code).toBe(0);
    expect(run.stdoutBytes.equals(bytes)).toBe(true);
  });

  it('vendor 404 → exit 1, one line: status, vendor code, message, request id', async () => {
    const s = await stub(() => ({
      status: 404,
      headers: { 'x-vercel-id': 'fra1::iad1::abcd-1234' },
      body: JSON.stringify({ error: { code: 'not_found', message: 'Could not find the image: img_x' } }),
    }));
    const run = await cli([...VERCEL_IMAGE, '--base-url', s.url]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('error: HTTP 404 not_found: Could not find the image: img_x (request id: fra1::iad1::abcd-1234)\n');
  });

  it('vendor error with --json → exit 1, nothing on stdout', async () => {
    const s = await stub(() => ({ status: 404, body: JSON.stringify({ exception_class: 'NotFoundError', message: 'Image x could not be found', request_id: 'rid-1' }) }));
    const run = await cli([...GCORE_IMAGE, '--json', '--base-url', s.url]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('error: HTTP 404 NotFoundError: Image x could not be found (request id: rid-1)\n');
  });

  it('Huawei HSS.0011 (HTTP 400) → exit 1 with the X-Request-Id', async () => {
    const s = await stub(() => ({
      status: 400,
      headers: { 'X-Request-Id': '4e2d3d2b1f2e4a3c8c3b2a1f0e9d8c7b' },
      body: JSON.stringify({ error_code: 'HSS.0011', error_msg: 'Requested resource not found.' }),
    }));
    const run = await cli(['get', 'huawei', '--project-id', 'p', '--image', 'nope', '--image-type', 'cicd', '--base-url', s.url]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: HTTP 400 HSS.0011: Requested resource not found. (request id: 4e2d3d2b1f2e4a3c8c3b2a1f0e9d8c7b)\n');
  });

  it('a hostile server echoing the credentials in its error → exit 1, credentials redacted', async () => {
    const s = await stub((req) => ({
      status: 403,
      body: JSON.stringify({ error: { code: 'forbidden', message: `bad Authorization ${req.headers['authorization']} for token ${ENV.VERCEL_TOKEN}` } }),
    }));
    const run = await cli([...VERCEL_IMAGE, '--base-url', s.url]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: HTTP 403 forbidden: .*\[REDACTED\]/);
  });

  it('a 200 that is not JSON (proxy login page) → exit 1', async () => {
    const s = await stub(() => ({ headers: { 'content-type': 'text/html' }, body: '<html>login</html>', offSpec: offSpec('a 2xx HTML page (a proxy login) instead of the vendor’s JSON: the CLI must fail') }));
    const run = await cli([...GCORE_IMAGE, '--base-url', s.url]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: HTTP 200: .*not JSON/);
  });

  it('vendor control characters cannot reach the terminal', async () => {
    const s = await stub(() => ({ body: JSON.stringify(gcoreImage({ id: 'x\u001b[2J', name: 'evil\u0007', created_at: '2024-01-01T00:00:00' })) }));
    const run = await cli([...GCORE_IMAGE, '--format', 'table', '--base-url', s.url]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(run.stdout).toContain('x\\u001b[2J');
  });
});

describe('usage and validation errors → exit 2, nothing sent', () => {
  let counter: HttpStub;
  beforeAll(async () => {
    counter = await startStub();
  });
  afterAll(() => counter.close());

  const huawei = ['get', 'huawei', '--project-id', 'p', '--image', 'i', '--image-type', 'cicd'];
  const naver = ['get', 'naver', '--registry', 'r', '--image', 'i'];
  const cases: [string, string[], RegExp][] = [
    ['no arguments', [], /missing command/],
    ['unknown command', ['delete', 'vercel'], /unknown command "delete"/],
    ['missing vendor', ['get'], /missing vendor/],
    ['unknown vendor', ['get', 'aws'], /unknown vendor "aws"/],
    ['unknown flag', [...VERCEL_IMAGE, '--bogus'], /unknown option --bogus\n/],
    ['flag of another vendor', [...GCORE_IMAGE, '--tag', 'x'], /--tag does not apply to gcore/],
    ['missing required flag', ['get', 'vercel', '--repository', 'r', '--image', 'i'], /missing required option --project-id/],
    ['missing flag value', ['get', 'vercel', '--project-id', 'p', '--image', 'i', '--repository'], /option '--repository <value>' argument missing/],
    ['both --image and --tag', [...VERCEL_IMAGE, '--tag', 'latest'], /exactly one of --image or --tag/],
    ['neither --image nor --tag', ['get', 'vercel', '--repository', 'r', '--project-id', 'p'], /exactly one of --image or --tag/],
    ['flag given twice', [...VERCEL_IMAGE, '--image', 'other'], /--image given more than once/],
    ['a truncated vercel digest', ['get', 'vercel', '--repository', 'r', '--project-id', 'p', '--image', 'sha256:8f97cbaf'], /imageIdOrDigest.*must match/],
    ['bad int', ['get', 'gcore', '--project-id', 'abc', '--region-id', '7', '--image', 'x'], /--project-id must be an integer, not "abc"/],
    ['fractional int', ['get', 'gcore', '--project-id', '1', '--region-id', '7.5', '--image', 'x'], /--region-id must be an integer/],
    ['bad huawei limit', [...huawei, '--limit', '10x'], /--limit must be an integer/],
    ['limit out of the spec range', [...huawei, '--limit', '500'], /limit.*200/],
    ['limit 0', [...huawei, '--limit', '0'], /limit/],
    ['negative offset', [...huawei, '--offset', '-1'], /offset/],
    ['bad image type', ['get', 'huawei', '--project-id', 'p', '--image', 'i', '--image-type', 'docker'], /--image-type must be one of/],
    ['bad huawei region', [...huawei, '--region', 'Mars'], /region/i],
    ['bad naver region', [...naver, '--region', 'us'], /--region must be one of kr, sgn, jpn/],
    ['image name addressing another resource', ['get', 'naver', '--registry', 'r', '--image', '..'], /would address another resource/],
    ['empty value', ['get', 'naver', '--registry', '', '--image', 'i'], /option --registry must not be empty/],
    ['bad format', [...GCORE_IMAGE, '--format', 'xml'], /--format must be json or table/],
    ['--json with --format', [...GCORE_IMAGE, '--json', '--format', 'table'], /either --json .* or --format/],
    ['bad base url', [...GCORE_IMAGE, '--base-url', 'ftp://example.com'], /--base-url must be an http\(s\) URL/],
    ['extra positional', [...GCORE_IMAGE, 'extra'], /unexpected argument "extra"/],
  ];

  it.concurrent.each(cases)('%s', async (_name, args, message) => {
    // --base-url goes right after `get <vendor>`, so a flag left without its value stays the last argument
    const withUrl = args.length > 2 && !args.includes('--base-url') ? [...args.slice(0, 2), '--base-url', counter.url, ...args.slice(2)] : args;
    const run = await cli(withUrl);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: /);
    expect(run.stderr).toMatch(message);
  });

  it.concurrent('missing credentials → exit 2 naming the variable', async () => {
    const run = await cli([...VERCEL_IMAGE, '--base-url', counter.url], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error: missing vercel credential: set VERCEL_TOKEN. Nothing was sent.\n');
  });

  it.concurrent("a parse failure prints the usage of the vendor word, not of a vendor's name given as a value", async () => {
    const run = await cli(['get', 'gcore', '--image', 'vercel', '--bogus']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown option --bogus\n/);
    expect(run.stderr).toContain("Run 'cloud-images get gcore --help' for details.");
    const before = await cli(['get', '--image', 'vercel', 'gcore', '--bogus']);
    expect(before.code).toBe(2);
    expect(before.stderr).toContain("Run 'cloud-images get gcore --help' for details.");
    const list = await cli(['list', 'naver', '--registry', 'huawei', '--bogus']);
    expect(list.code).toBe(2);
    expect(list.stderr).toContain("Run 'cloud-images list naver --help' for details.");
  });

  it.concurrent('usage errors print the usage', async () => {
    const run = await cli(['get', 'gcore', '--project-id', 'x']);
    expect(run.stderr).toContain('Usage:\n  cloud-images get gcore  --project-id <int> --region-id <int> --image <id> [--include-prices]');
    expect(run.stderr).toContain("Run 'cloud-images get gcore --help' for details.");
  });

  afterAll(() => {
    expect(counter.requests).toEqual([]);
  });
});

describe.concurrent('network failure → exit 3', () => {
  it('connection refused', async () => {
    const run = await cli([...GCORE_IMAGE, '--base-url', await closedPortUrl()]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: network failure/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('connection refused with --json', async () => {
    const run = await cli([...VERCEL_IMAGE, '--json', '--base-url', await closedPortUrl()]);
    expect(run.code).toBe(3);
  });
});

describe.concurrent('help and version', () => {
  const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

  it('--help: the usage of every vendor, exit 0', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    for (const line of [
      'cloud-images get vercel --repository <idOrName> (--image <idOrDigest> | --tag <tag>) --project-id <id> [--team-id <id>] [--slug <s>]',
      'cloud-images get gcore  --project-id <int> --region-id <int> --image <id> [--include-prices]',
      'cloud-images get naver  --registry <name> --image <imageName> [--region kr|sgn|jpn]',
      'cloud-images get huawei --project-id <id> --image <id> --image-type <private_image|shared_image|instance_image|cicd|harbor>',
      '--base-url <url>',
      '--json',
      '--format json|table',
    ]) {
      expect(run.stdout).toContain(line);
    }
  });

  it('get <vendor> --help: that vendor’s options', async () => {
    const run = await cli(['get', 'huawei', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--enterprise-project-id');
    expect(run.stdout).toContain('HUAWEICLOUD_SDK_AK');
    expect(run.stdout).not.toContain('get vercel');
  });

  it('--version', async () => {
    const run = await cli(['--version']);
    expect(run).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('the bin entry runs the CLI', async () => {
    const run = await runNode(['bin/cloud-images.mjs', '--version']);
    expect(run).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('npm run --silent cli -- …', async () => {
    // npm's own entry point: the one running this test, else the one installed beside node.
    const npmCli = [process.env['npm_execpath'], join(dirname(process.execPath), '../lib/node_modules/npm/bin/npm-cli.js')].find(
      (p): p is string => p !== undefined && p.endsWith('.js') && existsSync(p),
    );
    expect(npmCli, 'npm-cli.js not found').toBeDefined();
    const run = await runNode([npmCli as string, 'run', '--silent', 'cli', '--', 'get', 'gcore', '--project-id', 'x'], { HOME: process.env['HOME'] ?? '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: option --project-id must be an integer/);
    const version_ = await runNode([npmCli as string, 'run', '--silent', 'cli', '--', '--version'], { HOME: process.env['HOME'] ?? '' });
    expect(version_).toMatchObject({ code: 0, stdout: `${version}\n` });
  });
});

describe('through the verifying server (signatures checked)', () => {
  let server: VerifyingServer;
  let stsServer: VerifyingServer;
  beforeAll(async () => {
    server = await startVerifyingServer({
      naver: { accessKey: ENV.NCLOUD_ACCESS_KEY_ID, secretKey: ENV.NCLOUD_SECRET_ACCESS_KEY },
      huawei: { accessKey: ENV.HUAWEICLOUD_SDK_AK, secretKey: ENV.HUAWEICLOUD_SDK_SK },
    });
    stsServer = await startVerifyingServer({
      huawei: { accessKey: ENV.HUAWEICLOUD_SDK_AK, secretKey: ENV.HUAWEICLOUD_SDK_SK, securityToken: STS_TOKEN },
    });
  });
  afterAll(async () => {
    await server.close();
    await stsServer.close();
  });

  it('naver, image name team/app: signed over the encoded path, exit 0', async () => {
    const run = await cli(['get', 'naver', '--registry', 'my-registry', '--image', 'team/app', '--base-url', `${server.url}/ncr/api`]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ vendor: 'naver', repository: 'my-registry', name: 'team/app', updatedAt: '2024-03-31T23:41:28.000Z' });
    const request = server.requests.find((r) => r.url.includes('team%2Fapp'));
    expect(request).toMatchObject({ vendor: 'naver', url: '/ncr/api/v2/repositories/my-registry/team%2Fapp', outcome: 'ok' });
  });

  it('naver --json through the Singapore base path', async () => {
    const run = await cli(['get', 'naver', '--registry', 'reg', '--image', 'a b/c', '--json', '--base-url', `${server.url}/ncr/sgn-api`]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ name: 'a b/c', namespace: 'reg', description: 'image in sgn-api' });
  });

  it('naver with a wrong secret key → exit 1, the gateway’s answer, no secret', async () => {
    const run = await cli(['get', 'naver', '--registry', 'r', '--image', 'i', '--base-url', `${server.url}/ncr/api`], {
      ...ENV,
      NCLOUD_SECRET_ACCESS_KEY: 'cic-test-secret-naver-WRONG-sk',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: HTTP 401 200: Authentication Failed: Invalid authentication information\. \(request id: [0-9a-f]{32}\)\n$/);
    expect(run.stderr).not.toContain('cic-test-secret-naver-WRONG-sk');
  });

  it('huawei AK/SK with repository-image parameters, team/app-style names: exit 0', async () => {
    const run = await cli([
      'get', 'huawei', '--project-id', 'proj-1', '--image', 'team/app', '--image-type', 'private_image',
      '--namespace', 'team', '--image-name', 'team/app', '--image-version', '1.0 beta', '--enterprise-project-id', 'all_granted_eps',
      '--region', 'cn-north-4', '--limit', '50', '--offset', '0', '--base-url', server.url,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ vendor: 'huawei', id: 'team/app', repository: 'team', name: 'team/app', tags: ['1.0 beta'], osDistro: 'Debian' });
    const request = server.requests.find((r) => r.vendor === 'huawei' && r.url.includes('team%2Fapp'));
    expect(request?.outcome).toBe('ok');
    expect(request?.headers['region']).toBe('cn-north-4');
  });

  it('huawei --json: one page, limit/offset as given, the body as received', async () => {
    const run = await cli(['get', 'huawei', '--project-id', 'p', '--image', 'i', '--image-type', 'cicd', '--offset', '3', '--json', '--base-url', server.url]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).echo.query).toEqual({ image_type: 'cicd', offset: '3' });
  });

  it('huawei with temporary credentials (X-Security-Token signed): exit 0', async () => {
    const run = await cli(['get', 'huawei', '--project-id', 'p', '--image', 'i', '--image-type', 'cicd', '--base-url', stsServer.url], {
      ...ENV,
      HUAWEICLOUD_SDK_SECURITY_TOKEN: STS_TOKEN,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(stsServer.requests.at(-1)?.outcome).toBe('ok');
  });

  it('huawei with a wrong SK → exit 1, APIG.0301 and the request id, no secret', async () => {
    const run = await cli(['get', 'huawei', '--project-id', 'p', '--image', 'i', '--image-type', 'cicd', '--base-url', server.url], {
      ...ENV,
      HUAWEICLOUD_SDK_SK: 'cic-test-secret-huawei-WRONG-sk',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: HTTP 401 APIG\.0301: Incorrect IAM authentication information: verify aksk signature fail.* \(request id: [0-9a-f]{32}\)\n$/);
    expect(run.stderr).not.toContain('cic-test-secret-huawei-WRONG-sk');
  });
});
