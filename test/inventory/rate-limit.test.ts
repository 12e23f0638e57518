// The per-vendor gate: admission order and limits, AIMD, the vendor-wide Retry-After pause, aborts.
// A fake clock and fake timers: assertions are about counts, limits and order, never durations.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAdaptiveGate, type AdaptiveGate } from '../../src/rate-limit.js';
import type { GateOutcome } from '../../src/types.js';

type Release = (outcome: GateOutcome) => void;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Starts `n` acquires and returns their releases in admission order as they come. */
function acquireMany(gate: AdaptiveGate, n: number, signal: AbortSignal | null = null): { admitted: Release[]; settled: Promise<unknown>[] } {
  const admitted: Release[] = [];
  const settled = Array.from({ length: n }, () => gate.acquire(signal).then((release) => admitted.push(release)));
  return { admitted, settled };
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('createAdaptiveGate', () => {
  it('admits at most the limit at once and the rest in order as slots free', async () => {
    const gate = createAdaptiveGate({ maxConcurrency: 3 });
    const order: number[] = [];
    const releases: Release[] = [];
    for (let i = 0; i < 5; i++) {
      void gate.acquire(null).then((release) => {
        order.push(i);
        releases.push(release);
      });
    }
    await flush();
    expect(order).toEqual([0, 1, 2]);
    expect(gate.stats()).toMatchObject({ inFlight: 3, waiting: 2, requests: 3 });
    releases[1]!({ status: 200 });
    await flush();
    expect(order).toEqual([0, 1, 2, 3]);
    releases[0]!({ status: 200 });
    await flush();
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(gate.stats()).toMatchObject({ inFlight: 3, waiting: 0, requests: 5 });
  });

  it('a release called twice frees one slot only', async () => {
    const gate = createAdaptiveGate({ maxConcurrency: 1 });
    const first = await gate.acquire(null);
    const { admitted } = acquireMany(gate, 2);
    first({ status: 200 });
    first({ status: 200 });
    await flush();
    expect(admitted).toHaveLength(1);
    expect(gate.stats().inFlight).toBe(1);
  });

  it('halves the limit on a 429 once per window, remembers the level that met it, and grows back additively below it', async () => {
    const gate = createAdaptiveGate({ maxConcurrency: 16 });
    const burst = acquireMany(gate, 16);
    await flush();
    expect(burst.admitted).toHaveLength(16);
    // The server takes 8; the 9th to 16th admitted are refused. Eight 429s from one window: one decrease.
    for (let i = 15; i >= 8; i--) burst.admitted[i]!({ status: 429 });
    expect(gate.stats()).toMatchObject({ throttled: 8, limit: 8 });
    for (let i = 0; i < 8; i++) burst.admitted[i]!({ status: 200 });
    // Many successes later the limit stays at the remembered ceiling (8), not back at 16.
    for (let i = 0; i < 200; i++) (await gate.acquire(null))({ status: 200 });
    expect(gate.stats().limit).toBe(8);
  });

  it('a Retry-After on a success is no throttle: nothing is paused', async () => {
    const gate = createAdaptiveGate({ maxConcurrency: 2 });
    (await gate.acquire(null))({ status: 200, retryAfterMs: 2_000 });
    expect(gate.stats()).toMatchObject({ pausedMs: 0, pauses: 0 });
    const { admitted } = acquireMany(gate, 2);
    await flush();
    expect(admitted).toHaveLength(2);
  });

  it('probes above the remembered level again once the probe interval has passed', async () => {
    const gate = createAdaptiveGate({ maxConcurrency: 4, probeIntervalMs: 1_000 });
    const burst = acquireMany(gate, 4);
    await flush();
    burst.admitted[3]!({ status: 429 });
    expect(gate.stats().limit).toBe(2);
    for (let i = 0; i < 3; i++) burst.admitted[i]!({ status: 200 });
    // Refused with 4 in flight: grows back to 3 and stays there while the probe interval runs.
    for (let i = 0; i < 50; i++) (await gate.acquire(null))({ status: 200 });
    expect(gate.stats().limit).toBe(3);
    vi.advanceTimersByTime(1_000);
    for (let i = 0; i < 50; i++) (await gate.acquire(null))({ status: 200 });
    expect(gate.stats().limit).toBe(4);
  });

  it('a 429 from a request admitted before the last decrease does not decrease again', async () => {
    const gate = createAdaptiveGate({ maxConcurrency: 8, probeIntervalMs: 0 });
    const old = acquireMany(gate, 8);
    await flush();
    old.admitted[7]!({ status: 503 });
    expect(gate.stats().limit).toBe(4);
    old.admitted[6]!({ status: 503 });
    expect(gate.stats().limit).toBe(4);
    // A request admitted after the decrease that meets a 429 starts a new window: halved again.
    for (let i = 0; i < 6; i++) old.admitted[i]!({ status: 200 });
    const fresh = acquireMany(gate, 3);
    await flush();
    fresh.admitted[2]!({ status: 429 });
    expect(gate.stats().limit).toBe(2);
  });

  it('never goes below the minimum, and network failures change nothing but the count', async () => {
    const gate = createAdaptiveGate({ maxConcurrency: 4, minConcurrency: 2 });
    for (let i = 0; i < 5; i++) (await gate.acquire(null))({ status: 429 });
    expect(gate.stats().limit).toBe(2);
    const before = gate.stats().limit;
    (await gate.acquire(null))({});
    (await gate.acquire(null))({ status: 500 });
    expect(gate.stats()).toMatchObject({ limit: before, failedAttempts: 2, throttled: 5 });
  });

  it('a Retry-After holds every new request to the vendor until it has passed; a second gate is not held', async () => {
    const vendorA = createAdaptiveGate({ maxConcurrency: 4 });
    const vendorB = createAdaptiveGate({ maxConcurrency: 4 });
    const first = acquireMany(vendorA, 4);
    await flush();
    first.admitted[3]!({ status: 429, retryAfterMs: 2_000 });
    for (let i = 0; i < 3; i++) first.admitted[i]!({ status: 200 });
    const held = acquireMany(vendorA, 4);
    const other = acquireMany(vendorB, 3);
    await flush();
    expect(held.admitted).toHaveLength(0);
    expect(other.admitted).toHaveLength(3);
    expect(vendorA.stats()).toMatchObject({ waiting: 4, pauses: 1, limit: 3 });
    expect(vendorA.stats().pausedMs).toBeGreaterThan(0);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(held.admitted).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    // Refused with 4 in flight, the limit is 3: three are admitted at the end of the pause, the fourth when a slot frees.
    expect(held.admitted).toHaveLength(3);
    held.admitted[0]!({ status: 200 });
    await flush();
    expect(held.admitted).toHaveLength(4);
  });

  it('caps a Retry-After at maxPauseMs and lengthens, never shortens, a running pause', async () => {
    const gate = createAdaptiveGate({ maxConcurrency: 4, maxPauseMs: 5_000 });
    (await gate.acquire(null))({ status: 429, retryAfterMs: 60_000 });
    expect(gate.stats().pausedMs).toBe(5_000);
    const { admitted } = acquireMany(gate, 1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(admitted).toHaveLength(1);
    admitted[0]!({ status: 503, retryAfterMs: 3_000 });
    const later = acquireMany(gate, 1);
    await vi.advanceTimersByTimeAsync(1_000);
    // A shorter Retry-After arriving during a longer pause does not end it early.
    expect(gate.stats().pausedMs).toBe(2_000);
    expect(later.admitted).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(later.admitted).toHaveLength(1);
  });

  it('an abort rejects a waiting acquire at once with the reason, and the slot goes to the next waiter', async () => {
    const gate = createAdaptiveGate({ maxConcurrency: 1 });
    const holder = await gate.acquire(null);
    const controller = new AbortController();
    const aborted = gate.acquire(controller.signal);
    const next = acquireMany(gate, 1);
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(aborted).rejects.toBe(reason);
    expect(gate.stats().waiting).toBe(1);
    holder({ status: 200 });
    await flush();
    expect(next.admitted).toHaveLength(1);
    expect(gate.stats().requests).toBe(2);
  });

  it('an abort during a Retry-After pause rejects at once and leaves no timer behind', async () => {
    const gate = createAdaptiveGate({ maxConcurrency: 2 });
    (await gate.acquire(null))({ status: 429, retryAfterMs: 10_000 });
    const controller = new AbortController();
    const waiting = gate.acquire(controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(vi.getTimerCount()).toBe(0);
    // An already aborted signal is refused without waiting.
    await expect(gate.acquire(controller.signal)).rejects.toThrow('stop');
  });

  it('refuses nonsense options', () => {
    expect(() => createAdaptiveGate({ maxConcurrency: 0 })).toThrow(/maxConcurrency/);
    expect(() => createAdaptiveGate({ decreaseFactor: 1 })).toThrow(/decreaseFactor/);
    expect(() => createAdaptiveGate({ maxPauseMs: -1 })).toThrow(/maxPauseMs/);
  });
});
