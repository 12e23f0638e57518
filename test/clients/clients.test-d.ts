// Types of the vendor clients: correct calls compile and `data`/`error` have the precise generated types;
// wrong paths, missing required parameters, wrong enum values or parameter types, wrong regions and
// mixed Huawei auth modes do not compile.
//
// Every @ts-expect-error directive names the diagnostic it expects (TSnnnn and a quoted part of the message)
// and stands right above the one line where the compiler reports it; test/clients/type-errors.test.ts
// compiles this file without the directives and checks that each directive's line gets exactly that one
// error and that no other line has any.
import { describe, expectTypeOf, it } from 'vitest';
import {
  createGcoreClient,
  createHuaweiClient,
  createNaverClient,
  createVercelClient,
  type HuaweiClientOptions,
  type NaverRegion,
} from '../../src/index.js';
import type { GcoreComponents } from '../../src/gcore.js';
import type { HuaweiComponents } from '../../src/huawei.js';
import type { NaverComponents } from '../../src/naver.js';
import type { VercelComponents } from '../../src/vercel.js';

const vercel = createVercelClient({ token: 't' });
const gcore = createGcoreClient({ apiKey: 'k' });
const naver = createNaverClient({ accessKey: 'a', secretKey: 's', region: 'sgn' });
const huawei = createHuaweiClient({ accessKey: 'a', secretKey: 's', region: 'cn-north-4' });
const huaweiToken = createHuaweiClient({ token: 't' });

const IMAGE = '/v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}';
const TAG = '/v1/vcr/repository/{idOrName}/tags/{tag}';
const GCORE = '/cloud/v1/images/{project_id}/{region_id}/{image_id}';
const NCR = '/v2/repositories/{registry}/{imageName}';
const HSS = '/v5/{project_id}/image/{image_id}/basic-image';

describe('vercel client', () => {
  it('getRepositoryImage: data and error are the generated types', async () => {
    const result = await vercel.GET(IMAGE, {
      params: { path: { idOrName: 'repo', imageIdOrDigest: 'img' }, query: { projectId: 'prj', teamId: 'team' } },
    });
    expectTypeOf(result.response).toEqualTypeOf<Response>();
    if (result.data !== undefined) {
      const { data, error } = result;
      expectTypeOf(data.image.manifestDigest).toEqualTypeOf<string>();
      expectTypeOf(data.image.sizeInBytes).toEqualTypeOf<number>();
      expectTypeOf(data.image.tags).toEqualTypeOf<string[]>();
      expectTypeOf(data.image.kind).toEqualTypeOf<'attestation' | 'index' | 'manifest'>();
      expectTypeOf(data.image.status).toEqualTypeOf<'errored' | 'preparing' | 'ready' | 'unoptimized' | null>();
      expectTypeOf(data.image.platform).toEqualTypeOf<string | undefined>();
      expectTypeOf(data.image.layers).toEqualTypeOf<VercelComponents['schemas']['VcrImageLayer'][]>();
      // the vendor's layer union, discriminated by `type`
      const layer = data.image.layers[0]!;
      if (layer.type === 'FROM') expectTypeOf(layer.baseImage).toEqualTypeOf<string | null>();
      if (layer.type === 'RUN') expectTypeOf(layer.command).toEqualTypeOf<string | null>();
      if (layer.type === 'ENV') expectTypeOf(layer.env).toEqualTypeOf<string | null>();
      expectTypeOf(error).toEqualTypeOf<undefined>();
    } else {
      const { data, error } = result;
      expectTypeOf(data).toEqualTypeOf<undefined>();
      // openapi-fetch flattens the schema's intersections (`& { [key: string]: unknown }`): equal once normalized
      expectTypeOf(error).branded.toEqualTypeOf<VercelComponents['schemas']['VercelBaseError']>();
      expectTypeOf(error.error.code).toEqualTypeOf<string>();
    }
  });

  it('getRepositoryTag: data is the tag body', async () => {
    const { data } = await vercel.GET(TAG, { params: { path: { idOrName: 'repo', tag: 'latest' }, query: { projectId: 'prj' } } });
    expectTypeOf(data).toEqualTypeOf<
      | {
          tag: {
            tag: string;
            manifestDigest: string;
            imageId: string;
            kind: 'attestation' | 'index' | 'manifest';
            platform?: string;
            arch?: string;
            pushedBy?: string;
            status: 'errored' | 'preparing' | 'ready' | 'unoptimized' | null;
            sizeInBytes: number;
            createdAt: string;
            updatedAt: string;
          };
        }
      | undefined
    >();
  });

  it('wrong calls do not compile', () => {
    // @ts-expect-error TS2345 `is not assignable to parameter of type 'PathsWithMethod<paths, "get">'` a path the spec does not have
    void vercel.GET('/v1/vcr/repository/{idOrName}/image/{imageIdOrDigest}', {});
    // @ts-expect-error TS2345 `is not assignable to parameter of type 'never'` the operation has no POST
    void vercel.POST(IMAGE, { params: { path: { idOrName: 'r', imageIdOrDigest: 'i' }, query: { projectId: 'p' } } });
    void vercel.GET(IMAGE, {
      params: {
        path: { idOrName: 'r', imageIdOrDigest: 'i' },
        // @ts-expect-error TS2741 `Property 'projectId' is missing` the required query parameter
        query: {},
      },
    });
    void vercel.GET(IMAGE, {
      // @ts-expect-error TS2741 `Property 'query' is missing` the query object is required (it holds projectId)
      params: { path: { idOrName: 'r', imageIdOrDigest: 'i' } },
    });
    void vercel.GET(IMAGE, {
      params: {
        // @ts-expect-error TS2741 `Property 'imageIdOrDigest' is missing` a required path parameter
        path: { idOrName: 'r' },
        query: { projectId: 'p' },
      },
    });
    void vercel.GET(TAG, {
      params: {
        // @ts-expect-error TS2353 `'imageIdOrDigest' does not exist` the other operation's path parameter (and tag is missing)
        path: { idOrName: 'r', imageIdOrDigest: 'i' },
        query: { projectId: 'p' },
      },
    });
    // @ts-expect-error TS2554 `Expected 2 arguments, but got 1` no init at all: params are required
    void vercel.GET(IMAGE);
    // @ts-expect-error TS2322 `Type 'number' is not assignable to type 'string'` the token is a string
    createVercelClient({ token: 42 });
  });

  it('listing operations: pages are the generated list bodies', async () => {
    const repositories = await vercel.GET('/v1/vcr/repository', { params: { query: { projectId: 'prj', limit: 20, cursor: 'c' } } });
    if (repositories.data !== undefined) {
      expectTypeOf(repositories.data).toEqualTypeOf<VercelComponents['schemas']['VcrRepositoryList']>();
      expectTypeOf(repositories.data.nextCursor).toEqualTypeOf<string | undefined>();
      expectTypeOf(repositories.data.repositories[0]!.public).toEqualTypeOf<boolean>();
    }
    const repository = await vercel.GET('/v1/vcr/repository/{idOrName}', { params: { path: { idOrName: 'my-app' }, query: { projectId: 'prj' } } });
    if (repository.data !== undefined) expectTypeOf(repository.data.repository).toEqualTypeOf<VercelComponents['schemas']['VcrRepository']>();
    const images = await vercel.GET('/v1/vcr/repository/{idOrName}/images', {
      params: { path: { idOrName: 'my-app' }, query: { projectId: 'prj', untagged: true } },
    });
    if (images.data !== undefined) {
      const item = images.data.images[0]!;
      expectTypeOf(item).toEqualTypeOf<VercelComponents['schemas']['VcrImageListItem']>();
      expectTypeOf(item.status).toEqualTypeOf<'errored' | 'preparing' | 'ready' | 'unoptimized' | null>();
      // a listed image has no layers
      expectTypeOf(item).not.toHaveProperty('layers');
    }
    const tags = await vercel.GET('/v1/vcr/repository/{idOrName}/tags', {
      params: { path: { idOrName: 'my-app' }, query: { projectId: 'prj', sortBy: 'tag', sortOrder: 'asc' } },
    });
    if (tags.data !== undefined) expectTypeOf(tags.data.tags[0]!.imageId).toEqualTypeOf<string>();
  });

  it('listing operations: wrong calls do not compile', () => {
    void vercel.GET('/v1/vcr/repository/{idOrName}/tags', {
      // @ts-expect-error TS2322 `Type '"size"' is not assignable to type '"tag" | "updatedAt"'` sortBy outside its enum
      params: { path: { idOrName: 'r' }, query: { projectId: 'p', sortBy: 'size' } },
    });
    void vercel.GET('/v1/vcr/repository/{idOrName}/images', {
      // @ts-expect-error TS2322 `Type 'string' is not assignable to type 'boolean'` untagged is a boolean
      params: { path: { idOrName: 'r' }, query: { projectId: 'p', untagged: 'yes' } },
    });
    void vercel.GET('/v1/vcr/repository', {
      // @ts-expect-error TS2741 `Property 'projectId' is missing` the project is required
      params: { query: { limit: 10 } },
    });
    void vercel.GET('/v1/vcr/repository', {
      // @ts-expect-error TS2322 `Type 'string' is not assignable to type 'number'` limit is a number
      params: { query: { projectId: 'p', limit: '10' } },
    });
  });
});

describe('gcore client', () => {
  it('data and error are the generated types', async () => {
    const result = await gcore.GET(GCORE, {
      params: { path: { project_id: 1, region_id: 7, image_id: '8cab6f28-09ca-4201-b3f7-23c7893f4bd6' }, query: { include_prices: true } },
    });
    if (result.error === undefined) {
      const { data } = result;
      expectTypeOf(data).toEqualTypeOf<GcoreComponents['schemas']['ImageSerializer']>();
      expectTypeOf(data.project_id).toEqualTypeOf<number>();
      expectTypeOf(data.status).toEqualTypeOf<string>();
    } else {
      const { error } = result;
      expectTypeOf(error).branded.toEqualTypeOf<GcoreComponents['schemas']['ErrorResponse']>();
      expectTypeOf(error.exception_class).toEqualTypeOf<string>();
      expectTypeOf(error.request_id).toEqualTypeOf<string | undefined>();
    }
  });

  it('wrong calls do not compile', () => {
    void gcore.GET(GCORE, {
      params: {
        path: {
          // @ts-expect-error TS2322 `Type 'string' is not assignable to type 'number'` project_id is an integer, not a string
          project_id: '1',
          region_id: 7,
          image_id: 'i',
        },
      },
    });
    void gcore.GET(GCORE, {
      params: {
        // @ts-expect-error TS2741 `Property 'region_id' is missing` a required path parameter
        path: { project_id: 1, image_id: 'i' },
      },
    });
    void gcore.GET(GCORE, {
      params: {
        path: { project_id: 1, region_id: 7, image_id: 'i' },
        // @ts-expect-error TS2322 `Type 'string' is not assignable to type 'boolean | undefined'` include_prices is a boolean
        query: { include_prices: 'yes' },
      },
    });
  });
});

describe('naver client', () => {
  it('data and error are the generated types', async () => {
    const result = await naver.GET(NCR, { params: { path: { registry: 'reg', imageName: 'team/app' } } });
    if (result.error === undefined) {
      const { data } = result;
      expectTypeOf(data).toEqualTypeOf<NaverComponents['schemas']['ImageDetail']>();
      expectTypeOf(data.last_updated).toEqualTypeOf<number | undefined>();
      expectTypeOf(data.is_private).toEqualTypeOf<boolean | null | undefined>();
      expectTypeOf(data.user).toEqualTypeOf<string | null | undefined>();
    } else {
      const { error } = result;
      expectTypeOf(error).toEqualTypeOf<NaverComponents['schemas']['NcloudError']>();
      expectTypeOf(error.error).toEqualTypeOf<
        { errorCode?: string | number; message?: string; details?: string } | undefined
      >();
    }
  });

  it('regions are kr, sgn, jpn', () => {
    expectTypeOf<NaverRegion>().toEqualTypeOf<'kr' | 'sgn' | 'jpn'>();
  });

  it('wrong calls do not compile', () => {
    // @ts-expect-error TS2322 `Type '"us"' is not assignable to type '"kr" | "sgn" | "jpn" | undefined'` not an NCR region
    createNaverClient({ region: 'us' });
    void naver.GET(NCR, {
      params: {
        // @ts-expect-error TS2741 `Property 'imageName' is missing` a required path parameter
        path: { registry: 'reg' },
      },
    });
    void naver.GET(NCR, {
      params: {
        path: { registry: 'reg', imageName: 'img' },
        // @ts-expect-error TS2322 `is not assignable to type 'never'` the operation has no query parameters
        query: { tag: 'latest' },
      },
    });
    // @ts-expect-error TS2345 `'"/ncr/api/v2/repositories/{registry}/{imageName}"' is not assignable` the regional base path belongs to baseUrl
    void naver.GET('/ncr/api/v2/repositories/{registry}/{imageName}', {});
  });
});

describe('huawei client', () => {
  it('data and error are the generated types; the region header is optional', async () => {
    const result = await huawei.GET(HSS, {
      params: { path: { project_id: 'p', image_id: 'i' }, query: { image_type: 'private_image', namespace: 'ns', image_name: 'n', image_version: 'v', limit: 10 } },
    });
    if (result.error === undefined) {
      const { data } = result;
      expectTypeOf(data).toEqualTypeOf<HuaweiComponents['schemas']['ListImageBasicImageResponse']>();
      expectTypeOf(data.total_num).toEqualTypeOf<number | undefined>();
      const item = data.data_list?.[0];
      expectTypeOf(item).toEqualTypeOf<HuaweiComponents['schemas']['ImageBasicImageInfo'] | undefined>();
      if (item) {
        expectTypeOf(item.os_name).toEqualTypeOf<string | undefined>();
        expectTypeOf(item.os_version).toEqualTypeOf<string | undefined>();
        expectTypeOf(item.layer_digest).toEqualTypeOf<string | undefined>();
      }
    } else {
      const { error } = result;
      expectTypeOf(error).toEqualTypeOf<HuaweiComponents['schemas']['HuaweiError']>();
      expectTypeOf(error.error_code).toEqualTypeOf<string>();
    }
    // the header may still be given explicitly
    void huaweiToken.GET(HSS, { params: { path: { project_id: 'p', image_id: 'i' }, query: { image_type: 'cicd' }, header: { region: 'cn-north-4' } } });
  });

  it('both auth modes are accepted', () => {
    expectTypeOf<{ token: string }>().toExtend<HuaweiClientOptions>();
    expectTypeOf<{ accessKey: string; secretKey: string; securityToken: string }>().toExtend<HuaweiClientOptions>();
    expectTypeOf<{ region: string }>().toExtend<HuaweiClientOptions>(); // everything from the environment
  });

  it('wrong calls do not compile', () => {
    void huawei.GET(HSS, {
      params: {
        path: { project_id: 'p', image_id: 'i' },
        // @ts-expect-error TS2322 `Type '"foo"' is not assignable to type '"private_image" | "shared_image" | "instance_image" | "cicd" | "harbor"'` not an image_type
        query: { image_type: 'foo' },
      },
    });
    void huawei.GET(HSS, {
      params: {
        path: { project_id: 'p', image_id: 'i' },
        // @ts-expect-error TS2741 `Property 'image_type' is missing` the required query parameter
        query: { namespace: 'ns' },
      },
    });
    void huawei.GET(HSS, {
      params: {
        path: { project_id: 'p', image_id: 'i' },
        // @ts-expect-error TS2322 `Type 'string' is not assignable to type 'number'` limit is an integer
        query: { image_type: 'cicd', limit: '10' },
      },
    });
    createHuaweiClient({
      token: 't',
      // @ts-expect-error TS2322 `Type 'string' is not assignable to type 'undefined'` a token and an access key together
      accessKey: 'a',
    });
    createHuaweiClient({
      accessKey: 'a',
      secretKey: 's',
      // @ts-expect-error TS2322 `Type 'string' is not assignable to type 'undefined'` AK/SK and a token together
      token: 't',
    });
  });
});
