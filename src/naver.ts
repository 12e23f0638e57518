// Package entry `cloud-image-clients/naver`: the NAVER Cloud Container Registry client (src/vendors/naver/).
export {
  createNaverClient,
  NAVER_DEFAULT_REGION,
  NAVER_REGION_BASE_URLS,
  type NaverClient,
  type NaverClientOptions,
  type NaverComponents,
  type NaverPaths,
  type NaverRegion,
} from './vendors/naver/client.js';
