// What every `cloud-images` command shares: exit codes, where output goes, usage errors, how a failure is
// reported on stderr, the transport flags (--base-url, --timeout, --retries, --allow-insecure-http), the
// proxy from the environment, and the notes naming endpoints that are not the vendors' own.
import { CREDENTIAL_VARIABLES } from '../credentials.js';
import { baseUrlProblem, insecureHttpProblem, isInsecureHttp } from '../endpoint.js';
import type { ApiError } from '../errors.js';
import { GCORE_BASE_URL } from '../gcore.js';
import { huaweiBaseUrl, huaweiRegion } from '../huawei.js';
import { NAVER_DEFAULT_REGION, NAVER_REGION_BASE_URLS, type NaverRegion } from '../naver.js';
import { oneLine } from '../safe-output.js';
import { createRedactor } from '../safe-text.js';
import { credentialProblem } from './credentials.js';
import type { UndiciDispatcher as Dispatcher, Vendor } from '../types.js';
import { VERCEL_BASE_URL } from '../vercel.js';

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
  /** What `inventory --config -` reads (default: the process's standard input). */
  stdin?: AsyncIterable<Uint8Array | string> | undefined;
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
  allowInsecureHttp: boolean;
}

/** What the flags hand to the clients (credentials are left to the factories: the environment). */
export interface FlagClientOptions {
  baseUrl?: string;
  timeoutMs?: number;
  retries?: number;
  allowInsecureHttp?: true;
  dispatcher?: Dispatcher;
}

/** How `--allow-insecure-http` is offered in the refusals. */
export const ALLOW_INSECURE_HTTP = 'pass --allow-insecure-http to send anyway';

/**
 * --base-url, --timeout, --retries and --allow-insecure-http, checked (a UsageError for a bad value; nothing
 * is sent). A base URL is never quoted: it may carry a secret.
 */
export function transportFlags(
  raw: { baseUrl: string | undefined; timeout: string | undefined; retries: string | undefined; allowInsecureHttp?: boolean | undefined },
  vendor: Vendor | undefined,
): TransportFlags {
  const timeoutMs = integerOption('timeout', raw.timeout, vendor);
  if (timeoutMs !== undefined && timeoutMs < 1) throw new UsageError(`option --timeout must be at least 1 (milliseconds), not ${timeoutMs}`, vendor);
  const retries = integerOption('retries', raw.retries, vendor);
  if (retries !== undefined && (retries < 0 || retries > 10)) throw new UsageError(`option --retries must be between 0 and 10, not ${retries}`, vendor);
  const baseUrl = raw.baseUrl;
  const allowInsecureHttp = raw.allowInsecureHttp === true;
  if (baseUrl !== undefined) {
    const problem = baseUrlProblem(baseUrl);
    if (problem !== undefined) throw new UsageError(`option --base-url ${problem}`, vendor);
    const url = new URL(baseUrl);
    if (!allowInsecureHttp && isInsecureHttp(url)) throw new UsageError(`option --base-url ${insecureHttpProblem(url, ALLOW_INSECURE_HTTP)}`, vendor);
  }
  return { baseUrl, timeoutMs, retries, allowInsecureHttp };
}

/** The client options the flags set, and the proxy dispatcher of the run (if any). */
export function clientOptionsOf(flags: TransportFlags, dispatcher: Dispatcher | undefined): FlagClientOptions {
  const options: FlagClientOptions = {};
  if (flags.baseUrl !== undefined) options.baseUrl = flags.baseUrl;
  if (flags.timeoutMs !== undefined) options.timeoutMs = flags.timeoutMs;
  if (flags.retries !== undefined) options.retries = flags.retries;
  if (flags.allowInsecureHttp) options.allowInsecureHttp = true;
  if (dispatcher !== undefined) options.dispatcher = dispatcher;
  return options;
}

/** A problem with the environment the CLI runs in (a proxy variable that is not a URL): exit 2, nothing sent. */
export class EnvironmentError extends Error {}

/**
 * HTTPS_PROXY, HTTP_PROXY and NO_PROXY, lower-case spelling first (as curl and undici read them): undici's
 * EnvHttpProxyAgent when a proxy is set (its agents keep the defaults of the clients' shared Agent:
 * keep-alive, idle sockets that do not hold the process), else undefined (the shared Agent).
 */
export async function proxyFromEnvironment(env: CliIo['env']): Promise<Dispatcher | undefined> {
  const pick = (lower: string, upper: string): string | undefined => (env[lower] ? env[lower] : env[upper] ? env[upper] : undefined);
  const httpProxy = pick('http_proxy', 'HTTP_PROXY');
  const httpsProxy = pick('https_proxy', 'HTTPS_PROXY');
  if (httpProxy === undefined && httpsProxy === undefined) return undefined;
  for (const [name, value] of [['HTTPS_PROXY', httpsProxy], ['HTTP_PROXY', httpProxy]] as const) {
    // Never quoted: a proxy URL may hold a password.
    if (value !== undefined && !/^https?:$/.test(urlOrUndefined(value)?.protocol ?? '')) throw new EnvironmentError(`${name} must be a proxy URL like http://proxy.example:3128`);
  }
  const { EnvHttpProxyAgent } = await import('undici');
  // '' rather than undefined: the variables read are io.env's, never process.env behind its back.
  return new EnvHttpProxyAgent({ httpProxy: httpProxy ?? '', httpsProxy: httpsProxy ?? '', noProxy: pick('no_proxy', 'NO_PROXY') ?? '' });
}

function urlOrUndefined(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** An endpoint a run sends to: the vendor, the base URL given, and the region that picks the default. */
export interface Endpoint {
  vendor: Vendor;
  baseUrl: string | undefined;
  region?: string | undefined;
}

/**
 * One stderr line per endpoint that is not the vendor's default, each named once however many scopes use it:
 * `note: gcore requests go to http://127.0.0.1:4010 (not the vendor's default endpoint)`. Any credential of
 * the environment in it is redacted.
 */
export function endpointNotes(endpoints: readonly Endpoint[], env: CliIo['env']): string {
  const redact = createRedactor(CREDENTIAL_VARIABLES.map((name) => env[name]));
  const seen = new Set<string>();
  let notes = '';
  for (const { vendor, baseUrl, region } of endpoints) {
    if (baseUrl === undefined || sameUrl(baseUrl, defaultEndpoint(vendor, region))) continue;
    const key = `${vendor} ${baseUrl}`;
    if (seen.has(key)) continue;
    seen.add(key);
    notes += `note: ${vendor} requests go to ${oneLine(redact(baseUrl))} (not the vendor's default endpoint)\n`;
  }
  return notes;
}

/** The text of a scope or endpoint for stderr, with the environment's credentials redacted. */
export function redactedForStderr(text: string, env: CliIo['env']): string {
  return oneLine(createRedactor(CREDENTIAL_VARIABLES.map((name) => env[name]))(text));
}

function defaultEndpoint(vendor: Vendor, region: string | undefined): string | undefined {
  switch (vendor) {
    case 'vercel':
      return VERCEL_BASE_URL;
    case 'gcore':
      return GCORE_BASE_URL;
    case 'naver':
      return NAVER_REGION_BASE_URLS[(region ?? NAVER_DEFAULT_REGION) as NaverRegion];
    case 'huawei':
      try {
        return huaweiBaseUrl(huaweiRegion(region));
      } catch {
        return undefined; // an invalid region: the client refuses it
      }
  }
}

function sameUrl(a: string, b: string | undefined): boolean {
  const normal = (url: string) => urlOrUndefined(url)?.href.replace(/\/$/, '');
  return b !== undefined && normal(a) === normal(b);
}
