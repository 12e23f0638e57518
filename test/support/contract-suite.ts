// One contract suite per operation against the Prism mock of its spec: a case for the 200 and for
// EVERY error status the spec declares (read from specs/<vendor>/openapi.yaml, so a status added to a spec
// becomes a case) and every named example. Each case checks that the typed `data`/`error` equals the
// declared example, that Prism saw no request or response violation (no `sl-violations` header), that
// exactly one attempt went out to the expected URL and that it carried the vendor's auth headers.
import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../../src/index.js';
import { declaredResponses, recordingFetch, type SentRequest, type SpecVendor } from '../clients/helpers.js';

export interface ContractCall {
  fetch: FetchLike;
  headers: Record<string, string>;
  retries?: number;
  random?: () => number;
  clock?: () => number;
}

export interface ContractOperation {
  /** Test label: `<vendor> <operationId>`. */
  name: string;
  vendor: SpecVendor;
  path: string;
  /** Path and query the call must send to the mock. */
  expectedTarget: string;
  call(options: ContractCall): Promise<{ data?: unknown; error?: unknown; response: Response }>;
  checkAuth(sent: SentRequest): void;
}

const retryable = (status: number) => status === 408 || status === 429 || status >= 500;

export function contractSuite(op: ContractOperation): void {
  const cases: { label: string; status: number; prefer: string; example: unknown }[] = [];
  for (const { status, examples } of declaredResponses(op.vendor, op.path)) {
    if (examples.length === 0) throw new Error(`${op.name} ${status}: no example declared`);
    examples.forEach((example, i) => {
      cases.push({
        label: `${status}${example.name === undefined ? '' : ` (${example.name})`}`,
        status,
        prefer: i === 0 ? `code=${status}` : `code=${status}, example=${example.name}`,
        example: example.value,
      });
    });
  }

  describe(`${op.name} against the Prism mock`, () => {
    it('the spec declares a 200 and error statuses', () => {
      const statuses = cases.map((c) => c.status);
      expect(statuses).toContain(200);
      expect(statuses.filter((s) => s >= 400).length).toBeGreaterThanOrEqual(5);
    });

    for (const { label, status, prefer, example } of cases) it(label, async () => {
      const recorder = recordingFetch();
      const { data, error, response } = await op.call({ fetch: recorder.fetch, headers: { Prefer: prefer }, ...(retryable(status) ? { retries: 0 } : {}) });
      expect(response.status).toBe(status);
      expect(response.headers.get('sl-violations')).toBeNull();
      if (status < 300) {
        expect(error).toBeUndefined();
        expect(data).toEqual(example);
      } else {
        expect(data).toBeUndefined();
        expect(error).toEqual(example);
      }
      expect(recorder.sent).toHaveLength(1);
      const [sent] = recorder.sent as [SentRequest];
      expect(sent.method).toBe('GET');
      const url = new URL(sent.url);
      expect(url.pathname + url.search).toBe(op.expectedTarget);
      op.checkAuth(sent);
    });
  });
}

/** The request as the verifier reads it from the wire. */
export function wireRequest(sent: SentRequest) {
  const url = new URL(sent.url);
  const headers: Record<string, string> = { host: url.host };
  sent.headers.forEach((value, name) => (headers[name] = value));
  return { method: sent.method, target: url.pathname + url.search, headers, body: new Uint8Array() };
}
