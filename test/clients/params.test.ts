// Parameter validation through the real vendor clients: a path parameter that would address another
// resource (`..`, `.`, empty), is over the spec's maxLength or carries control characters is a
// ValidationError naming the parameter and the operation, and nothing is sent. Query values are checked
// against their declared type, enum and range too (values the types already refuse, forced with a cast,
// as a JavaScript caller could pass them).
import { describe, expect, it } from 'vitest';
import { ValidationError, createGcoreClient, createHuaweiClient, createNaverClient, createVercelClient } from '../../src/index.js';
import { FAKE, caught, exampleFetch, leakedSecrets, recordingFetch, type Recorder } from './helpers.js';

const BASE = 'https://api.example.test';
const VERCEL_IMAGE = '/v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}';
const VERCEL_TAG = '/v1/vcr/repository/{idOrName}/tags/{tag}';
const GCORE_IMAGE = '/cloud/v1/images/{project_id}/{region_id}/{image_id}';
const NAVER_IMAGE = '/v2/repositories/{registry}/{imageName}';
const HUAWEI_BASIC = '/v5/{project_id}/image/{image_id}/basic-image';

type PathCall = (recorder: Recorder, name: string, value: string) => Promise<unknown>;

interface PathOperation {
  label: string;
  template: string;
  /** String path parameters and their maxLength, if the spec declares one. */
  params: Record<string, number | undefined>;
  call: PathCall;
}

const fresh = () => exampleFetch();

const OPERATIONS: PathOperation[] = [
  {
    label: 'vercel getRepositoryImage',
    template: VERCEL_IMAGE,
    params: { idOrName: 255, imageIdOrDigest: 255 },
    call: (r, name, value) =>
      createVercelClient({ token: FAKE.vercelToken, baseUrl: BASE, fetch: r.fetch }).GET(VERCEL_IMAGE, {
        params: { path: { idOrName: 'repo', imageIdOrDigest: 'img', [name]: value }, query: { projectId: 'p' } },
      }),
  },
  {
    label: 'vercel getRepositoryTag',
    template: VERCEL_TAG,
    params: { idOrName: 255, tag: 255 },
    call: (r, name, value) =>
      createVercelClient({ token: FAKE.vercelToken, baseUrl: BASE, fetch: r.fetch }).GET(VERCEL_TAG, {
        params: { path: { idOrName: 'repo', tag: 'latest', [name]: value }, query: { projectId: 'p' } },
      }),
  },
  {
    label: 'gcore ImageDetailViewSet.get',
    template: GCORE_IMAGE,
    params: { image_id: undefined },
    call: (r, name, value) =>
      createGcoreClient({ apiKey: FAKE.gcoreKey, baseUrl: BASE, fetch: r.fetch }).GET(GCORE_IMAGE, {
        params: { path: { project_id: 1, region_id: 7, image_id: 'img', [name]: value } },
      }),
  },
  {
    label: 'naver getImageDetail',
    template: NAVER_IMAGE,
    params: { registry: undefined, imageName: undefined },
    call: (r, name, value) =>
      createNaverClient({ accessKey: FAKE.naverAccessKey, secretKey: FAKE.naverSecretKey, baseUrl: `${BASE}/ncr/api`, fetch: r.fetch }).GET(NAVER_IMAGE, {
        params: { path: { registry: 'reg', imageName: 'img', [name]: value } },
      }),
  },
  {
    label: 'huawei ListImageBasicImage (AK/SK)',
    template: HUAWEI_BASIC,
    params: { project_id: 256, image_id: 256 },
    call: (r, name, value) =>
      createHuaweiClient({ accessKey: FAKE.huaweiAk, secretKey: FAKE.huaweiSk, baseUrl: BASE, fetch: r.fetch }).GET(HUAWEI_BASIC, {
        params: { path: { project_id: 'p', image_id: 'i', [name]: value }, query: { image_type: 'cicd' } },
      }),
  },
  {
    label: 'huawei ListImageBasicImage (token)',
    template: HUAWEI_BASIC,
    params: { project_id: 256, image_id: 256 },
    call: (r, name, value) =>
      createHuaweiClient({ token: FAKE.huaweiToken, baseUrl: BASE, fetch: r.fetch }).GET(HUAWEI_BASIC, {
        params: { path: { project_id: 'p', image_id: 'i', [name]: value }, query: { image_type: 'cicd' } },
      }),
  },
];

const HOSTILE: Record<string, string> = {
  '..': '..',
  '.': '.',
  'empty string': '',
  NUL: 'a\u0000b',
  newline: 'a\nb',
  'carriage return': 'a\rb',
  tab: 'a\tb',
  DEL: 'a\u007fb',
  'escape (ANSI)': '\u001b[31mred',
  'lone surrogate': 'a\ud800b',
};

async function expectRefused(op: PathOperation, name: string, value: string, problem: RegExp) {
  const recorder = recordingFetch();
  const err = await caught(() => op.call(recorder, name, value));
  expect(err).toBeInstanceOf(ValidationError);
  const e = err as ValidationError;
  expect(e.attempts).toBe(0);
  expect(e.operation).toBe(`GET ${op.template}`);
  expect(e.vendor).toBe(op.label.split(' ')[0]);
  expect(e.message).toContain(`Invalid path parameter "${name}"`);
  expect(e.message).toMatch(problem);
  expect(e.message).toContain('Nothing was sent');
  expect(leakedSecrets(e)).toEqual([]);
  expect(recorder.sent).toHaveLength(0);
}

for (const op of OPERATIONS) {
  describe(`${op.label}: path parameters`, () => {
    for (const [name, maxLength] of Object.entries(op.params)) {
      for (const [what, value] of Object.entries(HOSTILE)) {
        it(`${name} = ${what} → ValidationError, nothing sent`, async () => {
          await expectRefused(op, name, value, /must not be empty|would address another resource|control characters|well-formed Unicode/);
        });
      }

      if (maxLength !== undefined) {
        it(`${name} over maxLength ${maxLength} → ValidationError; exactly ${maxLength} (in code points) is sent`, async () => {
          await expectRefused(op, name, 'x'.repeat(maxLength + 1), new RegExp(`at most ${maxLength} characters`));
          // Length is counted in characters (code points), not UTF-16 units: maxLength emoji pass.
          const recorder = fresh();
          await op.call(recorder, name, '😀'.repeat(maxLength));
          expect(recorder.sent).toHaveLength(1);
          expect(recorder.sent[0]?.url).toContain(encodeURIComponent('😀'.repeat(maxLength)));
        });
      }

      it(`${name}: dots inside a value are fine ('..a', 'a..', '...') and are sent encoded in one segment`, async () => {
        for (const value of ['..a', 'a..', '...', 'a/../b']) {
          const recorder = fresh();
          await op.call(recorder, name, value);
          expect(recorder.sent).toHaveLength(1);
          const url = new URL(recorder.sent[0]!.url);
          expect(url.pathname).toContain(`/${encodeURIComponent(value)}`);
        }
      });
    }
  });
}

describe('query values the types refuse are refused at run time too', () => {
  const huawei = (query: Record<string, unknown>) => {
    const recorder = recordingFetch();
    const client = createHuaweiClient({ token: FAKE.huaweiToken, baseUrl: BASE, fetch: recorder.fetch });
    return {
      recorder,
      run: () => client.GET(HUAWEI_BASIC, { params: { path: { project_id: 'p', image_id: 'i' }, query: query as { image_type: 'cicd' } } }),
    };
  };

  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['image_type not in the enum', { image_type: 'foo' }, /"image_type": must be one of private_image, shared_image, instance_image, cicd, harbor/],
    ['limit below minimum', { image_type: 'cicd', limit: 0 }, /"limit": must be >= 1/],
    ['limit above maximum', { image_type: 'cicd', limit: 201 }, /"limit": must be <= 200/],
    ['limit not an integer', { image_type: 'cicd', limit: 1.5 }, /"limit": must be an integer/],
    ['offset as a string', { image_type: 'cicd', offset: '0' }, /"offset": must be an integer, not a string/],
    ['namespace over maxLength', { image_type: 'cicd', namespace: 'n'.repeat(257) }, /"namespace": must be at most 256/],
    ['namespace empty', { image_type: 'cicd', namespace: '' }, /"namespace": must be at least 1/],
    ['a control character in a query value', { image_type: 'cicd', os_name: 'Debian\r\nX: 1' }, /"os_name": must not contain control characters/],
    ['an array value', { image_type: ['cicd', 'harbor'] }, /"image_type": must be a string, number or boolean, not an array/],
    ['the required image_type missing', { limit: 10 }, /"image_type": a value is required/],
    ['the required image_type null', { image_type: null }, /"image_type": a value is required/],
  ];
  for (const [label, query, problem] of cases) {
    it(`huawei: ${label}`, async () => {
      const { recorder, run } = huawei(query);
      const err = await caught(run);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as Error).message).toMatch(problem);
      expect((err as ValidationError).operation).toBe(`GET ${HUAWEI_BASIC}`);
      expect(recorder.sent).toHaveLength(0);
    });
  }

  it('vercel: the required projectId missing', async () => {
    const recorder = recordingFetch();
    const client = createVercelClient({ token: 'vercel-token-for-required-query', baseUrl: BASE, fetch: recorder.fetch });
    const err = await caught(() =>
      client.GET('/v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}', {
        params: { path: { idOrName: 'repo', imageIdOrDigest: 'img' }, query: {} as { projectId: string } },
      }),
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(/"projectId": a value is required/);
    expect(recorder.sent).toHaveLength(0);
  });

  it('vercel listRepositories (no path parameters): its own rules apply, the documented limit maximum of 1000 and the required projectId', async () => {
    const recorder = recordingFetch({ before: () => new Response('{"repositories":[]}', { status: 200, headers: { 'content-type': 'application/json' } }) });
    const client = createVercelClient({ token: 'vercel-token-for-pathless-query', baseUrl: BASE, fetch: recorder.fetch });
    const over = await caught(() => client.GET('/v1/vcr/repository', { params: { query: { projectId: 'prj_1', limit: 1001 } } }));
    expect(over).toBeInstanceOf(ValidationError);
    expect((over as Error).message).toMatch(/"limit": must be <= 1000/);
    const missing = await caught(() => client.GET('/v1/vcr/repository', { params: { query: {} as { projectId: string } } }));
    expect((missing as Error).message).toMatch(/"projectId": a value is required/);
    expect(recorder.sent).toHaveLength(0);
    await client.GET('/v1/vcr/repository', { params: { query: { projectId: 'prj_1', limit: 1000 } } });
    expect(recorder.sent).toHaveLength(1);
  });

  it('vercel: a boolean query parameter given as a string', async () => {
    const recorder = recordingFetch();
    const client = createVercelClient({ token: 'vercel-token-for-boolean-query', baseUrl: BASE, fetch: recorder.fetch });
    const err = await caught(() =>
      client.GET('/v1/vcr/repository/{idOrName}/images', {
        params: { path: { idOrName: 'repo' }, query: { projectId: 'prj_1', untagged: 'yes' as unknown as boolean } },
      }),
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(/"untagged": must be a boolean, not a string/);
    expect(recorder.sent).toHaveLength(0);
  });

  it('gcore: project_id as a string, a non-integer or a non-finite number', async () => {
    for (const [project_id, problem] of [
      ['1', /"project_id": must be an integer, not a string/],
      [1.5, /"project_id": must be an integer/],
      [Number.NaN, /"project_id": must be a finite number/],
    ] as const) {
      const recorder = recordingFetch();
      const client = createGcoreClient({ apiKey: FAKE.gcoreKey, baseUrl: BASE, fetch: recorder.fetch });
      const err = await caught(() =>
        client.GET(GCORE_IMAGE, { params: { path: { project_id: project_id as number, region_id: 7, image_id: 'i' } } }),
      );
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as Error).message).toMatch(problem);
      expect(recorder.sent).toHaveLength(0);
    }
  });

  it('a missing path parameter object is refused, nothing sent', async () => {
    const recorder = recordingFetch();
    const client = createVercelClient({ token: FAKE.vercelToken, baseUrl: BASE, fetch: recorder.fetch });
    const get = client.GET as unknown as (path: string, init: unknown) => Promise<unknown>;
    const err = await caught(() => get(VERCEL_IMAGE, { params: { query: { projectId: 'p' } } }));
    expect(err).toBeInstanceOf(ValidationError);
    expect(recorder.sent).toHaveLength(0);
  });
});
