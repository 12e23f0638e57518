// `--json` prints the vendor's JSON body as received, and nothing else: a 2xx body that is not declared JSON,
// does not parse or is not UTF-8 is a parse error (exit 1, nothing on stdout). On a terminal nothing in the
// body can drive it: controls inside strings are escaped (the JSON means the same), CR whitespace dropped.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main, type CliIo } from '../../src/cli.js';
import { afterEndpointNotes } from '../support/cli-runner.js';
import { conformingAnswer, offSpec, type OffSpec } from '../support/spec-conformance.js';
import { gcoreImage } from '../support/vendor-bodies.js';

interface Answer {
  headers: Record<string, string>;
  body: Buffer;
  offSpec?: OffSpec | undefined;
}
let answer: Answer = { headers: {}, body: Buffer.alloc(0) };

/** The pages --json must refuse are not the vendor's JSON, on purpose. */
const NOT_VENDOR_JSON = offSpec('2xx bodies that are not the vendor’s JSON (HTML with escapes, mislabelled, no content type, malformed, not UTF-8): --json must refuse them');
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  // Plain node:http so that a response can also come without any Content-Type. Answers go through the spec check.
  server = createServer((req, res) => {
    const checked = conformingAnswer({
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      status: 200,
      bodyText: answer.body,
      contentType: answer.headers['content-type'] ?? '',
      offSpec: answer.offSpec,
    });
    if (!checked.ok) {
      res.writeHead(checked.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(checked.body));
      return;
    }
    res.writeHead(200, answer.headers);
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  vi.stubEnv('GCORE_API_KEY', 'cli-json-test-key');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

function serve(contentType: string | undefined, body: string | Buffer, marker?: OffSpec): void {
  answer = { headers: contentType === undefined ? {} : { 'content-type': contentType }, body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'), offSpec: marker };
}

async function cli(isTTY: boolean, ...extra: string[]) {
  const out: Buffer[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: { write: (chunk) => out.push(Buffer.from(chunk)), isTTY },
    stderr: { write: (chunk) => err.push(chunk) },
    env: {},
  };
  const args = ['get', 'gcore', '--project-id', '1', '--region-id', '7', '--image', 'img', '--base-url', baseUrl, '--retries', '0', ...extra];
  const code = await main(args, io);
  return { code, stdout: Buffer.concat(out), stderr: afterEndpointNotes(err.join('')) };
}

/** ESC, CSI and the other C0/C1 controls a terminal acts on (tab and line feed are fine). */
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('--json prints only a JSON body', () => {
  const hostilePage = '<html>\u001b]0;pwned\u0007\u001b[2J\u001b[31mHi\u009b31m</html>';

  it.each([
    ['an HTML page (with escape sequences)', 'text/html; charset=utf-8', hostilePage, /content type text\/html; charset=utf-8, not JSON/],
    ['JSON declared as text/plain', 'text/plain', '{"id":"img"}', /content type text\/plain, not JSON/],
    ['no content type', undefined, '{"id":"img"}', /no content type, not JSON/],
    ['malformed JSON', 'application/json', '{"id": "img", \u001b[2J', /not valid JSON/],
    ['JSON that is not UTF-8', 'application/json', Buffer.from([0x7b, 0x22, 0x69, 0x22, 0x3a, 0x22, 0xff, 0x9b, 0x22, 0x7d]), /not valid JSON/],
  ])('%s: exit 1, nothing on stdout, no control sequence on stderr', async (_label, contentType, body, message) => {
    serve(contentType, body, NOT_VENDOR_JSON);
    for (const isTTY of [false, true]) {
      const run = await cli(isTTY, '--json');
      expect(run.code).toBe(1);
      expect(run.stdout.length).toBe(0);
      expect(run.stderr).toMatch(/^error: HTTP 200: response body /);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(TERMINAL_CONTROLS);
    }
  });

  it('the summary refuses the same HTML page (both outputs agree)', async () => {
    serve('text/html', hostilePage, NOT_VENDOR_JSON);
    const run = await cli(false, '--format', 'json');
    expect(run.code).toBe(1);
    expect(run.stdout.length).toBe(0);
  });

  it('a JSON body with controls inside strings: piped byte for byte; a terminal gets the same JSON, escaped', async () => {
    // Gcore's image (every required property) whose name holds controls, with a CR LF between members.
    const { name: _name, ...rest } = gcoreImage();
    const body = Buffer.from(`{"name":"img\u009b2J\u007f\u202ex",\r\n${JSON.stringify(rest).slice(1)}`, 'utf8');
    serve('application/json; charset=utf-8', body);
    const piped = await cli(false, '--json');
    expect(piped.code).toBe(0);
    expect(piped.stdout.equals(body)).toBe(true);

    const tty = await cli(true, '--json');
    expect(tty.code).toBe(0);
    const shown = tty.stdout.toString('utf8');
    expect(shown).not.toMatch(TERMINAL_CONTROLS);
    expect(shown).not.toContain('\r');
    expect(shown.endsWith('\n')).toBe(true);
    expect(JSON.parse(shown)).toEqual(JSON.parse(body.toString('utf8')));
  });
});
