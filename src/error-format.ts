// How a vendor's error body is read: the generic shapes seen across APIs, and `format()`, with which each
// vendor (src/vendors/<vendor>/errors.ts) declares its documented fields and request id headers.
// Bodies are untrusted: any shape, nulls, wrong types, huge strings. Values are picked here, not cut: the
// error redacts each value whole and then bounds it (a cut here could split a secret that then no longer
// matches).

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
export function scalar(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') return String(v);
  return undefined;
}

export function first(...values: unknown[]): string | undefined {
  for (const v of values) {
    const s = scalar(v);
    if (s !== undefined) return s;
  }
  return undefined;
}

export function prop(o: unknown, key: string): unknown {
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
export function format(requestIdHeaders: readonly string[], specific: (body: unknown) => Partial<VendorErrorInfo>): VendorErrorFormat {
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
