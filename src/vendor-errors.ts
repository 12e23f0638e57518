// Vendor error bodies: the ONE table of each vendor's quirks (where the code, message and request id are).
// Bodies are untrusted: any shape, nulls, wrong types, huge strings. Values are picked here, not cut: the
// error redacts each value whole and then bounds it (a cut here could split a secret that then no longer
// matches).

import type { Vendor } from './types.js';

export interface VendorErrorInfo {
  code: string | undefined;
  message: string | undefined;
  requestId: string | undefined;
}

/** Reads an untrusted, already-parsed error body (any shape) and the response headers. Never throws. */
export type VendorErrorDescriber = (body: unknown, headers: Headers) => VendorErrorInfo;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A string out of an untrusted scalar; objects, arrays, empties → undefined. */
function scalar(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') return String(v);
  return undefined;
}

function first(...values: unknown[]): string | undefined {
  for (const v of values) {
    const s = scalar(v);
    if (s !== undefined) return s;
  }
  return undefined;
}

function prop(o: unknown, key: string): unknown {
  return isObj(o) ? o[key] : undefined;
}

export function headerRequestId(headers: Headers, names: readonly string[]): string | undefined {
  for (const name of names) {
    const v = headers.get(name);
    if (v !== null && v !== '') return v;
  }
  return undefined;
}

/** Shapes seen across APIs, tried after the vendor's documented one. */
function describeGeneric(body: unknown): VendorErrorInfo {
  if (typeof body === 'string') return { code: undefined, message: scalar(body), requestId: undefined };
  const error = prop(body, 'error');
  const firstError = (() => {
    const errors = prop(body, 'errors');
    return Array.isArray(errors) ? errors[0] : undefined;
  })();
  return {
    code: first(
      prop(error, 'code'),
      prop(error, 'errorCode'),
      prop(error, 'error_code'),
      prop(body, 'error_code'),
      prop(body, 'errorCode'),
      prop(body, 'code'),
      prop(body, 'exception_class'),
      prop(firstError, 'code'),
      prop(body, 'type'),
      typeof error === 'string' ? error : undefined,
    ),
    message: first(
      prop(error, 'message'),
      prop(error, 'error_msg'),
      prop(body, 'error_msg'),
      prop(body, 'message'),
      prop(body, 'errorMessage'),
      prop(body, 'error_description'),
      prop(firstError, 'message'),
      prop(body, 'detail'),
      prop(body, 'msg'),
      prop(body, 'title'),
      typeof error === 'string' ? error : undefined,
    ),
    requestId: first(prop(body, 'request_id'), prop(body, 'requestId'), prop(error, 'request_id'), prop(error, 'requestId')),
  };
}

/** How one vendor reports errors: the response headers with its request id, and its error body reader. */
export interface VendorErrorFormat {
  /** Response headers that carry a request id, in order of preference. */
  readonly requestIdHeaders: readonly string[];
  readonly describe: VendorErrorDescriber;
}

/** A vendor's format: its documented fields first, then the generic shapes; a request id header wins over the body's. */
function format(requestIdHeaders: readonly string[], specific: (body: unknown) => Partial<VendorErrorInfo>): VendorErrorFormat {
  return {
    requestIdHeaders,
    describe: (body, headers) => {
      const own = specific(body);
      const generic = describeGeneric(body);
      return {
        code: own.code ?? generic.code,
        message: own.message ?? generic.message,
        requestId: headerRequestId(headers, requestIdHeaders) ?? own.requestId ?? generic.requestId,
      };
    },
  };
}

// Each vendor's format is its own constant, so that a bundle of one vendor's client holds only that vendor's.

/** Vercel: `{"error":{"code":"not_found","message":"..."}}` (the first of the generic shapes). */
export const vercelErrorFormat = /* @__PURE__ */ format(['x-vercel-id', 'x-request-id'], () => ({}));

/** Gcore: `{"exception_class":"ImageNotFound","message":"..."}`. */
export const gcoreErrorFormat = /* @__PURE__ */ format(['x-request-id', 'request-id', 'x-trace-id'], (body) => ({
  code: scalar(prop(body, 'exception_class')),
  message: scalar(prop(body, 'message')),
}));

/** NAVER: `{"error":{"errorCode":"200","message":"Authentication Failed","details":"..."}}`. */
export const naverErrorFormat = /* @__PURE__ */ format(['x-ncp-trace-id', 'x-ncp-request-id', 'x-request-id'], (body) => {
  const e = prop(body, 'error');
  const message = scalar(prop(e, 'message'));
  const details = scalar(prop(e, 'details'));
  return {
    code: first(prop(e, 'errorCode'), prop(body, 'errorCode')),
    message: message !== undefined && details !== undefined && details !== message ? `${message}: ${details}` : (message ?? details),
  };
});

/** Huawei: `{"error_code":"HSS.0011","error_msg":"...","request_id":"..."}` plus `X-Request-Id`. */
export const huaweiErrorFormat = /* @__PURE__ */ format(['x-request-id', 'x-apig-request-id'], (body) => ({
  code: scalar(prop(body, 'error_code')),
  message: scalar(prop(body, 'error_msg')),
  requestId: scalar(prop(body, 'request_id')),
}));

// The formats by vendor name, for code that has only the name (the facade, toApiError).
export const vendorErrorFormats: Readonly<Record<Vendor, VendorErrorFormat>> = {
  vercel: vercelErrorFormat,
  gcore: gcoreErrorFormat,
  naver: naverErrorFormat,
  huawei: huaweiErrorFormat,
};
