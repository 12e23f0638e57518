// listImages: every image of one scope (a Vercel project, a Gcore project and region, NAVER registries, a
// Huawei project) as a stream of ImageSummary, page by page, through one vendor client and the shared
// paging walker (src/paging.ts). A page is summarized and handed on before the next page is asked for.
//
// Errors are thrown during iteration, all typed: a ValidationError for a bad scope or option (before
// anything is sent), the ApiError of a failing request, PAGE_REPEATED / PAGE_LIMIT from the walker, and the
// signal's reason on abort. Summaries already yielded stay valid.
import { ValidationError } from './errors.js';
import type { GcoreListScope, ListImagesOptions, ListPagingOptions, ListScope, NaverListScope } from './list-scope.js';
import { gcoreStyle, naverStyle, requireCount, walkPages, type WalkOptions } from './paging.js';
import { summarizeGcore } from './summary/gcore.js';
import { summarizeNaver } from './summary/naver.js';
import { obj, str } from './summary/read.js';
import type { GcoreImageBody, ImageSummary, NaverImageBody } from './summary/types.js';
import type { Vendor } from './types.js';
import { clientFor, type ClientChoice } from './vendor-clients.js';
import { NAVER_REGION_BASE_URLS } from './naver.js';
import type { components as GcoreComponents } from '../generated/gcore.js';
import type { components as NaverComponents } from '../generated/naver.js';

type GcoreImageList = GcoreComponents['schemas']['ImageList'];
type NaverRegistryList = NaverComponents['schemas']['RegistryList'];
type NaverRegistry = NaverComponents['schemas']['Registry'];
type NaverImageList = NaverComponents['schemas']['ImageList'];
type NaverImageListItem = NaverComponents['schemas']['ImageListItem'];

const GCORE_OWN = 'GET /cloud/v1/projectimages/{project_id}/{region_id}';
const GCORE_VISIBLE = 'GET /cloud/v1/images/{project_id}/{region_id}';
const NAVER_REGISTRIES = 'GET /v2/repositories';
const NAVER_IMAGES = 'GET /v2/repositories/{registry}';

/**
 * Every image of the scope, summarized, streamed page by page. `options`: the vendor's client options
 * (credentials default to the environment, as for getImage) or `{ client }`, plus `signal`, `pageSize` and
 * `maxPages`. The scope's `region` (NAVER, Huawei) picks the client's region unless a client is given.
 */
export function listImages<S extends ListScope>(scope: S, options?: ListImagesOptions<S['vendor']>): AsyncGenerator<ImageSummary<S['vendor']>, void, undefined>;
export async function* listImages(scope: ListScope, options: ListImagesOptions = {}): AsyncGenerator<ImageSummary, void, undefined> {
  const { signal, pageSize, maxPages, ...clientOptions } = options as ListPagingOptions & Record<string, unknown>;
  const vendor = checkVendor(scope);
  if (pageSize !== undefined) requireCount(vendor, `list ${vendor} images`, 'pageSize', pageSize, 1);
  if (maxPages !== undefined) requireCount(vendor, `list ${vendor} images`, 'maxPages', maxPages, 1);
  const paging = { signal, pageSize, maxPages };
  switch (scope.vendor) {
    case 'gcore':
      checkGcore(scope);
      yield* listGcore(scope, clientFor('gcore', clientOptions as ClientChoice<'gcore'>), paging);
      return;
    case 'naver':
      checkNaver(scope);
      yield* listNaver(scope, clientFor('naver', withRegion(clientOptions, scope.region) as ClientChoice<'naver'>), paging);
      return;
    default:
      throw new ValidationError({ vendor, message: `Listing ${vendor} images is not available yet. Nothing was sent.` });
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
// Gcore: one response per scope (own images, or everything visible with includePublic).

async function* listGcore(scope: GcoreListScope, client: ClientChoiceClient<'gcore'>, paging: Paging): AsyncGenerator<ImageSummary<'gcore'>> {
  const path = { project_id: scope.projectId, region_id: scope.regionId };
  const operation = scope.includePublic ? GCORE_VISIBLE : GCORE_OWN;
  const pages = walkPages(
    gcoreStyle<GcoreImageList, GcoreImageBody>(),
    (_only, signal) =>
      scope.includePublic
        ? client.GET('/cloud/v1/images/{project_id}/{region_id}', { params: { path }, parseAs: 'arrayBuffer', signal })
        : client.GET('/cloud/v1/projectimages/{project_id}/{region_id}', { params: { path }, parseAs: 'arrayBuffer', signal }),
    walkOptions('gcore', operation, paging),
  );
  for await (const page of pages) for (const item of page.items) yield summarizeGcore(item);
}

// ---------------------------------------------------------------------------------------------------------
// NAVER: the registries (all, or the one asked for), then the images of each, page by page.

async function* listNaver(scope: NaverListScope, client: ClientChoiceClient<'naver'>, paging: Paging): AsyncGenerator<ImageSummary<'naver'>> {
  const size = paging.pageSize === undefined ? {} : { pagesize: paging.pageSize };
  for await (const registry of naverRegistries(scope, client, paging)) {
    const images = walkPages(
      naverStyle<NaverImageList, NaverImageListItem>(),
      (page, signal) => client.GET('/v2/repositories/{registry}', { params: { path: { registry }, query: { page, ...size } }, parseAs: 'arrayBuffer', signal }),
      walkOptions('naver', NAVER_IMAGES, paging),
    );
    for await (const page of images) {
      for (const item of page.items) yield summarizeNaver(item as NaverImageBody, { registry, image: null });
    }
  }
}

async function* naverRegistries(scope: NaverListScope, client: ClientChoiceClient<'naver'>, paging: Paging): AsyncGenerator<string> {
  if (scope.registry !== undefined) {
    yield scope.registry;
    return;
  }
  const size = paging.pageSize === undefined ? {} : { pagesize: paging.pageSize };
  const pages = walkPages(
    naverStyle<NaverRegistryList, NaverRegistry>(),
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

function checkGcore(scope: GcoreListScope): void {
  requireInteger('gcore', 'projectId', scope.projectId, 1);
  requireInteger('gcore', 'regionId', scope.regionId, 1);
  if (scope.includePublic !== undefined && typeof scope.includePublic !== 'boolean') throw invalid('gcore', 'includePublic', 'a boolean', scope.includePublic);
}

function checkNaver(scope: NaverListScope): void {
  if (scope.region !== undefined && !Object.hasOwn(NAVER_REGION_BASE_URLS, scope.region)) {
    throw invalid('naver', 'region', `one of ${Object.keys(NAVER_REGION_BASE_URLS).join(', ')}`, scope.region);
  }
  requireText('naver', 'registry', scope.registry, true);
}

/** The scope's region goes to the factory (a client passed in keeps its own). */
function withRegion(options: Record<string, unknown>, region: string | undefined): Record<string, unknown> {
  return region === undefined || 'client' in options ? options : { ...options, region };
}
