// Per-attempt plumbing: the abort controller that links the caller's signal, the retry sleep, waiting on
// something (a gate slot, an async signer) without missing the caller's abort.
import { allowManyListeners } from '#runtime';
import type { GateOutcome, RequestGate } from '../types.js';
import type { WireAttempt } from './wire.js';

const TIMEOUT_REASON = new DOMException('The attempt timed out.', 'TimeoutError');

/**
 * One attempt's abort: the caller's abort or the attempt's timer. It is also the listener on the caller's
 * signal (no closure per attempt). No AbortController unless a wire asks for a signal (fetch does; undici's
 * dispatcher takes the wire's listener instead), which spares one AbortSignal, an EventTarget, per attempt.
 */
export class AttemptController implements WireAttempt {
  aborted = false;
  reason: unknown = undefined;
  timedOut = false;
  declare readonly caller: AbortSignal | null;
  declare readonly maxBytes: number;
  declare readonly timeoutMs: number;
  readonly #timer: ReturnType<typeof setTimeout>;
  #listener: ((reason: unknown) => void) | undefined;
  #controller: AbortController | undefined;

  constructor(caller: AbortSignal | null, timeoutMs: number, maxBytes: number) {
    this.caller = caller;
    this.maxBytes = maxBytes;
    this.timeoutMs = timeoutMs;
    if (caller !== null) {
      allowManyListeners(caller);
      caller.addEventListener('abort', this);
      if (caller.aborted) this.abort(caller.reason); // no event for an abort that already happened
    }
    this.#timer = setTimeout(onAttemptTimeout, timeoutMs, this);
  }

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.aborted) this.#controller.abort(this.reason);
    }
    return this.#controller.signal;
  }

  onAbort(listener: (reason: unknown) => void): void {
    this.#listener = listener;
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.#controller?.abort(reason);
    this.#listener?.(reason);
  }

  handleEvent(): void {
    this.abort(this.caller?.reason);
  }

  /** The attempt is over: stop the timer, stop listening to the caller. */
  finish(): void {
    clearTimeout(this.#timer);
    this.#listener = undefined;
    if (this.caller !== null) this.caller.removeEventListener('abort', this);
  }
}

function onAttemptTimeout(ctl: AttemptController): void {
  ctl.timedOut = true;
  ctl.abort(TIMEOUT_REASON);
}

export function defaultSleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * `pending`, or the caller's abort reason as soon as the caller aborts (also when it already has), whichever
 * comes first. `late` receives a value that arrives after the abort (to give back a gate slot).
 */
export function untilAborted<T>(pending: Promise<T>, caller: AbortSignal | null, late?: (value: T) => void): Promise<T> {
  if (caller === null) return pending;
  if (caller.aborted) {
    if (late !== undefined) pending.then(late, noop);
    else pending.catch(noop);
    return Promise.reject(caller.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(caller.reason);
    caller.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (value) => {
        caller.removeEventListener('abort', onAbort);
        if (caller.aborted) late?.(value);
        else resolve(value);
      },
      (err: unknown) => {
        caller.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

export function noop(): void {}

export type GateRelease = (outcome: GateOutcome) => void;

/**
 * Waits for a slot from the gate. A caller's abort rejects at once even if the gate ignores the signal;
 * a slot granted after that is handed straight back. The release returned works once.
 */
export async function acquireSlot(gate: RequestGate, caller: AbortSignal | null): Promise<GateRelease> {
  if (caller?.aborted) throw caller.reason;
  const release = await untilAborted(gate.acquire(caller), caller, (late) => late({}));
  let done = false;
  return (outcome) => {
    if (done) return;
    done = true;
    release(outcome);
  };
}
