// Many scopes at once: every image of every scope in one stream. Each scope is split into its independent
// listings (repositories, registries); listings of all scopes run in parallel, bounded per vendor;
// each vendor's requests share one gate (rate-limit.ts); a failing scope is reported and the others go on.
// Streaming end to end: each running listing has at most one item waiting here, and a listing reads its next
// page only when the consumer has taken what came before, so memory is bounded by the number of running
// listings and the page size, never by the number of images.
import type { CommonClientOptions } from './client.js';
import type { ApiError } from './errors.js';
import { InventoryCounts } from './inventory-counts.js';
import { InventoryRun, type InventoryPlan } from './inventory-run.js';
import { listImages, scopeListings } from './list-images.js';
import type { ListImagesOptions, ListPagingOptions, ListScope } from './list-scope.js';
import { createAdaptiveGate, DEFAULT_VENDOR_CONCURRENCY, type GateStats } from './rate-limit.js';
import type { ImageSummary } from './summary/types.js';
import type { RequestGate, Vendor } from './types.js';
import type { VendorClientOptions } from './vendor-clients.js';

/**
 * One scope of an inventory: what `listImages` lists, plus an optional endpoint for it (and, for a plain-http
 * endpoint on another machine, `allowInsecureHttp: true`: see the client option).
 */
export type InventoryScope = ListScope & { baseUrl?: string | undefined; allowInsecureHttp?: boolean | undefined };

/** Lists one scope (the facade's `listImages`; replaceable for tests or a custom source). */
export type ScopeLister = (scope: ListScope, options: ListImagesOptions) => AsyncIterable<ImageSummary>;

/** Splits a scope into independent listings, each listed by the ScopeLister (the facade's `scopeListings`). */
export type ScopeSplitter = (scope: ListScope, options: ListImagesOptions) => AsyncIterable<ListScope>;

/**
 * What an inventory yields. Every scope ends with exactly one `scope-done` or one `failure`; its images come
 * before that. `index` is the scope's position in the list given to {@link inventory}.
 */
export type InventoryEvent =
  | { type: 'image'; index: number; scope: InventoryScope; summary: ImageSummary }
  /** The scope was listed to the end; `images` of it were yielded. */
  | { type: 'scope-done'; index: number; scope: InventoryScope; images: number }
  /**
   * The scope failed after `images` of its images were yielded (they stand): `listing` is what failed, a
   * repository or registry of the scope (`{ ...scope, repository }`), or the scope itself (listing its
   * repositories or registries, or its images). The scope's other listings are stopped: nothing more of it.
   */
  | { type: 'failure'; index: number; scope: InventoryScope; listing: ListScope; error: ApiError; images: number };

export interface VendorInventoryStats {
  scopes: number;
  done: number;
  failed: number;
  images: number;
  /** The vendor gate's counters (requests, throttled, current limit, …), when the inventory made the gate. */
  gate: GateStats | undefined;
}

export interface InventoryStats {
  images: number;
  scopes: number;
  done: number;
  failed: number;
  vendors: { [V in Vendor]?: VendorInventoryStats };
}

export interface InventoryOptions {
  /** Stops every listing; iteration then throws the signal's reason. */
  signal?: AbortSignal | undefined;
  /**
   * Per vendor, at most (default 8): requests in flight (the ceiling of the vendor's adaptive limit), and
   * listings running (a scope's repositories or registries, scopes) with splits asking for their next one.
   */
  concurrency?: number | undefined;
  /** Per-vendor overrides of `concurrency`. */
  vendorConcurrency?: { [V in Vendor]?: number } | undefined;
  /** Client options per vendor: credentials (default: the environment), `fetch`, `baseUrl`, transport policy. */
  clients?: { [V in Vendor]?: VendorClientOptions[V] } | undefined;
  /** Per-attempt timeout for every listing, in ms (a vendor's `clients` entry wins). */
  timeoutMs?: number | undefined;
  /** Retries for every listing (a vendor's `clients` entry wins). */
  retries?: number | undefined;
  pageSize?: number | undefined;
  maxPages?: number | undefined;
  /** Your own gate per vendor instead of the adaptive one (no gate counters in the stats then). */
  gates?: { [V in Vendor]?: RequestGate } | undefined;
  /** Lists one listing (default: `listImages`). */
  listImages?: ScopeLister | undefined;
  /** Splits a scope into its listings (default: `scopeListings`; with your own `listImages`: none, a scope is one listing). */
  scopeListings?: ScopeSplitter | undefined;
}

/** An inventory in progress: iterate it once; `stats()` may be read at any time (progress, final counts). */
export interface Inventory extends AsyncIterable<InventoryEvent> {
  stats(): InventoryStats;
}

const VENDORS: readonly Vendor[] = ['vercel', 'gcore', 'naver', 'huawei'];

/**
 * Lists every scope and yields their images as they arrive (no global order; each image once), with one
 * `scope-done` or `failure` event per scope. A scope is split into its independent listings first (a Vercel
 * project's repositories, NAVER's registries: see `scopeListings`), and those run side by side like the
 * scopes do: at most `concurrency` per vendor, listings and splits together. Scopes of one vendor share one
 * adaptive gate (see rate-limit.ts): a vendor answering 429/503 slows that vendor only. A listing failing with
 * an {@link ApiError} fails its scope: the scope's other listings are stopped, one `failure` event reports it,
 * and the other scopes go on. Anything else a listing throws fails its scope the same way, reported as an
 * ApiError with code `UNEXPECTED` (the original as its `cause`).
 *
 * ```ts
 * for await (const event of inventory([{ vendor: 'gcore', projectId: 1, regionId: 7 }, { vendor: 'naver' }])) {
 *   if (event.type === 'image') console.log(event.summary.vendor, event.summary.name);
 *   else if (event.type === 'failure') console.error(event.index, event.error.toString());
 * }
 * ```
 */
export function inventory(scopes: readonly InventoryScope[], options: InventoryOptions = {}): Inventory {
  const vendors = VENDORS.filter((vendor) => scopes.some((scope) => scope.vendor === vendor));
  const concurrencyOf = (vendor: Vendor): number => options.vendorConcurrency?.[vendor] ?? options.concurrency ?? DEFAULT_VENDOR_CONCURRENCY;
  const gates = vendorGates(vendors, options, concurrencyOf);
  const counts = new InventoryCounts(scopes, vendors);
  const plan: InventoryPlan = {
    scopes,
    vendors,
    concurrencyOf,
    list: options.listImages ?? listImages,
    // A custom lister lists whole scopes unless it comes with its own split.
    split: options.scopeListings ?? (options.listImages === undefined ? scopeListings : wholeScope),
    listingOptions: (scope, signal) => listingOptions(options, gates.get(scope.vendor)?.gate, scope, signal),
    counts,
  };
  let started = false;

  return {
    [Symbol.asyncIterator]() {
      if (started) throw new TypeError('an inventory can be iterated once');
      started = true;
      return events(plan, options);
    },
    stats() {
      return counts.stats((vendor) => gates.get(vendor)?.stats?.());
    },
  };
}

/** The one iteration of an inventory: waits for each settled result of its run and yields the event it makes. */
async function* events(plan: InventoryPlan, options: InventoryOptions): AsyncGenerator<InventoryEvent, void, undefined> {
  const caller = options.signal;
  caller?.throwIfAborted();
  const run = new InventoryRun(plan);
  const onAbort = (): void => run.abort(caller?.reason);
  caller?.addEventListener('abort', onAbort, { once: true });
  try {
    run.start();
    for (;;) {
      run.throwIfStopped();
      const next = run.nextSettled();
      if (next === undefined) {
        if (run.idle()) return;
        await run.settling();
        continue;
      }
      const event = run.eventFor(next);
      if (event !== undefined) yield event;
    }
  } finally {
    caller?.removeEventListener('abort', onAbort);
    run.shutdown();
  }
}

interface VendorGate {
  gate: RequestGate;
  /** The adaptive gate's counters; none for a gate of the caller's own. */
  stats: (() => GateStats) | undefined;
}

/** Each vendor's gate: the caller's own, or an adaptive one whose ceiling is the vendor's concurrency. */
function vendorGates(vendors: readonly Vendor[], options: InventoryOptions, concurrencyOf: (vendor: Vendor) => number): Map<Vendor, VendorGate> {
  const gates = new Map<Vendor, VendorGate>();
  for (const vendor of vendors) {
    const own = options.gates?.[vendor];
    const adaptive = own === undefined ? createAdaptiveGate({ maxConcurrency: concurrencyOf(vendor) }) : undefined;
    gates.set(vendor, { gate: own ?? (adaptive as RequestGate), stats: adaptive?.stats });
  }
  return gates;
}

/** The options of one split or listing of `scope`: the inventory's, the vendor's client options, the scope's endpoint, the vendor's gate. */
function listingOptions(options: InventoryOptions, gate: RequestGate | undefined, scope: InventoryScope, signal: AbortSignal): ListImagesOptions {
  const shared: ListPagingOptions & CommonClientOptions = {};
  if (options.timeoutMs !== undefined) shared.timeoutMs = options.timeoutMs;
  if (options.retries !== undefined) shared.retries = options.retries;
  if (options.pageSize !== undefined) shared.pageSize = options.pageSize;
  if (options.maxPages !== undefined) shared.maxPages = options.maxPages;
  return {
    ...shared,
    ...(options.clients?.[scope.vendor] as CommonClientOptions | undefined),
    ...(scope.baseUrl !== undefined && { baseUrl: scope.baseUrl }),
    ...(scope.allowInsecureHttp === true && { allowInsecureHttp: true }),
    gate,
    signal,
  } as ListImagesOptions;
}

/** A scope as its own single listing (the split used with a custom `listImages`). */
async function* wholeScope(scope: ListScope): AsyncGenerator<ListScope, void, undefined> {
  yield scope;
}
