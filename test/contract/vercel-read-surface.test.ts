// Contract tests of Vercel's read surface (listRepositories, getRepository, listRepositoryImages,
// listRepositoryTags, and getRepositoryImage addressed by digest) through the real client against the Prism
// mock of specs/vercel: every declared status and every named example of it (read from the spec, so a status
// added there becomes a case). For each: the status, no Prism violation, the typed data/error equal to the
// declared example, one attempt, the exact URL sent and the bearer token. Then the parameter constraints the
// spec declares for these operations: a bad value is refused with nothing sent.
import { describe, expect, inject, it } from 'vitest';
import { ValidationError, createVercelClient, type FetchLike } from '../../src/index.js';
import { FAKE, caught, declaredResponses, exampleFetch, forbiddenFetch, recordingFetch, type SentRequest } from '../clients/helpers.js';

const urls = inject('mockUrls');

const REPOSITORIES = '/v1/vcr/repository';
const REPOSITORY = '/v1/vcr/repository/{idOrName}';
const IMAGES = '/v1/vcr/repository/{idOrName}/images';
const TAGS = '/v1/vcr/repository/{idOrName}/tags';
const IMAGE = '/v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}';
const DIGEST = 'sha256:8f97cbaf0ddba1458508c6269a5a26f542100ac8bff64a47b4350a38c739fdf6';

interface CallResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

interface Operation {
  name: string;
  path: string;
  expectedTarget: string;
  call(fetch: FetchLike, headers: Record<string, string>): Promise<CallResult>;
}

const client = (fetch: FetchLike) => createVercelClient({ token: FAKE.vercelToken, baseUrl: urls.vercel, fetch, retries: 0 });

const OPERATIONS: Operation[] = [
  {
    name: 'listRepositories',
    path: REPOSITORIES,
    expectedTarget: '/v1/vcr/repository?projectId=prj_1&limit=2&cursor=eyJpZCI6InJlcG9fYjdjOGQ5ZTBmMWEyIn0&teamId=team_1',
    call: (fetch, headers) =>
      client(fetch).GET(REPOSITORIES, {
        params: { query: { projectId: 'prj_1', limit: 2, cursor: 'eyJpZCI6InJlcG9fYjdjOGQ5ZTBmMWEyIn0', teamId: 'team_1' } },
        headers,
      }),
  },
  {
    name: 'getRepository',
    path: REPOSITORY,
    expectedTarget: '/v1/vcr/repository/my-app?projectId=prj_1&slug=my-team',
    call: (fetch, headers) =>
      client(fetch).GET(REPOSITORY, { params: { path: { idOrName: 'my-app' }, query: { projectId: 'prj_1', slug: 'my-team' } }, headers }),
  },
  {
    name: 'listRepositoryImages',
    path: IMAGES,
    expectedTarget: '/v1/vcr/repository/my-app/images?projectId=prj_1&limit=50&untagged=true',
    call: (fetch, headers) =>
      client(fetch).GET(IMAGES, { params: { path: { idOrName: 'my-app' }, query: { projectId: 'prj_1', limit: 50, untagged: true } }, headers }),
  },
  {
    name: 'listRepositoryTags',
    path: TAGS,
    expectedTarget: '/v1/vcr/repository/my-app/tags?projectId=prj_1&sortBy=tag&sortOrder=asc',
    call: (fetch, headers) =>
      client(fetch).GET(TAGS, { params: { path: { idOrName: 'my-app' }, query: { projectId: 'prj_1', sortBy: 'tag', sortOrder: 'asc' } }, headers }),
  },
  {
    name: 'getRepositoryImage by manifest digest',
    path: IMAGE,
    expectedTarget: `/v1/vcr/repository/my-app/images/${encodeURIComponent(DIGEST)}?projectId=prj_1`,
    call: (fetch, headers) =>
      client(fetch).GET(IMAGE, { params: { path: { idOrName: 'my-app', imageIdOrDigest: DIGEST }, query: { projectId: 'prj_1' } }, headers }),
  },
];

for (const op of OPERATIONS) describe(`vercel ${op.name} against the Prism mock`, () => {
  const responses = declaredResponses('vercel', op.path);

  it('the spec declares 200 and the errors of every Vercel operation (400, 401, 403, 404, 429, 500)', () => {
    expect(responses.map((r) => r.status)).toEqual([200, 400, 401, 403, 404, 429, 500]);
  });

  for (const { status, examples } of responses) {
    it(`${status}: the spec gives an example`, () => expect(examples.length).toBeGreaterThan(0));
    examples.forEach(({ name, value }, i) =>
      it(`${status} (${name}${i === 0 ? ', served by default' : ''})`, async () => {
        const recorder = recordingFetch();
        const prefer = i === 0 ? `code=${status}` : `code=${status}, example=${name}`;
        const { data, error, response } = await op.call(recorder.fetch, { Prefer: prefer });
        expect(response.status).toBe(status);
        expect(response.headers.get('sl-violations')).toBeNull();
        if (status === 200) {
          expect(error).toBeUndefined();
          expect(data).toEqual(value);
        } else {
          expect(data).toBeUndefined();
          expect(error).toEqual(value);
          expect((error as { error: { code: string; message: string } }).error).toEqual({ code: expect.any(String), message: expect.any(String), ...((value as { error: object }).error) });
        }
        expect(recorder.sent).toHaveLength(1);
        const [sent] = recorder.sent as [SentRequest];
        expect(sent.method).toBe('GET');
        const url = new URL(sent.url);
        expect(url.pathname + url.search).toBe(op.expectedTarget);
        expect(sent.headers.get('authorization')).toBe(`Bearer ${FAKE.vercelToken}`);
      }),
    );
  }
});

describe('vercel read surface: the spec declares what the mock enforces', () => {
  // Raw fetches: our client would refuse these before sending. Prism answers an invalid request with the
  // declared 400 and names the violation.
  it.each([
    ['no projectId', REPOSITORIES, 'projectId'],
    ['limit 0', `${REPOSITORIES}?projectId=p&limit=0`, 'limit'],
    ['limit above the repository list maximum (1000)', `${REPOSITORIES}?projectId=p&limit=1001`, 'limit'],
    ['limit above the image list maximum (100)', `${IMAGES.replace('{idOrName}', 'my-app')}?projectId=p&limit=101`, 'limit'],
    ['a cursor longer than 1024', `${IMAGES.replace('{idOrName}', 'my-app')}?projectId=p&cursor=${'c'.repeat(1025)}`, 'cursor'],
    ['sortBy outside the enum', `${TAGS.replace('{idOrName}', 'my-app')}?projectId=p&sortBy=size`, 'sortBy'],
    ['untagged not a boolean', `${IMAGES.replace('{idOrName}', 'my-app')}?projectId=p&untagged=yes`, 'untagged'],
    ['a truncated digest', `${IMAGE.replace('{idOrName}', 'my-app').replace('{imageIdOrDigest}', 'sha256%3A8f97cbaf')}?projectId=p`, 'imageIdOrDigest'],
  ])('%s: Prism answers 400 and reports the violation', async (_label, target, parameter) => {
    const response = await fetch(`${urls.vercel}${target}`, { headers: { Authorization: 'Bearer t' } });
    expect(response.status).toBe(400);
    expect(response.headers.get('sl-violations')?.toLowerCase()).toContain(parameter.toLowerCase()); // Prism lower-cases names
  });

  it('the same requests, valid, get no violation', async () => {
    for (const target of [
      `${REPOSITORIES}?projectId=p&limit=1`,
      `${REPOSITORIES}?projectId=p&limit=1000&cursor=${'c'.repeat(1024)}`,
      `${IMAGES.replace('{idOrName}', 'a')}?projectId=p&limit=100`,
      `${TAGS.replace('{idOrName}', 'a')}?projectId=p&sortBy=tag`,
      `${IMAGES.replace('{idOrName}', 'a')}?projectId=p&untagged=false`,
    ]) {
      const response = await fetch(`${urls.vercel}${target}`, { headers: { Authorization: 'Bearer t' } });
      expect(response.status, target).toBe(200);
      expect(response.headers.get('sl-violations'), target).toBeNull();
    }
  });
});

describe('vercel read surface: bad parameters are refused before anything is sent', () => {
  const refused = async (call: (fetch: FetchLike) => Promise<unknown>, message: RegExp) => {
    const recorder = forbiddenFetch();
    const err = await caught(() => call(recorder.fetch));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(message);
    expect(recorder.sent).toHaveLength(0);
  };
  const typed = <T>(value: unknown) => value as T;

  it.each([0, -1, 1.5])('limit %s', (limit) =>
    refused((fetch) => client(fetch).GET(REPOSITORIES, { params: { query: { projectId: 'p', limit } } }), /"limit"/),
  );

  it("limit above the image list's maximum (100), a cursor longer than 1024", async () => {
    await refused((fetch) => client(fetch).GET(IMAGES, { params: { path: { idOrName: 'r' }, query: { projectId: 'p', limit: 101 } } }), /"limit": must be <= 100/);
    await refused(
      (fetch) => client(fetch).GET(IMAGES, { params: { path: { idOrName: 'r' }, query: { projectId: 'p', cursor: 'c'.repeat(1025) } } }),
      /"cursor": must be at most 1024 characters/,
    );
  });

  it('an empty projectId or cursor', async () => {
    await refused((fetch) => client(fetch).GET(REPOSITORIES, { params: { query: { projectId: '' } } }), /"projectId"/);
    await refused((fetch) => client(fetch).GET(IMAGES, { params: { path: { idOrName: 'r' }, query: { projectId: 'p', cursor: '' } } }), /"cursor"/);
  });

  it('sortBy and sortOrder outside their enums', async () => {
    await refused(
      (fetch) => client(fetch).GET(TAGS, { params: { path: { idOrName: 'r' }, query: { projectId: 'p', sortBy: typed<'tag'>('size') } } }),
      /"sortBy": must be one of updatedAt, tag/,
    );
    await refused(
      (fetch) => client(fetch).GET(TAGS, { params: { path: { idOrName: 'r' }, query: { projectId: 'p', sortOrder: typed<'asc'>('up') } } }),
      /"sortOrder"/,
    );
  });

  it('a repository name longer than 255 characters', () =>
    refused((fetch) => client(fetch).GET(REPOSITORY, { params: { path: { idOrName: 'r'.repeat(256) }, query: { projectId: 'p' } } }), /"idOrName"/),
  );

  it.each([
    'sha256:8f97cbaf', // truncated
    `sha256:${'F'.repeat(64)}`, // upper-case hex
    `sha512:${'a'.repeat(64)}`, // another algorithm
    `${DIGEST}0`, // one digit too many
    'img_1:latest',
  ])('imageIdOrDigest %s: neither an id nor a whole sha256 digest', (value) =>
    refused((fetch) => client(fetch).GET(IMAGE, { params: { path: { idOrName: 'r', imageIdOrDigest: value }, query: { projectId: 'p' } } }), /"imageIdOrDigest": must match/),
  );

  it.each(['img_a1b2c3d4e5f6', DIGEST])('imageIdOrDigest %s is sent', async (value) => {
    const recorder = exampleFetch();
    await client(recorder.fetch).GET(IMAGE, { params: { path: { idOrName: 'r', imageIdOrDigest: value }, query: { projectId: 'p' } } });
    expect(recorder.sent).toHaveLength(1);
    expect(decodeURIComponent(new URL(recorder.sent[0]!.url).pathname.split('/').at(-1)!)).toBe(value);
  });
});
