// Shared by the client tests: what a spec declares for an operation (statuses and their examples, $refs
// resolved), a fetch wrapper that records every attempt exactly as the transport hands it over, and the
// distinctive fake secrets the redaction checks look for.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { FetchLike } from '../../src/types.js';
import { renderings } from '../support/error-renderings.js';
import { conformingResponse, exampleResponse, type ConformanceOptions } from '../support/spec-conformance.js';

export { renderings };

export type SpecVendor = 'vercel' | 'gcore' | 'naver' | 'huawei';

export interface DeclaredExample {
  /** The example's name (`undefined` for a single `example:`). */
  name: string | undefined;
  value: unknown;
}

export interface DeclaredResponse {
  status: number;
  /** In document order: Prism serves the first one unless `Prefer: example=<name>` picks another. */
  examples: DeclaredExample[];
}

type Json = Record<string, unknown>;

const specs = new Map<SpecVendor, Json>();

function spec(vendor: SpecVendor): Json {
  let doc = specs.get(vendor);
  if (doc === undefined) {
    doc = parse(readFileSync(new URL(`../../specs/${vendor}/openapi.yaml`, import.meta.url), 'utf8')) as Json;
    specs.set(vendor, doc);
  }
  return doc;
}

/** Follows local `$ref`s (`#/components/...`) until a plain node is reached. */
function deref(doc: Json, node: unknown): Json {
  let current = node as Json;
  for (let depth = 0; typeof current?.['$ref'] === 'string'; depth++) {
    if (depth > 10) throw new Error('$ref cycle');
    const ref = current['$ref'] as string;
    if (!ref.startsWith('#/')) throw new Error(`non-local $ref ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((at, key) => (at as Json)[key], doc) as Json;
  }
  return current;
}

/** Every response status the spec declares for `GET <path>`, with its JSON examples. */
export function declaredResponses(vendor: SpecVendor, path: string): DeclaredResponse[] {
  const doc = spec(vendor);
  const operation = deref(doc, (doc['paths'] as Json)[path])['get'] as Json;
  const out: DeclaredResponse[] = [];
  for (const [status, raw] of Object.entries(operation['responses'] as Json)) {
    const response = deref(doc, raw);
    const media = ((response['content'] as Json | undefined)?.['application/json'] ?? {}) as Json;
    const examples: DeclaredExample[] = [];
    if (media['example'] !== undefined) examples.push({ name: undefined, value: media['example'] });
    for (const [name, example] of Object.entries((media['examples'] ?? {}) as Json)) {
      examples.push({ name, value: deref(doc, example)['value'] });
    }
    out.push({ status: Number(status), examples });
  }
  return out;
}

export function declaredErrors(vendor: SpecVendor, path: string): DeclaredResponse[] {
  return declaredResponses(vendor, path).filter((r) => r.status >= 400);
}

export function declared(vendor: SpecVendor, path: string, status: number): DeclaredResponse {
  const found = declaredResponses(vendor, path).find((r) => r.status === status);
  if (found === undefined) throw new Error(`${vendor} ${path} declares no ${status}`);
  return found;
}

// ---------------------------------------------------------------------------------------------------------

export interface SentRequest {
  method: string;
  url: string;
  /** A copy of the headers at the moment this attempt was handed to fetch (signature included). */
  headers: Headers;
}

export interface Recorder {
  fetch: FetchLike;
  sent: SentRequest[];
}

/**
 * Wraps a fetch (default: the real one) and records every call. `before(n)` may replace the n-th call
 * (1-based) with an answer or a thrown error, e.g. to fail the first attempt. A replacing answer is a fake's:
 * it goes through the spec check (`offSpec` / `unspecified` exempt it, see test/support/spec-conformance.ts);
 * what the inner fetch answers is the real server's, checked there.
 */
export function recordingFetch(
  options: { inner?: FetchLike; before?: (attempt: number, sent: SentRequest) => Response | Error | undefined } & ConformanceOptions = {},
): Recorder {
  const sent: SentRequest[] = [];
  const fetch: FetchLike = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers = new Headers(input instanceof Request ? input.headers : undefined);
    new Headers(init?.headers).forEach((value, name) => headers.set(name, value));
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const entry = { method, url, headers };
    sent.push(entry);
    const replaced = options.before?.(sent.length, entry);
    if (replaced instanceof Error) throw replaced;
    if (replaced !== undefined) return conformingResponse(method, url, replaced, options);
    return (options.inner ?? globalThis.fetch)(input, init);
  };
  return { fetch, sent };
}

/** Answers every call with the spec's own 200 example for the operation called (what a vendor would send). */
export function exampleFetch(basePath = ''): Recorder {
  return recordingFetch({ basePath, before: (_n, sent) => exampleResponse(sent.method, sent.url, { basePath }) });
}

/** A fetch that must never be called: it records, then fails the test loudly. */
export function forbiddenFetch(): Recorder {
  return recordingFetch({ before: () => new Error('fetch must not be called') });
}

// ---------------------------------------------------------------------------------------------------------

/** Distinctive fake secrets: any of these showing up in an error means a leak. */
export const FAKE = {
  vercelToken: 'vcl_FAKE-TOKEN-7d1c9e',
  gcoreKey: 'gck_FAKE-APIKEY-41b8aa',
  naverAccessKey: 'NCPFAKEACCESSKEY0A1B2C',
  naverSecretKey: 'ncp-FAKE-SECRET-9f8e7d6c5b4a',
  huaweiToken: 'MIIFAKE-IAM-TOKEN-3e5a77',
  huaweiAk: 'HWFAKEAK0123456789ZZ',
  huaweiSk: 'hw-FAKE-SK-a9b8c7d6e5f4a3b2c1',
  huaweiSecurityToken: 'sts-FAKE-SECURITY-TOKEN-c0ffee',
} as const;

export const ALL_SECRETS: readonly string[] = Object.values(FAKE);

export function leakedSecrets(err: unknown, secrets: readonly string[] = ALL_SECRETS): string[] {
  const leaks: string[] = [];
  for (const text of renderings(err)) for (const s of secrets) if (text.includes(s) && !leaks.includes(s)) leaks.push(s);
  return leaks;
}

/** Runs `fn` and returns what it threw (fails when it does not throw). */
export async function caught(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

export function caughtSync(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}
