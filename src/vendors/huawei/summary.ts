// Huawei Cloud HSS → ImageSummary. The operation lists the base images (OS name, OS version, layer
// digest) of one image; the image itself is named by the request, so id/repository/name/tag come from it.
import { epochMsToIso } from '../../summary/time.js';
import { joinDistinct, obj, objects, size, str } from '../../summary/read.js';
import type { BaseImage, HuaweiBasicImageBody, HuaweiRegistryImage, ImageSummary } from '../../summary/types.js';

export interface HuaweiAsked {
  image: string | null;
  namespace?: string | undefined;
  imageName?: string | undefined;
  imageVersion?: string | undefined;
}

/** `body`: every entry of every page (see listAllHuaweiBasicImages) in the vendor's body shape. */
export function summarizeHuawei(body: HuaweiBasicImageBody, asked: HuaweiAsked): ImageSummary<'huawei'> {
  const baseImages: BaseImage[] = objects(obj(body)?.['data_list']).map((entry) => ({
    os: str(entry['os_name']),
    osVersion: str(entry['os_version']),
    layerDigest: str(entry['layer_digest']),
  }));
  const version = str(asked.imageVersion);
  return {
    vendor: 'huawei',
    id: asked.image,
    repository: str(asked.namespace),
    name: str(asked.imageName),
    tags: version === null ? [] : [version],
    labels: {},
    digest: null,
    sizeBytes: null,
    os: null,
    osDistro: joinDistinct(baseImages.map((b) => b.os)),
    osVersion: joinDistinct(baseImages.map((b) => b.osVersion)),
    architecture: null,
    status: null,
    createdAt: null,
    updatedAt: null,
    baseImages,
    raw: body,
  };
}

/**
 * One `ListRegistryImages` record: one image version (tag) of a repository. It names the image itself
 * (`image_id`, `namespace`, `image_name`, `image_version`: what getImage takes from the request) and adds
 * the digest, the size and the last update. The base images are not part of a listing: `[]`. The HSS
 * scan status is not an image status and stays in `raw`.
 */
export function summarizeHuaweiRegistryImage(entry: HuaweiRegistryImage): ImageSummary<'huawei'> {
  const o = obj(entry);
  const version = str(o?.['image_version']);
  return {
    vendor: 'huawei',
    id: str(o?.['image_id']),
    repository: str(o?.['namespace']),
    name: str(o?.['image_name']),
    tags: version === null ? [] : [version],
    labels: {},
    digest: str(o?.['image_digest']),
    sizeBytes: size(o?.['image_size']),
    os: null,
    osDistro: null,
    osVersion: null,
    architecture: null,
    status: null,
    createdAt: null,
    updatedAt: epochMsToIso(o?.['latest_update_time']),
    baseImages: [],
    raw: entry,
  };
}
