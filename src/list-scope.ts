// What `listImages` lists: one scope per vendor, in the vendor's terms. Shared by the facade, the inventory
// and the CLI (whose `list` options and inventory config fields are these, in kebab-case / camelCase).
import type { Vendor } from './types.js';
import type { GcoreListScope } from './vendors/gcore/listings.js';
import type { HuaweiListFilters, HuaweiListScope } from './vendors/huawei/listings.js';
import type { NaverListScope } from './vendors/naver/listings.js';
import type { VercelListScope } from './vendors/vercel/listings.js';
import type { ClientChoice } from './vendor-clients.js';
import type { VendorModules } from './vendors/registry.js';
import type { VendorModule } from './vendors/vendor.js';

export type { GcoreListScope, HuaweiListFilters, HuaweiListScope, NaverListScope, VercelListScope };

type ScopeOf<M> = M extends VendorModule<Vendor, never, unknown, any, infer S> ? S : never;

/** What to list: one scope per vendor, discriminated by `vendor`. */
export type ListScope = { [V in Vendor]: ScopeOf<VendorModules[V]> }[Vendor];

/** Paging bounds and a signal: the same for every vendor. */
export interface ListPagingOptions {
  /** Aborts the listing: passed to every request, checked between pages; its reason is thrown. */
  signal?: AbortSignal | undefined;
  /** Items per page requested (each vendor's default when absent; checked against the spec's bounds). */
  pageSize?: number | undefined;
  /** Most pages per paged listing (each repository's or registry's images, the repository list, …) before a typed PAGE_LIMIT error (default 1000). */
  maxPages?: number | undefined;
}

/**
 * Options of one listing: the vendor client's options (credentials, baseUrl, fetch, timeoutMs, retries, and
 * `gate`, the per-vendor admission control the inventory shares between listings) or an existing `client`,
 * plus paging bounds and a signal.
 */
export type ListImagesOptions<V extends Vendor = Vendor> = ListPagingOptions & ClientChoice<V>;
