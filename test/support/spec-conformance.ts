// The fakes' spec check for the tests: spec-conformance-core.mjs (shared with the bench's plain-node servers),
// plus what a test needs around it. Every test file runs with conformance-setup.ts, which fails the test during
// which a fake answered off the spec, even when the client under test swallowed the fake's 500.
export {
  VENDORS,
  SpecViolation,
  checkResponse,
  conformingAnswer,
  exampleFor,
  findOperation,
  isOffSpec,
  offSpec,
  offSpecUses,
  recordViolation,
  schemaExamples,
  samplePath,
  specExamples,
  takeViolations,
  validateAt,
  vendorErrorBody,
  vendorOf,
  violations,
  warmUp,
  type CheckResult,
  type Exchange,
  type OffSpec,
  type Operation,
  type SpecVendor,
} from './spec-conformance-core.mjs';
import type { FetchLike } from '../../src/types.js';
import { conformingAnswer, exampleFor, findOperation, takeViolations, warmUp, type OffSpec } from './spec-conformance-core.mjs';

export interface ConformanceOptions {
  /** Every answer is off the spec on purpose. */
  offSpec?: OffSpec | undefined;
  /** Why answers to paths that are no vendor operation are not checked. */
  unspecified?: string | undefined;
  /** A prefix the fake's URLs carry before the vendor's paths (besides the specs' own server paths). */
  basePath?: string | undefined;
}

/**
 * A fake's Response, checked against the spec of the operation at `method url`: the Response itself when it
 * conforms (or is exempt), else the recorded violation's 500. The body is read from a clone, and not at all
 * when the answer is exempt (`offSpec`, or `unspecified` on a path of no operation): a body that stalls on
 * purpose stays untouched.
 */
export async function conformingResponse(method: string, url: string | URL, response: Response, options: ConformanceOptions = {}): Promise<Response> {
  const path = new URL(url).pathname;
  const base = { method, path, status: response.status, offSpec: options.offSpec, unspecified: options.unspecified, basePath: options.basePath };
  const contentType = response.headers.get('content-type') ?? undefined;
  const exempt = options.offSpec !== undefined || (options.unspecified !== undefined && findOperation(undefined, method, path, options.basePath) === undefined);
  const bodyText = exempt ? '' : await response.clone().text();
  const answer = conformingAnswer({ ...base, bodyText, contentType });
  if (answer.ok) return response;
  return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
}

/** Wraps a fake fetch so that every Response it answers goes through {@link conformingResponse}. */
export function conformingFetch(fake: FetchLike, options: ConformanceOptions = {}): FetchLike {
  warmUp();
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    return conformingResponse(method, url, await fake(input, init), options);
  };
}

/** The spec's own example for the operation at `method url` (default: its 200), as a JSON Response (what Prism would serve). */
export function exampleResponse(
  method: string,
  url: string | URL,
  { status = 200, headers = {}, basePath = '' }: { status?: number; headers?: Record<string, string>; basePath?: string } = {},
): Response {
  const value = exampleFor(undefined, method, new URL(url).pathname, status, basePath);
  if (value === undefined) throw new Error(`no ${status} example in any spec for ${method} ${String(url)}`);
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** Throws one error naming every violation recorded since the last call (and clears them). */
export function assertNoViolations(when = 'this test'): void {
  const found = takeViolations();
  if (found.length === 0) return;
  const lines = found.slice(0, 10).map((v) => `  - ${v.message}`);
  if (found.length > 10) lines.push(`  … and ${found.length - 10} more`);
  throw new Error(`A fake answered off its vendor's spec during ${when} (${found.length}):\n${lines.join('\n')}`);
}
