// --timeout and --retries reach the transport: a hanging server times out (exit 3) within the bound, a
// failing one is retried exactly as asked, and bad values are usage errors with nothing sent.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-runner.js';
import { startStub, type HttpStub } from '../support/http-stub.js';

const ENV = { GCORE_API_KEY: 'cic-test-secret-gcore-flags-Z8' };
const GCORE = ['get', 'gcore', '--project-id', '1', '--region-id', '7', '--image', 'img'];

let unavailable: HttpStub;
let hanging: Server;
let hangingUrl: string;
let hangingRequests = 0;

beforeAll(async () => {
  // A 5xx Gcore documents for the operation: its 500 with the ErrorResponse body.
  unavailable = await startStub(() => ({ status: 500, body: '{"exception_class":"InternalServerError","message":"try later"}' }));
  hanging = createServer(() => {
    hangingRequests++; // never answers
  });
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  hangingUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await unavailable.close();
  hanging.closeAllConnections();
  await new Promise<void>((resolve) => hanging.close(() => resolve()));
});

describe('cloud-images --timeout / --retries', () => {
  it('--retries 0: a 500 is not retried (1 request, exit 1); --retries 3: 4 requests', async () => {
    const before = unavailable.requests.length;
    const once = await runCli([...GCORE, '--retries', '0', '--base-url', unavailable.url], ENV);
    expect(once.code).toBe(1);
    expect(once.stderr).toContain('HTTP 500');
    expect(unavailable.requests.length - before).toBe(1);

    const again = unavailable.requests.length;
    const four = await runCli([...GCORE, '--retries', '3', '--base-url', unavailable.url], ENV);
    expect(four.code).toBe(1);
    expect(unavailable.requests.length - again).toBe(4);
    for (const run of [once, four]) expect(run.stdout + run.stderr).not.toContain(ENV.GCORE_API_KEY);
  });

  it('--timeout 300 against a server that never answers: exit 3 well before the 30 s default', async () => {
    const started = Date.now();
    const run = await runCli([...GCORE, '--timeout', '300', '--retries', '0', '--base-url', hangingUrl], ENV);
    const elapsed = Date.now() - started;
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^error: .*tim/im);
    expect(hangingRequests).toBe(1);
    expect(elapsed).toBeLessThan(15_000); // process start included; the default timeout alone would be 30 s
  });

  it.each([
    ['--timeout', '0'],
    ['--timeout', 'soon'],
    ['--retries', '-1'],
    ['--retries', '11'],
    ['--retries', '1.5'],
  ])('%s %s is a usage error and nothing is sent', async (flag, value) => {
    const before = unavailable.requests.length;
    const run = await runCli([...GCORE, `${flag}=${value}`, '--base-url', unavailable.url], ENV);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`option ${flag}`);
    expect(unavailable.requests.length).toBe(before);
  });
});
