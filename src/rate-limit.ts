// Per-vendor admission control: the one place where rate limiting lives. The transport asks the gate before
// every attempt and reports each attempt's outcome; the gate adapts how many requests to that vendor may be
// in flight (AIMD) and holds every request to the vendor while a `Retry-After` runs. One gate per vendor:
// another vendor's gate never waits for this one.
import type { GateOutcome, RequestGate } from './types.js';

/** Requests in flight per vendor when nothing else is configured. */
export const DEFAULT_VENDOR_CONCURRENCY = 8;
/** Longest vendor-wide pause one `Retry-After` can impose (the transport caps its own wait the same way). */
export const DEFAULT_MAX_PAUSE_MS = 30_000;
/** How long the level that met a 429/503 stays the ceiling before the gate probes above it again. */
export const DEFAULT_PROBE_INTERVAL_MS = 30_000;

export interface AdaptiveGateOptions {
  /** Most requests in flight at once: the limit starts here and never grows past it (default 8). */
  maxConcurrency?: number | undefined;
  /** The limit never drops below this (default 1). */
  minConcurrency?: number | undefined;
  /** The limit is multiplied by this on a 429 or 503 (default 0.5). */
  decreaseFactor?: number | undefined;
  /** Longest pause honoured from one `Retry-After`, in ms (default 30 000). */
  maxPauseMs?: number | undefined;
  /** After a 429/503, growth stops below the level that met it for this long, in ms (default 30 000). */
  probeIntervalMs?: number | undefined;
  /** Clock in ms (default `Date.now`). */
  clock?: (() => number) | undefined;
}

/** Counters of one gate, for progress reports. */
export interface GateStats {
  /** Attempts admitted (first tries and retries alike). */
  requests: number;
  /** Answers that were 429 or 503 (rate limited or overloaded). */
  throttled: number;
  /** Attempts that failed otherwise in a way the transport may retry: network failure, 408, other 5xx. */
  failedAttempts: number;
  /** Vendor-wide pauses started or lengthened by a `Retry-After`. */
  pauses: number;
  /** Current limit on requests in flight. */
  limit: number;
  inFlight: number;
  /** Requests waiting for admission. */
  waiting: number;
  /** What remains of the current `Retry-After` pause, in ms (0 when none). */
  pausedMs: number;
}

/** A RequestGate with counters. */
export interface AdaptiveGate extends RequestGate {
  stats(): GateStats;
}

interface Waiter {
  resolve: (release: (outcome: GateOutcome) => void) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | null;
  onAbort: () => void;
}

/**
 * A gate for one vendor. Policy:
 * - at most `limit` requests in flight; `limit` starts at `maxConcurrency`;
 * - every answer other than 429/503 adds `1 / limit` (one more slot per window of successes), up to
 *   `maxConcurrency`; a network failure changes nothing;
 * - a 429 or 503 multiplies the limit by `decreaseFactor`, once per window (the answers of requests sent
 *   before the decrease do not decrease it again), and the level that met it (the number in flight when the
 *   throttled request was admitted, less one) becomes a ceiling for `probeIntervalMs`;
 * - a `Retry-After` on a 429 or 503 holds every new request to the vendor until it has passed (up to
 *   `maxPauseMs`); requests already in flight go on. On any other answer it is not a throttle and is ignored.
 * Waiters are admitted in order; a waiter's `signal` aborting rejects its `acquire` with the signal's reason.
 */
export function createAdaptiveGate(options: AdaptiveGateOptions = {}): AdaptiveGate {
  const max = whole('maxConcurrency', options.maxConcurrency ?? DEFAULT_VENDOR_CONCURRENCY, 1);
  const min = Math.min(max, whole('minConcurrency', options.minConcurrency ?? 1, 1));
  const factor = options.decreaseFactor ?? 0.5;
  if (!(factor > 0 && factor < 1)) throw new RangeError(`decreaseFactor must be between 0 and 1 (exclusive), not ${String(factor)}`);
  const maxPauseMs = nonNegative('maxPauseMs', options.maxPauseMs ?? DEFAULT_MAX_PAUSE_MS);
  const probeIntervalMs = nonNegative('probeIntervalMs', options.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS);
  const clock = options.clock ?? Date.now;

  let limit = max;
  let ceiling = max;
  let ceilingUntil = 0;
  // Bumped on every decrease: an attempt admitted in an older window cannot decrease the limit again.
  let window = 0;
  let inFlight = 0;
  let pausedUntil = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = 0;
  const waiting: Waiter[] = [];
  const counters = { requests: 0, throttled: 0, failedAttempts: 0, pauses: 0 };

  const currentCeiling = (): number => {
    if (ceiling < max && clock() >= ceilingUntil) ceiling = max;
    return ceiling;
  };
  const admissible = (): number => Math.max(min, Math.floor(Math.min(limit, currentCeiling())));

  function admit(): (outcome: GateOutcome) => void {
    inFlight++;
    counters.requests++;
    const admittedIn = window;
    const level = inFlight;
    let released = false;
    return (outcome) => {
      if (released) return;
      released = true;
      inFlight--;
      record(outcome, admittedIn, level);
      pump();
    };
  }

  function record(outcome: GateOutcome, admittedIn: number, level: number): void {
    const { status, retryAfterMs } = outcome;
    const throttled = status === 429 || status === 503;
    if (throttled) {
      counters.throttled++;
      ceiling = Math.min(currentCeiling(), Math.max(min, level - 1));
      ceilingUntil = clock() + probeIntervalMs;
      if (admittedIn === window) {
        limit = Math.max(min, limit * factor);
        window++;
      }
      limit = Math.min(limit, ceiling);
    } else if (status === undefined || status === 408 || status >= 500) {
      counters.failedAttempts++;
    } else {
      limit = Math.min(max, limit + 1 / limit);
    }
    if (throttled && retryAfterMs !== undefined && retryAfterMs > 0) {
      const until = clock() + Math.min(retryAfterMs, maxPauseMs);
      if (until > pausedUntil) {
        pausedUntil = until;
        counters.pauses++;
      }
    }
  }

  function pump(): void {
    const wait = pausedUntil - clock();
    if (wait > 0) {
      if (waiting.length > 0) arm(wait);
      return;
    }
    while (waiting.length > 0 && inFlight < admissible()) {
      const waiter = waiting.shift() as Waiter;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve(admit());
    }
    if (waiting.length === 0) disarm();
  }

  function arm(wait: number): void {
    const at = clock() + wait;
    if (timer !== undefined && timerAt <= at) return;
    disarm();
    timerAt = at;
    timer = setTimeout(() => {
      timer = undefined;
      pump();
    }, wait);
  }

  function disarm(): void {
    if (timer === undefined) return;
    clearTimeout(timer);
    timer = undefined;
  }

  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (waiting.length === 0 && pausedUntil <= clock() && inFlight < admissible()) return Promise.resolve(admit());
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          resolve,
          reject,
          signal,
          onAbort: () => {
            const at = waiting.indexOf(waiter);
            if (at !== -1) waiting.splice(at, 1);
            if (waiting.length === 0) disarm();
            reject(signal?.reason);
          },
        };
        signal?.addEventListener('abort', waiter.onAbort, { once: true });
        waiting.push(waiter);
        pump();
      });
    },
    stats() {
      return {
        ...counters,
        limit: admissible(),
        inFlight,
        waiting: waiting.length,
        pausedMs: Math.max(0, pausedUntil - clock()),
      };
    },
  };
}

function whole(name: string, value: number, least: number): number {
  if (!Number.isSafeInteger(value) || value < least) throw new RangeError(`${name} must be an integer of at least ${least}, not ${String(value)}`);
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a finite number of at least 0, not ${String(value)}`);
  return value;
}
