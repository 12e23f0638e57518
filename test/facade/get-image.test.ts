// getImage for all five operations through the real clients (real NAVER/Huawei signing) against the
// Prism mocks: every summary field is checked against the spec example the mock serves.
import { describe, expect, inject, it } from 'vitest';
import { getImage } from '../../src/index.js';
import { example200 } from '../support/spec-examples.js';

const urls = inject('mockUrls');

const VERCEL_IMAGE_PATH = '/v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}';
const VERCEL_TAG_PATH = '/v1/vcr/repository/{idOrName}/tags/{tag}';

// Fake credentials: Prism checks that the auth headers are present, not their value.
const vercel = { token: 'test-vercel-token', baseUrl: urls.vercel };
const gcore = { apiKey: 'test-gcore-key', baseUrl: urls.gcore };
const naver = { accessKey: 'TESTNAVERACCESSKEY', secretKey: 'test-naver-secret', baseUrl: urls.naver };
const huawei = { accessKey: 'TESTHUAWEIAK', secretKey: 'test-huawei-sk', region: 'cn-north-4', baseUrl: urls.huawei };

describe('getImage against the Prism mocks', () => {
  it('vercel image: every field from the getRepositoryImage example', async () => {
    const body = example200('vercel', VERCEL_IMAGE_PATH) as { image: Record<string, unknown> };
    const result = await getImage({ vendor: 'vercel', repository: 'my-repo', image: 'img_a1b2c3d4e5f6', projectId: 'prj_1' }, vercel);
    if (!result.ok) throw result.error;
    expect(result.raw).toEqual(body);
    expect(result.summary.raw).toBe(result.raw);
    const { raw: _raw, ...summary } = result.summary;
    expect(summary).toEqual({
      vendor: 'vercel',
      id: 'img_a1b2c3d4e5f6', // image.id
      repository: 'my-repo', // as asked
      name: null,
      tags: ['latest', 'v1.4.2'], // image.tags
      labels: {},
      digest: 'sha256:8f97cbaf0ddba1458508c6269a5a26f542100ac8bff64a47b4350a38c739fdf6', // image.manifestDigest
      sizeBytes: 64965896, // image.sizeInBytes
      os: 'linux', // image.platform
      osDistro: null,
      osVersion: null,
      architecture: 'amd64', // image.arch
      status: 'preparing', // image.status
      createdAt: '2026-06-30T10:00:00.000Z', // image.createdAt
      updatedAt: null,
      baseImages: [],
    });
    expect(summary.digest).toBe(body.image['manifestDigest']);
  });

  it('vercel tag: the same summary as a lookup of the image it points at; raw is the tag body', async () => {
    const body = example200('vercel', VERCEL_TAG_PATH, 'manifest') as { tag: Record<string, unknown> };
    const byTag = await getImage({ vendor: 'vercel', repository: 'my-repo', tag: 'latest', projectId: 'prj_1' }, vercel);
    const byImage = await getImage({ vendor: 'vercel', repository: 'my-repo', image: 'img_a1b2c3d4e5f6', projectId: 'prj_1' }, vercel);
    if (!byTag.ok) throw byTag.error;
    if (!byImage.ok) throw byImage.error;
    expect(byTag.raw).toEqual(body);
    expect(byTag.summary.raw).toEqual(body);
    const { raw: _tagRaw, ...tagSummary } = byTag.summary;
    const { raw: _imageRaw, ...imageSummary } = byImage.summary;
    expect(tagSummary).toEqual(imageSummary);
    expect(tagSummary.id).toBe(body.tag['imageId']);
    expect(tagSummary.tags).toContain(body.tag['tag']);
  });

  it('gcore: naive UTC datetimes normalized, tags become labels', async () => {
    const body = example200('gcore', '/cloud/v1/images/{project_id}/{region_id}/{image_id}') as Record<string, unknown>;
    const result = await getImage({ vendor: 'gcore', projectId: 1, regionId: 7, image: '8cab6f28-09ca-4201-b3f7-23c7893f4bd6' }, gcore);
    if (!result.ok) throw result.error;
    expect(result.raw).toEqual(body);
    const { raw: _raw, ...summary } = result.summary;
    expect(summary).toEqual({
      vendor: 'gcore',
      id: '8cab6f28-09ca-4201-b3f7-23c7893f4bd6', // id
      repository: null,
      name: 'ubuntu-20.10-x64', // name
      tags: [],
      labels: { 'my-tag': 'my-tag-value' }, // tags_v2[].key / .value
      digest: null,
      sizeBytes: 2361393152, // size
      os: 'linux', // os_type
      osDistro: 'ubuntu', // os_distro
      osVersion: '20.10', // os_version
      architecture: 'x86_64', // architecture
      status: 'active', // status
      createdAt: '2024-05-05T14:51:26.570Z', // created_at '2024-05-05T14:51:26.570866' (UTC, µs truncated)
      updatedAt: '2024-05-05T14:51:26.570Z', // updated_at
      baseImages: [],
    });
    expect(body['created_at']).toBe('2024-05-05T14:51:26.570866');
  });

  it('naver: epoch milliseconds normalized, names from the body', async () => {
    const body = example200('naver', '/v2/repositories/{registry}/{imageName}') as Record<string, unknown>;
    const result = await getImage({ vendor: 'naver', registry: 'ncpdocker', image: 'ncpdocker' }, naver);
    if (!result.ok) throw result.error;
    expect(result.raw).toEqual(body);
    const { raw: _raw, ...summary } = result.summary;
    expect(summary).toEqual({
      vendor: 'naver',
      id: null,
      repository: 'ncpdocker', // namespace
      name: 'ncpdocker', // name
      tags: [],
      labels: {},
      digest: null,
      sizeBytes: null,
      os: null,
      osDistro: null,
      osVersion: null,
      architecture: null,
      status: null, // NAVER documents `status` as "Not used"
      createdAt: null,
      updatedAt: new Date(1711928488000).toISOString(), // last_updated (epoch ms)
      baseImages: [],
    });
    expect(summary.updatedAt).toBe('2024-03-31T23:41:28.000Z');
  });

  it('naver: an image name with a slash is accepted (one encoded segment)', async () => {
    const result = await getImage({ vendor: 'naver', registry: 'my-registry', image: 'team/app' }, naver);
    if (!result.ok) throw result.error;
    expect(result.summary.vendor).toBe('naver');
  });

  it('huawei (AK/SK): base images from every page; the image named by the request', async () => {
    const body = example200('huawei', '/v5/{project_id}/image/{image_id}/basic-image');
    const result = await getImage(
      {
        vendor: 'huawei',
        projectId: '2b31ed520xxxxxxebedb6e57xxxxxxxx',
        image: '111',
        imageType: 'private_image',
        namespace: 'scc_hss_container',
        imageName: 'proxy-agent',
        imageVersion: '24.5.0-x86_64',
      },
      huawei,
    );
    if (!result.ok) throw result.error;
    expect(result.raw).toEqual(body); // one page: the body as received
    const { raw: _raw, ...summary } = result.summary;
    expect(summary).toEqual({
      vendor: 'huawei',
      id: '111', // image_id (request)
      repository: 'scc_hss_container', // namespace (request)
      name: 'proxy-agent', // image_name (request)
      tags: ['24.5.0-x86_64'], // image_version (request)
      labels: {},
      digest: null,
      sizeBytes: null,
      os: null,
      osDistro: 'Debian', // data_list[].os_name
      osVersion: '9', // data_list[].os_version
      architecture: null,
      status: null,
      createdAt: null,
      updatedAt: null,
      baseImages: [
        { os: 'Debian', osVersion: '9', layerDigest: 'sha256:27833a3ba0a545deda33bb01eaf95a14d05d43bf30bce9267d92d17f069fe897' },
      ],
    });
  });

  it('huawei with an IAM token', async () => {
    const result = await getImage(
      { vendor: 'huawei', projectId: 'p1', image: '111', imageType: 'cicd' },
      { token: 'test-iam-token', baseUrl: urls.huawei },
    );
    if (!result.ok) throw result.error;
    expect(result.summary.osDistro).toBe('Debian');
  });

  it('an existing client can be passed instead of options', async () => {
    const { createGcoreClient } = await import('../../src/index.js');
    const client = createGcoreClient(gcore); // throwOnError not set: errors come back as { error }
    const ok = await getImage({ vendor: 'gcore', projectId: 1, regionId: 7, image: 'x' }, { client });
    expect(ok.ok).toBe(true);
  });

  it('mock error statuses come back as typed ApiErrors with the vendor code', async () => {
    const preferring = (status: number) => (input: string | URL | Request, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      headers.set('Prefer', `code=${status}`);
      return fetch(input, { ...init, headers });
    };
    const result = await getImage(
      { vendor: 'gcore', projectId: 1, regionId: 7, image: 'missing' },
      { ...gcore, fetch: preferring(404), retries: 0 },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('http');
    expect(result.error.status).toBe(404);
    expect(result.error.code).toBe('NotFoundError');
    expect(result.error.requestId).toBe('681423d626cb6c252c73a97211efb7e3');

    const hss = await getImage(
      { vendor: 'huawei', projectId: 'p1', image: 'missing', imageType: 'cicd' },
      { ...huawei, fetch: preferring(400), retries: 0 },
    );
    expect(hss.ok).toBe(false);
    if (hss.ok) return;
    expect(hss.error.status).toBe(400);
    expect(hss.error.code).toBe('HSS.0011');
  });
});
