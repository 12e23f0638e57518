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
