// Vercel Container Registry → ImageSummary. Image and tag lookups and image-listing items describe the same
// image and give the same summary shape: `id` is the image id in all (the tag body's `imageId`), and the
// fields the bodies share map identically. What differs is only what each body knows: an image (looked up
// or listed) has all its tags and no update time; a tag names itself and has `updatedAt` (and its
// `createdAt` is the tag's). A listed image is the looked-up image without its layers, which no summary
// field reads: the two summaries of one image are equal but for `raw`.
import { isoToUtcIso } from '../../summary/time.js';
import { obj, size, str, strings, type Obj } from '../../summary/read.js';
import type { ImageSummary, VercelImageBody, VercelImageListItem, VercelTagBody } from '../../summary/types.js';

/** `repository`: the `idOrName` that was asked for (image bodies carry only an internal repositoryId). */
export function summarizeVercelImage(body: VercelImageBody, repository: string | null): ImageSummary<'vercel'> {
  return summarizeImage(body, obj(obj(body)?.['image']), repository);
}

/**
 * One item of a `listRepositoryImages` page; `raw` is the item. `repository`: the `idOrName` the listing
 * was asked for (or the listed repository's name), as for {@link summarizeVercelImage}.
 */
export function summarizeVercelListImage(item: VercelImageListItem, repository: string | null): ImageSummary<'vercel'> {
  return summarizeImage(item, obj(item), repository);
}

function summarizeImage(raw: VercelImageBody | VercelImageListItem, image: Obj | undefined, repository: string | null): ImageSummary<'vercel'> {
  return summarize(raw, image, repository, {
    id: str(image?.['id']),
    tags: strings(image?.['tags']),
    updatedAt: null,
  });
}

export function summarizeVercelTag(body: VercelTagBody, repository: string | null): ImageSummary<'vercel'> {
  const tag = obj(obj(body)?.['tag']);
  const name = str(tag?.['tag']);
  return summarize(body, tag, repository, {
    id: str(tag?.['imageId']),
    tags: name === null ? [] : [name],
    updatedAt: isoToUtcIso(tag?.['updatedAt']),
  });
}

function summarize(
  body: VercelImageBody | VercelTagBody | VercelImageListItem,
  o: Obj | undefined,
  repository: string | null,
  specific: { id: string | null; tags: string[]; updatedAt: string | null },
): ImageSummary<'vercel'> {
  return {
    vendor: 'vercel',
    id: specific.id,
    repository,
    name: null,
    tags: specific.tags,
    labels: {},
    digest: str(o?.['manifestDigest']),
    sizeBytes: size(o?.['sizeInBytes']),
    os: str(o?.['platform']),
    osDistro: null,
    osVersion: null,
    architecture: str(o?.['arch']),
    status: str(o?.['status']),
    createdAt: isoToUtcIso(o?.['createdAt']),
    updatedAt: specific.updatedAt,
    baseImages: [],
    raw: body,
  };
}
