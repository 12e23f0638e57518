// Many scopes at once: every image of every scope in one stream. Listings run in parallel, bounded per vendor;
// each vendor's requests share one gate (rate-limit.ts); a failing scope is reported and the others go on.
// Streaming end to end: each running listing has at most one item waiting here, and a listing reads its next
// page only when the consumer has taken what came before, so memory is bounded by the number of running
// listings and the page size, never by the number of images.
import type { CommonClientOptions } from './client.js';
import { ApiError } from './errors.js';
import { listImages } from './list-images.js';
import type { ListImagesOptions, ListPagingOptions, ListScope } from './list-scope.js';
import { createAdaptiveGate, DEFAULT_VENDOR_CONCURRENCY, type GateStats } from './rate-limit.js';
import type { ImageSummary } from './summary/types.js';
import type { RequestGate, Vendor } from './types.js';
import type { VendorClientOptions } from './vendor-clients.js';

/** One scope of an inventory: what `listImages` lists, plus an optional endpoint for it. */
export type InventoryScope = ListScope & { baseUrl?: string | undefined };

/** Lists one scope (the facade's `listImages`; replaceable for tests or a custom source). */
export type ScopeLister = (scope: ListScope, options: ListImagesOptions) => AsyncIterable<ImageSummary>;

/**
 * What an inventory yields. Every scope ends with exactly one `scope-done` or one `failure`; its images come
 * before that. `index` is the scope's position in the list given to {@link inventory}.
 */
export type InventoryEvent =
  | { type: 'image'; index: number; scope: InventoryScope; summary: ImageSummary }
  /** The scope was listed to the end; `images` of it were yielded. */
  | { type: 'scope-done'; index: number; scope: InventoryScope; images: number }
  /** The scope's listing failed after `images` of its images were yielded (they stand). */
  | { type: 'failure'; index: number; scope: InventoryScope; error: ApiError; images: number };

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
  /** Requests in flight and listings running per vendor, at most (default 8): the ceiling of each vendor's adaptive limit. */
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
  /** Lists one scope (default: `listImages`). */
  listImages?: ScopeLister | undefined;
}

/** An inventory in progress: iterate it once; `stats()` may be read at any time (progress, final counts). */
export interface Inventory extends AsyncIterable<InventoryEvent> {
  stats(): InventoryStats;
}

const VENDORS: readonly Vendor[] = ['vercel', 'gcore', 'naver', 'huawei'];

interface Source {
  index: number;
  scope: InventoryScope;
  iterator: AsyncIterator<ImageSummary>;
  images: number;
}

type Settled = { source: Source; result: IteratorResult<ImageSummary>; error?: undefined } | { source: Source; error: { thrown: unknown }; result?: undefined };

/**
 * Lists every scope and yields their images as they arrive (no global order; each image once), with one
 * `scope-done` or `failure` event per scope. Scopes of one vendor share one adaptive gate (see rate-limit.ts):
 * a vendor answering 429/503 slows that vendor only. A scope failing with an {@link ApiError} becomes a
 * `failure` event and the others go on; anything else thrown by a listing is a bug and ends the iteration.
 *
 * ```ts
 * for await (const event of inventory([{ vendor: 'gcore', projectId: 1, regionId: 7 }, { vendor: 'naver' }])) {
 *   if (event.type === 'image') console.log(event.summary.vendor, event.summary.name);
 *   else if (event.type === 'failure') console.error(event.index, event.error.toString());
 * }
 * ```
 */
export function inventory(scopes: readonly InventoryScope[], options: InventoryOptions = {}): Inventory {
  const list: ScopeLister = options.listImages ?? listImages;
  const concurrencyOf = (vendor: Vendor): number => options.vendorConcurrency?.[vendor] ?? options.concurrency ?? DEFAULT_VENDOR_CONCURRENCY;

  const present = VENDORS.filter((vendor) => scopes.some((scope) => scope.vendor === vendor));
  const gates = new Map<Vendor, { gate: RequestGate; stats: (() => GateStats) | undefined }>();
  const vendorStats: { [V in Vendor]?: Omit<VendorInventoryStats, 'gate'> } = {};
  for (const vendor of present) {
    const own = options.gates?.[vendor];
    const adaptive = own === undefined ? createAdaptiveGate({ maxConcurrency: concurrencyOf(vendor) }) : undefined;
    gates.set(vendor, { gate: own ?? (adaptive as RequestGate), stats: adaptive?.stats });
    vendorStats[vendor] = { scopes: scopes.filter((scope) => scope.vendor === vendor).length, done: 0, failed: 0, images: 0 };
  }
  const totals = { images: 0, done: 0, failed: 0 };
  let started = false;

  function listingOptions(scope: InventoryScope, signal: AbortSignal): ListImagesOptions {
    const shared: ListPagingOptions & CommonClientOptions = {};
    if (options.timeoutMs !== undefined) shared.timeoutMs = options.timeoutMs;
    if (options.retries !== undefined) shared.retries = options.retries;
    if (options.pageSize !== undefined) shared.pageSize = options.pageSize;
    if (options.maxPages !== undefined) shared.maxPages = options.maxPages;
    return {
      ...shared,
      ...(options.clients?.[scope.vendor] as CommonClientOptions | undefined),
      ...(scope.baseUrl !== undefined && { baseUrl: scope.baseUrl }),
      gate: gates.get(scope.vendor)?.gate,
      signal,
    } as ListImagesOptions;
  }

  async function* run(): AsyncGenerator<InventoryEvent, void, undefined> {
    const caller = options.signal;
    caller?.throwIfAborted();
    const stop = new AbortController();
    const onAbort = (): void => stop.abort(caller?.reason);
    caller?.addEventListener('abort', onAbort, { once: true });

    const pending = new Map<Vendor, number[]>(present.map((vendor) => [vendor, []]));
    scopes.forEach((scope, index) => pending.get(scope.vendor)?.push(index));
    const running = new Map<Vendor, number>(present.map((vendor) => [vendor, 0]));
    const active = new Set<Source>();
    const settled: Settled[] = [];
    let wake: (() => void) | undefined;
    const notify = (): void => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    stop.signal.addEventListener('abort', notify, { once: true });
    // One signal per listing, all aborted from here: a single shared signal would collect a listener per
    // request in flight across every listing.
    const listingSignals = new Map<Source, AbortController>();
    stop.signal.addEventListener('abort', () => {
      for (const controller of listingSignals.values()) controller.abort(stop.signal.reason);
    }, { once: true });

    const pull = (source: Source): void => {
      let next: Promise<IteratorResult<ImageSummary>>;
      try {
        next = source.iterator.next();
      } catch (thrown) {
        next = Promise.reject(thrown);
      }
      next.then(
        (result) => {
          settled.push({ source, result });
          notify();
        },
        (thrown: unknown) => {
          settled.push({ source, error: { thrown } });
          notify();
        },
      );
    };
    const startListings = (vendor: Vendor): void => {
      const queue = pending.get(vendor) as number[];
      while (queue.length > 0 && (running.get(vendor) as number) < concurrencyOf(vendor)) {
        const index = queue.shift() as number;
        const scope = scopes[index] as InventoryScope;
        running.set(vendor, (running.get(vendor) as number) + 1);
        const own = new AbortController();
        let iterator: AsyncIterator<ImageSummary>;
        try {
          const { baseUrl: _endpoint, ...listScope } = scope; // the endpoint goes to the client options
          iterator = list(listScope as ListScope, listingOptions(scope, own.signal))[Symbol.asyncIterator]();
        } catch (thrown) {
          iterator = { next: () => Promise.reject(thrown) };
        }
        const source: Source = { index, scope, iterator, images: 0 };
        listingSignals.set(source, own);
        active.add(source);
        pull(source);
      }
    };
    const finish = (source: Source): void => {
      active.delete(source);
      listingSignals.delete(source);
      const vendor = source.scope.vendor;
      running.set(vendor, (running.get(vendor) as number) - 1);
      startListings(vendor);
    };

    try {
      for (const vendor of present) startListings(vendor);
      for (;;) {
        if (stop.signal.aborted) throw stop.signal.reason;
        const next = settled.shift();
        if (next === undefined) {
          if (active.size === 0) return;
          await new Promise<void>((resolve) => (wake = resolve));
          continue;
        }
        const { source } = next;
        const stats = vendorStats[source.scope.vendor] as VendorInventoryStats;
        if (next.error !== undefined) {
          if (!(next.error.thrown instanceof ApiError)) throw next.error.thrown;
          finish(source);
          stats.failed++;
          totals.failed++;
          yield { type: 'failure', index: source.index, scope: source.scope, error: next.error.thrown, images: source.images };
        } else if (next.result.done === true) {
          finish(source);
          stats.done++;
          totals.done++;
          yield { type: 'scope-done', index: source.index, scope: source.scope, images: source.images };
        } else {
          source.images++;
          stats.images++;
          totals.images++;
          // Ask for the next item now: the listing works while the consumer handles this one (one item ahead).
          pull(source);
          yield { type: 'image', index: source.index, scope: source.scope, summary: next.result.value };
        }
      }
    } finally {
      caller?.removeEventListener('abort', onAbort);
      if (!stop.signal.aborted) stop.abort(new InventoryStoppedError());
      for (const source of active) {
        const close = source.iterator.return;
        if (close !== undefined) close.call(source.iterator).catch(() => undefined);
      }
      active.clear();
    }
  }

  return {
    [Symbol.asyncIterator]() {
      if (started) throw new TypeError('an inventory can be iterated once');
      started = true;
      return run();
    },
    stats() {
      const vendors: InventoryStats['vendors'] = {};
      for (const vendor of present) vendors[vendor] = { ...(vendorStats[vendor] as VendorInventoryStats), gate: gates.get(vendor)?.stats?.() };
      return { ...totals, scopes: scopes.length, vendors };
    },
  };
}

/** The reason listings still running are aborted with when the consumer stops iterating early. */
class InventoryStoppedError extends Error {
  override name = 'AbortError';
  constructor() {
    super('the inventory was stopped');
  }
}
