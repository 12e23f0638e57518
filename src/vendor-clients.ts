// Each vendor's client and factory options, by vendor, and the one way the facade gets a client: the one
// the caller passed in, or a new one from the caller's options (throwing typed errors).
import type { CommonClientOptions } from './client.js';
import { createGcoreClient, type GcoreClient, type GcoreClientOptions } from './vendors/gcore/client.js';
import { createHuaweiClient, type HuaweiClient, type HuaweiClientOptions } from './vendors/huawei/client.js';
import { createNaverClient, type NaverClient, type NaverClientOptions } from './vendors/naver/client.js';
import type { Vendor } from './types.js';
import { createVercelClient, type VercelClient, type VercelClientOptions } from './vendors/vercel/client.js';

/** Each vendor's factory options, by vendor. */
export interface VendorClientOptions {
  vercel: VercelClientOptions;
  gcore: GcoreClientOptions;
  naver: NaverClientOptions;
  huawei: HuaweiClientOptions;
}
/** Each vendor's client type, by vendor. */
export interface VendorClients {
  vercel: VercelClient;
  gcore: GcoreClient;
  naver: NaverClient;
  huawei: HuaweiClient;
}

/**
 * The vendor factory's options (credentials, baseUrl, fetch, timeoutMs, retries, gate, …; credentials
 * default to the environment), or an existing client of that vendor.
 */
export type ClientChoice<V extends Vendor = Vendor> = {
  [K in V]: VendorClientOptions[K] | { client: VendorClients[K] };
}[V];

const FACTORIES = {
  vercel: createVercelClient,
  gcore: createGcoreClient,
  naver: createNaverClient,
  huawei: createHuaweiClient,
} as const;

/**
 * The client passed in, or a new one from the options. A client made here throws typed errors itself (with
 * its secrets known for redaction); a client passed in may return `{ error }`, which bodyOrThrow converts.
 * @throws ValidationError for unusable options (missing credentials, bad baseUrl); nothing is sent.
 */
export function clientFor<V extends Vendor>(vendor: V, options: ClientChoice | undefined): VendorClients[V] {
  if (options !== undefined && 'client' in options) return options.client as VendorClients[V];
  const create = FACTORIES[vendor] as (options: CommonClientOptions) => VendorClients[V];
  return create({ ...options, throwOnError: true });
}
