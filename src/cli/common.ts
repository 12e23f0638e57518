// What every `cloud-images` command shares: exit codes, where output goes, usage errors, how a failure is
// reported on stderr, and the transport flags (--base-url, --timeout, --retries).
import type { ApiError } from '../errors.js';
import { oneLine } from '../safe-output.js';
import { credentialProblem } from './credentials.js';
import type { Vendor } from '../types.js';

export const EXIT_OK = 0;
export const EXIT_API_ERROR = 1;
export const EXIT_USAGE = 2;
export const EXIT_NETWORK = 3;

/** Where the CLI writes; a terminal gets a table by default. `once` (a Node stream's) lets output wait for `drain`. */
export interface CliIo {
  stdout: {
    write(chunk: string | Uint8Array): unknown;
    isTTY?: boolean | undefined;
    /** The terminal's width (a TTY's `columns`): the table fits it. */
    columns?: number | undefined;
    once?(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
    removeListener?(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
  };
  stderr: { write(chunk: string): unknown };
  env: Readonly<Record<string, string | undefined>>;
  /** Stops `list` and `inventory` (Ctrl-C: see interrupt.ts); they then exit 130 (SIGINT) or 143 (SIGTERM). */
  signal?: AbortSignal | undefined;
}

/** A bad command line: printed with the usage, exit 2, nothing sent. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly vendor?: Vendor,
  ) {
    super(message);
  }
}

/** A UsageError on stderr: the message, the synopsis lines that apply, and where to read more. */
export function writeUsageError(stderr: { write(chunk: string): unknown }, message: string, synopsis: readonly string[], helpCommand: string): void {
  stderr.write(`error: ${oneLine(message)}\n\nUsage:\n  ${synopsis.join('\n  ')}\nRun '${helpCommand}' for details.\n`);
}

/** One or two lines on stderr; the exit code for the kind of failure. Messages are redacted by ApiError. */
export function fail(error: ApiError, io: CliIo): number {
  switch (error.kind) {
    case 'validation':
      io.stderr.write(`error: ${oneLine(credentialProblem(error) ?? error.message)}\n`);
      return EXIT_USAGE;
    case 'network':
    case 'timeout':
      io.stderr.write(`error: ${error.kind === 'timeout' ? 'timeout' : 'network failure'}${error.code === undefined ? '' : ` (${oneLine(error.code)})`}: ${oneLine(error.message)}\n`);
      return EXIT_NETWORK;
    default: {
      // `HTTP 404 not_found: message (request id: …)`; parse errors already start with `HTTP <status>`.
      const status = error.status !== undefined && !error.message.startsWith(`HTTP ${error.status}`) ? `HTTP ${error.status}` : undefined;
      const head = [status, error.code === undefined ? undefined : oneLine(error.code)].filter((part) => part !== undefined).join(' ');
      const requestId = error.requestId === undefined ? '' : ` (request id: ${oneLine(error.requestId)})`;
      io.stderr.write(`error: ${head === '' ? '' : `${head}: `}${oneLine(error.message)}${requestId}\n`);
      return EXIT_API_ERROR;
    }
  }
}

/** A decimal integer option, or a UsageError naming it. */
export function integerOption(name: string, value: string | undefined, vendor: Vendor | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new UsageError(`option --${name} must be an integer, not "${value}"`, vendor);
  return Number(value);
}

export interface TransportFlags {
  baseUrl: string | undefined;
  timeoutMs: number | undefined;
  retries: number | undefined;
}

/** --base-url, --timeout and --retries, checked (a UsageError for a bad value; nothing is sent). */
export function transportFlags(raw: { baseUrl: string | undefined; timeout: string | undefined; retries: string | undefined }, vendor: Vendor | undefined): TransportFlags {
  const timeoutMs = integerOption('timeout', raw.timeout, vendor);
  if (timeoutMs !== undefined && timeoutMs < 1) throw new UsageError(`option --timeout must be at least 1 (milliseconds), not ${timeoutMs}`, vendor);
  const retries = integerOption('retries', raw.retries, vendor);
  if (retries !== undefined && (retries < 0 || retries > 10)) throw new UsageError(`option --retries must be between 0 and 10, not ${retries}`, vendor);
  const baseUrl = raw.baseUrl;
  if (baseUrl !== undefined && !/^https?:\/\/[^/]/i.test(baseUrl)) throw new UsageError(`option --base-url must be an http(s) URL, not "${baseUrl}"`, vendor);
  return { baseUrl, timeoutMs, retries };
}

/** The client options the flags set; credentials are left to the factories (environment). */
export function clientOptionsOf(flags: TransportFlags): Record<string, string | number> {
  const options: Record<string, string | number> = {};
  if (flags.baseUrl !== undefined) options['baseUrl'] = flags.baseUrl;
  if (flags.timeoutMs !== undefined) options['timeoutMs'] = flags.timeoutMs;
  if (flags.retries !== undefined) options['retries'] = flags.retries;
  return options;
}
