// Gcore's listings (listProjectImages, listImages) through the real client against the Prism mock of
// specs/gcore: every declared status and example, no Prism violation, the APIKey header on every call.
import { expect, inject } from 'vitest';
import { createGcoreClient } from '../../src/index.js';
import { FAKE, type SentRequest } from '../clients/helpers.js';
import { contractSuite } from '../support/contract-suite.js';

const urls = inject('mockUrls');
const PROJECT_IMAGES = '/cloud/v1/projectimages/{project_id}/{region_id}';
const IMAGES = '/cloud/v1/images/{project_id}/{region_id}';

const checkAuth = (sent: SentRequest) => {
  expect(sent.headers.get('authorization')).toBe(`APIKey ${FAKE.gcoreKey}`);
};

contractSuite({
  name: 'gcore listProjectImages',
  vendor: 'gcore',
  path: PROJECT_IMAGES,
  // The paging parameters, at the documented maximum page size.
  expectedTarget: '/cloud/v1/projectimages/1/7?limit=1000&offset=0',
  call: (o) =>
    createGcoreClient({ apiKey: FAKE.gcoreKey, baseUrl: urls.gcore, fetch: o.fetch, ...(o.retries === undefined ? {} : { retries: o.retries }) }).GET(
      PROJECT_IMAGES,
      { params: { path: { project_id: 1, region_id: 7 }, query: { limit: 1000, offset: 0 } }, headers: o.headers },
    ),
  checkAuth,
});

contractSuite({
  name: 'gcore listImages',
  vendor: 'gcore',
  path: IMAGES,
  // Every documented filter and the paging parameters, the repeated tag_key in the caller's order, the JSON
  // tag_key_value encoded.
  expectedTarget:
    '/cloud/v1/images/1/7?include_prices=false&visibility=public&private=yes&tag_key=team&tag_key=env&tag_key_value=%7B%22team%22%3A%22payments%22%7D' +
    '&architecture=x86_64&name=ubuntu&os_distro=ubuntu&os_version=20.10&limit=100&offset=200',
  call: (o) =>
    createGcoreClient({ apiKey: FAKE.gcoreKey, baseUrl: urls.gcore, fetch: o.fetch, ...(o.retries === undefined ? {} : { retries: o.retries }) }).GET(IMAGES, {
      params: {
        path: { project_id: 1, region_id: 7 },
        query: {
          include_prices: false,
          visibility: 'public',
          private: 'yes',
          tag_key: ['team', 'env'],
          tag_key_value: '{"team":"payments"}',
          architecture: 'x86_64',
          name: 'ubuntu',
          os_distro: 'ubuntu',
          os_version: '20.10',
          limit: 100,
          offset: 200,
        },
      },
      headers: o.headers,
    }),
  checkAuth,
});
