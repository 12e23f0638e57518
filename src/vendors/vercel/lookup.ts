// getImage / getImageBody for Vercel: an image by id or digest (getRepositoryImage) or by tag
// (getRepositoryTag; getImage then reads the image the tag points at too).
import { bodyOrThrow, parseJsonBody, type ReceivedBody } from '../../body.js';
import { ValidationError } from '../../errors.js';
import { obj, str } from '../../summary/read.js';
import type { ImageSummary, VercelImageBody, VercelTagBody } from '../../summary/types.js';
import type { VendorLookup } from '../vendor.js';
import type { VercelClient } from './client.js';
import { summarizeVercelImage, summarizeVercelTag } from './summary.js';

interface VercelRefBase {
  vendor: 'vercel';
  /** Repository id or name (`idOrName`). */
  repository: string;
  /** Vercel project id (`projectId`, required by the API). */
  projectId: string;
  teamId?: string | undefined;
  slug?: string | undefined;
}
/** A Vercel image by id or manifest digest: getRepositoryImage. */
export interface VercelImageRef extends VercelRefBase {
  /** The image id (`img_…`) or its manifest digest (`sha256:` and 64 lower-case hex digits). */
  image: string;
  tag?: undefined;
}
/** A Vercel image by tag: getRepositoryTag. */
export interface VercelTagRef extends VercelRefBase {
  tag: string;
  image?: undefined;
}

const VERCEL_IMAGE = 'GET /v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}';
const VERCEL_TAG = 'GET /v1/vcr/repository/{idOrName}/tags/{tag}';

export const vercelLookup: VendorLookup<'vercel', VercelClient, VercelImageRef | VercelTagRef> = {
  check: checkVercelRef,
  async summary(ref, client) {
    if (ref.tag !== undefined) {
      const body = parseJsonBody('vercel', VERCEL_TAG, await requestOnce(ref, client)) as VercelTagBody;
      return summarizeVercelTagAsImage(ref, body, client);
    }
    const body = parseJsonBody('vercel', VERCEL_IMAGE, await requestOnce(ref, client)) as VercelImageBody;
    return summarizeVercelImage(body, ref.repository);
  },
  body: requestOnce,
};

/**
 * A tag lookup gives the same summary as a lookup of the image it points at: the tag body names the image
 * (`imageId`, sent as `imageIdOrDigest`), so that image is read too (all its tags, its own times). `raw` stays the tag body. A tag
 * body without a usable `imageId` is summarized on its own.
 */
async function summarizeVercelTagAsImage(ref: VercelTagRef, tagBody: VercelTagBody, client: VercelClient): Promise<ImageSummary<'vercel'>> {
  const imageId = str(obj(obj(tagBody)?.['tag'])?.['imageId']);
  if (imageId === null || imageId === '') return summarizeVercelTag(tagBody, ref.repository);
  const received = await requestOnce({ ...ref, tag: undefined, image: imageId }, client);
  const imageBody = parseJsonBody('vercel', VERCEL_IMAGE, received) as VercelImageBody;
  return { ...summarizeVercelImage(imageBody, ref.repository), raw: tagBody };
}

/** The one request a reference stands for, as received. */
async function requestOnce(ref: VercelImageRef | VercelTagRef, client: VercelClient): Promise<ReceivedBody> {
  const query = {
    projectId: ref.projectId,
    ...(ref.teamId !== undefined && { teamId: ref.teamId }),
    ...(ref.slug !== undefined && { slug: ref.slug }),
  };
  if (ref.tag !== undefined) {
    const outcome = await client.GET('/v1/vcr/repository/{idOrName}/tags/{tag}', {
      params: { path: { idOrName: ref.repository, tag: ref.tag }, query },
      parseAs: 'arrayBuffer',
    });
    return bodyOrThrow('vercel', VERCEL_TAG, outcome);
  }
  const outcome = await client.GET('/v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}', {
    params: { path: { idOrName: ref.repository, imageIdOrDigest: ref.image as string }, query },
    parseAs: 'arrayBuffer',
  });
  return bodyOrThrow('vercel', VERCEL_IMAGE, outcome);
}

function checkVercelRef(ref: VercelImageRef | VercelTagRef): void {
  if ((ref.image === undefined) === (ref.tag === undefined)) {
    throw new ValidationError({
      vendor: 'vercel',
      message: 'A Vercel reference needs exactly one of `image` (an image id or sha256: manifest digest) or `tag`. Nothing was sent.',
    });
  }
}
