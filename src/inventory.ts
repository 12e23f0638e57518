// Many scopes at once: every image of every scope in one stream. Each scope is split into its independent
// listings (repositories, registries); listings of all scopes run in parallel, bounded per vendor;
// each vendor's requests share one gate (rate-limit.ts); a failing scope is reported and the others go on.
// Streaming end to end: each running listing has at most one item waiting here, and a listing reads its next
// page only when the consumer has taken what came before, so memory is bounded by the number of running
// listings and the page size, never by the number of images.
import type { CommonClientOptions } from './client.js';
import { ApiError } from './errors.js';
import { listImages, scopeListings } from './list-images.js';
import type { ListImagesOptions, ListPagingOptions, ListScope } from './list-scope.js';
import { createAdaptiveGate, DEFAULT_VENDOR_CONCURRENCY, type GateStats } from './rate-limit.js';
import type { ImageSummary } from './summary/types.js';
import type { RequestGate, Vendor } from './types.js';
import type { VendorClientOptions } from './vendor-clients.js';

/** One scope of an inventory: what `listImages` lists, plus an optional endpoint for it. */
export type InventoryScope = ListScope & { baseUrl?: string | undefined };

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

/** One scope being listed: its split into listings, the listings running, what it yielded. */
interface ScopeRun {
  index: number;
  scope: InventoryScope;
  images: number;
  split: AsyncIterator<ListScope>;
  splitController: AbortController;
  /** A `next()` of the split is pending (it holds one of the vendor's slots). */
  splitBusy: boolean;
  splitDone: boolean;
  listings: Set<Listing>;
  /** Its `scope-done` or `failure` was decided: nothing of it is yielded any more. */
  ended: boolean;
}

/** One listing of a scope (a repository, a registry, or the whole scope). */
interface Listing {
  run: ScopeRun;
  listing: ListScope;
  iterator: AsyncIterator<ImageSummary>;
  controller: AbortController;
}

type Settled =
  | { kind: 'split'; run: ScopeRun; result: IteratorResult<ListScope> }
  | { kind: 'image'; run: ScopeRun; listing: Listing; result: IteratorResult<ImageSummary> }
  | { kind: 'split' | 'image'; run: ScopeRun; listing?: Listing; thrown: unknown };

/**
 * Lists every scope and yields their images as they arrive (no global order; each image once), with one
 * `scope-done` or `failure` event per scope. A scope is split into its independent listings first (a Vercel
 * project's repositories, NAVER's registries: see `scopeListings`), and those run side by side like the
 * scopes do: at most `concurrency` per vendor, listings and splits together. Scopes of one vendor share one
 * adaptive gate (see rate-limit.ts): a vendor answering 429/503 slows that vendor only. A listing failing with
 * an {@link ApiError} fails its scope: the scope's other listings are stopped, one `failure` event reports it,
 * and the other scopes go on. Anything else thrown by a listing is a bug and ends the iteration.
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
  // A custom lister lists whole scopes unless it comes with its own split.
  const split: ScopeSplitter = options.scopeListings ?? (options.listImages === undefined ? scopeListings : wholeScope);
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
    // Slots taken per vendor: listings running plus splits asked for their next listing.
    const busy = new Map<Vendor, number>(present.map((vendor) => [vendor, 0]));
    const open = new Map<Vendor, ScopeRun[]>(present.map((vendor) => [vendor, []]));
    const settled: Settled[] = [];
    let wake: (() => void) | undefined;
    const notify = (): void => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    stop.signal.addEventListener('abort', notify, { once: true });
    // One signal per listing and per split, all aborted from here: a single shared signal would collect a
    // listener per request in flight across every listing.
    const controllers = new Set<AbortController>();
    stop.signal.addEventListener('abort', () => {
      for (const controller of controllers) controller.abort(stop.signal.reason);
    }, { once: true });

    const take = (vendor: Vendor, n: number): void => void busy.set(vendor, (busy.get(vendor) as number) + n);
    const settle = <T>(next: () => Promise<IteratorResult<T>>, done: (result: IteratorResult<T>) => Settled, failed: (thrown: unknown) => Settled): void => {
      let promise: Promise<IteratorResult<T>>;
      try {
        promise = next();
      } catch (thrown) {
        promise = Promise.reject(thrown);
      }
      promise.then(
        (result) => {
          settled.push(done(result));
          notify();
        },
        (thrown: unknown) => {
          settled.push(failed(thrown));
          notify();
        },
      );
    };
    const pullSplit = (run: ScopeRun): void => {
      run.splitBusy = true;
      take(run.scope.vendor, 1);
      settle(() => run.split.next(), (result) => ({ kind: 'split', run, result }), (thrown) => ({ kind: 'split', run, thrown }));
    };
    const pullListing = (listing: Listing): void => {
      settle(() => listing.iterator.next(), (result) => ({ kind: 'image', run: listing.run, listing, result }), (thrown) => ({ kind: 'image', run: listing.run, listing, thrown }));
    };
    const withoutEndpoint = (scope: InventoryScope): ListScope => {
      const { baseUrl: _endpoint, ...listScope } = scope; // the endpoint goes to the client options
      return listScope as ListScope;
    };
    const iterate = <T>(make: () => AsyncIterable<T>): AsyncIterator<T> => {
      try {
        return make()[Symbol.asyncIterator]();
      } catch (thrown) {
        return { next: () => Promise.reject(thrown) };
      }
    };
    const openScope = (vendor: Vendor): void => {
      const index = (pending.get(vendor) as number[]).shift() as number;
      const scope = scopes[index] as InventoryScope;
      const splitController = new AbortController();
      controllers.add(splitController);
      const scopeRun: ScopeRun = {
        index, scope, images: 0, splitController, splitBusy: false, splitDone: false, listings: new Set(), ended: false,
        split: iterate(() => split(withoutEndpoint(scope), listingOptions(scope, splitController.signal))),
      };
      (open.get(vendor) as ScopeRun[]).push(scopeRun);
      pullSplit(scopeRun);
    };
    const startListing = (scopeRun: ScopeRun, listing: ListScope): void => {
      const controller = new AbortController();
      controllers.add(controller);
      const iterator = iterate(() => list(listing, listingOptions(scopeRun.scope, controller.signal)));
      const entry: Listing = { run: scopeRun, listing, iterator, controller };
      scopeRun.listings.add(entry);
      take(scopeRun.scope.vendor, 1);
      pullListing(entry);
    };
    // Free slots go first to the scopes already open (their next listing), then to the next scope: a scope
    // is finished before many others are begun, and few splits are open at once.
    const fill = (vendor: Vendor): void => {
      const limit = concurrencyOf(vendor);
      const runs = open.get(vendor) as ScopeRun[];
      while ((busy.get(vendor) as number) < limit) {
        const idle = runs.find((r) => !r.splitBusy && !r.splitDone);
        if (idle !== undefined) pullSplit(idle);
        else if ((pending.get(vendor) as number[]).length > 0) openScope(vendor);
        else return;
      }
    };
    const close = (scopeRun: ScopeRun): void => {
      scopeRun.ended = true;
      const vendor = scopeRun.scope.vendor;
      const runs = open.get(vendor) as ScopeRun[];
      runs.splice(runs.indexOf(scopeRun), 1);
      controllers.delete(scopeRun.splitController);
      if (scopeRun.splitBusy) take(vendor, -1);
      for (const listing of scopeRun.listings) {
        controllers.delete(listing.controller);
        take(vendor, -1);
      }
    };
    // Stops what is still running of a failed scope: its listings and its split.
    const abandon = (scopeRun: ScopeRun): void => {
      const reason = new InventoryStoppedError('another listing of the scope failed');
      scopeRun.splitController.abort(reason);
      scopeRun.split.return?.().catch(() => undefined);
      for (const listing of scopeRun.listings) {
        listing.controller.abort(reason);
        listing.iterator.return?.().catch(() => undefined);
      }
    };

    try {
      for (const vendor of present) fill(vendor);
      for (;;) {
        if (stop.signal.aborted) throw stop.signal.reason;
        const next = settled.shift();
        if (next === undefined) {
          if ([...busy.values()].every((n) => n === 0)) return;
          await new Promise<void>((resolve) => (wake = resolve));
          continue;
        }
        const scopeRun = next.run;
        // What a failed scope's stopped listings still deliver (their abort, an item read ahead) is not its own any more.
        if (scopeRun.ended) continue;
        const vendor = scopeRun.scope.vendor;
        const stats = vendorStats[vendor] as VendorInventoryStats;
        let event: InventoryEvent | undefined;
        if ('thrown' in next) {
          if (!(next.thrown instanceof ApiError)) throw next.thrown;
          abandon(scopeRun);
          close(scopeRun);
          stats.failed++;
          totals.failed++;
          const listing = next.listing?.listing ?? withoutEndpoint(scopeRun.scope);
          event = { type: 'failure', index: scopeRun.index, scope: scopeRun.scope, listing, error: next.thrown, images: scopeRun.images };
        } else if (next.kind === 'split') {
          scopeRun.splitBusy = false;
          take(vendor, -1);
          if (next.result.done === true) scopeRun.splitDone = true;
          else startListing(scopeRun, next.result.value);
        } else if (next.result.done === true) {
          scopeRun.listings.delete(next.listing);
          controllers.delete(next.listing.controller);
          take(vendor, -1);
        } else {
          scopeRun.images++;
          stats.images++;
          totals.images++;
          // Ask for the next item now: the listing works while the consumer handles this one (one item ahead).
          pullListing(next.listing);
          event = { type: 'image', index: scopeRun.index, scope: scopeRun.scope, summary: next.result.value };
        }
        if (event === undefined && scopeRun.splitDone && !scopeRun.splitBusy && scopeRun.listings.size === 0) {
          close(scopeRun);
          stats.done++;
          totals.done++;
          event = { type: 'scope-done', index: scopeRun.index, scope: scopeRun.scope, images: scopeRun.images };
        }
        fill(vendor);
        if (event !== undefined) yield event;
      }
    } finally {
      caller?.removeEventListener('abort', onAbort);
      if (!stop.signal.aborted) stop.abort(new InventoryStoppedError('the inventory was stopped'));
      for (const runs of open.values()) {
        for (const scopeRun of runs) {
          scopeRun.split.return?.().catch(() => undefined);
          for (const listing of scopeRun.listings) listing.iterator.return?.().catch(() => undefined);
        }
      }
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

/** A scope as its own single listing (the split used with a custom `listImages`). */
async function* wholeScope(scope: ListScope): AsyncGenerator<ListScope, void, undefined> {
  yield scope;
}

/** The reason listings still running are aborted with when the consumer stops early or their scope failed. */
class InventoryStoppedError extends Error {
  override name = 'AbortError';
}
