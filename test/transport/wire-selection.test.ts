// Which wire sends: on Node, undici's dispatcher unless the caller passes `fetch` (then exactly that fetch).
// Both hand back the body bytes exactly; undici keeps connections alive and reuses them, without keeping a
// finished process alive.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createVercelClient } from '../../src/vercel.js';
import { PreparedRequest, createTransport } from '../../src/transport.js';
import { runCli } from '../support/cli-runner.js';
import { startFaultServer, type FaultServer } from '../support/fault-server.js';
import { WIRES } from './wires.js';

let server: FaultServer;
beforeAll(async () => {
  // Idle connections stay open for a minute: a client that kept its process alive for them would show.
  server = await startFaultServer({ maxRequests: 200, keepAliveMs: 60_000 });
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

let seq = 0;
const unique = (route: string) => `/${route}/w${++seq}`;

describe('wire selection on Node', () => {
  it('the default transport does not call globalThis.fetch (undici sends)', async () => {
    const spy = vi.spyOn(globalThis, 'fetch');
    const res = await createTransport({ vendor: 'gcore' })(new PreparedRequest(`${server.url}${unique('ok')}`, { method: 'GET' }));
    expect(res.status).toBe(200);
    expect(spy).not.toHaveBeenCalled();
  });

  it('a caller who passes fetch gets exactly that fetch, once per attempt', async () => {
    const calls: string[] = [];
    const fetch = (input: string | URL | Request, init?: RequestInit) => {
      calls.push(String(input instanceof Request ? input.url : input));
      return globalThis.fetch(input, init);
    };
    const path = unique('flaky/1');
    const res = await createTransport({ vendor: 'gcore', fetch, random: () => 0 })(new PreparedRequest(`${server.url}${path}`, { method: 'GET' }));
    expect(res.status).toBe(200);
    expect(calls).toEqual([`${server.url}${path}`, `${server.url}${path}`]);
  });

  it('undici keeps connections alive: sequential calls of one client reuse them', async () => {
    const client = createVercelClient({ token: 'tok', baseUrl: server.url });
    const before = server.requests.length;
    for (let i = 0; i < 8; i++) {
      const { response } = await client.GET('/v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}', { params: { path: { idOrName: 'r', imageIdOrDigest: `i${i}` }, query: { projectId: 'p' } } });
      expect(response.status).toBe(404); // the fault server knows no such route; the connection is what counts
    }
    // undici may open a second connection while the first is being released (its own request() does too).
    const ports = new Set(server.requests.slice(before).map((r) => r.remotePort));
    expect(ports.size).toBeLessThanOrEqual(2);
  });

  it('the CLI exits as soon as its work is done, although the server keeps the connection open', async () => {
    const run = await runCli(['get', 'vercel', '--repository', 'r', '--image', 'i', '--project-id', 'p', '--base-url', server.url, '--retries', '0'], { VERCEL_TOKEN: 'tok' });
    // 404 from the fault server: exit 1 with the error printed; above all, the process ended on its own
    // (runCli fails after 30 s, the connection would stay open for 60 s).
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('404');
  });
});

describe.each(WIRES)('body bytes (%s wire)', (_wire, wireFetch) => {
  it('arrayBuffer() and bytes() hold exactly the body, nothing of the socket buffer around it', async () => {
    const t = createTransport({ vendor: 'gcore', fetch: wireFetch });
    const path = unique('ok');
    const expected = JSON.stringify({ ok: true, path });
    const a = await t(new PreparedRequest(`${server.url}${path}`, { method: 'GET' }));
    expect(new TextDecoder().decode(await a.arrayBuffer())).toBe(expected);
    const b = await t(new PreparedRequest(`${server.url}${path}`, { method: 'GET' }));
    expect(new TextDecoder().decode(await b.bytes())).toBe(expected);
    const c = await t(new PreparedRequest(`${server.url}${path}`, { method: 'GET' }));
    expect(await c.clone().text()).toBe(expected);
    expect(new TextDecoder().decode(await c.arrayBuffer())).toBe(expected);
  });
});
