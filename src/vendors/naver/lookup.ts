// getImage / getImageBody for NAVER Cloud NCR: one image of a registry (getImageDetail).
import { bodyOrThrow, parseJsonBody, type ReceivedBody } from '../../body.js';
import type { NaverImageBody } from '../../summary/types.js';
import type { VendorLookup } from '../vendor.js';
import type { NaverClient } from './client.js';
import { summarizeNaver } from './summary.js';

/** A NAVER Cloud NCR image: getImageDetail. */
export interface NaverImageRef {
  vendor: 'naver';
  registry: string;
  /** Image name; may contain `/` (`team/app`), sent as one encoded path segment. */
  image: string;
}

const NAVER_IMAGE = 'GET /v2/repositories/{registry}/{imageName}';

export const naverLookup: VendorLookup<'naver', NaverClient, NaverImageRef> = {
  async summary(ref, client) {
    const body = parseJsonBody('naver', NAVER_IMAGE, await requestOnce(ref, client)) as NaverImageBody;
    return summarizeNaver(body, { registry: ref.registry, image: ref.image });
  },
  body: requestOnce,
};

async function requestOnce(ref: NaverImageRef, client: NaverClient): Promise<ReceivedBody> {
  const outcome = await client.GET('/v2/repositories/{registry}/{imageName}', {
    params: { path: { registry: ref.registry, imageName: ref.image } },
    parseAs: 'arrayBuffer',
  });
  return bodyOrThrow('naver', NAVER_IMAGE, outcome);
}
