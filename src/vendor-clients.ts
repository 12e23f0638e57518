// Each vendor's client and factory options, by vendor, and the one way the facade gets a client: the one
// the caller passed in, or a new one from the caller's options (throwing typed errors).
import type { Vendor } from './types.js';
import { VENDOR_MODULES, type VendorModules } from './vendors/registry.js';
import type { VendorModule } from './vendors/vendor.js';

type OptionsOf<M> = M extends VendorModule<Vendor, infer O> ? O : never;
type ClientOf<M> = M extends VendorModule<Vendor, never, infer C> ? C : never;
type OptionsByVendor = { [V in Vendor]: OptionsOf<VendorModules[V]> };
type ClientsByVendor = { [V in Vendor]: ClientOf<VendorModules[V]> };

/** Each vendor's factory options, by vendor. */
export interface VendorClientOptions extends OptionsByVendor {}
/** Each vendor's client type, by vendor. */
export interface VendorClients extends ClientsByVendor {}

/**
 * The vendor factory's options (credentials, baseUrl, fetch, timeoutMs, retries, gate, …; credentials
 * default to the environment), or an existing client of that vendor.
 */
export type ClientChoice<V extends Vendor = Vendor> = {
  [K in V]: VendorClientOptions[K] | { client: VendorClients[K] };
}[V];

/**
 * The client passed in, or a new one from the options. A client made here throws typed errors itself (with
 * its secrets known for redaction); a client passed in may return `{ error }`, which bodyOrThrow converts.
 * @throws ValidationError for unusable options (missing credentials, bad baseUrl); nothing is sent.
 */
export function clientFor<V extends Vendor>(vendor: V, options: ClientChoice | undefined): VendorClients[V] {
  if (options !== undefined && 'client' in options) return options.client as VendorClients[V];
  const create = VENDOR_MODULES[vendor].createClient as (options: object) => VendorClients[V];
  return create({ ...options, throwOnError: true });
}
