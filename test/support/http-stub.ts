// A tiny local HTTP server for CLI tests: answers every request with what `answer` says and counts requests.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface HttpStub {
  url: string;
  requests: { method: string; url: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

/** `host`: where to listen (default 127.0.0.1; `url` always names 127.0.0.1). */
export async function startStub(answer: (req: IncomingMessage) => StubAnswer = () => ({ body: '{}' }), { host = '127.0.0.1' } = {}): Promise<HttpStub> {
  const requests: HttpStub['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const a = answer(req);
    res.writeHead(a.status ?? 200, { 'content-type': 'application/json', ...a.headers });
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
  const stub = await startStub();
  await stub.close();
  return stub.url;
}
