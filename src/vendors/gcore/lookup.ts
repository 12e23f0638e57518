// getImage / getImageBody for Gcore Cloud: one image of a project and region (ImageDetailViewSet.get).
import { bodyOrThrow, parseJsonBody, type ReceivedBody } from '../../body.js';
import type { GcoreImageBody } from '../../summary/types.js';
import type { VendorLookup } from '../vendor.js';
import type { GcoreClient } from './client.js';
import { summarizeGcore } from './summary.js';

/** A Gcore Cloud image: ImageDetailViewSet.get. */
export interface GcoreImageRef {
  vendor: 'gcore';
  projectId: number;
  regionId: number;
  /** Image id. */
  image: string;
  includePrices?: boolean | undefined;
}

const GCORE_IMAGE = 'GET /cloud/v1/images/{project_id}/{region_id}/{image_id}';

export const gcoreLookup: VendorLookup<'gcore', GcoreClient, GcoreImageRef> = {
  summary: async (ref, client) => summarizeGcore(parseJsonBody('gcore', GCORE_IMAGE, await requestOnce(ref, client)) as GcoreImageBody),
  body: requestOnce,
};

async function requestOnce(ref: GcoreImageRef, client: GcoreClient): Promise<ReceivedBody> {
  const outcome = await client.GET('/cloud/v1/images/{project_id}/{region_id}/{image_id}', {
    params: {
      path: { project_id: ref.projectId, region_id: ref.regionId, image_id: ref.image },
      ...(ref.includePrices !== undefined && { query: { include_prices: ref.includePrices } }),
    },
    parseAs: 'arrayBuffer',
  });
  return bodyOrThrow('gcore', GCORE_IMAGE, outcome);
}
