// A real local HTTP server that misbehaves on purpose, for transport tests. It listens on 127.0.0.1, port 0,
// is bounded in requests and in lifetime (it closes itself), and counts what it receives per path so tests
// can assert how many attempts reached the wire.
//
// Routes (the path after the route name is free: use a unique suffix per test so counters do not mix):
//   /ok/...                     200 {"ok":true,"path":...}
//   /echo/...                   200 JSON of the received method, url, headers and body
//   /reset/...                  destroys the socket without answering (connection reset)
//   /flaky/<n>/...              503 JSON for the first <n> requests to that exact path, then 200
//   /retry-after/<value>/...    first request: 429 with `Retry-After: <value>` (URL-decoded; seconds or an
//                               HTTP-date), then 200. `/retry-after/in-ms-<ms>/...` sends an HTTP-date <ms> ahead.
//   /hang-headers/...           never answers (headers never sent)
//   /hang-body/...              200 with Content-Length 1000, sends 10 bytes, then nothing; `x-request-id` echoes
//                               the request's `x-echo-id` header (a server that reflects what it was sent)
//   /truncated/...              200 JSON, Content-Length 1000, sends 100 bytes, then destroys the socket
//   /html-502/...               502 text/html error page (a proxy)
//   /malformed/...              200 application/json whose body is not JSON
//   /empty-json/...             200 application/json with an empty body
//   /huge/...                   200 application/json, chunked, streams 50 MiB with backpressure (counts bytes written)
//   /huge-declared/...          200 with Content-Length 50 MiB, then streams (counts bytes written)
//   /slow/<ms>/...              200 after <ms>
//   /status/<code>/...          <code> with the JSON body given as `?body=` (URL-encoded) and `x-request-id: req-<n>`
//   /redirect/<status>/...      <status> with `Location: <to>` (`?to=` URL-encoded) and a small JSON body
//   /skew/...                   NAVER-style gateway whose clock is `skewMs` ahead: a request whose
//                               `x-ncp-apigw-timestamp` is more than 5 minutes away gets 401
//                               {"error":{"errorCode":"200","message":"Authentication Failed",...}} + Date; else 200.
//   anything else               404 in the shape of the vendor whose operation the path is (a generic one otherwise)
//
// The spec check (spec-conformance.ts): the routes are transport behaviours, not vendor operations. A route's
// answer to a path that is no vendor operation is declared `unspecified`; where the path after the route (a
// client's base URL pointing at a route) is a vendor operation, the ok/echo/slow answers are checked against
// it and the faults are `offSpec` (broken on purpose). The 404 for an unknown route is checked like any answer.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { conformingAnswer, findOperation, offSpec, vendorErrorBody, warmUp, type Exchange } from './spec-conformance.js';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The client's port: the same one for requests over one kept-alive connection. */
  remotePort: number | undefined;
}

export interface FaultServerOptions {
  /** The server closes itself after this many requests (default 500). */
  maxRequests?: number;
  /** The server closes itself after this many ms (default 60 000). */
  lifetimeMs?: number;
  /** How far the `/skew` gateway's clock is ahead of the real one (default 10 minutes). */
  skewMs?: number;
  /** How long an idle kept-alive connection stays open (default Node's 5 s; announced in `Keep-Alive`). */
  keepAliveMs?: number;
}

export interface FaultServer {
  readonly url: string;
  /** Requests received on this exact path (no query). */
  hits(path: string): number;
  /** Bytes the `/huge*` routes wrote for this path. */
  bytesWritten(path: string): number;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  close(): Promise<void>;
}

const MiB = 1024 * 1024;

/** Routes whose answers are plain successes: checked when the path is a vendor operation. */
const PLAIN_ROUTES = new Set(['ok', 'echo', 'slow']);
/** One reasoned exemption for every fault route's answer to a vendor operation. */
const TRANSPORT_FAULT = offSpec('the fault server: a transport fault on purpose (reset, hang, truncated, HTML, not JSON, redirect, 5xx, 429, skew, chosen status and body)');

export async function startFaultServer(options: FaultServerOptions = {}): Promise<FaultServer> {
  const maxRequests = options.maxRequests ?? 500;
  const lifetimeMs = options.lifetimeMs ?? 60_000;
  const skewMs = options.skewMs ?? 10 * 60_000;
  const counts = new Map<string, number>();
  const written = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  let total = 0;
  let closed = false;
  warmUp();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      total++;
      const url = new URL(req.url ?? '/', 'http://fault.local');
      const path = url.pathname;
      const n = (counts.get(path) ?? 0) + 1;
      counts.set(path, n);
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: { ...req.headers }, body, remotePort: req.socket.remotePort });
      if (total > maxRequests) {
        res.writeHead(503, { connection: 'close' }).end();
        void close();
        return;
      }
      route(req, res, url, n, body);
    });
  });

  /** The spec check's view of an answer on `path` (see the header). */
  function exemption(method: string, path: string): Pick<Exchange, 'offSpec' | 'unspecified' | 'basePath'> {
    const name = path.split('/')[1] ?? '';
    if (findOperation(undefined, method, path) !== undefined) return {}; // a vendor operation itself (no route): checked
    if (findOperation(undefined, method, path, '*') === undefined) return { unspecified: `the fault server's /${name} route, no vendor operation` };
    return PLAIN_ROUTES.has(name) ? { basePath: '*' } : { offSpec: TRANSPORT_FAULT };
  }

  /** Passes an answer through the spec check (every non-JSON or hand-written answer is a fault, see `exemption`). */
  function checked(req: IncomingMessage, path: string, status: number, body: unknown): [number, unknown] {
    const answer = conformingAnswer({ method: req.method ?? 'GET', path, status, body, ...exemption(req.method ?? 'GET', path) });
    return answer.ok ? [status, body] : [answer.status, answer.body];
  }

  function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
    const req = res.req;
    [status, value] = checked(req, new URL(req.url ?? '/', 'http://fault.local').pathname, status, value);
    const text = JSON.stringify(value);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
  }

  function stream(res: ServerResponse, path: string, totalBytes: number): void {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < totalBytes && !res.destroyed) {
        sent += chunk.length;
        written.set(path, sent);
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    res.on('close', () => written.set(path, sent));
    pump();
  }

  function route(req: IncomingMessage, res: ServerResponse, url: URL, n: number, body: string): void {
    const path = url.pathname;
    const [, name = '', arg = ''] = path.split('/');
    // The answers not written by json(): checked (i.e. exempted, or failed) here, before anything is sent.
    const RAW = ['reset', 'hang-headers', 'hang-body', 'truncated', 'html-502', 'malformed', 'empty-json', 'huge', 'huge-declared', 'status', 'redirect'];
    if (RAW.includes(name)) {
      const answer = conformingAnswer({ method: req.method ?? 'GET', path, status: 200, ...exemption(req.method ?? 'GET', path) });
      if (!answer.ok) return json(res, answer.status, answer.body);
    }
    switch (name) {
      case 'ok':
        return json(res, 200, { ok: true, path });
      case 'echo':
        return json(res, 200, { method: req.method, url: req.url, headers: req.headers, body });
      case 'reset':
        req.socket.destroy();
        return;
      case 'flaky':
        if (n <= Number(arg)) return json(res, 503, { error: { code: 'unavailable', message: 'try again' } });
        return json(res, 200, { ok: true, attempt: n });
      case 'retry-after': {
        if (n > 1) return json(res, 200, { ok: true, attempt: n });
        const value = decodeURIComponent(arg);
        const header = value.startsWith('in-ms-') ? new Date(Date.now() + Number(value.slice(6))).toUTCString() : value;
        return json(res, 429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'retry-after': header });
      }
      case 'hang-headers':
        return; // never answer; closed with the server
      case 'hang-body':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000', 'x-request-id': String(req.headers['x-echo-id'] ?? 'hang-body') });
        res.write('{"partial":');
        return;
      case 'truncated':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write(`{"data":"${'x'.repeat(88)}`);
        setTimeout(() => res.socket?.destroy(), 10);
        return;
      case 'html-502': {
        const page = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>';
        res.writeHead(502, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(page) });
        res.end(page);
        return;
      }
      case 'malformed': {
        const text = '{"id": "img_1", "name": ';
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
        return;
      }
      case 'empty-json':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '0' });
        res.end();
        return;
      case 'huge':
        res.writeHead(200, { 'content-type': 'application/json' });
        return stream(res, path, 50 * MiB);
      case 'huge-declared':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(50 * MiB) });
        return stream(res, path, 50 * MiB);
      case 'slow': {
        const timer = setTimeout(() => json(res, 200, { ok: true }), Number(arg));
        res.on('close', () => clearTimeout(timer));
        return;
      }
      case 'status': {
        const text = url.searchParams.get('body') ?? '';
        res.writeHead(Number(arg), { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-request-id': `req-${n}` });
        res.end(text);
        return;
      }
      case 'redirect': {
        const text = JSON.stringify({ moved: true });
        res.writeHead(Number(arg), { location: url.searchParams.get('to') ?? '/', 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
        return;
      }
      case 'skew': {
        const serverNow = Date.now() + skewMs;
        const date = new Date(serverNow).toUTCString();
        const ts = Number(req.headers['x-ncp-apigw-timestamp']);
        if (!Number.isFinite(ts) || Math.abs(ts - serverNow) > 5 * 60_000) {
          return json(
            res,
            401,
            { error: { errorCode: '200', message: 'Authentication Failed', details: 'Invalid timestamp.' } },
            { date, 'x-ncp-trace-id': `trace-${n}` },
          );
        }
        return json(res, 200, { ok: true, attempt: n }, { date });
      }
      default: {
        const vendor = findOperation(undefined, req.method ?? 'GET', path)?.vendor;
        return json(res, 404, vendor === undefined ? { error: { code: 'not_found', message: `no route ${name}` } } : vendorErrorBody(vendor, 'not_found', `no route ${name}`));
      }
    }
  }

  if (options.keepAliveMs !== undefined) server.keepAliveTimeout = options.keepAliveMs;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.unref();
  const lifetime = setTimeout(() => void close(), lifetimeMs);
  lifetime.unref();

  function close(): Promise<void> {
    if (closed) return Promise.resolve();
    closed = true;
    clearTimeout(lifetime);
    return new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: (path) => counts.get(path) ?? 0,
    bytesWritten: (path) => written.get(path) ?? 0,
    requests,
    close,
  };
}
