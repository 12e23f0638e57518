// A fetch stand-in for facade tests: answers from a function, records every request, never touches the network.
// Every answer goes through the spec check (spec-conformance.ts) for the vendor operation at the request's
// path: one off its vendor's spec is recorded (the test fails) and answered as a 500 saying why. An answer that
// is off the spec on purpose carries `offSpec(reason)`.
import { conformingAnswer, warmUp, type OffSpec } from './spec-conformance.js';

export interface Recorded {
  url: URL;
  headers: Headers;
}

export type Answer =
  | { status?: number; body?: string | Uint8Array<ArrayBuffer>; headers?: Record<string, string>; offSpec?: OffSpec }
  | Error;

export interface FakeFetchOptions {
  /** The fake also answers paths that are no vendor operation, for this reason (otherwise such an answer is a violation). */
  unspecified?: string;
}

export function fakeFetch(answer: (url: URL, count: number) => Answer, options: FakeFetchOptions = {}) {
  const requests: Recorded[] = [];
  warmUp();
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    requests.push({ url, headers: new Headers(init?.headers) });
    const a = answer(url, requests.length);
    if (a instanceof Error) throw a;
    const headers: Record<string, string> = { 'content-type': 'application/json', ...a.headers };
    const checked = conformingAnswer({
      method,
      path: url.pathname,
      status: a.status ?? 200,
      bodyText: a.body ?? '',
      contentType: Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1],
      offSpec: a.offSpec,
      unspecified: options.unspecified,
    });
    if (!checked.ok) return new Response(JSON.stringify(checked.body), { status: checked.status, headers: { 'content-type': 'application/json' } });
    return new Response(a.body ?? null, { status: a.status ?? 200, headers });
  };
  return { fetch, requests };
}

/** Always the same JSON answer (`body` is serialized). */
export function jsonFetch(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return fakeFetch(() => ({ status, body: JSON.stringify(body), headers }));
}
