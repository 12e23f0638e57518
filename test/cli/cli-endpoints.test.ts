// Where the CLI sends credentials, as a child process: plain http to another machine is refused unless
// --allow-insecure-http (or, for inventory, "allowInsecureHttp" in the config) says so, and the refusal names
// how to allow it; an endpoint carrying a secret (userinfo, query) is refused without being quoted; every
// endpoint that is not the vendor's default is named once on stderr, with the environment's credentials
// redacted. "Another machine" is this machine's own non-loopback address where it has one: a server there is
// reachable, so the tests see the credentials arrive once allowed, and not before.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterEndpointNotes, endpointNote, runCli } from '../support/cli-runner.js';
import { startStub, type HttpStub } from '../support/http-stub.js';
import { gcoreImage } from '../support/vendor-bodies.js';

const KEY = 'cic-test-secret-gcore-endpoint-Z8q2';
const ENV = { GCORE_API_KEY: KEY };
const GCORE = ['get', 'gcore', '--project-id', '1', '--region-id', '7', '--image', 'img', '--retries', '0'];
const LIST_GCORE = ['list', 'gcore', '--project-id', '1', '--region-id', '7', '--retries', '0'];

/** An IPv4 address of this machine that is not loopback: plain http to it is "another machine". */
const OWN_ADDRESS = Object.values(networkInterfaces())
  .flat()
  .find((a) => a !== undefined && a.family === 'IPv4' && !a.internal)?.address;

let stub: HttpStub;
let remote: string | undefined;
beforeAll(async () => {
  stub = await startStub(
    (req) => (req.url?.startsWith('/cloud/v1/projectimages/') ? { body: JSON.stringify({ count: 1, results: [gcoreImage({ id: 'img-1', name: 'one' })] }) } : { body: JSON.stringify(gcoreImage({ id: 'img', name: 'one' })) }),
    { host: '0.0.0.0', basePath: '*' },
  );
  remote = OWN_ADDRESS === undefined ? undefined : stub.url.replace('127.0.0.1', OWN_ADDRESS);
});
afterAll(() => stub.close());

function config(document: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'endpoints-')), 'inventory.json');
  writeFileSync(file, JSON.stringify(document));
  return file;
}

function expectNoKey(run: { stdout: string; stderr: string }): void {
  expect(run.stdout + run.stderr).not.toContain(KEY);
}

describe('plain http to another machine', () => {
  it.each([
    ['get', GCORE],
    ['list', LIST_GCORE],
  ])('%s: refused (exit 2, nothing sent), the message names --allow-insecure-http', async (_name, args) => {
    const before = stub.requests.length;
    const run = await runCli([...args, '--base-url', 'http://registry.example.com:8080/api'], ENV);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^error: option --base-url is plain http to another machine \(http:\/\/registry\.example\.com:8080\), which would carry the credentials in clear: use https, or pass --allow-insecure-http to send anyway\n/,
    );
    expect(stub.requests.length).toBe(before);
  });

  it.skipIf(OWN_ADDRESS === undefined)('get: refused to this machine\'s own non-loopback address; sent (key and all) with --allow-insecure-http', async () => {
    const before = stub.requests.length;
    const refused = await runCli([...GCORE, '--base-url', remote as string], ENV);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--allow-insecure-http');
    expect(stub.requests.length).toBe(before);

    const allowed = await runCli([...GCORE, '--base-url', remote as string, '--allow-insecure-http'], ENV);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toBe(endpointNote('gcore', remote as string));
    expect(stub.requests.slice(before).map((r) => r.headers['authorization'])).toEqual([`APIKey ${KEY}`]);
  });

  it.skipIf(OWN_ADDRESS === undefined)('list: sent with --allow-insecure-http', async () => {
    const run = await runCli([...LIST_GCORE, '--base-url', remote as string, '--allow-insecure-http'], ENV);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: 'img-1' });
  });

  it('inventory: a config baseUrl is refused, naming the config field and the flag; nothing sent', async () => {
    const before = stub.requests.length;
    const run = await runCli(['inventory', '--config', config({ scopes: [{ vendor: 'gcore', projectId: 1, regionId: 7, baseUrl: 'http://collector.example.com' }] })], ENV);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^error: .*inventory\.json: scopes\[0\]\.baseUrl is plain http to another machine \(http:\/\/collector\.example\.com\), which would carry the credentials in clear: use https, or set "allowInsecureHttp": true in the scope \(or at the top level\), or pass --allow-insecure-http\n$/,
    );
    expect(stub.requests.length).toBe(before);
  });

  it.skipIf(OWN_ADDRESS === undefined).each([
    ['"allowInsecureHttp" in the scope', (url: string) => ({ scopes: [{ vendor: 'gcore', projectId: 1, regionId: 7, baseUrl: url, allowInsecureHttp: true }] }), []],
    ['"allowInsecureHttp" at the top level', (url: string) => ({ allowInsecureHttp: true, scopes: [{ vendor: 'gcore', projectId: 1, regionId: 7, baseUrl: url }] }), []],
    ['--allow-insecure-http', (url: string) => ({ scopes: [{ vendor: 'gcore', projectId: 1, regionId: 7, baseUrl: url }] }), ['--allow-insecure-http']],
  ])('inventory: sent with %s', async (_name, document, flags) => {
    const before = stub.requests.length;
    const run = await runCli(['inventory', '--config', config(document(remote as string)), ...flags], ENV);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: 'img-1' });
    expect(stub.requests.length).toBe(before + 1);
  });
});

describe('an endpoint carrying a secret', () => {
  const hostile = ['https://bot:SECRETVALUE123@gcore.example.com', 'https://gcore.example.com/?access_token=SECRETVALUE123', 'https://gcore.example.com/#SECRETVALUE123'];

  it.each(hostile)('get --base-url %s: exit 2, not quoted, nothing sent', async (url) => {
    const run = await runCli([...GCORE, '--base-url', url], ENV);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: option --base-url must not (carry credentials|have a query or fragment)/);
    expect(run.stderr).not.toContain('SECRETVALUE123');
  });

  it.each(hostile)('list --base-url %s: exit 2, not quoted', async (url) => {
    const run = await runCli([...LIST_GCORE, '--base-url', url], ENV);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain('SECRETVALUE123');
  });

  it.each(hostile)('inventory baseUrl %s: exit 2, not quoted', async (url) => {
    const run = await runCli(['inventory', '--config', config({ scopes: [{ vendor: 'gcore', projectId: 1, regionId: 7, baseUrl: url }] })], ENV);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/scopes\[0\]\.baseUrl must not (carry credentials|have a query or fragment)/);
    expect(run.stderr).not.toContain('SECRETVALUE123');
  });
});

describe('endpoint notes', () => {
  it('get: the endpoint named once, before anything else', async () => {
    const run = await runCli([...GCORE, '--base-url', stub.url], ENV);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(endpointNote('gcore', stub.url));
  });

  it("the vendor's own endpoint is not named; another one is, even when the run then fails", async () => {
    const own = await runCli([...GCORE, '--base-url', 'https://api.gcore.com/'], {});
    expect(own.stderr).toBe('error: missing gcore credential: set GCORE_API_KEY. Nothing was sent.\n');
    const other = await runCli([...GCORE, '--base-url', 'https://gcore-gateway.example.com'], {});
    expect(other.stderr).toBe(`${endpointNote('gcore', 'https://gcore-gateway.example.com')}error: missing gcore credential: set GCORE_API_KEY. Nothing was sent.\n`);
  });

  it('a credential of the environment in the endpoint is redacted from the note', async () => {
    const url = `${stub.url}/${KEY}`;
    const run = await runCli([...GCORE, '--base-url', url], ENV);
    expect(run.stderr).toBe(endpointNote('gcore', `${stub.url}/[REDACTED]`));
    expectNoKey(run);
  });

  it('inventory: one note per endpoint however many scopes use it; the scope lines redact the credentials in a baseUrl', async () => {
    const failing = await startStub(() => ({ status: 500, body: JSON.stringify({ exception_class: 'InternalError', message: 'boom' }) }), { basePath: '*' });
    try {
      const withKey = `${failing.url}/${KEY}`;
      const scopes = [
        { vendor: 'gcore', projectId: 1, regionId: 1, baseUrl: stub.url },
        { vendor: 'gcore', projectId: 1, regionId: 2, baseUrl: stub.url },
        { vendor: 'gcore', projectId: 1, regionId: 3, baseUrl: withKey },
      ];
      const run = await runCli(['inventory', '--config', config({ scopes }), '--retries', '0'], ENV);
      expect(run.code).toBe(1);
      expect(run.stderr.startsWith(endpointNote('gcore', stub.url) + endpointNote('gcore', `${failing.url}/[REDACTED]`))).toBe(true);
      expect(afterEndpointNotes(run.stderr)).toMatch(/^error: scope 2 \(gcore projectId=1 regionId=3 baseUrl=http:\/\/127\.0\.0\.1:\d+\/\[REDACTED\]\): HTTP 500 InternalError: boom\n/);
      expectNoKey(run);
    } finally {
      await failing.close();
    }
  });
});
