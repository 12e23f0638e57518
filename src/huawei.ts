// Package entry `cloud-image-clients/huawei`: the Huawei Cloud HSS client (src/vendors/huawei/).
export {
  createHuaweiClient,
  HUAWEI_DEFAULT_REGION,
  huaweiBaseUrl,
  huaweiRegion,
  huaweiRegions,
  type HuaweiAkSkOptions,
  type HuaweiClient,
  type HuaweiClientOptions,
  type HuaweiComponents,
  type HuaweiPaths,
  type HuaweiTokenOptions,
} from './vendors/huawei/client.js';
