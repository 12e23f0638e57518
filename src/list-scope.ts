// What `listImages` lists: one scope per vendor, in the vendor's terms. Shared by the facade, the inventory
// and the CLI (whose `list` options and inventory config fields are these, in kebab-case / camelCase).
import type { Vendor } from './types.js';
import type { ClientChoice } from './vendor-clients.js';

export interface VercelListScope {
  vendor: 'vercel';
  projectId: string;
  teamId?: string | undefined;
  slug?: string | undefined;
  /** One repository (id or name); all repositories of the project when absent. */
  repository?: string | undefined;
}
export interface GcoreListScope {
  vendor: 'gcore';
  projectId: number;
  regionId: number;
  /** Everything visible (own, public, shared) instead of the project's own images. */
  includePublic?: boolean | undefined;
}
export interface NaverListScope {
  vendor: 'naver';
  /** NCR region (default `kr`); ignored with `baseUrl` or an existing client. */
  region?: 'kr' | 'sgn' | 'jpn' | undefined;
  /** One registry; all registries when absent. */
  registry?: string | undefined;
}
export interface HuaweiListScope {
  vendor: 'huawei';
  projectId: string;
  /** HSS region (default `HUAWEICLOUD_SDK_REGION`, then `cn-north-4`); ignored with an existing client. */
  region?: string | undefined;
  // The documented ListRegistryImages filters are added here, camelCased, when the spec has them.
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
