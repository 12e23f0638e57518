// Foundation contract: a plain openapi-fetch client typed by the generated `paths` gets each operation's
// documented 200 example from the Prism mock, and Prism reports no request or response violation.
import createClient from 'openapi-fetch';
import { describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import type { paths as VercelPaths } from '../../generated/vercel.js';
import type { paths as GcorePaths } from '../../generated/gcore.js';
import type { paths as NaverPaths } from '../../generated/naver.js';
import type { paths as HuaweiPaths } from '../../generated/huawei.js';

const urls = inject('mockUrls');

function example200(vendor: string, path: string): unknown {
  const spec = parse(readFileSync(new URL(`../../specs/${vendor}/openapi.yaml`, import.meta.url), 'utf8'));
  const content = spec.paths[path].get.responses['200'].content['application/json'];
  if (content.example !== undefined) return content.example;
  const first = Object.values(content.examples ?? {})[0] as { value: unknown } | undefined;
  if (!first) throw new Error(`no 200 example for ${vendor} ${path}`);
  return first.value;
}

function expectNoViolations(response: Response) {
  expect(response.headers.get('sl-violations')).toBeNull();
}

describe('raw openapi-fetch against the Prism mocks', () => {
  it('vercel getRepositoryImage', async () => {
    const client = createClient<VercelPaths>({ baseUrl: urls.vercel, headers: { Authorization: 'Bearer test' } });
    const { data, error, response } = await client.GET('/v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}', {
      params: { path: { idOrName: 'my-repo', imageIdOrDigest: 'img_123' }, query: { projectId: 'prj_1' } },
    });
    expect(error).toBeUndefined();
    expectNoViolations(response);
    expect(data).toEqual(example200('vercel', '/v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}'));
  });

  it('vercel getRepositoryTag', async () => {
    const client = createClient<VercelPaths>({ baseUrl: urls.vercel, headers: { Authorization: 'Bearer test' } });
    const { data, error, response } = await client.GET('/v1/vcr/repository/{idOrName}/tags/{tag}', {
      params: { path: { idOrName: 'my-repo', tag: 'latest' }, query: { projectId: 'prj_1' } },
    });
    expect(error).toBeUndefined();
    expectNoViolations(response);
    expect(data).toEqual(example200('vercel', '/v1/vcr/repository/{idOrName}/tags/{tag}'));
  });

  it('gcore ImageDetailViewSet.get', async () => {
    const client = createClient<GcorePaths>({ baseUrl: urls.gcore, headers: { Authorization: 'APIKey test' } });
    const { data, error, response } = await client.GET('/cloud/v1/images/{project_id}/{region_id}/{image_id}', {
      params: { path: { project_id: 1, region_id: 7, image_id: '8cab6f28-09ca-4201-b3f7-23c7893f4bd6' } },
    });
    expect(error).toBeUndefined();
    expectNoViolations(response);
    expect(data).toEqual(example200('gcore', '/cloud/v1/images/{project_id}/{region_id}/{image_id}'));
  });

  it('naver getImageDetail', async () => {
    // Prism serves the paths from the root; the regional base path (/ncr/api) belongs to the real server URL.
    const client = createClient<NaverPaths>({
      baseUrl: urls.naver,
      headers: { 'x-ncp-apigw-timestamp': '1', 'x-ncp-iam-access-key': 'ak', 'x-ncp-apigw-signature-v2': 'sig' },
    });
    const { data, error, response } = await client.GET('/v2/repositories/{registry}/{imageName}', {
      params: { path: { registry: 'ncpdocker', imageName: 'ncpdocker' } },
    });
    expect(error).toBeUndefined();
    expectNoViolations(response);
    expect(data).toEqual(example200('naver', '/v2/repositories/{registry}/{imageName}'));
  });

  it('huawei ListImageBasicImage', async () => {
    const client = createClient<HuaweiPaths>({ baseUrl: urls.huawei, headers: { 'X-Auth-Token': 'token' } });
    const { data, error, response } = await client.GET('/v5/{project_id}/image/{image_id}/basic-image', {
      params: {
        path: { project_id: '2b31ed520xxxxxxebedb6e57xxxxxxxx', image_id: '111' },
        query: { image_type: 'cicd', offset: 0, limit: 200, enterprise_project_id: 'all_granted_eps' },
        header: { region: 'cn-north-4' },
      },
    });
    expect(error).toBeUndefined();
    expectNoViolations(response);
    expect(data).toEqual(example200('huawei', '/v5/{project_id}/image/{image_id}/basic-image'));
  });
});
