// The CLI behind a proxy, as a child process: with HTTP_PROXY / HTTPS_PROXY (either spelling) every request
// goes through the proxy (a CONNECT tunnel), and the proxy alone is dialled; a NO_PROXY host is reached
// directly; a proxy variable that is not a URL is refused before anything is sent, without being quoted.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { afterEndpointNotes, runCli } from '../support/cli-runner.js';
import { startConnectProxy, type ConnectProxy } from '../support/connect-proxy.js';
import { startStub, type HttpStub } from '../support/http-stub.js';
import { gcoreImage } from '../support/vendor-bodies.js';

const KEY = 'cic-test-secret-gcore-proxy-M3n7';
const GCORE = ['get', 'gcore', '--project-id', '1', '--region-id', '7', '--image', 'img', '--retries', '0'];

let stub: HttpStub;
let proxy: ConnectProxy;
let target: string;
beforeAll(async () => {
  stub = await startStub((req) => (req.url?.startsWith('/cloud/v1/projectimages/') ? { body: JSON.stringify({ count: 1, results: [gcoreImage({ id: 'img-1' })] }) } : { body: JSON.stringify(gcoreImage({ id: 'img' })) }));
  target = stub.url.replace('http://', '');
});
afterAll(() => stub.close());
beforeEach(async () => {
  proxy = await startConnectProxy();
});
afterEach(() => proxy.close());

describe('through a proxy', () => {
  it.each(['HTTP_PROXY', 'http_proxy'])('%s: get goes through the proxy (exit 0)', async (name) => {
    const before = stub.requests.length;
    const run = await runCli([...GCORE, '--base-url', stub.url], { GCORE_API_KEY: KEY, [name]: proxy.url });
    expect(run.code).toBe(0);
    expect(proxy.connects.map((c) => c.target)).toEqual([target]);
    expect(stub.requests.slice(before).map((r) => r.headers['authorization'])).toEqual([`APIKey ${KEY}`]);
  });

  it('list and inventory go through it too', async () => {
    const list = await runCli(['list', 'gcore', '--project-id', '1', '--region-id', '7', '--base-url', stub.url], { GCORE_API_KEY: KEY, HTTP_PROXY: proxy.url });
    expect(list.code).toBe(0);
    const config = join(mkdtempSync(join(tmpdir(), 'proxy-')), 'inventory.json');
    writeFileSync(config, JSON.stringify({ scopes: [{ vendor: 'gcore', projectId: 1, regionId: 7, baseUrl: stub.url }] }));
    const inventory = await runCli(['inventory', '--config', config], { GCORE_API_KEY: KEY, HTTP_PROXY: proxy.url });
    expect(inventory.code).toBe(0);
    expect(proxy.connects.map((c) => c.target)).toEqual([target, target]);
  });

  it('HTTPS_PROXY: an https endpoint is reached only through a CONNECT to the proxy; the proxy never sees the key', async () => {
    const refusing = await startConnectProxy({ refuseWith: 403 });
    try {
      const run = await runCli([...GCORE, '--base-url', 'https://gcore.example.com'], { GCORE_API_KEY: KEY, HTTPS_PROXY: refusing.url });
      expect(run.code).toBe(3); // the proxy refused the tunnel
      expect(refusing.connects.map((c) => c.target)).toEqual(['gcore.example.com:443']);
      expect(JSON.stringify(refusing.connects)).not.toContain(KEY);
      expect(run.stdout + run.stderr).not.toContain(KEY);
    } finally {
      await refusing.close();
    }
  });

  it.each([
    ['NO_PROXY', '127.0.0.1'],
    ['no_proxy', 'example.com, 127.0.0.1'],
  ])('%s=%s: the host is reached directly', async (name, value) => {
    const before = stub.requests.length;
    const run = await runCli([...GCORE, '--base-url', stub.url], { GCORE_API_KEY: KEY, HTTP_PROXY: proxy.url, [name]: value });
    expect(run.code).toBe(0);
    expect(proxy.connects).toEqual([]);
    expect(stub.requests.length).toBe(before + 1);
  });

  it('no proxy variable: direct', async () => {
    const run = await runCli([...GCORE, '--base-url', stub.url], { GCORE_API_KEY: KEY });
    expect(run.code).toBe(0);
    expect(proxy.connects).toEqual([]);
  });

  it('a proxy password never shows, even when the proxy refuses', async () => {
    const refusing = await startConnectProxy({ refuseWith: 407 });
    try {
      const withPassword = refusing.url.replace('http://', 'http://user:proxy-pass-Q1w2e3r4t5y6@');
      const run = await runCli([...GCORE, '--base-url', stub.url], { GCORE_API_KEY: KEY, HTTP_PROXY: withPassword });
      expect(run.code).toBe(3);
      expect(refusing.connects[0]?.headers['proxy-authorization']).toBe(`Basic ${Buffer.from('user:proxy-pass-Q1w2e3r4t5y6').toString('base64')}`);
      expect(run.stderr).not.toContain('proxy-pass-Q1w2e3r4t5y6');
    } finally {
      await refusing.close();
    }
  });

  it.each(['HTTPS_PROXY', 'HTTP_PROXY'])('%s that is not a URL: exit 2, not quoted, nothing sent', async (name) => {
    const before = stub.requests.length;
    const run = await runCli([...GCORE, '--base-url', stub.url], { GCORE_API_KEY: KEY, [name]: 'proxy-pass-Q1w2e3r4t5y6' });
    expect(run.code).toBe(2);
    expect(afterEndpointNotes(run.stderr)).toBe(`error: ${name} must be a proxy URL like http://proxy.example:3128\n`);
    expect(run.stderr).not.toContain('proxy-pass');
    expect(stub.requests.length).toBe(before);
  });
});
