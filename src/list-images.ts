// listImages: every image of one scope (a Vercel project, a Gcore project and region, NAVER registries, a
// Huawei project) as a stream of ImageSummary, page by page, through one vendor client and the shared
// paging walker (src/paging.ts). A page is summarized and handed on before the next page is asked for.
// A scope is made of independent listings (scopeListings: a Vercel project's repositories, NAVER's
// registries); listImages reads them one after another, the inventory side by side.
//
// Each listing asks for the largest page its spec documents (or `pageSize`, checked against that maximum
// before anything is sent) and yields each image once (src/paging.ts: de-duplicated by the vendor's image
// identity, held for one listing at a time).
//
// Errors are thrown during iteration, all typed: a ValidationError for a bad scope or option (before
// anything is sent), the ApiError of a failing request, a ResponseParseError for a page of the wrong shape,
// PAGE_REPEATED / PAGE_LIMIT and LISTING_INCOMPLETE (short of the vendor's total) from the walker, and the
// signal's reason on abort. Summaries already yielded stay valid.
import { ValidationError } from './errors.js';
import type { ListImagesOptions, ListPagingOptions, ListScope } from './list-scope.js';
import { requireCount } from './paging.js';
import { obj } from './summary/read.js';
import type { ImageSummary } from './summary/types.js';
import type { Vendor } from './types.js';
import { clientFor, type ClientChoice } from './vendor-clients.js';
import { documentedMaximum, type Paging } from './vendors/listing.js';
import { vendorModule, vendorNames } from './vendors/registry.js';
import type { VendorListings } from './vendors/vendor.js';

/**
 * Every image of the scope, summarized, streamed page by page. `options`: the vendor's client options
 * (credentials default to the environment, as for getImage) or `{ client }`, plus `signal`, `pageSize` and
 * `maxPages`. The scope's `region` (NAVER, Huawei) picks the client's region unless a client is given.
 * The scope's listings ({@link scopeListings}) are read one after another.
 */
export function listImages<S extends ListScope>(scope: S, options?: ListImagesOptions<S['vendor']>): AsyncGenerator<ImageSummary<S['vendor']>, void, undefined>;
export async function* listImages(scope: ListScope, options: ListImagesOptions = {}): AsyncGenerator<ImageSummary, void, undefined> {
  const prepared = prepare(scope, options);
  for await (const listing of expand(prepared, scope)) yield* prepared.listings.list(listing, prepared.client, prepared.paging);
}

/**
 * The independent listings a scope is made of, each a narrower scope that `listImages` lists without
 * further requests for names: a Vercel project without `repository` becomes one scope per repository
 * (listRepositories, page by page), NAVER without `registry` one per registry (getRegistryList); any other
 * scope is its own single listing. Yielded as the names arrive (one page of names held at a time); the
 * images of all of them are the images of the scope, each once. Same options and errors as `listImages`.
 */
export function scopeListings<S extends ListScope>(scope: S, options?: ListImagesOptions<S['vendor']>): AsyncGenerator<S, void, undefined>;
export async function* scopeListings(scope: ListScope, options: ListImagesOptions = {}): AsyncGenerator<ListScope, void, undefined> {
  yield* expand(prepare(scope, options), scope);
}

/** A vendor's listings and the client its scope was checked for. */
interface Prepared {
  listings: VendorListings<Vendor, unknown, ListScope>;
  client: unknown;
  paging: Paging;
}

/** Checks the scope and the paging options (a ValidationError before anything is sent) and makes the client. */
function prepare(scope: ListScope, options: ListImagesOptions): Prepared {
  const { signal, pageSize, maxPages, ...clientOptions } = options as ListPagingOptions & Record<string, unknown>;
  const vendor = checkVendor(scope);
  if (pageSize !== undefined) requireCount(vendor, `list ${vendor} images`, 'pageSize', pageSize, 1);
  if (maxPages !== undefined) requireCount(vendor, `list ${vendor} images`, 'maxPages', maxPages, 1);
  const paging = { signal, pageSize, maxPages };
  const { listings } = vendorModule(vendor)!;
  listings.check(scope);
  const client = clientFor(vendor, withRegion(clientOptions, listings.clientRegion?.(scope)) as ClientChoice);
  if (pageSize !== undefined) checkPageSize(listings, scope, pageSize);
  return { listings, client, paging };
}

/** The scope's listings (the scope itself when the vendor does not split it). */
async function* expand({ listings, client, paging }: Prepared, scope: ListScope): AsyncGenerator<ListScope, void, undefined> {
  if (listings.expand === undefined) yield scope;
  else yield* listings.expand(scope, client, paging);
}

/** A `pageSize` above the documented maximum of an operation the listing pages through is refused. */
function checkPageSize(listings: Prepared['listings'], scope: ListScope, pageSize: number): void {
  for (const op of listings.pagedOperations(scope)) {
    const maximum = documentedMaximum(op);
    if (maximum !== undefined && pageSize > maximum) {
      throw new ValidationError({
        vendor: op.vendor,
        operation: op.operation,
        field: 'pageSize',
        message: `Invalid pageSize ${pageSize}: ${op.operation} returns at most ${maximum} items per page. Nothing was sent.`,
      });
    }
  }
}

function checkVendor(scope: ListScope): Vendor {
  const vendor = (obj(scope) ?? {})['vendor'];
  if (vendorModule(vendor) === undefined) {
    throw new ValidationError({ field: 'vendor', message: `Unknown vendor "${String(vendor)}": use ${vendorNames()}. Nothing was sent.` });
  }
  return vendor as Vendor;
}

/** The scope's region goes to the factory (a client passed in keeps its own). */
function withRegion(options: Record<string, unknown>, region: string | undefined): Record<string, unknown> {
  return region === undefined || 'client' in options ? options : { ...options, region };
}
