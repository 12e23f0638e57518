// Types of spec-conformance-core.mjs (the check itself is plain JavaScript, shared with the bench's servers).
export type SpecVendor = 'vercel' | 'gcore' | 'naver' | 'huawei';

export declare const VENDORS: readonly SpecVendor[];

/** A named, reasoned exemption of one answer from the check. */
export interface OffSpec {
  readonly reason: string;
}

export declare function offSpec(reason: string): OffSpec;
export declare function isOffSpec(value: unknown): value is OffSpec;

export interface Exchange {
  /** Undefined: the vendor whose spec has the path. */
  vendor?: SpecVendor | undefined;
  method: string;
  /** The request path as received (percent-encoded as on the wire; a query is ignored). */
  path: string;
  /** An HTTP status, or a response key of the spec (`default`, `4XX`). */
  status: number | string;
  /** The parsed JSON body (undefined: none). */
  body?: unknown;
  /** The raw body instead of `body`: it must parse as JSON (empty: no body). */
  bodyText?: string | Uint8Array | undefined;
  /** The Content-Type sent (default JSON): a type that is not JSON must be one the spec's response documents. */
  contentType?: string | undefined;
  /** A prefix the fake serves under, besides the spec's own server paths (`*`: any prefix). */
  basePath?: string | undefined;
  /** This answer is deliberately off the spec. */
  offSpec?: OffSpec | undefined;
  /** Why a request to a path that is no spec operation is answered without a check (no reason: it is a violation). */
  unspecified?: string | undefined;
}

export declare class SpecViolation extends Error {
  readonly exchange: { vendor: string | undefined; method: string; path: string; status: number | string };
  readonly problem: string;
  readonly errors: string[];
}

export interface Operation {
  vendor: SpecVendor;
  method: string;
  template: string;
  operationId: string | undefined;
  pointer: string[];
}

export type CheckResult = { checked: string } | { offSpec: string } | { unspecified: string };

export declare function checkResponse(exchange: Exchange): CheckResult;
export declare function conformingAnswer(exchange: Exchange): { ok: true; result: CheckResult } | { ok: false; status: 500; violation: SpecViolation; body: unknown };
export declare function vendorErrorBody(vendor: SpecVendor | undefined, code: string, message: string): Record<string, unknown>;
export declare function findOperation(vendor: SpecVendor | undefined, method: string, path: string, basePath?: string): Operation | undefined;
export declare function vendorOf(method: string, path: string, basePath?: string): SpecVendor | undefined;
/** Loads every spec now (a fake calls it before it listens, so that no request pays for it). */
export declare function warmUp(): void;
export declare function violations(): Error[];
export declare function takeViolations(): Error[];
export declare function recordViolation(violation: Error): void;
export declare function offSpecUses(): string[];

export interface ResponseExample {
  method: string;
  template: string;
  /** The response key: `200`, `404`, `default`, … */
  status: string;
  name: string;
  value: unknown;
}
export declare function specExamples(vendor: SpecVendor): ResponseExample[];
export declare function schemaExamples(vendor: SpecVendor): { pointer: (string | number)[]; name: string; value: unknown }[];
export declare function validateAt(vendor: SpecVendor, pointer: (string | number)[], value: unknown): string[];
export declare function exampleFor(vendor: SpecVendor | undefined, method: string, path: string, status?: number | string, basePath?: string): unknown;
export declare function samplePath(template: string): string;
