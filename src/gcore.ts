// Package entry `cloud-image-clients/gcore`: the Gcore Cloud client (src/vendors/gcore/).
export {
  createGcoreClient,
  GCORE_BASE_URL,
  type GcoreClient,
  type GcoreClientOptions,
  type GcoreComponents,
  type GcorePaths,
} from './vendors/gcore/client.js';
