// Huawei HSS ListRegistryImages through the real client against the Prism mock of specs/huawei: every
// declared status and example, no Prism violation, offset/limit and filters as given, the `region` header,
// and (AK/SK) a signature the independent verifier accepts.
import { expect, inject } from 'vitest';
import { createHuaweiClient } from '../../src/index.js';
import { verifyHuawei } from '../support/verifying-server.js';
import { FAKE, type SentRequest } from '../clients/helpers.js';
import { contractSuite, wireRequest } from '../support/contract-suite.js';

const urls = inject('mockUrls');
const PATH = '/v5/{project_id}/image/registries/images';
const PROJECT = '2b31ed520b6e4b1a9d8f7e6c5b4a3f21';

contractSuite({
  name: 'huawei ListRegistryImages (X-Auth-Token)',
  vendor: 'huawei',
  path: PATH,
  expectedTarget: `/v5/${PROJECT}/image/registries/images?offset=0&limit=200`,
  call: (o) =>
    createHuaweiClient({ token: FAKE.huaweiToken, region: 'cn-north-4', baseUrl: urls.huawei, fetch: o.fetch, ...(o.retries === undefined ? {} : { retries: o.retries }) }).GET(
      PATH,
      { params: { path: { project_id: PROJECT }, query: { offset: 0, limit: 200 } }, headers: o.headers },
    ),
  checkAuth: (sent: SentRequest) => {
    expect(sent.headers.get('x-auth-token')).toBe(FAKE.huaweiToken);
    expect(sent.headers.get('region')).toBe('cn-north-4');
    expect(sent.headers.get('authorization')).toBeNull();
  },
});

contractSuite({
  name: 'huawei ListRegistryImages (AK/SK, filters)',
  vendor: 'huawei',
  path: PATH,
  expectedTarget:
    `/v5/${PROJECT}/image/registries/images?offset=400&limit=200&image_type=private_image&namespace=scc_hss_container&image_name=proxy-agent` +
    '&latest_version=true&scan_status=success&sort_key=latest_scan_time&sort_dir=desc&has_vul=true&start_latest_update_time=1714521600000&enterprise_project_id=all_granted_eps',
  call: (o) =>
    createHuaweiClient({ accessKey: FAKE.huaweiAk, secretKey: FAKE.huaweiSk, region: 'cn-north-4', baseUrl: urls.huawei, fetch: o.fetch, ...(o.retries === undefined ? {} : { retries: o.retries }) }).GET(
      PATH,
      {
        params: {
          path: { project_id: PROJECT },
          query: {
            offset: 400,
            limit: 200,
            image_type: 'private_image',
            namespace: 'scc_hss_container',
            image_name: 'proxy-agent',
            latest_version: true,
            scan_status: 'success',
            sort_key: 'latest_scan_time',
            sort_dir: 'desc',
            has_vul: true,
            start_latest_update_time: 1714521600000,
            enterprise_project_id: 'all_granted_eps',
          },
        },
        headers: o.headers,
      },
    ),
  checkAuth: (sent: SentRequest) => {
    expect(sent.headers.get('region')).toBe('cn-north-4');
    expect(sent.headers.get('x-auth-token')).toBeNull();
    const date = sent.headers.get('x-sdk-date')!;
    const signedAt = Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8), +date.slice(9, 11), +date.slice(11, 13), +date.slice(13, 15));
    expect(verifyHuawei(wireRequest(sent), { accessKey: FAKE.huaweiAk, secretKey: FAKE.huaweiSk }, signedAt).ok).toBe(true);
  },
});
