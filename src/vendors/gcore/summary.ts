// Gcore Cloud (VM images) → ImageSummary. Gcore datetimes carry no time zone and mean UTC.
import { isoToUtcIso } from '../../summary/time.js';
import { obj, objects, size, str } from '../../summary/read.js';
import type { GcoreImageBody, GcoreImageListBody, ImageSummary } from '../../summary/types.js';

export function summarizeGcore(body: GcoreImageBody): ImageSummary<'gcore'> {
  const o = obj(body);
  return {
    vendor: 'gcore',
    id: str(o?.['id']),
    repository: null,
    name: str(o?.['name']),
    tags: [],
    // `tags_v2` in Gcore's current API; `tags` (the same items) from a deployment of the older API version.
    labels: labels(o?.['tags_v2'] ?? o?.['tags']),
    digest: null,
    sizeBytes: size(o?.['size']),
    os: str(o?.['os_type']),
    osDistro: str(o?.['os_distro']),
    osVersion: str(o?.['os_version']),
    architecture: str(o?.['architecture']),
    status: str(o?.['status']),
    createdAt: isoToUtcIso(o?.['created_at']),
    updatedAt: isoToUtcIso(o?.['updated_at']),
    baseImages: [],
    raw: body,
  };
}

/** Gcore's `tags_v2` (formerly `tags`) are `{key, value, read_only}` resource labels. */
function labels(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of objects(value)) {
    const key = str(tag['key']);
    const v = tag['value'];
    if (key !== null && key !== '__proto__' && typeof v === 'string') out[key] = v;
  }
  return out;
}

/**
 * The items of a Gcore listing (`listImages`, `listProjectImages`): each `results` entry is an
 * `ImageSerializer`, the very body of "Get image", so it is summarized by summarizeGcore; `raw` is the item.
 */
export function summarizeGcoreListItems(body: GcoreImageListBody): ImageSummary<'gcore'>[] {
  return objects(obj(body)?.['results']).map((item) => summarizeGcore(item as GcoreImageBody));
}
