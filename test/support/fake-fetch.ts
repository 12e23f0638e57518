// A fetch stand-in for facade tests: answers from a function, records every request, never touches the network.
export interface Recorded {
  url: URL;
  headers: Headers;
}

export type Answer = { status?: number; body?: string | Uint8Array<ArrayBuffer>; headers?: Record<string, string> } | Error;

export function fakeFetch(answer: (url: URL, count: number) => Answer) {
  const requests: Recorded[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    requests.push({ url, headers: new Headers(init?.headers) });
    const a = answer(url, requests.length);
    if (a instanceof Error) throw a;
    return new Response(a.body ?? null, { status: a.status ?? 200, headers: { 'content-type': 'application/json', ...a.headers } });
  };
  return { fetch, requests };
}

/** Always the same JSON answer (`body` is serialized). */
export function jsonFetch(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return fakeFetch(() => ({ status, body: JSON.stringify(body), headers }));
}
