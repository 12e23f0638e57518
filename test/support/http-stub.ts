// A tiny local HTTP server for CLI tests: answers every request with what `answer` says and counts requests.
// Every answer goes through the spec check (spec-conformance.ts) for the vendor operation at the request's
// path: one off its vendor's spec is recorded (the test fails) and sent as a 500 saying why. An answer that is
// off the spec on purpose carries `offSpec(reason)`; a stub that answers paths of no vendor operation says so
// with `unspecified`.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { conformingAnswer, warmUp, type OffSpec } from './spec-conformance.js';

export interface StubAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** This answer is off the vendor's spec on purpose. */
  offSpec?: OffSpec;
}

export interface HttpStub {
  url: string;
  requests: { method: string; url: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

export interface StubOptions {
  /** Why the stub answers requests to paths that are no vendor operation (otherwise each such answer is a violation). */
  unspecified?: string;
  /** Where to listen (default 127.0.0.1; `url` always names 127.0.0.1). */
  host?: string;
  /** A path prefix before the vendor's operation paths (as a client's baseUrl with a path puts it; `*`: any). */
  basePath?: string;
}

export async function startStub(answer: (req: IncomingMessage) => StubAnswer = () => ({ body: '{}' }), options: StubOptions = {}): Promise<HttpStub> {
  const host = options.host ?? '127.0.0.1';
  const requests: HttpStub['requests'] = [];
  warmUp();
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const a = answer(req);
    const headers: Record<string, string> = { 'content-type': 'application/json', ...a.headers };
    const checked = conformingAnswer({
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      status: a.status ?? 200,
      bodyText: a.body ?? '',
      contentType: Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1],
      offSpec: a.offSpec,
      unspecified: options.unspecified,
      basePath: options.basePath,
    });
    if (!checked.ok) {
      res.writeHead(checked.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(checked.body));
      return;
    }
    res.writeHead(a.status ?? 200, headers);
    res.end(a.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A local port nobody listens on (bound, then released). */
export async function closedPortUrl(): Promise<string> {
  const stub = await startStub(() => ({}), { unspecified: 'bound only to find a free port; never asked' });
  await stub.close();
  return stub.url;
}
