// What `listImages` lists: one scope per vendor, in the vendor's terms. Shared by the facade, the inventory
// and the CLI (whose `list` options and inventory config fields are these, in kebab-case / camelCase).
import type { operations as HuaweiOperations } from '../generated/huawei.js';
import type { Vendor } from './types.js';
import type { GcoreListScope } from './vendors/gcore/listings.js';
import type { NaverListScope } from './vendors/naver/listings.js';
import type { VercelListScope } from './vendors/vercel/listings.js';
import type { ClientChoice } from './vendor-clients.js';

export type { GcoreListScope, NaverListScope, VercelListScope };

/** `snake_case` → `camelCase`, as the scope spells the vendor's query parameters. */
type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
type HuaweiListQuery = NonNullable<HuaweiOperations['ListRegistryImages']['parameters']['query']>;
/**
 * Every documented ListRegistryImages filter (`image_type`, `namespace`, `scan_status`, `has_vul`, …), camelCased
 * (`imageType`, `namespace`, `scanStatus`, `hasVul`, …), typed and documented by the spec. Paging
 * (`offset`/`limit`) is the listing's own business.
 */
export type HuaweiListFilters = {
  [K in Exclude<keyof HuaweiListQuery, 'offset' | 'limit'> as CamelCase<K>]?: HuaweiListQuery[K] | undefined;
};
export interface HuaweiListScope extends HuaweiListFilters {
  vendor: 'huawei';
  projectId: string;
  /** HSS region (default `HUAWEICLOUD_SDK_REGION`, then `cn-north-4`); ignored with an existing client. */
  region?: string | undefined;
}
export type ListScope = VercelListScope | GcoreListScope | NaverListScope | HuaweiListScope;

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
