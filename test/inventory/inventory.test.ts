// inventory(): the merge of many listings, with fake listers (no network): each image once, failures per
// scope, per-vendor bounds, backpressure, aborts, one gate per vendor.
import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../../src/errors.js';
import { inventory, type InventoryEvent, type InventoryScope, type ScopeLister, type ScopeSplitter } from '../../src/inventory.js';
import type { CommonClientOptions } from '../../src/client.js';
import type { ListPagingOptions, ListScope } from '../../src/list-scope.js';
import type { ImageSummary } from '../../src/summary/types.js';

function summary(vendor: ImageSummary['vendor'], id: string): ImageSummary {
  return {
    vendor, id, repository: null, name: id, tags: [], labels: {}, digest: null, sizeBytes: null, os: null, osDistro: null,
    osVersion: null, architecture: null, status: null, createdAt: null, updatedAt: null, baseImages: [], raw: {},
  } as unknown as ImageSummary;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Scope key → image count; every image id is `<key>#<n>`. */
function keyOf(scope: ListScope): string {
  switch (scope.vendor) {
    case 'vercel':
      return `vercel:${scope.projectId}${scope.repository === undefined ? '' : `/${scope.repository}`}`;
    case 'gcore':
      return `gcore:${scope.projectId}/${scope.regionId}`;
    case 'naver':
      return `naver:${scope.registry ?? '*'}`;
    case 'huawei':
      return `huawei:${scope.projectId}`;
  }
}

interface Recorder {
  lister: ScopeLister;
  options: (ListPagingOptions & CommonClientOptions)[];
  scopes: ListScope[];
  running: Map<string, number>;
  peakRunning: Map<string, number>;
  produced: number;
  returned: number;
}

/** A lister yielding `counts[key]` images per scope, a tick apart, failing where `failAt[key]` says. */
function fakeLister(counts: Record<string, number>, failAt: Record<string, { after: number; error: unknown }> = {}): Recorder {
  const recorder: Recorder = { lister: undefined as unknown as ScopeLister, options: [], scopes: [], running: new Map(), peakRunning: new Map(), produced: 0, returned: 0 };
  recorder.lister = (scope, options) => {
    recorder.options.push(options as ListPagingOptions & CommonClientOptions);
    recorder.scopes.push(scope);
    const key = keyOf(scope);
    return (async function* () {
      recorder.running.set(scope.vendor, (recorder.running.get(scope.vendor) ?? 0) + 1);
      recorder.peakRunning.set(scope.vendor, Math.max(recorder.peakRunning.get(scope.vendor) ?? 0, recorder.running.get(scope.vendor) ?? 0));
      try {
        const total = counts[key] ?? 0;
        for (let n = 0; n < total; n++) {
          await tick();
          options.signal?.throwIfAborted();
          const failure = failAt[key];
          if (failure !== undefined && n === failure.after) throw failure.error;
          recorder.produced++;
          yield summary(scope.vendor, `${key}#${n}`);
        }
      } finally {
        recorder.running.set(scope.vendor, (recorder.running.get(scope.vendor) ?? 0) - 1);
        recorder.returned++;
      }
    })();
  };
  return recorder;
}

/** A split giving a Vercel project `parts` repositories `r0…` and NAVER `parts` registries `g0…`, a tick apart. */
function fakeSplit(parts: number, failAfter?: { parts: number; error: unknown }): ScopeSplitter & { returned: number } {
  const split = (scope: ListScope) =>
    (async function* () {
      try {
        for (let n = 0; n < parts; n++) {
          await tick();
          if (failAfter !== undefined && n === failAfter.parts) throw failAfter.error;
          if (scope.vendor === 'vercel') yield { ...scope, repository: `r${n}` };
          else if (scope.vendor === 'naver') yield { ...scope, registry: `g${n}` };
          else if (n === 0) yield scope;
        }
      } finally {
        split.returned++;
      }
    })();
  split.returned = 0;
  return split;
}

async function collect(iterable: AsyncIterable<InventoryEvent>): Promise<InventoryEvent[]> {
  const events: InventoryEvent[] = [];
  for await (const event of iterable) events.push(event);
  return events;
}

const SCOPES: InventoryScope[] = [
  { vendor: 'vercel', projectId: 'prj_a' },
  { vendor: 'vercel', projectId: 'prj_b' },
  { vendor: 'gcore', projectId: 1, regionId: 7 },
  { vendor: 'gcore', projectId: 1, regionId: 8 },
  { vendor: 'naver', registry: 'reg' },
  { vendor: 'huawei', projectId: 'p1' },
];
const COUNTS = { 'vercel:prj_a': 30, 'vercel:prj_b': 5, 'gcore:1/7': 12, 'gcore:1/8': 0, 'naver:reg': 17, 'huawei:p1': 9 };

describe('inventory', () => {
  it('yields every image of every scope exactly once, then one scope-done per scope, with counts', async () => {
    const fake = fakeLister(COUNTS);
    const run = inventory(SCOPES, { listImages: fake.lister, concurrency: 2 });
    const events = await collect(run);
    const ids = events.flatMap((e) => (e.type === 'image' ? [e.summary.id] : []));
    expect(ids).toHaveLength(73);
    expect(new Set(ids).size).toBe(73);
    const done = events.filter((e) => e.type === 'scope-done');
    expect(done.map((e) => e.index).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(done.find((e) => e.index === 0)).toMatchObject({ images: 30 });
    // Images of a scope all come before its scope-done.
    const lastImageOf0 = events.map((e) => e.type === 'image' && e.index === 0).lastIndexOf(true);
    expect(events.findIndex((e) => e.type === 'scope-done' && e.index === 0)).toBeGreaterThan(lastImageOf0);
    expect(run.stats()).toMatchObject({ images: 73, scopes: 6, done: 6, failed: 0, vendors: { vercel: { images: 35, scopes: 2, done: 2 }, gcore: { images: 12 } } });
  });

  it('one scope failing is reported with its typed error and index; the others complete', async () => {
    const error = new ApiError({ vendor: 'gcore', message: 'Internal Server Error', status: 500 });
    const network = new NetworkError({ vendor: 'naver', message: 'connect ECONNREFUSED', code: 'ECONNREFUSED' });
    const fake = fakeLister(COUNTS, { 'gcore:1/7': { after: 4, error }, 'naver:reg': { after: 0, error: network } });
    const run = inventory(SCOPES, { listImages: fake.lister });
    const events = await collect(run);
    const failures = events.filter((e) => e.type === 'failure');
    expect(failures).toHaveLength(2);
    expect(failures).toContainEqual(expect.objectContaining({ index: 4, error: network, images: 0 }));
    expect(failures).toContainEqual(expect.objectContaining({ index: 2, error, images: 4 }));
    expect(events.filter((e) => e.type === 'scope-done').map((e) => e.index).sort()).toEqual([0, 1, 3, 5]);
    expect(events.filter((e) => e.type === 'image')).toHaveLength(30 + 5 + 4 + 9);
    expect(run.stats()).toMatchObject({ done: 4, failed: 2 });
  });

  it('a listing that throws something other than an ApiError (a bug) fails its scope only, as an UNEXPECTED ApiError', async () => {
    const bug = new TypeError('cannot read x of undefined');
    const fake = fakeLister(COUNTS, { 'huawei:p1': { after: 2, error: bug } });
    const run = inventory(SCOPES, { listImages: fake.lister });
    const events = await collect(run);
    const failures = events.filter((e) => e.type === 'failure');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ images: 2, error: { name: 'ApiError', vendor: 'huawei', code: 'UNEXPECTED', message: 'unexpected failure: TypeError: cannot read x of undefined' } });
    expect(run.stats()).toMatchObject({ done: SCOPES.length - 1, failed: 1 });
    await tick();
    expect(fake.returned).toBe(SCOPES.length);
  });

  it('runs scopes of different vendors in parallel and at most `concurrency` listings per vendor', async () => {
    const scopes: InventoryScope[] = Array.from({ length: 10 }, (_, i) => ({ vendor: 'vercel' as const, projectId: `p${i}` }));
    scopes.push(...Array.from({ length: 10 }, (_, i) => ({ vendor: 'gcore' as const, projectId: i, regionId: 1 })));
    const counts = Object.fromEntries(scopes.map((s) => [keyOf(s), 6]));
    const fake = fakeLister(counts);
    const events = await collect(inventory(scopes, { listImages: fake.lister, concurrency: 3, vendorConcurrency: { gcore: 2 } }));
    expect(events.filter((e) => e.type === 'image')).toHaveLength(120);
    expect(fake.peakRunning.get('vercel')).toBe(3);
    expect(fake.peakRunning.get('gcore')).toBe(2);
  });

  it("splits a scope into its listings and runs them side by side, at most `concurrency` per vendor, each image once", async () => {
    const scopes: InventoryScope[] = [{ vendor: 'vercel', projectId: 'p' }, { vendor: 'naver' }, { vendor: 'gcore', projectId: 1, regionId: 1 }];
    const counts: Record<string, number> = { 'gcore:1/1': 4 };
    for (let n = 0; n < 5; n++) counts[`vercel:p/r${n}`] = 7;
    for (let n = 0; n < 5; n++) counts[`naver:g${n}`] = 6;
    const fake = fakeLister(counts);
    const split = fakeSplit(5);
    const run = inventory(scopes, { listImages: fake.lister, scopeListings: split, concurrency: 3, vendorConcurrency: { naver: 2 } });
    const events = await collect(run);
    const ids = events.flatMap((e) => (e.type === 'image' ? [e.summary.id] : []));
    expect(ids).toHaveLength(35 + 30 + 4);
    expect(new Set(ids).size).toBe(ids.length);
    // One scope, several of its listings at once, never more than the vendor's bound.
    expect(fake.peakRunning.get('vercel')).toBe(3);
    expect(fake.peakRunning.get('naver')).toBe(2);
    expect(fake.scopes.filter((s) => s.vendor === 'vercel')).toHaveLength(5);
    const done = events.filter((e) => e.type === 'scope-done');
    expect(done.map((e) => [e.index, e.images])).toEqual(expect.arrayContaining([[0, 35], [1, 30], [2, 4]]));
    expect(done).toHaveLength(3);
    for (const index of [0, 1, 2]) {
      const lastImage = events.map((e) => e.type === 'image' && e.index === index).lastIndexOf(true);
      expect(events.findIndex((e) => e.type === 'scope-done' && e.index === index)).toBeGreaterThan(lastImage);
    }
    expect(run.stats()).toMatchObject({ images: 69, done: 3, failed: 0 });
  });

  it('gives a free slot to an open scope before opening the next one: a scope is finished before the next is begun', async () => {
    const scopes: InventoryScope[] = [{ vendor: 'vercel', projectId: 'p' }, { vendor: 'vercel', projectId: 'q' }];
    const counts: Record<string, number> = {};
    for (const project of ['p', 'q']) for (let n = 0; n < 3; n++) counts[`vercel:${project}/r${n}`] = 2;
    const fake = fakeLister(counts);
    const events = await collect(inventory(scopes, { listImages: fake.lister, scopeListings: fakeSplit(3), concurrency: 1 }));
    expect(fake.scopes.map(keyOf)).toEqual(['vercel:p/r0', 'vercel:p/r1', 'vercel:p/r2', 'vercel:q/r0', 'vercel:q/r1', 'vercel:q/r2']);
    expect(events.filter((e) => e.type === 'scope-done').map((e) => e.index)).toEqual([0, 1]);
  });

  it("a failing listing fails its scope once: the scope's other listings are stopped, nothing of it follows, the others complete", async () => {
    const error = new ApiError({ vendor: 'vercel', message: 'Internal Server Error', status: 500 });
    const counts: Record<string, number> = { 'gcore:1/1': 8 };
    for (let n = 0; n < 4; n++) counts[`vercel:p/r${n}`] = 20;
    const fake = fakeLister(counts, { 'vercel:p/r2': { after: 3, error } });
    const split = fakeSplit(4);
    const scopes: InventoryScope[] = [{ vendor: 'vercel', projectId: 'p' }, { vendor: 'gcore', projectId: 1, regionId: 1 }];
    const run = inventory(scopes, { listImages: fake.lister, scopeListings: split, concurrency: 4 });
    const events = await collect(run);
    const failures = events.filter((e) => e.type === 'failure');
    expect(failures).toHaveLength(1);
    const failedAt = events.findIndex((e) => e.type === 'failure');
    const imagesBefore = events.slice(0, failedAt).filter((e) => e.type === 'image' && e.index === 0).length;
    expect(failures[0]).toMatchObject({ index: 0, scope: scopes[0], listing: { vendor: 'vercel', projectId: 'p', repository: 'r2' }, error, images: imagesBefore });
    expect(imagesBefore).toBeGreaterThanOrEqual(3);
    expect(imagesBefore).toBeLessThan(80);
    expect(events.slice(failedAt + 1).some((e) => e.index === 0)).toBe(false);
    expect(events.filter((e) => e.type === 'scope-done')).toEqual([expect.objectContaining({ index: 1, images: 8 })]);
    await tick();
    // Every listing begun was closed, the split too: the siblings did not run on to their end.
    expect(fake.returned).toBe(fake.scopes.length);
    expect(split.returned).toBe(2);
    expect(fake.produced).toBeLessThan(80 + 8);
    expect(run.stats()).toMatchObject({ failed: 1, done: 1, images: imagesBefore + 8 });
  });

  it('a split failing midway (listing the repositories) fails the scope, naming the scope itself', async () => {
    const error = new ApiError({ vendor: 'naver', message: 'HTTP 503', status: 503 });
    const counts: Record<string, number> = {};
    for (let n = 0; n < 4; n++) counts[`naver:g${n}`] = 3;
    const fake = fakeLister(counts);
    const events = await collect(inventory([{ vendor: 'naver', baseUrl: 'http://127.0.0.1:1/ncr/api' }], { listImages: fake.lister, scopeListings: fakeSplit(4, { parts: 2, error }), concurrency: 1 }));
    const failure = events.find((e) => e.type === 'failure');
    expect(failure).toMatchObject({ index: 0, listing: { vendor: 'naver' }, error });
    expect(failure?.type === 'failure' && failure.listing).toEqual({ vendor: 'naver' });
    expect(events.filter((e) => e.type === 'image')).toHaveLength(failure?.type === 'failure' ? failure.images : -1);
    expect(events.filter((e) => e.type !== 'image')).toHaveLength(1);
  });

  it('passes one gate per vendor to every listing of that vendor, and each vendor its own', async () => {
    const fake = fakeLister(COUNTS);
    await collect(inventory(SCOPES, { listImages: fake.lister, timeoutMs: 5_000, retries: 4, pageSize: 50, clients: { gcore: { apiKey: 'k', retries: 1 } } }));
    expect(fake.options).toHaveLength(6);
    expect(new Set(fake.options.map((o) => o.gate)).size).toBe(4);
    expect(fake.options[0]?.gate).toBe(fake.options[1]?.gate);
    expect(fake.options[2]?.gate).toBe(fake.options[3]?.gate);
    expect(fake.options[0]?.gate).not.toBe(fake.options[2]?.gate);
    expect(fake.options[0]).toMatchObject({ timeoutMs: 5_000, retries: 4, pageSize: 50 });
    expect(fake.options[2]).toMatchObject({ timeoutMs: 5_000, retries: 1, apiKey: 'k' });
  });

  it("takes a scope's baseUrl over the vendor's client options", async () => {
    const fake = fakeLister({ 'naver:*': 1 });
    await collect(inventory([{ vendor: 'naver', baseUrl: 'http://127.0.0.1:1/ncr/api' }], { listImages: fake.lister, clients: { naver: { baseUrl: 'http://other' } } }));
    expect(fake.options[0]?.baseUrl).toBe('http://127.0.0.1:1/ncr/api');
    expect(fake.scopes[0]).toEqual({ vendor: 'naver' });
  });

  it('streams with backpressure: a listing runs at most one item ahead of the consumer', async () => {
    const counts = { 'vercel:p': 1_000_000, 'gcore:1/1': 1_000_000 };
    const fake = fakeLister(counts);
    const run = inventory([{ vendor: 'vercel', projectId: 'p' }, { vendor: 'gcore', projectId: 1, regionId: 1 }], { listImages: fake.lister });
    let consumed = 0;
    for await (const event of run) {
      if (event.type !== 'image') continue;
      consumed++;
      if (consumed % 50 === 0) for (let i = 0; i < 20; i++) await tick(); // a slow consumer
      expect(fake.produced).toBeLessThanOrEqual(consumed + 2);
      if (consumed === 500) break;
    }
    await tick();
    // Breaking out stops the listings: their generators were returned and their signal aborted.
    expect(fake.returned).toBe(2);
    expect(fake.options.every((o) => o.signal?.aborted)).toBe(true);
  });

  it("the caller's signal stops everything promptly: iteration rejects with its reason and listings end", async () => {
    const never: ScopeLister = (_scope, options) =>
      (async function* () {
        await new Promise((_resolve, reject) => options.signal?.addEventListener('abort', () => reject(options.signal?.reason), { once: true }));
        yield summary('vercel', 'x');
      })();
    const controller = new AbortController();
    const reason = new Error('stopped by the user');
    const run = inventory(SCOPES, { listImages: never, signal: controller.signal });
    const iterating = collect(run);
    await tick();
    controller.abort(reason);
    await expect(iterating).rejects.toBe(reason);
  });

  it('an already aborted signal rejects before any listing starts', async () => {
    const fake = fakeLister(COUNTS);
    const controller = new AbortController();
    controller.abort(new Error('early'));
    await expect(collect(inventory(SCOPES, { listImages: fake.lister, signal: controller.signal }))).rejects.toThrow('early');
    expect(fake.options).toHaveLength(0);
  });

  it('a lister that throws synchronously fails that scope only', async () => {
    const error = new ApiError({ vendor: 'huawei', message: 'missing credentials', status: undefined });
    const fake = fakeLister(COUNTS);
    const lister: ScopeLister = (scope, options) => {
      if (scope.vendor === 'huawei') throw error;
      return fake.lister(scope, options);
    };
    const events = await collect(inventory(SCOPES, { listImages: lister }));
    expect(events.filter((e) => e.type === 'failure')).toEqual([expect.objectContaining({ index: 5, error })]);
    expect(events.filter((e) => e.type === 'image')).toHaveLength(73 - 9);
  });

  it('can be iterated once, and an empty list of scopes ends at once', async () => {
    const fake = fakeLister({});
    const run = inventory([], { listImages: fake.lister });
    expect(await collect(run)).toEqual([]);
    expect(() => run[Symbol.asyncIterator]()).toThrow(/once/);
  });
});
