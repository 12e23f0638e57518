// What became of stdout while a command streamed to it. Two ways for output to end early, told apart:
// the reader went away (EPIPE, or the stream closed: `| head`), after which nothing more is worth
// fetching; and a write that failed (ENOSPC on `> /dev/full`, EIO, …), after which the output is known to
// be incomplete. Either one stops the command's requests at once (through `stop`).
import type { CliIo } from './common.js';

/** Exit code when the reader of stdout went away: what a shell shows for a process ended by SIGPIPE. */
export const EXIT_READER_GONE = 141;

export type OutputFailure = { kind: 'reader-gone' } | { kind: 'write-failed'; code: string | undefined; message: string };

type Stdout = CliIo['stdout'] & { on?(event: 'error', listener: (error: unknown) => void): unknown; removeListener?(event: string, listener: (...args: never[]) => void): unknown };

export interface OutputWatch {
  /** How the output ended early, if it did. */
  readonly failure: OutputFailure | undefined;
  dispose(): void;
}

/** Watches `stdout` until `dispose()`; on the first failure, aborts `stop` with an error saying what happened. */
function watchOutput(stdout: CliIo['stdout'], stop: AbortController): OutputWatch {
  const stream = stdout as Stdout;
  let failure: OutputFailure | undefined;
  const end = (found: OutputFailure) => {
    failure ??= found;
    stop.abort(new OutputEndedError(failure));
  };
  const onError = (error: unknown) => {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'EPIPE') end({ kind: 'reader-gone' });
    else end({ kind: 'write-failed', code: typeof code === 'string' ? code : undefined, message: error instanceof Error ? error.message : String(error) });
  };
  const onClose = () => end({ kind: 'reader-gone' });
  // `on` for errors: a stream may report several (every write after the first failure fails too).
  stream.on?.('error', onError);
  stream.once?.('close', onClose);
  return {
    get failure() {
      return failure;
    },
    dispose() {
      stream.removeListener?.('error', onError);
      stream.removeListener?.('close', onClose);
    },
  };
}

/** What stops a streaming command: stdout failing or its reader leaving (`output`), or the interrupt signal. */
export interface CommandStop {
  /** Aborted by either (with the interrupt's reason, or an OutputEndedError): give it to every request. */
  readonly signal: AbortSignal;
  readonly output: OutputWatch;
  dispose(): void;
}

/** Watches `stdout` and `interrupt` (Ctrl-C, SIGTERM) until `dispose()`; the first of them aborts `signal`. */
export function watchCommand(stdout: CliIo['stdout'], interrupt: AbortSignal | undefined): CommandStop {
  const stop = new AbortController();
  const output = watchOutput(stdout, stop);
  const onInterrupt = () => stop.abort(interrupt?.reason);
  if (interrupt?.aborted === true) onInterrupt();
  interrupt?.addEventListener('abort', onInterrupt, { once: true });
  return {
    signal: stop.signal,
    output,
    dispose() {
      interrupt?.removeEventListener('abort', onInterrupt);
      output.dispose();
    },
  };
}

/** The reason `stop` is aborted with when stdout failed or its reader left. */
export class OutputEndedError extends Error {
  override name = 'AbortError';
  constructor(readonly failure: OutputFailure) {
    super(failure.kind === 'reader-gone' ? 'the reader of stdout went away' : `stdout could not be written${failure.code === undefined ? '' : ` (${failure.code})`}`);
  }
}

/** The stderr line for a failed write: what could not be written, and that the output is incomplete. */
export function writeFailureLine(failure: Extract<OutputFailure, { kind: 'write-failed' }>, written: number): string {
  const what = written === 1 ? 'image' : 'images';
  return `error: could not write the output${failure.code === undefined ? '' : ` (${failure.code})`}: ${written} ${what} written before it failed; the output is incomplete\n`;
}
