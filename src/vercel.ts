// Package entry `cloud-image-clients/vercel`: the Vercel Container Registry client (src/vendors/vercel/).
export {
  createVercelClient,
  VERCEL_BASE_URL,
  type VercelClient,
  type VercelClientOptions,
  type VercelComponents,
  type VercelPaths,
} from './vendors/vercel/client.js';
