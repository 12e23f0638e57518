// listImages for Gcore Cloud: a project's own images in a region (projectimages), or everything visible there
// with includePublic, offset by offset. A scope is its own single listing.
import { paramRules } from '../../../generated/gcore.params.js';
import { gcoreStyle, identityOf, walkPages } from '../../paging.js';
import type { GcoreImageListBody, ImageSummary } from '../../summary/types.js';
import { checkFields, invalid, pageSizeFor, paged, requireInteger, walkOptions, type Paging } from '../listing.js';
import type { VendorListings } from '../vendor.js';
import type { GcoreClient } from './client.js';
import { summarizeGcore } from './summary.js';

export interface GcoreListScope {
  vendor: 'gcore';
  projectId: number;
  regionId: number;
  /** Everything visible (own, public, shared) instead of the project's own images. */
  includePublic?: boolean | undefined;
}

const GCORE_OWN = /* @__PURE__ */ paged('gcore', '/cloud/v1/projectimages/{project_id}/{region_id}', 'limit', paramRules);
const GCORE_VISIBLE = /* @__PURE__ */ paged('gcore', '/cloud/v1/images/{project_id}/{region_id}', 'limit', paramRules);

export const gcoreListings: VendorListings<'gcore', GcoreClient, GcoreListScope> = {
  scopeFields: {
    projectId: { kind: 'integer', required: true },
    regionId: { kind: 'integer', required: true },
    // The project's own images are part of everything visible.
    includePublic: { kind: 'boolean', selects: true },
  },
  check(scope) {
    checkFields(scope, ['projectId', 'regionId', 'includePublic']);
    requireInteger('gcore', 'projectId', scope.projectId, 1);
    requireInteger('gcore', 'regionId', scope.regionId, 1);
    if (scope.includePublic !== undefined && typeof scope.includePublic !== 'boolean') throw invalid('gcore', 'includePublic', 'a boolean', scope.includePublic);
  },
  pagedOperations: (scope) => [scope.includePublic === true ? GCORE_VISIBLE : GCORE_OWN],
  list: listGcore,
};

async function* listGcore(scope: GcoreListScope, client: GcoreClient, paging: Paging): AsyncGenerator<ImageSummary<'gcore'>> {
  const path = { project_id: scope.projectId, region_id: scope.regionId };
  const op = scope.includePublic === true ? GCORE_VISIBLE : GCORE_OWN;
  const limit = pageSizeFor(op, paging);
  const pages = walkPages(
    gcoreStyle<GcoreImageListBody, 'results'>('results', (image) => identityOf(image.id)),
    (offset, signal) => {
      const params = { path, query: { limit, offset } };
      return scope.includePublic === true
        ? client.GET('/cloud/v1/images/{project_id}/{region_id}', { params, parseAs: 'arrayBuffer', signal })
        : client.GET('/cloud/v1/projectimages/{project_id}/{region_id}', { params, parseAs: 'arrayBuffer', signal });
    },
    walkOptions(op, paging),
  );
  for await (const page of pages) for (const item of page.items) yield summarizeGcore(item);
}
