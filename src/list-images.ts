// listImages: every image of one scope (a Vercel project, a Gcore project and region, NAVER registries, a
// Huawei project) as a stream of ImageSummary, page by page, through one vendor client and the shared
// paging walker (src/paging.ts). A page is summarized and handed on before the next page is asked for.
// A scope is made of independent listings (scopeListings: a Vercel project's repositories, NAVER's
// registries); listImages reads them one after another, the inventory side by side.
//
// Errors are thrown during iteration, all typed: a ValidationError for a bad scope or option (before
// anything is sent), the ApiError of a failing request, PAGE_REPEATED / PAGE_LIMIT from the walker, and the
// signal's reason on abort. Summaries already yielded stay valid.
import { ValidationError } from './errors.js';
import type { GcoreListScope, HuaweiListScope, ListImagesOptions, ListPagingOptions, ListScope, NaverListScope, VercelListScope } from './list-scope.js';
import { NAVER_REGION_BASE_URLS } from './naver.js';
import { gcoreStyle, huaweiStyle, naverStyle, requireCount, vercelStyle, walkPages, type WalkOptions } from './paging.js';
import { summarizeGcoreListItems } from './summary/gcore.js';
import { summarizeHuaweiRegistryImage } from './summary/huawei.js';
import { summarizeNaverListImage } from './summary/naver.js';
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
import { summarizeVercelListImage } from './summary/vercel.js';
import type { Vendor } from './types.js';
import { clientFor, type ClientChoice } from './vendor-clients.js';
import type { operations as HuaweiOperations } from '../generated/huawei.js';
import { paramRules as huaweiParamRules } from '../generated/huawei.params.js';

type HuaweiListQuery = NonNullable<HuaweiOperations['ListRegistryImages']['parameters']['query']>;

const VERCEL_REPOSITORIES = 'GET /v1/vcr/repository';
const VERCEL_IMAGES = 'GET /v1/vcr/repository/{idOrName}/images';
const GCORE_OWN = 'GET /cloud/v1/projectimages/{project_id}/{region_id}';
const GCORE_VISIBLE = 'GET /cloud/v1/images/{project_id}/{region_id}';
const NAVER_REGISTRIES = 'GET /v2/repositories';
const NAVER_IMAGES = 'GET /v2/repositories/{registry}';
const HUAWEI_IMAGES_PATH = '/v5/{project_id}/image/registries/images';
const HUAWEI_IMAGES = `GET ${HUAWEI_IMAGES_PATH}`;
/** ListRegistryImages page size when `pageSize` is not given: the spec's maximum (fewest requests). */
const HUAWEI_LIST_PAGE_SIZE = 200;

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
  switch (scope.vendor) {
    case 'vercel':
      checkVercel(scope);
      return { client: clientFor('vercel', clientOptions as ClientChoice<'vercel'>), paging };
    case 'gcore':
      checkGcore(scope);
      return { client: clientFor('gcore', clientOptions as ClientChoice<'gcore'>), paging };
    case 'naver':
      checkNaver(scope);
      return { client: clientFor('naver', withRegion(clientOptions, scope.region) as ClientChoice<'naver'>), paging };
    case 'huawei':
      huaweiQuery(scope);
      return { client: clientFor('huawei', withRegion(clientOptions, scope.region) as ClientChoice<'huawei'>), paging };
  }
}

async function* expand(scope: ListScope, client: AnyClient, paging: Paging): AsyncGenerator<ListScope, void, undefined> {
  if (scope.vendor === 'vercel' && scope.repository === undefined) {
    for await (const repository of vercelRepositories(scope, client as ClientChoiceClient<'vercel'>, paging)) yield { ...scope, repository };
  } else if (scope.vendor === 'naver' && scope.registry === undefined) {
    for await (const registry of naverRegistries(client as ClientChoiceClient<'naver'>, paging)) yield { ...scope, registry };
  } else {
    yield scope;
  }
}

/** The images of one listing (a Vercel repository, a NAVER registry, a Gcore or Huawei scope). */
function listOne(scope: ListScope, client: AnyClient, paging: Paging): AsyncGenerator<ImageSummary> {
  switch (scope.vendor) {
    case 'vercel':
      return listVercel(scope, scope.repository as string, client as ClientChoiceClient<'vercel'>, paging);
    case 'gcore':
      return listGcore(scope, client as ClientChoiceClient<'gcore'>, paging);
    case 'naver':
      return listNaver(scope.registry as string, client as ClientChoiceClient<'naver'>, paging);
    case 'huawei':
      return listHuawei(scope, huaweiQuery(scope), client as ClientChoiceClient<'huawei'>, paging);
  }
}

interface Paging {
  signal: AbortSignal | undefined;
  pageSize: number | undefined;
  maxPages: number | undefined;
}

function walkOptions(vendor: Vendor, operation: string, paging: Paging): WalkOptions {
  return { vendor, operation, signal: paging.signal, maxPages: paging.maxPages };
}

// ---------------------------------------------------------------------------------------------------------
// Vercel: the images of one repository, cursor by cursor; the project's repositories (for scopeListings).

async function* listVercel(scope: VercelListScope, repository: string, client: ClientChoiceClient<'vercel'>, paging: Paging): AsyncGenerator<ImageSummary<'vercel'>> {
  const images = walkPages(
    vercelStyle<VercelImageList, VercelImageListItem>('images'),
    (cursor, signal) =>
      client.GET('/v1/vcr/repository/{idOrName}/images', {
        params: { path: { idOrName: repository }, query: vercelQuery(scope, paging, cursor) },
        parseAs: 'arrayBuffer',
        signal,
      }),
    walkOptions('vercel', VERCEL_IMAGES, paging),
  );
  for await (const page of images) for (const item of page.items) yield summarizeVercelListImage(item, repository);
}

/** Repository names of the project (the id when a listed repository has no name). */
async function* vercelRepositories(scope: VercelListScope, client: ClientChoiceClient<'vercel'>, paging: Paging): AsyncGenerator<string> {
  const pages = walkPages(
    vercelStyle<VercelRepositoryList, VercelRepository>('repositories'),
    (cursor, signal) => client.GET('/v1/vcr/repository', { params: { query: vercelQuery(scope, paging, cursor) }, parseAs: 'arrayBuffer', signal }),
    walkOptions('vercel', VERCEL_REPOSITORIES, paging),
  );
  for await (const page of pages) {
    for (const repository of page.items) {
      const name = str(repository.name) ?? str(repository.id);
      if (name !== null) yield name;
    }
  }
}

function vercelQuery(scope: VercelListScope, paging: Paging, cursor: string | undefined) {
  return {
    projectId: scope.projectId,
    ...(scope.teamId !== undefined && { teamId: scope.teamId }),
    ...(scope.slug !== undefined && { slug: scope.slug }),
    ...(paging.pageSize !== undefined && { limit: paging.pageSize }),
    ...(cursor !== undefined && { cursor }),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Gcore: one response per scope (own images, or everything visible with includePublic).

async function* listGcore(scope: GcoreListScope, client: ClientChoiceClient<'gcore'>, paging: Paging): AsyncGenerator<ImageSummary<'gcore'>> {
  const path = { project_id: scope.projectId, region_id: scope.regionId };
  const operation = scope.includePublic ? GCORE_VISIBLE : GCORE_OWN;
  const pages = walkPages(
    gcoreStyle<GcoreImageListBody, GcoreImageBody>(),
    (_only, signal) =>
      scope.includePublic
        ? client.GET('/cloud/v1/images/{project_id}/{region_id}', { params: { path }, parseAs: 'arrayBuffer', signal })
        : client.GET('/cloud/v1/projectimages/{project_id}/{region_id}', { params: { path }, parseAs: 'arrayBuffer', signal }),
    walkOptions('gcore', operation, paging),
  );
  for await (const page of pages) yield* summarizeGcoreListItems(page.body);
}

// ---------------------------------------------------------------------------------------------------------
// NAVER: the images of one registry, page by page; the registries (for scopeListings).

async function* listNaver(registry: string, client: ClientChoiceClient<'naver'>, paging: Paging): AsyncGenerator<ImageSummary<'naver'>> {
  const size = paging.pageSize === undefined ? {} : { pagesize: paging.pageSize };
  const images = walkPages(
    naverStyle<NaverImageListBody, NaverImageListItem>(),
    (page, signal) => client.GET('/v2/repositories/{registry}', { params: { path: { registry }, query: { page, ...size } }, parseAs: 'arrayBuffer', signal }),
    walkOptions('naver', NAVER_IMAGES, paging),
  );
  for await (const page of images) {
    for (const item of page.items) yield summarizeNaverListImage(item, registry);
  }
}

async function* naverRegistries(client: ClientChoiceClient<'naver'>, paging: Paging): AsyncGenerator<string> {
  const size = paging.pageSize === undefined ? {} : { pagesize: paging.pageSize };
  const pages = walkPages(
    naverStyle<NaverRegistryListBody, NaverRegistry>(),
    (page, signal) => client.GET('/v2/repositories', { params: { query: { page, ...size } }, parseAs: 'arrayBuffer', signal }),
    walkOptions('naver', NAVER_REGISTRIES, paging),
  );
  for await (const page of pages) {
    for (const registry of page.items) {
      const name = str(obj(registry)?.['name']);
      if (name !== null) yield name;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Huawei: ListRegistryImages of a project, with the scope's filters, offset by offset.

async function* listHuawei(scope: HuaweiListScope, query: HuaweiListQuery, client: ClientChoiceClient<'huawei'>, paging: Paging): AsyncGenerator<ImageSummary<'huawei'>> {
  const limit = paging.pageSize ?? HUAWEI_LIST_PAGE_SIZE;
  const pages = walkPages(
    huaweiStyle<HuaweiRegistryImagesBody, HuaweiRegistryImage>(0, limit),
    (offset, signal) =>
      client.GET('/v5/{project_id}/image/registries/images', {
        params: { path: { project_id: scope.projectId }, query: { ...query, offset, limit } },
        parseAs: 'arrayBuffer',
        signal,
      }),
    walkOptions('huawei', HUAWEI_IMAGES, paging),
  );
  for await (const page of pages) for (const item of page.items) yield summarizeHuaweiRegistryImage(item);
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

function invalid(vendor: Vendor, field: string, expected: string, value: unknown): ValidationError {
  const shown = typeof value === 'string' ? `"${value}"` : String(value);
  return new ValidationError({ vendor, field, message: `Invalid ${vendor} scope: ${field} must be ${expected}, not ${shown}. Nothing was sent.` });
}

function requireInteger(vendor: Vendor, field: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) throw invalid(vendor, field, `an integer >= ${min}`, value);
}

function requireText(vendor: Vendor, field: string, value: unknown, optional: boolean): void {
  if (optional && value === undefined) return;
  if (typeof value !== 'string' || value.trim() === '') throw invalid(vendor, field, 'a non-empty string', value);
}

function unknownField(vendor: Vendor, field: string): ValidationError {
  return new ValidationError({ vendor, field, message: `Invalid ${vendor} scope: unknown field "${field}". Nothing was sent.` });
}

/** Only the scope's own fields: a misspelt one is reported instead of being ignored. */
function checkFields(scope: ListScope, allowed: readonly string[]): void {
  for (const field of Object.keys(scope)) {
    if (field !== 'vendor' && !allowed.includes(field)) throw unknownField(scope.vendor, field);
  }
}

function checkVercel(scope: VercelListScope): void {
  checkFields(scope, ['projectId', 'teamId', 'slug', 'repository']);
  requireText('vercel', 'projectId', scope.projectId, false);
  requireText('vercel', 'teamId', scope.teamId, true);
  requireText('vercel', 'slug', scope.slug, true);
  requireText('vercel', 'repository', scope.repository, true);
}

function checkGcore(scope: GcoreListScope): void {
  checkFields(scope, ['projectId', 'regionId', 'includePublic']);
  requireInteger('gcore', 'projectId', scope.projectId, 1);
  requireInteger('gcore', 'regionId', scope.regionId, 1);
  if (scope.includePublic !== undefined && typeof scope.includePublic !== 'boolean') throw invalid('gcore', 'includePublic', 'a boolean', scope.includePublic);
}

function checkNaver(scope: NaverListScope): void {
  checkFields(scope, ['region', 'registry']);
  if (scope.region !== undefined && !Object.hasOwn(NAVER_REGION_BASE_URLS, scope.region)) {
    throw invalid('naver', 'region', `one of ${Object.keys(NAVER_REGION_BASE_URLS).join(', ')}`, scope.region);
  }
  requireText('naver', 'registry', scope.registry, true);
}

/** The scope's region goes to the factory (a client passed in keeps its own). */
function withRegion(options: Record<string, unknown>, region: string | undefined): Record<string, unknown> {
  return region === undefined || 'client' in options ? options : { ...options, region };
}
