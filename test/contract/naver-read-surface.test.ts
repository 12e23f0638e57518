// NAVER NCR listings (registries, images, tags) and tag details through the real client against the Prism
// mock of specs/naver: every declared status and example, no Prism violation, paging query as given, an
// image name with `/` as one encoded segment, and a signature the independent verifier accepts.
import { expect, inject } from 'vitest';
import { createNaverClient } from '../../src/index.js';
import { verifyNaver } from '../support/verifying-server.js';
import { FAKE, type SentRequest } from '../clients/helpers.js';
import { contractSuite, wireRequest, type ContractCall } from '../support/contract-suite.js';

const urls = inject('mockUrls');
const credentials = { accessKey: FAKE.naverAccessKey, secretKey: FAKE.naverSecretKey };

const client = (o: ContractCall) =>
  // Prism serves the NAVER paths from the root: the regional base path belongs to the real server URL.
  createNaverClient({ ...credentials, baseUrl: urls.naver, fetch: o.fetch, ...(o.retries === undefined ? {} : { retries: o.retries }) });

const checkAuth = (sent: SentRequest) => {
  expect(sent.headers.get('x-ncp-iam-access-key')).toBe(FAKE.naverAccessKey);
  expect(sent.headers.get('x-ncp-apigw-timestamp')).toMatch(/^\d{13}$/);
  const verdict = verifyNaver(wireRequest(sent), credentials, Number(sent.headers.get('x-ncp-apigw-timestamp')));
  expect(verdict).toEqual({ ok: true });
};

contractSuite({
  name: 'naver getRegistryList',
  vendor: 'naver',
  path: '/v2/repositories',
  expectedTarget: '/v2/repositories?page=2&pagesize=50',
  call: (o) => client(o).GET('/v2/repositories', { params: { query: { page: 2, pagesize: 50 } }, headers: o.headers }),
  checkAuth,
});

contractSuite({
  name: 'naver getImageList',
  vendor: 'naver',
  path: '/v2/repositories/{registry}',
  expectedTarget: '/v2/repositories/ncpdocker?pagesize=20&page=1',
  call: (o) =>
    client(o).GET('/v2/repositories/{registry}', { params: { path: { registry: 'ncpdocker' }, query: { pagesize: 20, page: 1 } }, headers: o.headers }),
  checkAuth,
});

contractSuite({
  name: 'naver getImageTagList',
  vendor: 'naver',
  path: '/v2/repositories/{registry}/{imageName}/tags',
  expectedTarget: '/v2/repositories/ncpdocker/team%2Fapp/tags?page=3&pagesize=1',
  call: (o) =>
    client(o).GET('/v2/repositories/{registry}/{imageName}/tags', {
      params: { path: { registry: 'ncpdocker', imageName: 'team/app' }, query: { page: 3, pagesize: 1 } },
      headers: o.headers,
    }),
  checkAuth,
});

contractSuite({
  name: 'naver getImageTagDetail',
  vendor: 'naver',
  path: '/v2/repositories/{registry}/{imageName}/tags/{reference}',
  expectedTarget: '/v2/repositories/ncpdocker/team%2Fapp/tags/latest',
  call: (o) =>
    client(o).GET('/v2/repositories/{registry}/{imageName}/tags/{reference}', {
      params: { path: { registry: 'ncpdocker', imageName: 'team/app', reference: 'latest' } },
      headers: o.headers,
    }),
  checkAuth,
});
