// listImages for Huawei Cloud HSS: the container images of a project (ListRegistryImages) with the scope's
// filters, offset by offset. A scope is its own single listing.
import type { operations } from '../../../generated/huawei.js';
import { paramRules } from '../../../generated/huawei.params.js';
import { huaweiStyle, identityOf, walkPages } from '../../paging.js';
import type { HuaweiRegistryImage, HuaweiRegistryImagesBody, ImageSummary } from '../../summary/types.js';
import { pageSizeFor, paged, requireText, unknownField, walkOptions, type Paging } from '../listing.js';
import type { ScopeField, ScopeFieldKind, VendorListings } from '../vendor.js';
import type { HuaweiClient } from './client.js';
import { summarizeHuaweiRegistryImage } from './summary.js';

/** `snake_case` → `camelCase`, as the scope spells the vendor's query parameters. */
type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
type HuaweiListQuery = NonNullable<operations['ListRegistryImages']['parameters']['query']>;
/**
 * Every documented ListRegistryImages filter (`image_type`, `namespace`, `scan_status`, `has_vul`, …), camelCased
 * (`imageType`, `namespace`, `scanStatus`, `hasVul`, …), typed and documented by the spec. Paging
 * (`offset`/`limit`) is the listing's own business.
 */
export type HuaweiListFilters = {
  [K in Exclude<keyof HuaweiListQuery, 'offset' | 'limit'> as CamelCase<K>]?: HuaweiListQuery[K] | undefined;
};
export interface HuaweiListScope extends HuaweiListFilters {
  vendor: 'huawei';
  projectId: string;
  /** HSS region (default `HUAWEICLOUD_SDK_REGION`, then `cn-north-4`); ignored with an existing client. */
  region?: string | undefined;
}

const HUAWEI_IMAGES_PATH = '/v5/{project_id}/image/registries/images';
const HUAWEI_IMAGES = /* @__PURE__ */ paged('huawei', HUAWEI_IMAGES_PATH, 'limit', paramRules);

/** The documented filters of ListRegistryImages (its query parameters but paging), in the vendor's names. */
function filterRules() {
  return Object.entries(paramRules[HUAWEI_IMAGES_PATH]?.query ?? {}).filter(([name]) => name !== 'offset' && name !== 'limit');
}

/** The scope's fields: the project, the region, and every documented filter, camelCased and typed by the spec. */
function huaweiScopeFields(): Record<string, ScopeField> {
  const fields: Record<string, ScopeField> = { projectId: { kind: 'string', required: true }, region: { kind: 'string' } };
  for (const [name, rule] of filterRules()) {
    const kind: ScopeFieldKind =
      rule.enum !== undefined ? { oneOf: rule.enum.filter((v): v is string => typeof v === 'string') } : rule.type === 'integer' ? 'integer' : rule.type === 'boolean' ? 'boolean' : 'string';
    fields[name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())] = { kind, selects: true };
  }
  return fields;
}

export const huaweiListings: VendorListings<'huawei', HuaweiClient, HuaweiListScope> = {
  scopeFields: /* @__PURE__ */ huaweiScopeFields(),
  check: (scope) => void huaweiQuery(scope),
  clientRegion: (scope) => scope.region,
  pagedOperations: () => [HUAWEI_IMAGES],
  list: (scope, client, paging) => listHuawei(scope, huaweiQuery(scope), client, paging),
};

async function* listHuawei(scope: HuaweiListScope, query: HuaweiListQuery, client: HuaweiClient, paging: Paging): AsyncGenerator<ImageSummary<'huawei'>> {
  const limit = pageSizeFor(HUAWEI_IMAGES, paging);
  const pages = walkPages(
    huaweiStyle<HuaweiRegistryImagesBody, 'data_list'>('data_list', huaweiRegistryImageIdentity),
    (offset, signal) =>
      client.GET('/v5/{project_id}/image/registries/images', {
        params: { path: { project_id: scope.projectId }, query: { ...query, offset, limit } },
        parseAs: 'arrayBuffer',
        signal,
      }),
    walkOptions(HUAWEI_IMAGES, paging),
  );
  for await (const page of pages) for (const item of page.items) yield summarizeHuaweiRegistryImage(item);
}

/** A ListRegistryImages record is one image version: its record id, else the image and version it names. */
function huaweiRegistryImageIdentity(record: HuaweiRegistryImage): string | undefined {
  return record.id !== undefined ? identityOf(record.id) : identityOf(record.image_id, record.namespace, record.image_name, record.image_version, record.image_digest);
}

/** The scope's filters in the vendor's names; a field that is no documented filter is a ValidationError. */
function huaweiQuery(scope: HuaweiListScope): HuaweiListQuery {
  requireText('huawei', 'projectId', scope.projectId, false);
  requireText('huawei', 'region', scope.region, true);
  const filters = new Set(filterRules().map(([name]) => name));
  const query: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(scope)) {
    if (field === 'vendor' || field === 'projectId' || field === 'region' || value === undefined) continue;
    const name = field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    if (field.includes('_') || !filters.has(name)) throw unknownField('huawei', field);
    query[name] = value;
  }
  return query as HuaweiListQuery;
}
