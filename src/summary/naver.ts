// NAVER Cloud NCR → ImageSummary. The operation reports names and the last update (epoch milliseconds);
// its `status` is documented as "Not used" and is not mapped.
import { epochMsToIso } from './time.js';
import { obj, str } from './read.js';
import type { ImageSummary, NaverImageBody } from './types.js';

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
