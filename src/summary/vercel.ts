// Vercel Container Registry → ImageSummary. Image and tag lookups describe the same image and give the
// same summary shape: `id` is the image id in both (the tag body's `imageId`), and the fields both bodies
// carry map identically. What differs is only what each body knows: an image lists all its tags and has
// no update time; a tag names itself and has `updatedAt` (and its `createdAt` is the tag's).
import { isoToUtcIso } from './time.js';
import { obj, size, str, strings, type Obj } from './read.js';
import type { ImageSummary, VercelImageBody, VercelTagBody } from './types.js';

/** `repository`: the `idOrName` that was asked for (image bodies carry only an internal repositoryId). */
export function summarizeVercelImage(body: VercelImageBody, repository: string | null): ImageSummary<'vercel'> {
  const image = obj(obj(body)?.['image']);
  return summarize(body, image, repository, {
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
  body: VercelImageBody | VercelTagBody,
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
