// Through the CLI, as a user runs it: a Huawei IAM token of real size (several KB) that the server echoes in
// its 401 body never reaches stdout or stderr, not even a 32-character piece of it, and the exit code is 1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterEndpointNotes, endpointNote, runCli } from '../support/cli-runner.js';
import { startStub, type HttpStub } from '../support/http-stub.js';
import { longToken, shownFragment } from '../support/long-secret.js';

const token = longToken(6_000);
let stub: HttpStub;

beforeAll(async () => {
  stub = await startStub((req) => {
    const sent = String(req.headers['x-auth-token'] ?? '');
    return {
      status: 401,
      headers: { 'x-request-id': 'req-echo' },
      body: JSON.stringify({
        error_code: 'APIGW.0301',
        error_msg: `Incorrect IAM authentication information: token ${sent} is expired`,
        request: { headers: { 'X-Auth-Token': sent } },
      }),
    };
  });
});
afterAll(async () => {
  await stub.close();
});

describe('a long token echoed by the server, through the CLI', () => {
  for (const output of [[], ['--json'], ['--format', 'table']]) {
    it(`get huawei ${output.join(' ') || '(summary)'}: exit 1, no 32-character piece of the token on stdout or stderr`, async () => {
      const before = stub.requests.length;
      const run = await runCli(
        ['get', 'huawei', '--project-id', 'p', '--image', 'i', '--image-type', 'cicd', '--base-url', stub.url, '--retries', '0', ...output],
        { HUAWEICLOUD_SDK_TOKEN: token },
      );
      expect(stub.requests.length).toBe(before + 1);
      expect(stub.requests.at(-1)?.headers['x-auth-token']).toBe(token);
      expect(run.code).toBe(1);
      expect(run.stderr.startsWith(endpointNote('huawei', stub.url))).toBe(true);
      expect(afterEndpointNotes(run.stderr)).toMatch(/^error: HTTP 401 APIGW\.0301: Incorrect IAM authentication information: token \[REDACTED\] is expired \(request id: req-echo\)\n$/);
      expect(shownFragment(run.stdout, token)).toBeUndefined();
      expect(shownFragment(run.stderr, token)).toBeUndefined();
    });
  }
});

describe('encoded and split echoes of a token, through the CLI', () => {
  const key = 'cic-test-secret-gcore-echo-Hn4Tq8Wz2Lp6';
  const spellings = {
    base64: Buffer.from(`APIKey ${key}`).toString('base64'),
    base64url: Buffer.from(key).toString('base64url'),
    hex: Buffer.from(key).toString('hex'),
    split: key.match(/.{1,4}/g)?.join(' ') ?? key,
  };
  let echo: HttpStub;
  beforeAll(async () => {
    echo = await startStub(() => ({
      status: 403,
      body: JSON.stringify({ exception_class: 'Forbidden', message: `key ${spellings.split} refused; saw ${spellings.base64}`, debug: spellings }),
    }));
  });
  afterAll(() => echo.close());

  for (const output of [[], ['--json']]) {
    it(`get gcore ${output.join(' ') || '(summary)'}: exit 1, none of them on stdout or stderr`, async () => {
      const run = await runCli(['get', 'gcore', '--project-id', '1', '--region-id', '7', '--image', 'i', '--base-url', echo.url, '--retries', '0', ...output], { GCORE_API_KEY: key });
      expect(run.code).toBe(1);
      expect(afterEndpointNotes(run.stderr)).toBe('error: HTTP 403 Forbidden: key [REDACTED] refused; saw [REDACTED]\n');
      for (const spelling of [key, ...Object.values(spellings)]) {
        const compact = spelling.replace(/\s/g, '');
        expect(shownFragment((run.stdout + run.stderr).replace(/\s/g, ''), compact, 16)).toBeUndefined();
      }
    });
  }
});
