// What `listImages` lists: one scope per vendor, in the vendor's terms. Shared by the facade, the inventory
// and the CLI (whose `list` options and inventory config fields are these, in kebab-case / camelCase).
import type { CommonClientOptions } from './client.js';

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
  region?: 'kr' | 'sgn' | 'jpn' | undefined;
  /** One registry; all registries when absent. */
  registry?: string | undefined;
}
export interface HuaweiListScope {
  vendor: 'huawei';
  projectId: string;
  region?: string | undefined;
  // The documented ListRegistryImages filters are added here, camelCased, when the spec has them.
}
export type ListScope = VercelListScope | GcoreListScope | NaverListScope | HuaweiListScope;

/** Options of one listing: the vendor client's options (or an existing client), paging bounds and a signal. */
export interface ListImagesOptions extends CommonClientOptions {
  signal?: AbortSignal | undefined;
  /** Items per page requested (each vendor's default when absent). */
  pageSize?: number | undefined;
  /** Most pages per listing before a typed PAGE_LIMIT error. */
  maxPages?: number | undefined;
}
