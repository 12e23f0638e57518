// Repeated query parameters (OpenAPI `type: array`, form/explode), e.g. Gcore listImages' `tag_key`: one
// `name=value` pair per element, in the caller's order, each element checked against the declared item
// rules; a bad element, or an array where the spec declares a single value, is a ValidationError and
// nothing is sent. Paging parameters are checked against their declared ranges the same way.
import { describe, expect, it } from 'vitest';
import { ValidationError, createGcoreClient, createHuaweiClient, createNaverClient } from '../../src/index.js';
import { paramRules } from '../../generated/gcore.params.js';
import { FAKE, caught, exampleFetch } from './helpers.js';

const BASE = 'https://api.example.test';
const IMAGES = '/cloud/v1/images/{project_id}/{region_id}';
/** Answers with the spec's own 200 example of the operation called. */
const ok = () => exampleFetch();

describe('array query parameters', () => {
  it('the generated rules carry the array and its item constraints', () => {
    expect(paramRules[IMAGES]?.query['tag_key']).toEqual({ type: 'array', items: { type: 'string', minLength: 1 } });
  });

  it('tag_key: one pair per element, in order, each encoded', async () => {
    const r = ok();
    await createGcoreClient({ apiKey: FAKE.gcoreKey, baseUrl: BASE, fetch: r.fetch }).GET(IMAGES, {
      params: { path: { project_id: 1, region_id: 7 }, query: { tag_key: ['team', 'cost center', 'a&b'], visibility: 'private' } },
    });
    expect(r.sent.map((s) => new URL(s.url).search)).toEqual(['?tag_key=team&tag_key=cost%20center&tag_key=a%26b&visibility=private']);
  });

  it('an empty array sends no pair', async () => {
    const r = ok();
    await createGcoreClient({ apiKey: FAKE.gcoreKey, baseUrl: BASE, fetch: r.fetch }).GET(IMAGES, { params: { path: { project_id: 1, region_id: 7 }, query: { tag_key: [] } } });
    expect(new URL(r.sent[0]!.url).search).toBe('');
  });

  const refused: [string, Record<string, unknown>, RegExp][] = [
    ['an empty element', { tag_key: ['team', ''] }, /"tag_key": must be at least 1 characters/],
    ['a non-string element', { tag_key: ['team', { x: 1 }] }, /"tag_key": must be a string, number or boolean/],
    ['an array for a single-valued parameter', { visibility: ['public', 'private'] }, /"visibility": must be a string, number or boolean, not an array/],
    ['a value outside the enum', { visibility: 'everyone' }, /"visibility": must be one of private, public, shared/],
  ];
  for (const [label, query, message] of refused) it(`${label} is a ValidationError and nothing is sent`, async () => {
    const r = ok();
    const err = await caught(() =>
      createGcoreClient({ apiKey: FAKE.gcoreKey, baseUrl: BASE, fetch: r.fetch }).GET(IMAGES, {
        params: { path: { project_id: 1, region_id: 7 }, query: query as never },
      }),
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(message);
    expect(r.sent).toHaveLength(0);
  });
});

describe('paging parameters are checked against their declared ranges', () => {
  const cases: [string, () => Promise<unknown>, RegExp][] = [
    ['NAVER page 0', () => createNaverClient({ accessKey: FAKE.naverAccessKey, secretKey: FAKE.naverSecretKey, baseUrl: BASE, fetch: ok().fetch }).GET('/v2/repositories', { params: { query: { page: 0 } } }), /"page": must be >= 1/],
    ['NAVER pagesize 0', () => createNaverClient({ accessKey: FAKE.naverAccessKey, secretKey: FAKE.naverSecretKey, baseUrl: BASE, fetch: ok().fetch }).GET('/v2/repositories/{registry}', { params: { path: { registry: 'r' }, query: { pagesize: 0 } } }), /"pagesize": must be >= 1/],
    ['Huawei limit 201', () => createHuaweiClient({ token: FAKE.huaweiToken, baseUrl: BASE, fetch: ok().fetch }).GET('/v5/{project_id}/image/registries/images', { params: { path: { project_id: 'p' }, query: { limit: 201 } } }), /"limit": must be <= 200/],
    ['Huawei offset 2000001', () => createHuaweiClient({ token: FAKE.huaweiToken, baseUrl: BASE, fetch: ok().fetch }).GET('/v5/{project_id}/image/registries/images', { params: { path: { project_id: 'p' }, query: { offset: 2_000_001 } } }), /"offset": must be <= 2000000/],
    ['Huawei image_type cicd (not a listing type)', () => createHuaweiClient({ token: FAKE.huaweiToken, baseUrl: BASE, fetch: ok().fetch }).GET('/v5/{project_id}/image/registries/images', { params: { path: { project_id: 'p' }, query: { image_type: 'cicd' as never } } }), /"image_type": must be one of/],
  ];
  for (const [label, call, message] of cases) it(`${label}: ValidationError before sending`, async () => {
    const err = await caught(call);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(message);
  });
});
