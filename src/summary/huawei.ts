// Huawei Cloud HSS → ImageSummary. The operation lists the base images (OS name, OS version, layer
// digest) of one image; the image itself is named by the request, so id/repository/name/tag come from it.
import { joinDistinct, obj, objects, str } from './read.js';
import type { BaseImage, HuaweiBasicImageBody, ImageSummary } from './types.js';

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
