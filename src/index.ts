// Package root: the normalized facade, the four vendor clients, the error types.

// Facade
export {
  getImage,
  getImageBody,
  type GcoreImageRef,
  type GetImageBodyResult,
  type GetImageOptions,
  type GetImageResult,
  type HuaweiImageRef,
  type HuaweiImageType,
  type ImageRef,
  type NaverImageRef,
  type RawBodyOf,
  type VendorClientOptions,
  type VendorClients,
  type VercelImageRef,
  type VercelTagRef,
} from './image.js';
export { listImages, scopeListings } from './list-images.js';
export {
  inventory,
  type Inventory,
  type InventoryEvent,
  type InventoryOptions,
  type InventoryScope,
  type InventoryStats,
  type ScopeLister,
  type ScopeSplitter,
  type VendorInventoryStats,
} from './inventory.js';
export {
  createAdaptiveGate,
  DEFAULT_MAX_PAUSE_MS,
  DEFAULT_PROBE_INTERVAL_MS,
  DEFAULT_VENDOR_CONCURRENCY,
  type AdaptiveGate,
  type AdaptiveGateOptions,
  type GateStats,
} from './rate-limit.js';
export type {
  GcoreListScope,
  HuaweiListFilters,
  HuaweiListScope,
  ListImagesOptions,
  ListPagingOptions,
  ListScope,
  NaverListScope,
  VercelListScope,
} from './list-scope.js';
export type { ClientChoice } from './vendor-clients.js';
export {
  DEFAULT_MAX_PAGES,
  LISTING_INCOMPLETE,
  PAGE_LIMIT,
  PAGE_REPEATED,
  PageShapeProblem,
  gcoreStyle,
  huaweiStyle,
  identityOf,
  naverStyle,
  pageItems,
  vercelStyle,
  walkPages,
  type ItemOf,
  type ListKey,
  type Page,
  type PageRequest,
  type PagingStyle,
  type WalkOptions,
} from './paging.js';
export type {
  BaseImage,
  GcoreImageBody,
  HuaweiBasicImageBody,
  HuaweiBasicImageInfo,
  ImageSummary,
  ImageSummaryFields,
  NaverImageBody,
  VendorRawBodies,
  VercelImageBody,
  VercelTagBody,
} from './summary/types.js';
export { summarizeVercelImage, summarizeVercelTag } from './vendors/vercel/summary.js';
export { summarizeGcore } from './vendors/gcore/summary.js';
export { summarizeNaver } from './vendors/naver/summary.js';
export { summarizeHuawei } from './vendors/huawei/summary.js';
export {
  HUAWEI_DEFAULT_MAX_PAGES,
  HUAWEI_DEFAULT_PAGE_SIZE,
  huaweiBasicImagePages,
  listAllHuaweiBasicImages,
  type HuaweiBasicImagePage,
  type HuaweiBasicImageParams,
  type HuaweiPageOptions,
} from './vendors/huawei/basic-image-pages.js';

// Vendor clients
export { createVercelClient, VERCEL_BASE_URL, type VercelClient, type VercelClientOptions } from './vendors/vercel/client.js';
export { createGcoreClient, GCORE_BASE_URL, type GcoreClient, type GcoreClientOptions } from './vendors/gcore/client.js';
export { createNaverClient, NAVER_REGION_BASE_URLS, type NaverClient, type NaverClientOptions, type NaverRegion } from './vendors/naver/client.js';
export {
  createHuaweiClient,
  HUAWEI_DEFAULT_REGION,
  type HuaweiAkSkOptions,
  type HuaweiClient,
  type HuaweiClientOptions,
  type HuaweiTokenOptions,
} from './vendors/huawei/client.js';
export type { CommonClientOptions } from './client.js';
export type { FetchLike, TransportOptions, UndiciDispatcher, Vendor } from './types.js';

// Errors
export {
  ApiError,
  ListingIncompleteError,
  NetworkError,
  ResponseParseError,
  ResponseTooLargeError,
  TimeoutError,
  ValidationError,
  type ApiErrorKind,
  type ParseFailure,
} from './errors.js';
