// listImages: every image of one scope (a Vercel project, a Gcore project and region, NAVER registries, a
// Huawei project) as a stream of ImageSummary, page by page, through one vendor client and the shared
// paging walker (src/paging.ts). A page is summarized and handed on before the next page is asked for.
// A scope is made of independent listings (scopeListings: a Vercel project's repositories, NAVER's
// registries); listImages reads them one after another, the inventory side by side.
//
// Each listing asks for the largest page its spec documents (or `pageSize`, checked against that maximum
// before anything is sent) and yields each image once (src/paging.ts: de-duplicated by the vendor's image
// identity, held for one listing at a time).
//
// Errors are thrown during iteration, all typed: a ValidationError for a bad scope or option (before
// anything is sent), the ApiError of a failing request, a ResponseParseError for a page of the wrong shape,
// PAGE_REPEATED / PAGE_LIMIT and LISTING_INCOMPLETE (short of the vendor's total) from the walker, and the
// signal's reason on abort. Summaries already yielded stay valid.
import { ValidationError } from './errors.js';
import type { GcoreListScope, HuaweiListScope, ListImagesOptions, ListPagingOptions, ListScope, NaverListScope, VercelListScope } from './list-scope.js';
import { gcoreStyle, huaweiStyle, identityOf, naverStyle, requireCount, vercelStyle, walkPages } from './paging.js';
import { gcoreListings } from './vendors/gcore/listings.js';
import { summarizeHuaweiRegistryImage } from './vendors/huawei/summary.js';
import { naverListings } from './vendors/naver/listings.js';
import { obj, str } from './summary/read.js';
import type {
  GcoreImageBody,
  GcoreImageListBody,
  HuaweiRegistryImage,
  HuaweiRegistryImagesBody,
  ImageSummary,
  NaverImageListBody,
  NaverImageListItem,
  NaverRegistry,
  NaverRegistryListBody,
  VercelImageList,
  VercelImageListItem,
  VercelRepository,
  VercelRepositoryList,
} from './summary/types.js';
import { vercelListings } from './vendors/vercel/listings.js';
import type { Vendor } from './types.js';
import { clientFor, type ClientChoice } from './vendor-clients.js';
import type { operations as HuaweiOperations } from '../generated/huawei.js';
import { paramRules as huaweiParamRules } from '../generated/huawei.params.js';
import { checkFields, documentedMaximum, invalid, pageSizeFor, paged, requireInteger, requireText, unknownField, walkOptions, type PagedOperation, type Paging } from './vendors/listing.js';

type HuaweiListQuery = NonNullable<HuaweiOperations['ListRegistryImages']['parameters']['query']>;


/**
 * Every image of the scope, summarized, streamed page by page. `options`: the vendor's client options
 * (credentials default to the environment, as for getImage) or `{ client }`, plus `signal`, `pageSize` and
 * `maxPages`. The scope's `region` (NAVER, Huawei) picks the client's region unless a client is given.
 * The scope's listings ({@link scopeListings}) are read one after another.
 */
export function listImages<S extends ListScope>(scope: S, options?: ListImagesOptions<S['vendor']>): AsyncGenerator<ImageSummary<S['vendor']>, void, undefined>;
export async function* listImages(scope: ListScope, options: ListImagesOptions = {}): AsyncGenerator<ImageSummary, void, undefined> {
  const { client, paging } = prepare(scope, options);
  for await (const listing of expand(scope, client, paging)) yield* listOne(listing, client, paging);
}

/**
 * The independent listings a scope is made of, each a narrower scope that `listImages` lists without
 * further requests for names: a Vercel project without `repository` becomes one scope per repository
 * (listRepositories, page by page), NAVER without `registry` one per registry (getRegistryList); any other
 * scope is its own single listing. Yielded as the names arrive (one page of names held at a time); the
 * images of all of them are the images of the scope, each once. Same options and errors as `listImages`.
 */
export function scopeListings<S extends ListScope>(scope: S, options?: ListImagesOptions<S['vendor']>): AsyncGenerator<S, void, undefined>;
export async function* scopeListings(scope: ListScope, options: ListImagesOptions = {}): AsyncGenerator<ListScope, void, undefined> {
  const { client, paging } = prepare(scope, options);
  yield* expand(scope, client, paging);
}

type AnyClient = { [V in Vendor]: ClientChoiceClient<V> }[Vendor];

/** Checks the scope and the paging options (a ValidationError before anything is sent) and makes the client. */
function prepare(scope: ListScope, options: ListImagesOptions): { client: AnyClient; paging: Paging } {
  const { signal, pageSize, maxPages, ...clientOptions } = options as ListPagingOptions & Record<string, unknown>;
  const vendor = checkVendor(scope);
  if (pageSize !== undefined) requireCount(vendor, `list ${vendor} images`, 'pageSize', pageSize, 1);
  if (maxPages !== undefined) requireCount(vendor, `list ${vendor} images`, 'maxPages', maxPages, 1);
  const paging = { signal, pageSize, maxPages };
  const client = checkedClient(scope, clientOptions);
  if (pageSize !== undefined) checkPageSize(scope, pageSize);
  return { client, paging };
}

function checkedClient(scope: ListScope, clientOptions: Record<string, unknown>): AnyClient {
  switch (scope.vendor) {
    case 'vercel':
      vercelListings.check(scope);
      return clientFor('vercel', clientOptions as ClientChoice<'vercel'>);
    case 'gcore':
      gcoreListings.check(scope);
      return clientFor('gcore', clientOptions as ClientChoice<'gcore'>);
    case 'naver':
      naverListings.check(scope);
      return clientFor('naver', withRegion(clientOptions, naverListings.clientRegion!(scope)) as ClientChoice<'naver'>);
    case 'huawei':
      huaweiQuery(scope);
      return clientFor('huawei', withRegion(clientOptions, scope.region) as ClientChoice<'huawei'>);
  }
}

async function* expand(scope: ListScope, client: AnyClient, paging: Paging): AsyncGenerator<ListScope, void, undefined> {
  if (scope.vendor === 'vercel') {
    yield* vercelListings.expand!(scope, client as ClientChoiceClient<'vercel'>, paging);
  } else if (scope.vendor === 'naver') {
    yield* naverListings.expand!(scope, client as ClientChoiceClient<'naver'>, paging);
  } else {
    yield scope;
  }
}

/** The images of one listing (a Vercel repository, a NAVER registry, a Gcore or Huawei scope). */
function listOne(scope: ListScope, client: AnyClient, paging: Paging): AsyncGenerator<ImageSummary> {
  switch (scope.vendor) {
    case 'vercel':
      return vercelListings.list(scope, client as ClientChoiceClient<'vercel'>, paging) as AsyncGenerator<ImageSummary>;
    case 'gcore':
      return gcoreListings.list(scope, client as ClientChoiceClient<'gcore'>, paging) as AsyncGenerator<ImageSummary>;
    case 'naver':
      return naverListings.list(scope, client as ClientChoiceClient<'naver'>, paging) as AsyncGenerator<ImageSummary>;
    case 'huawei':
      return listHuawei(scope, huaweiQuery(scope), client as ClientChoiceClient<'huawei'>, paging);
  }
}

const HUAWEI_IMAGES_PATH = '/v5/{project_id}/image/registries/images';
const HUAWEI_IMAGES = /* @__PURE__ */ paged('huawei', HUAWEI_IMAGES_PATH, 'limit', huaweiParamRules);

/** The operations a scope's listing pages through (a ValidationError names a `pageSize` one of them refuses). */
function pagedOperations(scope: ListScope): readonly PagedOperation[] {
  switch (scope.vendor) {
    case 'vercel':
      return vercelListings.pagedOperations(scope);
    case 'gcore':
      return gcoreListings.pagedOperations(scope);
    case 'naver':
      return naverListings.pagedOperations(scope);
    case 'huawei':
      return [HUAWEI_IMAGES];
  }
}

function checkPageSize(scope: ListScope, pageSize: number): void {
  for (const op of pagedOperations(scope)) {
    const maximum = documentedMaximum(op);
    if (maximum !== undefined && pageSize > maximum) {
      throw new ValidationError({
        vendor: op.vendor,
        operation: op.operation,
        field: 'pageSize',
        message: `Invalid pageSize ${pageSize}: ${op.operation} returns at most ${maximum} items per page. Nothing was sent.`,
      });
    }
  }
}


// ---------------------------------------------------------------------------------------------------------
// Huawei: ListRegistryImages of a project, with the scope's filters, offset by offset.

async function* listHuawei(scope: HuaweiListScope, query: HuaweiListQuery, client: ClientChoiceClient<'huawei'>, paging: Paging): AsyncGenerator<ImageSummary<'huawei'>> {
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
  const filters = new Set(Object.keys(huaweiParamRules[HUAWEI_IMAGES_PATH]?.query ?? {}).filter((name) => name !== 'offset' && name !== 'limit'));
  const query: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(scope)) {
    if (field === 'vendor' || field === 'projectId' || field === 'region' || value === undefined) continue;
    const name = field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    if (field.includes('_') || !filters.has(name)) throw unknownField('huawei', field);
    query[name] = value;
  }
  return query as HuaweiListQuery;
}

// ---------------------------------------------------------------------------------------------------------
// Scope checks: a bad scope is a ValidationError naming the field, before anything is sent.

type ClientChoiceClient<V extends Vendor> = ReturnType<typeof clientFor<V>>;

const VENDORS: readonly Vendor[] = ['vercel', 'gcore', 'naver', 'huawei'];

function checkVendor(scope: ListScope): Vendor {
  const vendor = (obj(scope) ?? {})['vendor'];
  if (!VENDORS.includes(vendor as Vendor)) {
    throw new ValidationError({ field: 'vendor', message: `Unknown vendor "${String(vendor)}": use vercel, gcore, naver or huawei. Nothing was sent.` });
  }
  return vendor as Vendor;
}

/** The scope's region goes to the factory (a client passed in keeps its own). */
function withRegion(options: Record<string, unknown>, region: string | undefined): Record<string, unknown> {
  return region === undefined || 'client' in options ? options : { ...options, region };
}
