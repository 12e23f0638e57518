// The vendors: the only list of them. The facade (getImage, listImages, scopeListings, and through them the
// inventory) finds a vendor here by name; the compiler rejects a `Vendor` missing from this list.
// A vendor's own entry (src/<vendor>.ts) does not import this file: a one-vendor bundle holds one vendor.
import type { Vendor } from '../types.js';
import { gcore } from './gcore/index.js';
import { huawei } from './huawei/index.js';
import { naver } from './naver/index.js';
import type { VendorModule } from './vendor.js';
import { vercel } from './vercel/index.js';

export const VENDOR_MODULES = { vercel, gcore, naver, huawei } satisfies { [V in Vendor]: VendorModule<V> };

/** The vendors by name, in the registry's order. */
export type VendorModules = typeof VENDOR_MODULES;

/** The vendor of that name, or undefined for a name that is none (`vendor` is untrusted input). */
export function vendorModule(vendor: unknown): VendorModule<Vendor> | undefined {
  return typeof vendor === 'string' && Object.hasOwn(VENDOR_MODULES, vendor) ? VENDOR_MODULES[vendor as Vendor] : undefined;
}

/** The vendors' names for messages: `vercel, gcore, naver or huawei`. */
export function vendorNames(): string {
  const names = Object.keys(VENDOR_MODULES);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}
