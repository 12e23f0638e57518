// The listings through the real NAVER and Huawei clients against the local verifying server, which checks
// signatures the way the gateways do: paging query strings (page/pagesize, offset/limit) and filters are
// signed as sent; NAVER's signature covers the query in the caller's order (a query reordered after signing
// is rejected), Huawei's covers the sorted canonical query (the wire keeps the caller's order); an image
// name with `/` is one encoded segment on the tag paths; temporary Huawei credentials sign X-Security-Token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHuaweiClient, createNaverClient, type FetchLike } from '../../src/index.js';
import { received, startVerifyingServer, type RecordedRequest, type VerifyingServer } from '../support/verifying-server.js';
import { FAKE } from './helpers.js';

const naverCreds = { accessKey: FAKE.naverAccessKey, secretKey: FAKE.naverSecretKey };
const huaweiCreds = { accessKey: FAKE.huaweiAk, secretKey: FAKE.huaweiSk };
const LIST = '/v5/{project_id}/image/registries/images';

let server: VerifyingServer;
let stsServer: VerifyingServer;

beforeAll(async () => {
  server = await startVerifyingServer({ naver: naverCreds, huawei: huaweiCreds });
  stsServer = await startVerifyingServer({ huawei: { ...huaweiCreds, securityToken: FAKE.huaweiSecurityToken } });
});

afterAll(async () => {
  await server?.close();
  await stsServer?.close();
});

const naver = (options: { base?: string; secretKey?: string; fetch?: FetchLike } = {}) => {
  const { base = 'api', ...rest } = options;
  return createNaverClient({ ...naverCreds, baseUrl: `${server.url}/ncr/${base}`, retries: 0, ...rest });
};

const huawei = (options: { target?: VerifyingServer; securityToken?: string; secretKey?: string; fetch?: FetchLike } = {}) => {
  const { target = server, ...rest } = options;
  return createHuaweiClient({ ...huaweiCreds, region: 'cn-north-4', baseUrl: target.url, retries: 0, ...rest });
};

/** A fetch that swaps the first two query parameters of the signed URL before sending it. */
const reorderQueryAfterSigning: FetchLike = (input, init) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  const pairs = url.search.slice(1).split('&');
  url.search = [pairs[1], pairs[0], ...pairs.slice(2)].join('&');
  return globalThis.fetch(new Request(url, request));
};

describe('NAVER listings: signature v2 over the exact paged request', () => {
  it('getRegistryList with page and pagesize', async () => {
    const { result, requests } = await received(server, () => naver().GET('/v2/repositories', { params: { query: { page: 2, pagesize: 50 } } }));
    expect(result.response.status).toBe(200);
    expect(requests).toEqual([expect.objectContaining({ outcome: 'ok', url: '/ncr/api/v2/repositories?page=2&pagesize=50' })]);
    expect(result.data).toMatchObject({ count: 0, next: null, results: [] });
  });

  it("getImageList keeps the caller's query order on the wire, and it is what was signed", async () => {
    const { result, requests } = await received(server, () =>
      naver({ base: 'sgn-api' }).GET('/v2/repositories/{registry}', { params: { path: { registry: 'my-registry' }, query: { pagesize: 20, page: 3 } } }),
    );
    expect(result.response.status).toBe(200);
    expect(requests).toEqual([expect.objectContaining({ outcome: 'ok', url: '/ncr/sgn-api/v2/repositories/my-registry?pagesize=20&page=3' })]);
  });

  it('a query reordered after signing is rejected with the gateway 401 (the signature covers the order)', async () => {
    const { result, requests } = await received(server, () =>
      naver({ fetch: reorderQueryAfterSigning }).GET('/v2/repositories/{registry}', { params: { path: { registry: 'my-registry' }, query: { page: 3, pagesize: 20 } } }),
    );
    expect(requests).toEqual([expect.objectContaining({ outcome: 'bad-signature', url: '/ncr/api/v2/repositories/my-registry?pagesize=20&page=3' })]);
    expect(result.response.status).toBe(401);
    expect(result.error).toEqual({ error: { errorCode: '200', message: 'Authentication Failed', details: 'Invalid authentication information.' } });
  });

  it('getImageTagList: an image name with `/` is one encoded segment, signed as sent', async () => {
    const { result, requests } = await received(server, () =>
      naver({ base: 'jpn-api' }).GET('/v2/repositories/{registry}/{imageName}/tags', {
        params: { path: { registry: 'my-registry', imageName: 'team/app' }, query: { page: 1, pagesize: 100 } },
      }),
    );
    expect(requests).toEqual([expect.objectContaining({ outcome: 'ok', url: '/ncr/jpn-api/v2/repositories/my-registry/team%2Fapp/tags?page=1&pagesize=100' })]);
    expect(result.data).toMatchObject({ echo: { registry: 'my-registry', imageName: 'team/app', query: { page: '1', pagesize: '100' } } });
  });

  it('getImageTagDetail: image name and tag reference arrive intact', async () => {
    const { result, requests } = await received(server, () =>
      naver().GET('/v2/repositories/{registry}/{imageName}/tags/{reference}', {
        params: { path: { registry: 'my-registry', imageName: 'deep/ly/nested', reference: '1.0+build.7' } },
      }),
    );
    expect(requests).toEqual([expect.objectContaining({ outcome: 'ok', url: '/ncr/api/v2/repositories/my-registry/deep%2Fly%2Fnested/tags/1.0%2Bbuild.7' })]);
    expect(result.data).toMatchObject({ name: '1.0+build.7', echo: { imageName: 'deep/ly/nested' } });
  });

  it('a wrong secret on a listing gets the gateway 401 body', async () => {
    const { result, requests } = await received(server, () => naver({ secretKey: 'not-the-secret' }).GET('/v2/repositories', { params: { query: { page: 1 } } }));
    expect(requests[0]?.outcome).toBe('bad-signature');
    expect(result.response.status).toBe(401);
  });
});

describe('Huawei ListRegistryImages: SDK-HMAC-SHA256 over offset/limit and filters', () => {
  const query = {
    offset: 400,
    limit: 200,
    namespace: 'scc_hss_container',
    image_name: 'proxy agent/x+y',
    has_vul: true,
    sort_dir: 'desc' as const,
    enterprise_project_id: 'all_granted_eps',
  };

  it("the wire keeps the caller's order; the signature covers the sorted, RFC 3986-encoded canonical query", async () => {
    const { result, requests } = await received(server, () => huawei().GET(LIST, { params: { path: { project_id: 'p1' }, query } }));
    expect(result.response.status).toBe(200);
    expect(requests).toHaveLength(1);
    const [request] = requests as [RecordedRequest];
    expect(request.outcome).toBe('ok');
    expect(request.url).toBe(
      '/v5/p1/image/registries/images?offset=400&limit=200&namespace=scc_hss_container&image_name=proxy%20agent%2Fx%2By&has_vul=true&sort_dir=desc&enterprise_project_id=all_granted_eps',
    );
    const [method, uri, canonicalQuery] = request.canonicalRequest!.split('\n');
    expect([method, uri]).toEqual(['GET', '/v5/p1/image/registries/images/']);
    expect(canonicalQuery).toBe(
      'enterprise_project_id=all_granted_eps&has_vul=true&image_name=proxy%20agent%2Fx%2By&limit=200&namespace=scc_hss_container&offset=400&sort_dir=desc',
    );
    expect(result.data).toMatchObject({ total_num: 0, data_list: [], echo: { project_id: 'p1', query: { image_name: 'proxy agent/x+y', offset: '400' } } });
  });

  it('the next page (another offset) is signed afresh and accepted', async () => {
    const { requests } = await received(server, async () => {
      await huawei().GET(LIST, { params: { path: { project_id: 'p1' }, query: { offset: 0, limit: 10 } } });
      await huawei().GET(LIST, { params: { path: { project_id: 'p1' }, query: { offset: 10, limit: 10 } } });
    });
    expect(requests.map((r) => [r.outcome, r.url])).toEqual([
      ['ok', '/v5/p1/image/registries/images?offset=0&limit=10'],
      ['ok', '/v5/p1/image/registries/images?offset=10&limit=10'],
    ]);
  });

  it('a query changed after signing is rejected with APIG.0301', async () => {
    const tamper: FetchLike = (input, init) => {
      const request = new Request(input, init);
      return globalThis.fetch(new Request(request.url.replace('offset=0', 'offset=10'), request));
    };
    const { result, requests } = await received(server, () => huawei({ fetch: tamper }).GET(LIST, { params: { path: { project_id: 'p1' }, query: { offset: 0, limit: 10 } } }));
    expect(requests[0]?.outcome).toBe('bad-signature');
    expect(result.response.status).toBe(401);
    expect(result.error).toMatchObject({ error_code: 'APIG.0301' });
  });

  it('temporary credentials: X-Security-Token is sent and signed on the listing', async () => {
    const { result, requests } = await received(stsServer, () =>
      huawei({ target: stsServer, securityToken: FAKE.huaweiSecurityToken }).GET(LIST, { params: { path: { project_id: 'p1' }, query: { limit: 50, offset: 50 } } }),
    );
    expect(result.response.status).toBe(200);
    expect(requests[0]?.outcome).toBe('ok');
    expect(requests[0]?.canonicalRequest).toContain('\nx-security-token:<redacted>\n');
  });
});
