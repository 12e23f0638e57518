// The cross-vendor view of one image: ImageSummary, and the vendors' typed bodies it is built from.
import type { components as VercelComponents, operations as VercelOperations } from '../../generated/vercel.js';
import type { components as GcoreComponents } from '../../generated/gcore.js';
import type { components as NaverComponents } from '../../generated/naver.js';
import type { components as HuaweiComponents } from '../../generated/huawei.js';
import type { Vendor } from '../types.js';

/** Vercel `getRepositoryImage` 200 body: `{ image: {...} }`. */
export type VercelImageBody = VercelOperations['getRepositoryImage']['responses'][200]['content']['application/json'];
/** Vercel `getRepositoryTag` 200 body: `{ tag: {...} }`. */
export type VercelTagBody = VercelOperations['getRepositoryTag']['responses'][200]['content']['application/json'];
/** Vercel `listRepositories` 200 body (VcrRepositoryList): `{ repositories, nextCursor? }`. */
export type VercelRepositoryList = VercelComponents['schemas']['VcrRepositoryList'];
/** One Vercel repository (VcrRepository), as listed and as `getRepository` returns it. */
export type VercelRepository = VercelComponents['schemas']['VcrRepository'];
/** Vercel `getRepository` 200 body: `{ repository: {...} }`. */
export type VercelRepositoryBody = VercelOperations['getRepository']['responses'][200]['content']['application/json'];
/** Vercel `listRepositoryImages` 200 body (VcrImageList): `{ images, nextCursor? }`. */
export type VercelImageList = VercelComponents['schemas']['VcrImageList'];
/** One image of a Vercel image listing (VcrImageListItem): the image without its layers. */
export type VercelImageListItem = VercelComponents['schemas']['VcrImageListItem'];
/** Vercel `listRepositoryTags` 200 body: `{ tags, nextCursor? }`. */
export type VercelTagList = VercelOperations['listRepositoryTags']['responses'][200]['content']['application/json'];
/** One tag of a Vercel tag listing (the fields of getRepositoryTag's `tag`). */
export type VercelTagListItem = VercelTagList['tags'][number];
/** Gcore `ImageDetailViewSet.get` 200 body. */
export type GcoreImageBody = GcoreComponents['schemas']['ImageSerializer'];
/** NAVER NCR `getImageDetail` 200 body. */
export type NaverImageBody = NaverComponents['schemas']['ImageDetail'];
/** Huawei HSS `ListImageBasicImage` 200 body (one page: `total_num`, `data_list`). */
export type HuaweiBasicImageBody = HuaweiComponents['schemas']['ListImageBasicImageResponse'];
/** One entry of a Huawei `data_list`. */
export type HuaweiBasicImageInfo = HuaweiComponents['schemas']['ImageBasicImageInfo'];

/** Gcore `listImages` / `listProjectImages` 200 body: `{count, results}`, every item an `ImageSerializer`. */
export type GcoreImageListBody = GcoreComponents['schemas']['ImageList'];
/** One page of NAVER NCR `getRegistryList`: `{count, next, previous, results}`. */
export type NaverRegistryListBody = NaverComponents['schemas']['RegistryList'];
/** One registry of a NAVER registry list. */
export type NaverRegistry = NaverComponents['schemas']['Registry'];
/** One page of NAVER NCR `getImageList`. */
export type NaverImageListBody = NaverComponents['schemas']['ImageList'];
/** One image of a NAVER image list. */
export type NaverImageListItem = NaverComponents['schemas']['ImageListItem'];
/** One page of NAVER NCR `getImageTagList`. */
export type NaverImageTagListBody = NaverComponents['schemas']['ImageTagList'];
/** One NAVER tag: an item of `getImageTagList`, or the `getImageTagDetail` 200 body. */
export type NaverImageTag = NaverComponents['schemas']['ImageTag'];
/** One page of Huawei HSS `ListRegistryImages`: `{total_num, data_list}`. */
export type HuaweiRegistryImagesBody = HuaweiComponents['schemas']['ListRegistryImagesResponse'];
/** One record of a Huawei `ListRegistryImages` `data_list`: one image version with its scan results. */
export type HuaweiRegistryImage = HuaweiComponents['schemas']['RegistryImagesInfo'];

/** The typed 200 body of each vendor's image operation(s). */
export interface VendorRawBodies {
  /** An image lookup, a tag lookup, or one item of an image listing. */
  vercel: VercelImageBody | VercelTagBody | VercelImageListItem;
  gcore: GcoreImageBody;
  naver: NaverImageBody;
  huawei: HuaweiBasicImageBody;
}

/**
 * The list items a summary can also be built from (one item of a listing; Vercel: none yet). Kept apart from
 * VendorRawBodies, which types `getImage`'s `raw`: a listed item is not what a single-image lookup returns.
 */
export interface VendorListItemBodies {
  vercel: never;
  gcore: GcoreImageBody;
  naver: NaverImageListItem | NaverImageTag;
  huawei: HuaweiRegistryImage;
}

/** A base image an image was built from (Huawei HSS `data_list` entries). */
export interface BaseImage {
  os: string | null;
  osVersion: string | null;
  layerDigest: string | null;
}

/**
 * The vendor-neutral fields. Every field is always present; `null` (or an empty list/object) means the
 * vendor does not report it for this operation, or sent something unreadable. README: "Summary fields".
 */
export interface ImageSummaryFields {
  /** The vendor's identifier of the image (Huawei: the `image_id` asked for). */
  id: string | null;
  /** Where the image lives: repository (Vercel, as asked), registry (NAVER), organization (Huawei). */
  repository: string | null;
  /** The image's own name, where it has one. */
  name: string | null;
  /** Image tags (container tags), distinct, vendor order. */
  tags: string[];
  /** Key-value resource labels (Gcore calls them tags; they are not image versions). */
  labels: Record<string, string>;
  /** Manifest digest (`sha256:…`). */
  digest: string | null;
  /** Size in bytes. */
  sizeBytes: number | null;
  /** Operating system family / platform, as the vendor spells it (`linux`). */
  os: string | null;
  /** OS distribution (`ubuntu`, `Debian`). */
  osDistro: string | null;
  /** OS version (`20.10`, `9`). */
  osVersion: string | null;
  /** CPU architecture, as the vendor spells it (`amd64`, `x86_64`: not unified). */
  architecture: string | null;
  /** The vendor's status value, unknown values passed through unchanged. */
  status: string | null;
  /** Creation time, ISO-8601 UTC (`2024-05-05T14:51:26.570Z`). */
  createdAt: string | null;
  /** Last update time, ISO-8601 UTC. */
  updatedAt: string | null;
  /** Base images (Huawei: every `data_list` entry of every page). */
  baseImages: BaseImage[];
}

/**
 * One image, normalized. Discriminated by `vendor`; `raw` is that vendor's typed body as received
 * (Huawei: the entries of all pages in one body, see getImage), or the list item it was built from.
 */
export type ImageSummary<V extends Vendor = Vendor> = {
  [K in V]: { vendor: K } & ImageSummaryFields & { raw: VendorRawBodies[K] | VendorListItemBodies[K] };
}[V];
