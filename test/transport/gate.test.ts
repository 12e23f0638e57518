// The admission gate (per-vendor rate limiting): acquired before every attempt, released exactly once when
// that attempt is over, told the status and Retry-After; a caller's abort while waiting rejects at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkError, TimeoutError } from '../../src/errors.js';
import { PreparedRequest, createTransport, type CreateTransportOptions } from '../../src/transport.js';
import type { FetchLike, GateOutcome, RequestGate } from '../../src/types.js';
import { startFaultServer, type FaultServer } from '../support/fault-server.js';
import { SECRET, failure } from './secrets.js';
import { WIRES } from './wires.js';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({ maxRequests: 200, lifetimeMs: 60_000 });
});
afterAll(async () => {
  await server.close();
});

let seq = 0;
function unique(route: string): string {
  seq++;
  return `/${route}/g${seq}`;
}

/** A gate that records every acquire and release; `hold` makes acquire wait until `open()` (and ignore the signal). */
function fakeGate(options: { hold?: boolean } = {}) {
  const signals: (AbortSignal | null)[] = [];
  const outcomes: GateOutcome[] = [];
  let extraReleases = 0;
  let pendingGrant: (() => void) | undefined;
  const gate: RequestGate = {
    acquire(signal) {
      signals.push(signal);
      let released = false;
      const release = (outcome: GateOutcome) => {
        if (released) extraReleases++;
        released = true;
        outcomes.push(outcome);
      };
      if (!options.hold) return Promise.resolve(release);
      return new Promise((resolve) => {
        pendingGrant = () => resolve(release);
      });
    },
  };
  return {
    gate,
    signals,
    outcomes,
    get extraReleases() {
      return extraReleases;
    },
    open: () => pendingGrant?.(),
  };
}

function makeTransport(fetch: FetchLike | undefined, options: Partial<CreateTransportOptions>) {
  return createTransport({ vendor: 'huawei', timeoutMs: 300, deadlineMs: 5_000, retries: 2, random: () => 0, secrets: [SECRET], fetch, ...options });
}

function request(path: string, init: RequestInit = {}): PreparedRequest {
  return new PreparedRequest(server.url + path, { method: 'GET', ...init, headers: new Headers({ 'X-Auth-Token': SECRET }) });
}

describe.each(WIRES)('request gate (%s wire)', (_wire, wireFetch) => {
  const transport = (options: Partial<CreateTransportOptions>) => makeTransport(wireFetch, options);

  it('is acquired before every attempt and released once per attempt with its status', async () => {
    const g = fakeGate();
    const path = unique('flaky/2');
    const res = await transport({ gate: g.gate })(request(path));
    expect(res.status).toBe(200);
    expect(server.hits(path)).toBe(3);
    expect(g.signals).toHaveLength(3);
    expect(g.outcomes).toEqual([{ status: 503 }, { status: 503 }, { status: 200 }]);
    expect(g.extraReleases).toBe(0);
  });

  it('hears Retry-After in ms, and the slot is released before the retry wait', async () => {
    const g = fakeGate();
    const path = unique('retry-after/2');
    const releasedBeforeSleep: number[] = [];
    const sleep = async (ms: number) => {
      releasedBeforeSleep.push(g.outcomes.length);
      expect(ms).toBe(2_000);
    };
    const res = await transport({ gate: g.gate, sleep })(request(path));
    expect(res.status).toBe(200);
    expect(g.outcomes).toEqual([{ status: 429, retryAfterMs: 2_000 }, { status: 200 }]);
    expect(releasedBeforeSleep).toEqual([1]);
  });

  it('gets the caller’s signal', async () => {
    const g = fakeGate();
    const controller = new AbortController();
    await transport({ gate: g.gate })(request(unique('ok'), { signal: controller.signal }));
    expect(g.signals).toEqual([controller.signal]);
  });

  it('a network failure releases with no status, once per attempt', async () => {
    const g = fakeGate();
    const path = unique('reset');
    const err = await failure(transport({ gate: g.gate })(request(path)));
    expect(err).toBeInstanceOf(NetworkError);
    expect(g.outcomes).toEqual([{}, {}, {}]);
    expect(g.extraReleases).toBe(0);
  });

  it('a caller abort mid-request releases the slot once, with no status', async () => {
    const g = fakeGate();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 50);
    const err = await failure(transport({ gate: g.gate, timeoutMs: 5_000 })(request(unique('slow/2000'), { signal: controller.signal })));
    expect((err as Error).message).toBe('stop');
    expect(g.outcomes).toEqual([{}]);
  });

  it('a caller abort while waiting for a slot rejects at once, sends nothing, and gives back a slot granted later', async () => {
    const g = fakeGate({ hold: true }); // ignores the signal: the transport must not depend on it
    const controller = new AbortController();
    const path = unique('ok');
    setTimeout(() => controller.abort(new Error('no longer needed')), 30);
    const t0 = performance.now();
    const err = await failure(transport({ gate: g.gate })(request(path, { signal: controller.signal })));
    expect((err as Error).message).toBe('no longer needed');
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(server.hits(path)).toBe(0);
    g.open();
    await new Promise((r) => setTimeout(r, 10));
    expect(g.outcomes).toEqual([{}]);
  });

  it('an already aborted signal does not even ask the gate', async () => {
    const g = fakeGate();
    const err = await failure(transport({ gate: g.gate })(request(unique('ok'), { signal: AbortSignal.abort() })));
    expect((err as DOMException).name).toBe('AbortError');
    expect(g.signals).toHaveLength(0);
  });

  it('a signer that throws releases the slot; nothing is sent', async () => {
    const g = fakeGate();
    const path = unique('ok');
    const sign = () => {
      throw new Error('cannot sign');
    };
    await failure(transport({ gate: g.gate, sign })(request(path)));
    expect(g.outcomes).toEqual([{}]);
    expect(server.hits(path)).toBe(0);
  });

  it('a wait for a slot longer than the deadline ends in a deadline TimeoutError, nothing sent, slot released', async () => {
    let now = 0;
    const g = fakeGate();
    const gate: RequestGate = {
      acquire: async (signal) => {
        now += 10_000; // the slot came late
        return g.gate.acquire(signal);
      },
    };
    const path = unique('ok');
    const err = await failure(transport({ gate, clock: () => now })(request(path)));
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).phase).toBe('deadline');
    expect(server.hits(path)).toBe(0);
    expect(g.outcomes).toEqual([{}]);
  });
});
