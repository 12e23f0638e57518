// A local HTTP server that serves paged listings the way the vendors page them, with the faults paging
// must survive: wrong totals, capped page sizes, a server that ignores the position, a cursor that loops,
// transient errors, a page that never answers, a failing page. Optionally it verifies NAVER or Huawei
// signatures on every request (test/support/verifying-server.ts's independent verifiers).
//
// Modes and their wire format, as the vendors' specs (specs/<vendor>/openapi.yaml) write them:
//   cursor  `cursor` (opaque, here `c<offset>`), `limit`   → { <listKey>: [...], nextCursor? }         (Vercel)
//   page    `page` from 1, `pagesize`                      → { count, next, previous, <listKey>: [...] } (NAVER)
//           `count` the total; `next`/`previous` page NUMBERS (integers), null where there is none
//   offset  `offset`, `limit`                              → { total_num, <listKey>: [...] }            (Huawei)
//   single  `limit`/`offset` when sent (none: everything)  → { count, <listKey>: [...] }                (Gcore)
//           `count` the total
//
// Every answer goes through the spec check (spec-conformance.ts) for the operation at the request's path: an
// answer off the vendor's spec is recorded (the test fails) and sent as a 500 saying why. A listing or fault
// that is off the spec on purpose says so with `offSpec(reason)`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { conformingAnswer, vendorErrorBody, vendorOf, warmUp, type OffSpec } from './spec-conformance.js';
import type { Verdict, WireRequest } from './verifying-server.js';

export type PagingMode = 'cursor' | 'page' | 'offset' | 'single';

export interface Listing {
  mode: PagingMode;
  /** The body key holding the items (`images`, `results`, `data_list`, …). */
  listKey: string;
  /** How many items exist; `item(i)` builds the i-th. */
  count: number;
  item(i: number): unknown;
  /** Page size when the request names none (default 10). */
  pageSize?: number;
  /** Most items per page, whatever the request asks. */
  cap?: number;
  /** The total reported (`count` / `total_num`; default the truth); `null` leaves it out. */
  total?: number | null;
  /** Ignore the requested position: always serve the first page (its `next` still points on). */
  ignorePosition?: boolean;
  /** Cursor mode: from this page on (0-based), `nextCursor` points back to the second page. */
  loopFromPage?: number;
  /** Cursor/page modes: always announce a next page, even past the end. */
  endless?: boolean;
  /** Answers by request number to this listing (1-based): a status with a vendor error body, or `hang`. */
  faults?: Record<number, { status: number; body?: unknown; headers?: Record<string, string>; offSpec?: OffSpec } | 'hang'>;
  /** Every page of this listing is off the spec on purpose (e.g. a hostile item). */
  offSpec?: OffSpec;
}

export interface PagingRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  status: number;
}

export interface PagingServer {
  url: string;
  /** Every request, in arrival order. */
  requests: PagingRequest[];
  /** The requests whose path is `path`. */
  requestsTo(path: string): PagingRequest[];
  close(): Promise<void>;
}

export interface PagingServerOptions {
  /** Checks each request's signature; a failed verdict is answered as the gateway would. */
  verify?: ((request: WireRequest) => Verdict) | undefined;
}

/** `route` maps a request path to the listing served there (undefined: 404). */
export async function startPagingServer(route: (path: string) => Listing | undefined, options: PagingServerOptions = {}): Promise<PagingServer> {
  const requests: PagingRequest[] = [];
  const counts = new Map<string, number>();
  const hanging = new Set<ServerResponse>();
  warmUp();
  const server = createServer((req, res) => {
    const target = req.url ?? '/';
    const url = new URL(target, 'http://paging.test');
    const path = decodeURIComponent(url.pathname);
    const record = (status: number) => requests.push({ method: req.method ?? '', path, query: url.searchParams, headers: req.headers, status });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}, exempt: { offSpec?: OffSpec | undefined; unspecified?: string } = {}) => {
      // The raw (still percent-encoded) path, as the spec's templates match it.
      const answer = conformingAnswer({ method: req.method ?? 'GET', path: url.pathname, status, body, ...exempt });
      if (!answer.ok) [status, body] = [answer.status, answer.body];
      record(status);
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (options.verify !== undefined) {
      const verdict = options.verify({ method: req.method ?? 'GET', target, headers: req.headers, body: new Uint8Array(0) });
      if (!verdict.ok) return send(verdict.status, verdict.body);
    }
    const listing = route(path);
    if (listing === undefined) {
      const vendor = vendorOf(req.method ?? 'GET', url.pathname);
      if (vendor === undefined) return send(404, { message: `no listing at ${path}` }, {}, { unspecified: 'no listing here, and no vendor operation at this path' });
      return send(404, vendorErrorBody(vendor, vendor === 'huawei' ? 'APIG.0101' : 'NOT_FOUND', `no listing at ${path}`));
    }
    const n = (counts.get(path) ?? 0) + 1;
    counts.set(path, n);
    const fault = listing.faults?.[n];
    if (fault === 'hang') {
      record(0);
      hanging.add(res);
      return;
    }
    if (fault !== undefined) return send(fault.status, fault.body ?? {}, fault.headers, { offSpec: fault.offSpec });
    send(200, page(listing, url), {}, { offSpec: listing.offSpec });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestsTo: (path) => requests.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function page(listing: Listing, url: URL): Record<string, unknown> {
  const q = url.searchParams;
  const size = (name: string) => Math.min(Number(q.get(name) ?? listing.pageSize ?? 10), listing.cap ?? Infinity);
  const slice = (start: number, limit: number) => {
    const out: unknown[] = [];
    for (let i = start; i < Math.min(start + limit, listing.count); i++) out.push(listing.item(i));
    return out;
  };
  const total = listing.total === undefined ? listing.count : listing.total;
  switch (listing.mode) {
    case 'cursor': {
      const limit = size('limit');
      const cursor = q.get('cursor');
      const start = listing.ignorePosition || cursor === null ? 0 : Number(cursor.slice(1));
      const index = Math.floor(start / limit);
      const items = slice(start, limit);
      const more = listing.endless || start + items.length < listing.count;
      const next = listing.loopFromPage !== undefined && index >= listing.loopFromPage ? `c${limit}` : `c${start + items.length}`;
      return { [listing.listKey]: items, ...(more && { nextCursor: next }) };
    }
    case 'page': {
      const pagesize = size('pagesize');
      const number = listing.ignorePosition ? 1 : Number(q.get('page') ?? '1');
      const items = slice((number - 1) * pagesize, pagesize);
      const more = listing.endless || number * pagesize < listing.count;
      return {
        ...(total !== null && { count: total }),
        next: more ? number + 1 : null,
        previous: number > 1 ? number - 1 : null,
        [listing.listKey]: items,
      };
    }
    case 'offset': {
      const limit = size('limit');
      const offset = listing.ignorePosition ? 0 : Number(q.get('offset') ?? '0');
      return { ...(total !== null && { total_num: total }), [listing.listKey]: slice(offset, limit) };
    }
    case 'single': {
      // Gcore: everything in one answer, or the `limit`/`offset` window when the request names one.
      const offset = listing.ignorePosition ? 0 : Number(q.get('offset') ?? '0');
      const limit = Math.min(q.get('limit') === null ? listing.count : Number(q.get('limit')), listing.cap ?? Infinity);
      return { ...(total !== null && { count: total }), [listing.listKey]: slice(offset, limit) };
    }
  }
}
