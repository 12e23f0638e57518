// getImage: one typed call per vendor reference → the vendor's typed body and its ImageSummary.
//
// Result style: a discriminated result, never a throw for an expected failure.
//   { ok: true,  vendor, summary, raw }   raw is the body typed for exactly the reference given
//                                         (a Vercel tag reference gets the tag body type, …)
//   { ok: false, vendor, error }          error is an ApiError; `error.kind` tells http / parse / network /
//                                         timeout / too-large / validation (validation: nothing was sent)
// Only programming errors (a bug, not a vendor or network failure) are thrown.
import type { ReceivedBody } from './body.js';
import { ApiError, ValidationError } from './errors.js';
import type { ImageSummary, VendorRawBodies, VercelImageBody, VercelTagBody } from './summary/types.js';
import type { Vendor } from './types.js';
import { clientFor, type ClientChoice } from './vendor-clients.js';
import { vendorModule, vendorNames, type VendorModules } from './vendors/registry.js';
import type { VendorModule } from './vendors/vendor.js';

export type { VendorClientOptions, VendorClients } from './vendor-clients.js';

// ---------------------------------------------------------------------------------------------------------
// References

export type { VercelImageRef, VercelTagRef } from './vendors/vercel/lookup.js';
export type { GcoreImageRef } from './vendors/gcore/lookup.js';
export type { NaverImageRef } from './vendors/naver/lookup.js';
export type { HuaweiImageRef, HuaweiImageType } from './vendors/huawei/lookup.js';

type RefOf<M> = M extends VendorModule<Vendor, never, unknown, infer R> ? R : never;

/** What to look up: one reference per vendor, discriminated by `vendor`. */
export type ImageRef = { [V in Vendor]: RefOf<VendorModules[V]> }[Vendor];

/** The typed 200 body for a reference: a Vercel tag reference gets the tag body, an image reference the image body. */
export type RawBodyOf<R extends ImageRef> = R extends { vendor: 'vercel'; tag: string }
  ? VercelTagBody
  : R extends { vendor: 'vercel' }
    ? VercelImageBody
    : VendorRawBodies[R['vendor']];

// ---------------------------------------------------------------------------------------------------------
// Options and results

/**
 * The vendor factory's options (credentials, baseUrl, fetch, timeoutMs, retries, …; credentials default to
 * the environment), or an existing client of that vendor.
 */
export type GetImageOptions<V extends Vendor = Vendor> = ClientChoice<V>;

/** `{ ok: true, summary, raw }` with `raw` typed for the reference, or `{ ok: false, error }`. */
export type GetImageResult<R extends ImageRef = ImageRef> = R extends ImageRef
  ?
      | { ok: true; vendor: R['vendor']; summary: ImageSummary<R['vendor']> & { raw: RawBodyOf<R> }; raw: RawBodyOf<R>; error?: undefined }
      | { ok: false; vendor: R['vendor']; error: ApiError; summary?: undefined; raw?: undefined }
  : never;

/** The body bytes exactly as received with the response, or `{ ok: false, error }`. */
export type GetImageBodyResult =
  | { ok: true; vendor: Vendor; bytes: Uint8Array; response: Response; error?: undefined }
  | { ok: false; vendor: Vendor; error: ApiError; bytes?: undefined; response?: undefined };

// ---------------------------------------------------------------------------------------------------------
// Entry points

/**
 * Reads one image and normalizes it. Huawei: every page of the basic-image list is read (from `offset`,
 * in pages of `limit`, default 200) and `raw` is the vendor's body shape holding all entries (the body as
 * received when there is one page).
 */
export async function getImage<R extends ImageRef>(ref: R, options?: GetImageOptions<R['vendor']>): Promise<GetImageResult<R>> {
  try {
    const summary = await summarize(ref, options as GetImageOptions | undefined);
    return { ok: true, vendor: ref.vendor, summary, raw: summary.raw } as unknown as GetImageResult<R>;
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, vendor: ref.vendor, error } as GetImageResult<R>;
    throw error;
  }
}

/**
 * One request for the reference and its 2xx body bytes exactly as received, unparsed (the CLI's `--json`).
 * Huawei: one page, with `limit`/`offset` sent only when given.
 */
export async function getImageBody(ref: ImageRef, options?: GetImageOptions): Promise<GetImageBodyResult> {
  try {
    const received = await requestOnce(ref, options);
    return { ok: true, vendor: ref.vendor, bytes: received.bytes, response: received.response };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, vendor: ref.vendor, error };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Internals

async function summarize(ref: ImageRef, options: GetImageOptions | undefined): Promise<ImageSummary> {
  const { lookup } = vendorOf(ref);
  lookup.check?.(ref);
  return lookup.summary(ref, clientFor(ref.vendor, options));
}

/** The one request a reference stands for (Huawei: one page), as received. */
async function requestOnce(ref: ImageRef, options: GetImageOptions | undefined): Promise<ReceivedBody> {
  const { lookup } = vendorOf(ref);
  lookup.check?.(ref);
  return lookup.body(ref, clientFor(ref.vendor, options));
}

function vendorOf(ref: ImageRef): VendorModule<Vendor> {
  const vendor = vendorModule((ref as { vendor?: unknown }).vendor);
  if (vendor === undefined) {
    throw new ValidationError(`Unknown vendor "${String((ref as { vendor?: unknown }).vendor)}": use ${vendorNames()}. Nothing was sent.`);
  }
  return vendor;
}
