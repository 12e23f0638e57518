// What every vendor's listings share: the page size each listing asks for (the largest its spec documents),
// the walker's options, and the scope checks (a bad scope is a ValidationError naming the field, before
// anything is sent).
import { ValidationError } from '../errors.js';
import type { WalkOptions } from '../paging.js';
import type { OperationParamRules } from '../params.js';
import type { Vendor } from '../types.js';

/** The paging bounds and signal of one listImages / scopeListings call, already checked. */
export interface Paging {
  signal: AbortSignal | undefined;
  pageSize: number | undefined;
  maxPages: number | undefined;
}

/** The walker's options for one paged operation of a listing. */
export function walkOptions(op: PagedOperation, paging: Paging): WalkOptions {
  return { vendor: op.vendor, operation: op.operation, signal: paging.signal, maxPages: paging.maxPages };
}

// ---------------------------------------------------------------------------------------------------------
// Page sizes: the largest page each listing documents (fewest requests), from the specs' `maximum`.

/** One paged listing operation: its name in errors, its path template and its page-size parameter. */
export interface PagedOperation {
  vendor: Vendor;
  operation: string;
  template: string;
  sizeParam: string;
  rules: OperationParamRules;
}

export function paged(vendor: Vendor, template: string, sizeParam: string, rules: OperationParamRules): PagedOperation {
  return { vendor, operation: `GET ${template}`, template, sizeParam, rules };
}

/**
 * NAVER documents no largest `pagesize` (specs/naver/SOURCE.md); 100 is our choice where the spec has no
 * maximum: the page size of the Docker-Hub-style APIs NCR's `{count, next, previous, results}` follows.
 */
const PAGE_SIZE_WITHOUT_MAXIMUM = 100;

/** The spec's largest page for the operation (its size parameter's `maximum`), if it declares one. */
export function documentedMaximum(op: PagedOperation): number | undefined {
  return op.rules[op.template]?.query[op.sizeParam]?.maximum;
}

/** The page size asked for: the caller's, else the documented maximum, else our default for specs without one. */
export function pageSizeFor(op: PagedOperation, paging: Paging): number {
  return paging.pageSize ?? documentedMaximum(op) ?? PAGE_SIZE_WITHOUT_MAXIMUM;
}

// ---------------------------------------------------------------------------------------------------------
// Scope checks: a bad scope is a ValidationError naming the field, before anything is sent.

export function invalid(vendor: Vendor, field: string, expected: string, value: unknown): ValidationError {
  const shown = typeof value === 'string' ? `"${value}"` : String(value);
  return new ValidationError({ vendor, field, message: `Invalid ${vendor} scope: ${field} must be ${expected}, not ${shown}. Nothing was sent.` });
}

export function requireInteger(vendor: Vendor, field: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) throw invalid(vendor, field, `an integer >= ${min}`, value);
}

export function requireText(vendor: Vendor, field: string, value: unknown, optional: boolean): void {
  if (optional && value === undefined) return;
  if (typeof value !== 'string' || value.trim() === '') throw invalid(vendor, field, 'a non-empty string', value);
}

export function unknownField(vendor: Vendor, field: string): ValidationError {
  return new ValidationError({ vendor, field, message: `Invalid ${vendor} scope: unknown field "${field}". Nothing was sent.` });
}

/** Only the scope's own fields: a misspelt one is reported instead of being ignored. */
export function checkFields(scope: { vendor: Vendor }, allowed: readonly string[]): void {
  for (const field of Object.keys(scope)) {
    if (field !== 'vendor' && !allowed.includes(field)) throw unknownField(scope.vendor, field);
  }
}
