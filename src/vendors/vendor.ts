// What one vendor provides to the facade (getImage, getImageBody, listImages, scopeListings, and through
// them the inventory): its client factory, its error format, its image lookup and its listings. Each vendor
// is one object of this shape (src/vendors/<vendor>/index.ts); the registry (registry.ts) is the only list of
// them, and the facade finds a vendor there by name.
//
// A vendor's own entry point (src/<vendor>.ts) exports its client folder only, never this object: a bundle of
// one vendor's client holds no lookup, no listing and no other vendor.
import type { ReceivedBody } from '../body.js';
import type { CommonClientOptions } from '../client.js';
import type { VendorErrorFormat } from '../error-format.js';
import type { ImageSummary } from '../summary/types.js';
import type { Vendor } from '../types.js';
import type { PagedOperation, Paging } from './listing.js';

/**
 * One vendor. `Options` and `Client` are its factory's options and client, `Ref` what getImage takes for it
 * (discriminated by `vendor`), `Scope` what listImages takes for it. Each vendor declares its object with all
 * five; the registry checks every vendor is there with the parts that depend on the name alone.
 */
export interface VendorModule<
  V extends Vendor,
  Options extends CommonClientOptions = any,
  Client = any,
  Ref extends { vendor: V } = any,
  Scope extends { vendor: V } = any,
> {
  readonly vendor: V;
  /**
   * The client factory (the vendor entry's `create…Client`). The facade calls it with the caller's options
   * and `throwOnError: true`, unless the caller passed a client.
   */
  readonly createClient: (options?: Options) => Client;
  /** How the vendor reports errors: its request id headers and error body reader. */
  readonly errorFormat: VendorErrorFormat;
  /** getImage / getImageBody for one reference. */
  readonly lookup: VendorLookup<V, Client, Ref>;
  /** listImages / scopeListings for one scope. */
  readonly listings: VendorListings<V, Client, Scope>;
}

/** getImage and getImageBody for one vendor's references. */
export interface VendorLookup<V extends Vendor, Client, Ref> {
  /** Checks the reference before a client is made: a ValidationError, nothing sent. */
  check?(ref: Ref): void;
  /** getImage: the image normalized, its `raw` the body typed for the reference (all the requests it takes). */
  summary(ref: Ref, client: Client): Promise<ImageSummary<V>>;
  /** getImageBody: the one request the reference stands for, its 2xx body as received. */
  body(ref: Ref, client: Client): Promise<ReceivedBody>;
}

/** The type of a scope field, as checked in a scope and read from a config file or a command line. */
export type ScopeFieldKind = 'string' | 'integer' | 'boolean' | { readonly oneOf: readonly string[] };

/** One field of a vendor's scope (besides `vendor`). */
export interface ScopeField {
  readonly kind: ScopeFieldKind;
  /** The scope is incomplete without it. */
  readonly required?: boolean | undefined;
  /**
   * The field selects which images of the scope without it are listed (one repository, a filter, …):
   * scopes equal but for such fields may list the same images.
   */
  readonly selects?: boolean | undefined;
}

/** listImages and scopeListings for one vendor's scopes. */
export interface VendorListings<V extends Vendor, Client, Scope> {
  /** The fields of the vendor's scope (besides `vendor`), each declared once. */
  readonly scopeFields: Readonly<Record<string, ScopeField>>;
  /** Checks the scope: a ValidationError naming the field, before a client is made and anything is sent. */
  check(scope: Scope): void;
  /** The region the scope picks for a client the facade makes (a client passed in keeps its own). */
  clientRegion?(scope: Scope): string | undefined;
  /** The operations a listing of the scope pages through: a `pageSize` above one's documented maximum is refused. */
  pagedOperations(scope: Scope): readonly PagedOperation[];
  /**
   * The independent listings the scope is made of, each a narrower scope whose images `list` reads without
   * further requests for names, yielded as the names arrive. Absent: the scope is its own single listing.
   */
  expand?(scope: Scope, client: Client, paging: Paging): AsyncIterable<Scope>;
  /** The images of one listing (a scope `expand` yielded), each once, page by page. */
  list(listing: Scope, client: Client, paging: Paging): AsyncIterable<ImageSummary<V>>;
}
