// One iteration of an inventory: the scopes waiting and open per vendor, the splits and listings running, the
// results they settled to (queued in the order they settled), and how each result becomes at most one event.
// A vendor's slots (its concurrency) are shared by its listings running and its splits asked for their next
// listing; each settled result frees or takes slots, and the freed ones are given out again at once.
import { ApiError } from './errors.js';
import type { InventoryCounts } from './inventory-counts.js';
import type { InventoryEvent, InventoryScope, ScopeLister, ScopeSplitter } from './inventory.js';
import type { ListImagesOptions, ListScope } from './list-scope.js';
import type { ImageSummary } from './summary/types.js';
import type { Vendor } from './types.js';

/** What a run lists and how: the scopes, their vendors' concurrency, the splitter and lister with their options. */
export interface InventoryPlan {
  scopes: readonly InventoryScope[];
  /** The vendors of `scopes`, each once. */
  vendors: readonly Vendor[];
  concurrencyOf(vendor: Vendor): number;
  split: ScopeSplitter;
  list: ScopeLister;
  /** The options of one split or listing of `scope`, stopped by `signal`. */
  listingOptions(scope: InventoryScope, signal: AbortSignal): ListImagesOptions;
  counts: InventoryCounts;
}

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

/** What a split's or a listing's `next()` came to. */
type Settled =
  | { kind: 'split'; run: ScopeRun; result: IteratorResult<ListScope> }
  | { kind: 'image'; run: ScopeRun; listing: Listing; result: IteratorResult<ImageSummary> }
  | { kind: 'split' | 'image'; run: ScopeRun; listing?: Listing; thrown: unknown };

/**
 * The scheduling state of one iteration and its operations. The iteration's loop: `start()`, then take each
 * `nextSettled()` (waiting on `settling()` while there is none and the run is not `idle()`), turn it into an
 * event with `eventFor()`, and `shutdown()` at the end, however it ends.
 */
export class InventoryRun {
  private readonly stop = new AbortController();
  /** Per vendor, the indexes of the scopes not opened yet, in the order given. */
  private readonly pending: Map<Vendor, number[]>;
  // Slots taken per vendor: listings running plus splits asked for their next listing.
  private readonly busy: Map<Vendor, number>;
  private readonly open: Map<Vendor, ScopeRun[]>;
  private readonly settled: Settled[] = [];
  private wake: (() => void) | undefined;
  // One signal per listing and per split, all aborted from here: a single shared signal would collect a
  // listener per request in flight across every listing.
  private readonly controllers = new Set<AbortController>();

  constructor(private readonly plan: InventoryPlan) {
    this.pending = new Map(plan.vendors.map((vendor) => [vendor, []]));
    plan.scopes.forEach((scope, index) => this.pending.get(scope.vendor)?.push(index));
    this.busy = new Map(plan.vendors.map((vendor) => [vendor, 0]));
    this.open = new Map(plan.vendors.map((vendor) => [vendor, []]));
    this.stop.signal.addEventListener('abort', () => this.notify(), { once: true });
    this.stop.signal.addEventListener('abort', () => {
      for (const controller of this.controllers) controller.abort(this.stop.signal.reason);
    }, { once: true });
  }

  /** Stops every split and listing with `reason`, which the iteration then throws (see `throwIfStopped`). */
  abort(reason: unknown): void {
    this.stop.abort(reason);
  }

  throwIfStopped(): void {
    if (this.stop.signal.aborted) throw this.stop.signal.reason;
  }

  /** Gives every vendor's slots out for the first time. */
  start(): void {
    for (const vendor of this.plan.vendors) this.fill(vendor);
  }

  /** The oldest settled result not handled yet. */
  nextSettled(): Settled | undefined {
    return this.settled.shift();
  }

  /** Nothing runs any more: no split or listing holds a slot, so nothing more will settle. */
  idle(): boolean {
    return [...this.busy.values()].every((n) => n === 0);
  }

  /** Resolves when the next split or listing settles, or the run is stopped. */
  settling(): Promise<void> {
    return new Promise<void>((resolve) => (this.wake = resolve));
  }

  /**
   * Turns one settled result into at most one event (an image, or its scope's `scope-done` or `failure`) and
   * gives the slots it freed out again.
   */
  eventFor(next: Settled): InventoryEvent | undefined {
    const scopeRun = next.run;
    // What a failed scope's stopped listings still deliver (their abort, an item read ahead) is not its own any more.
    if (scopeRun.ended) return undefined;
    let event: InventoryEvent | undefined;
    if ('thrown' in next) event = this.fail(scopeRun, next.thrown, next.listing);
    else if (next.kind === 'split') event = this.splitSettled(scopeRun, next.result);
    else if (next.result.done === true) event = this.listingEnded(next.listing);
    else event = this.image(next.listing, next.result.value);
    this.fill(scopeRun.scope.vendor);
    return event;
  }

  /** Stops what still runs (the iteration ended early, failed or was aborted) and closes every split and listing. */
  shutdown(): void {
    if (!this.stop.signal.aborted) this.stop.abort(new InventoryStoppedError('the inventory was stopped'));
    for (const runs of this.open.values()) {
      for (const scopeRun of runs) {
        scopeRun.split.return?.().catch(() => undefined);
        for (const listing of scopeRun.listings) listing.iterator.return?.().catch(() => undefined);
      }
    }
  }

  /**
   * A split or listing threw: its scope fails (one `failure`), the other scopes go on. What is not an ApiError
   * (a bug, or a lister of the caller's own that throws something else) is reported as one, code `UNEXPECTED`.
   */
  private fail(scopeRun: ScopeRun, thrown: unknown, listing: Listing | undefined): InventoryEvent {
    const error = thrown instanceof ApiError ? thrown : unexpected(scopeRun.scope.vendor, thrown);
    this.abandon(scopeRun);
    this.close(scopeRun);
    this.plan.counts.count(scopeRun.scope.vendor, 'failed');
    const failed = listing?.listing ?? withoutEndpoint(scopeRun.scope);
    return { type: 'failure', index: scopeRun.index, scope: scopeRun.scope, listing: failed, error, images: scopeRun.images };
  }

  /** The split gave its next listing (started at once, in the slot the split held) or ended. */
  private splitSettled(scopeRun: ScopeRun, result: IteratorResult<ListScope>): InventoryEvent | undefined {
    scopeRun.splitBusy = false;
    this.take(scopeRun.scope.vendor, -1);
    if (result.done === true) scopeRun.splitDone = true;
    else this.startListing(scopeRun, result.value);
    return this.finishIfComplete(scopeRun);
  }

  private listingEnded(listing: Listing): InventoryEvent | undefined {
    listing.run.listings.delete(listing);
    this.controllers.delete(listing.controller);
    this.take(listing.run.scope.vendor, -1);
    return this.finishIfComplete(listing.run);
  }

  private image(listing: Listing, summary: ImageSummary): InventoryEvent {
    const scopeRun = listing.run;
    scopeRun.images++;
    this.plan.counts.count(scopeRun.scope.vendor, 'images');
    // Ask for the next item now: the listing works while the consumer handles this one (one item ahead).
    this.pullListing(listing);
    return { type: 'image', index: scopeRun.index, scope: scopeRun.scope, summary };
  }

  /** The scope's `scope-done`, once its split has ended and none of its listings runs. */
  private finishIfComplete(scopeRun: ScopeRun): InventoryEvent | undefined {
    if (!scopeRun.splitDone || scopeRun.splitBusy || scopeRun.listings.size > 0) return undefined;
    this.close(scopeRun);
    this.plan.counts.count(scopeRun.scope.vendor, 'done');
    return { type: 'scope-done', index: scopeRun.index, scope: scopeRun.scope, images: scopeRun.images };
  }

  // Free slots go first to the scopes already open (their next listing), then to the next scope: a scope
  // is finished before many others are begun, and few splits are open at once.
  private fill(vendor: Vendor): void {
    const limit = this.plan.concurrencyOf(vendor);
    const runs = this.open.get(vendor) as ScopeRun[];
    while ((this.busy.get(vendor) as number) < limit) {
      const idle = runs.find((r) => !r.splitBusy && !r.splitDone);
      if (idle !== undefined) this.pullSplit(idle);
      else if ((this.pending.get(vendor) as number[]).length > 0) this.openScope(vendor);
      else return;
    }
  }

  private openScope(vendor: Vendor): void {
    const index = (this.pending.get(vendor) as number[]).shift() as number;
    const scope = this.plan.scopes[index] as InventoryScope;
    const splitController = new AbortController();
    this.controllers.add(splitController);
    const split = iterate(() => this.plan.split(withoutEndpoint(scope), this.plan.listingOptions(scope, splitController.signal)));
    const scopeRun: ScopeRun = { index, scope, images: 0, split, splitController, splitBusy: false, splitDone: false, listings: new Set(), ended: false };
    (this.open.get(vendor) as ScopeRun[]).push(scopeRun);
    this.pullSplit(scopeRun);
  }

  private startListing(scopeRun: ScopeRun, listing: ListScope): void {
    const controller = new AbortController();
    this.controllers.add(controller);
    const iterator = iterate(() => this.plan.list(listing, this.plan.listingOptions(scopeRun.scope, controller.signal)));
    const entry: Listing = { run: scopeRun, listing, iterator, controller };
    scopeRun.listings.add(entry);
    this.take(scopeRun.scope.vendor, 1);
    this.pullListing(entry);
  }

  /** The scope's end was decided: it leaves the open scopes and gives back the slots it held. */
  private close(scopeRun: ScopeRun): void {
    scopeRun.ended = true;
    const vendor = scopeRun.scope.vendor;
    const runs = this.open.get(vendor) as ScopeRun[];
    runs.splice(runs.indexOf(scopeRun), 1);
    this.controllers.delete(scopeRun.splitController);
    if (scopeRun.splitBusy) this.take(vendor, -1);
    for (const listing of scopeRun.listings) {
      this.controllers.delete(listing.controller);
      this.take(vendor, -1);
    }
  }

  // Stops what is still running of a failed scope: its listings and its split.
  private abandon(scopeRun: ScopeRun): void {
    const reason = new InventoryStoppedError('another listing of the scope failed');
    scopeRun.splitController.abort(reason);
    scopeRun.split.return?.().catch(() => undefined);
    for (const listing of scopeRun.listings) {
      listing.controller.abort(reason);
      listing.iterator.return?.().catch(() => undefined);
    }
  }

  private pullSplit(scopeRun: ScopeRun): void {
    scopeRun.splitBusy = true;
    this.take(scopeRun.scope.vendor, 1);
    this.settle(() => scopeRun.split.next(), (result) => ({ kind: 'split', run: scopeRun, result }), (thrown) => ({ kind: 'split', run: scopeRun, thrown }));
  }

  private pullListing(listing: Listing): void {
    this.settle(() => listing.iterator.next(), (result) => ({ kind: 'image', run: listing.run, listing, result }), (thrown) => ({ kind: 'image', run: listing.run, listing, thrown }));
  }

  /** Calls `next()`; what it comes to is queued as `done(result)` or `failed(thrown)`, and the loop woken. */
  private settle<T>(next: () => Promise<IteratorResult<T>>, done: (result: IteratorResult<T>) => Settled, failed: (thrown: unknown) => Settled): void {
    let promise: Promise<IteratorResult<T>>;
    try {
      promise = next();
    } catch (thrown) {
      promise = Promise.reject(thrown);
    }
    promise.then(
      (result) => {
        this.settled.push(done(result));
        this.notify();
      },
      (thrown: unknown) => {
        this.settled.push(failed(thrown));
        this.notify();
      },
    );
  }

  private take(vendor: Vendor, n: number): void {
    this.busy.set(vendor, (this.busy.get(vendor) as number) + n);
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

function withoutEndpoint(scope: InventoryScope): ListScope {
  const { baseUrl: _endpoint, allowInsecureHttp: _insecure, ...listScope } = scope; // both go to the client options
  return listScope as ListScope;
}

/** The iterator of what `make` returns; if `make` throws, an iterator whose `next()` rejects with that. */
function iterate<T>(make: () => AsyncIterable<T>): AsyncIterator<T> {
  try {
    return make()[Symbol.asyncIterator]();
  } catch (thrown) {
    return { next: () => Promise.reject(thrown) };
  }
}

/** What a listing threw that is not an ApiError, as one (its name and message; the original as the cause). */
function unexpected(vendor: Vendor, thrown: unknown): ApiError {
  const what = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
  return new ApiError({ vendor, code: 'UNEXPECTED', message: `unexpected failure: ${what}`, attempts: 0, cause: thrown });
}

/** The reason listings still running are aborted with when the consumer stops early or their scope failed. */
class InventoryStoppedError extends Error {
  override name = 'AbortError';
}
