// The vendors whose spec starts from a vendor-published OpenAPI document, and the operations we take from it.
export const UPDATABLE = {
  vercel: {
    name: 'Vercel',
    operations: ['getRepositoryImage', 'getRepositoryTag'],
  },
  gcore: {
    name: 'Gcore',
    operations: ['ImageDetailViewSet.get'],
  },
};

/** Vendors we have a spec for but no vendor document to update it from. */
export const HAND_WRITTEN = {
  naver: 'NAVER Cloud publishes no OpenAPI document: specs/naver/openapi.yaml is written by hand from the docs (see specs/naver/SOURCE.md). Edit it directly.',
  huawei: 'Huawei Cloud publishes no OpenAPI document for HSS: specs/huawei/openapi.yaml is written by hand from the docs (see specs/huawei/SOURCE.md). Edit it directly.',
};
