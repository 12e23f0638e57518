// listImages / scopeListings for NAVER Cloud NCR: the registries (getRegistryList), and the images of one
// registry (getImageList), page by page.
import { paramRules } from '../../../generated/naver.params.js';
import { identityOf, naverStyle, walkPages } from '../../paging.js';
import { obj, str } from '../../summary/read.js';
import type { ImageSummary, NaverImageListBody, NaverRegistryListBody } from '../../summary/types.js';
import { checkFields, invalid, pageSizeFor, paged, requireText, walkOptions, type Paging } from '../listing.js';
import type { VendorListings } from '../vendor.js';
import { NAVER_REGION_BASE_URLS, type NaverClient, type NaverRegion } from './client.js';
import { summarizeNaverListImage } from './summary.js';

export interface NaverListScope {
  vendor: 'naver';
  /** NCR region (default `kr`); ignored with `baseUrl` or an existing client. */
  region?: NaverRegion | undefined;
  /** One registry; all registries when absent. */
  registry?: string | undefined;
}

const NAVER_REGISTRIES = /* @__PURE__ */ paged('naver', '/v2/repositories', 'pagesize', paramRules);
const NAVER_IMAGES = /* @__PURE__ */ paged('naver', '/v2/repositories/{registry}', 'pagesize', paramRules);

export const naverListings: VendorListings<'naver', NaverClient, NaverListScope> = {
  scopeFields: {
    region: { kind: { oneOf: /* @__PURE__ */ Object.keys(NAVER_REGION_BASE_URLS) } },
    registry: { kind: 'string', selects: true },
  },
  check(scope) {
    checkFields(scope, ['region', 'registry']);
    if (scope.region !== undefined && !Object.hasOwn(NAVER_REGION_BASE_URLS, scope.region)) {
      throw invalid('naver', 'region', `one of ${Object.keys(NAVER_REGION_BASE_URLS).join(', ')}`, scope.region);
    }
    requireText('naver', 'registry', scope.registry, true);
  },
  clientRegion: (scope) => scope.region,
  pagedOperations: (scope) => (scope.registry === undefined ? [NAVER_REGISTRIES, NAVER_IMAGES] : [NAVER_IMAGES]),
  async *expand(scope, client, paging) {
    if (scope.registry !== undefined) {
      yield scope;
      return;
    }
    for await (const registry of naverRegistries(client, paging)) yield { ...scope, registry };
  },
  list: (scope, client, paging) => listNaver(scope.registry as string, client, paging),
};

/** The images of one registry, page by page. */
async function* listNaver(registry: string, client: NaverClient, paging: Paging): AsyncGenerator<ImageSummary<'naver'>> {
  const pagesize = pageSizeFor(NAVER_IMAGES, paging);
  const images = walkPages(
    naverStyle<NaverImageListBody, 'results'>('results', (image) => identityOf(image.name)),
    (page, signal) => client.GET('/v2/repositories/{registry}', { params: { path: { registry }, query: { page, pagesize } }, parseAs: 'arrayBuffer', signal }),
    walkOptions(NAVER_IMAGES, paging),
  );
  for await (const page of images) {
    for (const item of page.items) yield summarizeNaverListImage(item, registry);
  }
}

/** The registries' names. */
async function* naverRegistries(client: NaverClient, paging: Paging): AsyncGenerator<string> {
  const pagesize = pageSizeFor(NAVER_REGISTRIES, paging);
  const pages = walkPages(
    naverStyle<NaverRegistryListBody, 'results'>('results', (registry) => identityOf(registry.name)),
    (page, signal) => client.GET('/v2/repositories', { params: { query: { page, pagesize } }, parseAs: 'arrayBuffer', signal }),
    walkOptions(NAVER_REGISTRIES, paging),
  );
  for await (const page of pages) {
    for (const registry of page.items) {
      const name = str(obj(registry)?.['name']);
      if (name !== null) yield name;
    }
  }
}
