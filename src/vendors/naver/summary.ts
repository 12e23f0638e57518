// NAVER Cloud NCR → ImageSummary. The operation reports names and the last update (epoch milliseconds);
// its `status` is documented as "Not used" and is not mapped.
import { epochMsToIso } from '../../summary/time.js';
import { joinDistinct, obj, objects, size, str } from '../../summary/read.js';
import type { ImageSummary, NaverImageBody, NaverImageListItem, NaverImageTag } from '../../summary/types.js';

/** `asked`: the registry and image name of the request, used where the body does not name them. */
export function summarizeNaver(body: NaverImageBody, asked: { registry: string | null; image: string | null }): ImageSummary<'naver'> {
  const o = obj(body);
  return {
    vendor: 'naver',
    id: null,
    repository: str(o?.['namespace']) ?? asked.registry,
    name: str(o?.['name']) ?? asked.image,
    tags: [],
    labels: {},
    digest: null,
    sizeBytes: null,
    os: null,
    osDistro: null,
    osVersion: null,
    architecture: null,
    status: null,
    createdAt: null,
    updatedAt: epochMsToIso(o?.['last_updated']),
    baseImages: [],
    raw: body,
  };
}

/**
 * One item of `getImageList`. It carries the fields of `getImageDetail` except the detail-only ones, and
 * is read the same way, so a listed image and its details summarize alike; `registry` (the one listed)
 * stands in when the item has no `namespace`.
 */
export function summarizeNaverListImage(item: NaverImageListItem, registry: string | null): ImageSummary<'naver'> {
  return { ...summarizeNaver(item, { registry, image: null }), raw: item };
}

/**
 * One tag of an image (`getImageTagList` item or `getImageTagDetail` body): the image as that tag points
 * at it. Digest, size and platform come from the tag; `repository` and `name` from the request (a tag
 * names neither). Several platforms (a multi-architecture tag) are joined with ", ".
 */
export function summarizeNaverTag(tag: NaverImageTag, asked: { registry: string | null; image: string | null }): ImageSummary<'naver'> {
  const o = obj(tag);
  const platforms = objects(o?.['images']);
  const name = str(o?.['name']);
  return {
    vendor: 'naver',
    id: null,
    repository: asked.registry,
    name: asked.image,
    tags: name === null ? [] : [name],
    labels: {},
    digest: str(o?.['digest']),
    sizeBytes: size(o?.['full_size']),
    os: joinDistinct(platforms.map((p) => str(p['os']))),
    osDistro: null,
    osVersion: joinDistinct(platforms.map((p) => str(p['os_version']))),
    architecture: joinDistinct(platforms.map((p) => str(p['architecture']))),
    status: null,
    createdAt: null,
    updatedAt: epochMsToIso(o?.['last_updated']),
    baseImages: [],
    raw: tag,
  };
}
