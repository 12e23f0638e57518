// listImages / scopeListings for Vercel: a project's repositories (listRepositories), and the images of one
// repository (listRepositoryImages), cursor by cursor.
import { paramRules } from '../../../generated/vercel.params.js';
import { identityOf, vercelStyle, walkPages } from '../../paging.js';
import { str } from '../../summary/read.js';
import type { ImageSummary, VercelImageList, VercelRepositoryList } from '../../summary/types.js';
import { checkFields, pageSizeFor, paged, requireText, walkOptions, type Paging } from '../listing.js';
import type { VendorListings } from '../vendor.js';
import type { VercelClient } from './client.js';
import { summarizeVercelListImage } from './summary.js';

export interface VercelListScope {
  vendor: 'vercel';
  projectId: string;
  teamId?: string | undefined;
  slug?: string | undefined;
  /** One repository (id or name); all repositories of the project when absent. */
  repository?: string | undefined;
}

const VERCEL_REPOSITORIES = /* @__PURE__ */ paged('vercel', '/v1/vcr/repository', 'limit', paramRules);
const VERCEL_IMAGES = /* @__PURE__ */ paged('vercel', '/v1/vcr/repository/{idOrName}/images', 'limit', paramRules);

export const vercelListings: VendorListings<'vercel', VercelClient, VercelListScope> = {
  scopeFields: {
    projectId: { kind: 'string', required: true },
    teamId: { kind: 'string' },
    slug: { kind: 'string' },
    repository: { kind: 'string', selects: true },
  },
  check(scope) {
    checkFields(scope, ['projectId', 'teamId', 'slug', 'repository']);
    requireText('vercel', 'projectId', scope.projectId, false);
    requireText('vercel', 'teamId', scope.teamId, true);
    requireText('vercel', 'slug', scope.slug, true);
    requireText('vercel', 'repository', scope.repository, true);
  },
  pagedOperations: (scope) => (scope.repository === undefined ? [VERCEL_REPOSITORIES, VERCEL_IMAGES] : [VERCEL_IMAGES]),
  async *expand(scope, client, paging) {
    if (scope.repository !== undefined) {
      yield scope;
      return;
    }
    for await (const repository of vercelRepositories(scope, client, paging)) yield { ...scope, repository };
  },
  list: (scope, client, paging) => listVercel(scope, scope.repository as string, client, paging),
};

/** The images of one repository, cursor by cursor. */
async function* listVercel(scope: VercelListScope, repository: string, client: VercelClient, paging: Paging): AsyncGenerator<ImageSummary<'vercel'>> {
  const limit = pageSizeFor(VERCEL_IMAGES, paging);
  const images = walkPages(
    vercelStyle<VercelImageList, 'images'>('images', (image) => identityOf(image.id)),
    (cursor, signal) =>
      client.GET('/v1/vcr/repository/{idOrName}/images', {
        params: { path: { idOrName: repository }, query: vercelQuery(scope, limit, cursor) },
        parseAs: 'arrayBuffer',
        signal,
      }),
    walkOptions(VERCEL_IMAGES, paging),
  );
  for await (const page of images) for (const item of page.items) yield summarizeVercelListImage(item, repository);
}

/** Repository names of the project (the id when a listed repository has no name). */
async function* vercelRepositories(scope: VercelListScope, client: VercelClient, paging: Paging): AsyncGenerator<string> {
  const limit = pageSizeFor(VERCEL_REPOSITORIES, paging);
  const pages = walkPages(
    vercelStyle<VercelRepositoryList, 'repositories'>('repositories', (repository) => identityOf(repository.id, repository.name)),
    (cursor, signal) => client.GET('/v1/vcr/repository', { params: { query: vercelQuery(scope, limit, cursor) }, parseAs: 'arrayBuffer', signal }),
    walkOptions(VERCEL_REPOSITORIES, paging),
  );
  for await (const page of pages) {
    for (const repository of page.items) {
      const name = str(repository.name) ?? str(repository.id);
      if (name !== null) yield name;
    }
  }
}

function vercelQuery(scope: VercelListScope, limit: number, cursor: string | undefined) {
  return {
    projectId: scope.projectId,
    ...(scope.teamId !== undefined && { teamId: scope.teamId }),
    ...(scope.slug !== undefined && { slug: scope.slug }),
    limit,
    ...(cursor !== undefined && { cursor }),
  };
}
