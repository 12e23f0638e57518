// Ctrl-C and `kill` for the long-running commands (`list`, `inventory`): SIGINT or SIGTERM aborts a signal
// instead of killing the process, so the command stops sending, lets what it printed reach its reader, says so
// on stderr and exits with the shell's code for that signal (128 + its number: 130, 143). A second signal
// meets Node's default handling and ends the process at once.

const SIGNALS = { SIGINT: 2, SIGTERM: 15 } as const;
export type InterruptSignal = keyof typeof SIGNALS;

/** The reason an interrupted command's signal is aborted with. */
export class InterruptedError extends Error {
  override name = 'AbortError';
  constructor(readonly signal: InterruptSignal) {
    super(`interrupted by ${signal}`);
  }
  /** 128 + the signal's number, as a shell reports a process ended by it: 130 for SIGINT, 143 for SIGTERM. */
  get exitCode(): number {
    return 128 + SIGNALS[this.signal];
  }
}

/** Exit code of a command stopped by its signal: the InterruptedError's, else 130 (an interruption). */
export function interruptedExitCode(signal: AbortSignal): number {
  return signal.reason instanceof InterruptedError ? signal.reason.exitCode : 128 + SIGNALS.SIGINT;
}

/** The signal's name for the stderr line (`SIGINT`), or `interrupted` for another reason. */
export function interruptionName(signal: AbortSignal): string {
  return signal.reason instanceof InterruptedError ? signal.reason.signal : 'interrupted';
}

/** Listens for SIGINT and SIGTERM once each, until `dispose`; either aborts `signal` with an InterruptedError. */
export function listenForInterrupt(target: Pick<NodeJS.Process, 'once' | 'removeListener'> = process): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const handlers = (Object.keys(SIGNALS) as InterruptSignal[]).map((name) => {
    const handler = (): void => {
      dispose();
      controller.abort(new InterruptedError(name));
    };
    target.once(name, handler);
    return [name, handler] as const;
  });
  function dispose(): void {
    for (const [name, handler] of handlers) target.removeListener(name, handler);
  }
  return { signal: controller.signal, dispose };
}
