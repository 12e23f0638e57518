// The generic client core: an openapi-fetch client over the shared transport. The vendor factories
// (src/<vendor>.ts) add only their auth: a static header or a signer, plus their secrets for redaction.

import createClient, { createQuerySerializer, mergeHeaders, type Client } from 'openapi-fetch';
import { ApiError, ValidationError, setContext, toApiError } from './errors.js';
import { baseUrlProblem, insecureHttpError, isInsecureHttp } from './endpoint.js';
import { createRedactor, type Redactor } from './safe-text.js';
import { createParamSerializers, type OperationParamRules } from './params.js';
import { createVendorTransport } from './transport/policy.js';
import { OpenApiRequest } from '#wire';
import { buildHeaders, invalidHeader } from './transport/prepared-request.js';
import type { ClockSkewPredicate, RequestSigner, TransportOptions, Vendor } from './types.js';
import { vendorErrorFormats, type VendorErrorFormat } from './vendor-errors.js';

export { toApiError };

/** Options every vendor factory accepts (and passes through). */
export interface CommonClientOptions extends TransportOptions {
  /**
   * Override the vendor's endpoint (a mock, a gateway, another region): an absolute http(s) URL without
   * credentials, query or fragment; plain http only to this machine unless `allowInsecureHttp` is set.
   */
  baseUrl?: string | undefined;
  /**
   * `false` (default): openapi-fetch's `{ data, error, response }`, `error` being the vendor's error body.
   * `true`: a non-2xx result throws an ApiError instead. Either way, transport failures throw typed errors
   * (NetworkError, TimeoutError, ResponseTooLargeError, ResponseParseError, ValidationError).
   */
  throwOnError?: boolean | undefined;
  /** Response headers carrying a request id (default: the vendor's list in errors.ts). */
  requestIdHeaders?: readonly string[] | undefined;
}

export interface ApiClientConfig extends CommonClientOptions {
  vendor: Vendor;
  baseUrl: string;
  /** Signs every attempt (innermost, exact URL, skew-corrected clock). */
  sign?: RequestSigner | undefined;
  /** Sent on every request, set once (e.g. `{ Authorization: 'Bearer …' }`); their values are redacted. */
  staticHeaders?: Readonly<Record<string, string>> | undefined;
  /** The gateway says the timestamp was rejected: correct the clock from `Date` and retry once. */
  isClockSkewRejection?: ClockSkewPredicate | undefined;
  /** The gateway rejected the credentials without saying why: skew if `Date` is ≥ `clockSkewLimitMs` off. */
  isAuthRejection?: ClockSkewPredicate | undefined;
  clockSkewLimitMs?: number | undefined;
  /** Secret values (tokens, keys) that must never appear in an error. */
  secrets: readonly string[];
  /** Per-operation parameter rules (generated): every path/query value is checked before anything is sent. */
  paramRules?: OperationParamRules | undefined;
}

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

type CoreCall = (path: string, init?: unknown) => Promise<unknown>;

/**
 * Adds the operation (`GET /v1/…/{imageIdOrDigest}`: the template, which only this layer knows) to typed errors
 * thrown by the transport or by the parameter checks.
 */
function withOperation(vendor: Vendor, method: string, call: CoreCall, redact: Redactor): CoreCall {
  // Not an async function: one `then` on openapi-fetch's promise instead of a second async frame per call.
  return (path, init) => {
    let pending: Promise<unknown>;
    try {
      checkCallHeaders(init);
      pending = call(path, init);
    } catch (err) {
      return Promise.reject(settle(err, vendor, `${method} ${path}`, redact));
    }
    return pending.then(undefined, (err: unknown) => {
      throw settle(err, vendor, `${method} ${path}`, redact);
    });
  };
}

/**
 * Headers given with one call (`headers`, `params.header`) are merged by openapi-fetch into a Headers object,
 * which throws a bare TypeError quoting the value for a line break or a non-Latin-1 character: check them
 * first, so that is a ValidationError without the value (it may be a secret), and nothing is sent.
 */
function checkCallHeaders(init: unknown): void {
  if (init === undefined || init === null) return;
  const { headers, params } = init as { headers?: unknown; params?: { header?: unknown } };
  if (headers === undefined && params?.header === undefined) return;
  try {
    mergeHeaders(headers as HeadersInit | undefined, params?.header as HeadersInit | undefined);
  } catch {
    throw invalidHeader();
  }
}

/**
 * Typed errors get the operation. Anything else (a caller's abort reason, a middleware's error, a TypeError
 * from building Headers, whose message quotes the offending header value) is passed on with its message
 * and stack redacted in place.
 */
function settle(err: unknown, vendor: Vendor, operation: string, redact: Redactor): unknown {
  if (err instanceof ApiError) {
    setContext(err, vendor, operation);
    return err;
  }
  redactInPlace(err, redact, 0);
  return err;
}

function redactInPlace(err: unknown, redact: Redactor, depth: number): void {
  if (typeof err !== 'object' || err === null || depth > 3) return;
  const e = err as { message?: unknown; stack?: unknown; cause?: unknown };
  try {
    if (typeof e.message === 'string') {
      const message = redact(e.message);
      if (message !== e.message) e.message = message;
    }
    if (typeof e.stack === 'string') {
      const stack = redact(e.stack);
      if (stack !== e.stack) e.stack = stack;
    }
  } catch {
    // a frozen or exotic error object: leave it
  }
  if (e.cause !== undefined && !(e.cause instanceof ApiError)) redactInPlace(e.cause, redact, depth + 1);
}

function checkBaseUrl(vendor: Vendor, baseUrl: string, allowInsecureHttp: boolean | undefined): void {
  const problem = baseUrlProblem(baseUrl);
  if (problem !== undefined) throw new ValidationError({ vendor, field: 'baseUrl', message: `Invalid baseUrl: it ${problem}. Nothing was sent.` });
  const parsed = new URL(baseUrl);
  if (allowInsecureHttp !== true && isInsecureHttp(parsed)) throw insecureHttpError(vendor, parsed);
}

/** Every secret spelling worth redacting: the given values, static header values and their bare tokens. */
function collectSecrets(secrets: readonly string[], staticHeaders: Readonly<Record<string, string>> | undefined): string[] {
  const all = [...secrets];
  if (staticHeaders !== undefined) {
    for (const [name, value] of Object.entries(staticHeaders)) {
      if (!/^(?:authorization|proxy-authorization|x-auth-token|x-security-token|x-api-key|api-?key|cookie)$/i.test(name)) continue;
      all.push(value);
      const space = value.indexOf(' ');
      if (space !== -1) all.push(value.slice(space + 1));
    }
  }
  return all;
}

/**
 * Creates a typed openapi-fetch client for one vendor over the shared transport (timeouts, retries,
 * signing, clock-skew correction, bounded bodies, typed and redacted errors).
 * @throws ValidationError for an unusable configuration; nothing is sent.
 */
export function createApiClient<Paths extends {}>(config: ApiClientConfig): Client<Paths> {
  return createVendorClient<Paths>(config, vendorErrorFormats[config.vendor]);
}

/** @internal createApiClient with the vendor's error format given (a vendor factory passes its own: see createVendorTransport). */
export function createVendorClient<Paths extends {}>(config: ApiClientConfig, errors: VendorErrorFormat): Client<Paths> {
  const { vendor, baseUrl, staticHeaders, paramRules, secrets, ...transportOptions } = config;
  checkBaseUrl(vendor, baseUrl, transportOptions.allowInsecureHttp);
  if (staticHeaders !== undefined) buildHeaders(staticHeaders); // a ValidationError now, not a TypeError per call
  const allSecrets = collectSecrets(secrets, staticHeaders);
  const redact = createRedactor(allSecrets);
  const transport = createVendorTransport({ ...transportOptions, vendor, secrets: allSecrets }, errors);
  const serializers = paramRules === undefined ? undefined : createParamSerializers(paramRules);
  const core = createClient<Paths>({
    baseUrl,
    fetch: transport,
    // On Node, one Request per call instead of two: see PreparedRequest (#wire).
    ...(OpenApiRequest === undefined ? {} : { Request: OpenApiRequest as unknown as typeof Request }),
    ...(staticHeaders === undefined ? {} : { headers: staticHeaders }),
    // A function here (not options) spares openapi-fetch building a query serializer on every call.
    querySerializer: serializers === undefined ? createQuerySerializer() : serializers.querySerializer,
    ...(serializers === undefined ? {} : { pathSerializer: serializers.pathSerializer }),
  });

  const client = { ...core } as Client<Paths> & Record<string, unknown>;
  const wrapped = client as unknown as Record<string, CoreCall>;
  const raw = core as unknown as Record<string, CoreCall>;
  for (const method of METHODS) wrapped[method] = withOperation(vendor, method, raw[method] as CoreCall, redact);
  const request = core.request as unknown as (method: string, path: string, init?: unknown) => Promise<unknown>;
  (client as unknown as { request: typeof request }).request = (method, path, init) =>
    withOperation(vendor, String(method).toUpperCase(), (p, i) => request(method, p, i), redact)(path, init);
  return client;
}
