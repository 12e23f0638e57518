// `cloud-images inventory --config <file>`: every image of every configured scope, streamed to stdout;
// failures per scope, live progress (on a terminal) and a final line on stderr.
// Exit codes: 0 every scope listed; 1 some scope failed or stdout could not be written (everything listed
// was still printed); 2 usage or config error (nothing sent); 3 every scope failed on the network; 141 the
// reader of stdout left; 130/143 interrupted (SIGINT/SIGTERM).
import type { ParseArgsConfig } from 'node:util';
import type { ApiError } from '../errors.js';
import { inventory, type InventoryEvent, type InventoryOptions, type InventoryScope } from '../inventory.js';
import { loadInventoryConfig } from '../inventory-config.js';
import { checkOptionsApply, huaweiRegionProblem, optionReader, parseCommandLine, readStreamFormat, readTableOptions, readTransportFlags, type OptionReader } from './args.js';
import { readEnv } from '../credentials.js';
import {
  endpointNotes,
  EnvironmentError,
  EXIT_API_ERROR,
  EXIT_NETWORK,
  EXIT_OK,
  EXIT_USAGE,
  proxyFromEnvironment,
  redactedForStderr,
  UsageError,
  writeUsageError,
  type CliIo,
} from './common.js';
import { oneLine } from '../safe-output.js';
import { CREDENTIALS_HELP, credentialProblem } from './credentials.js';
import { interruptedExitCode, interruptionName } from './interrupt.js';
import type { ListScope } from '../list-scope.js';
import { DEFAULT_VENDOR_CONCURRENCY } from '../rate-limit.js';
import { writeSummaries, type OutputFormat, type OutputSink } from './output.js';
import { EXIT_READER_GONE, watchCommand, writeFailureLine } from './output-watch.js';
import type { ImageSummary } from '../summary/types.js';
import type { TableOptions } from './table.js';
import type { UndiciDispatcher as Dispatcher, Vendor } from '../types.js';

/** Some scopes failed; what was listed is printed (the same code as an API error of `get` and `list`). */
const EXIT_SOME_FAILED = EXIT_API_ERROR;

type Format = OutputFormat;

/** Thrown at the end of the listing when every scope failed before any image: nothing to print. */
const NOTHING_LISTED = new Error('every scope failed');

/** How often the progress line is redrawn on a terminal. */
const PROGRESS_EVERY_MS = 250;

export const INVENTORY_SYNOPSIS = 'cloud-images inventory --config <file> [--format ndjson|json|table|csv | --json] [--wide] [--columns <a,b,…>]\n                         [--concurrency <n>] [--timeout <ms>] [--retries <n>] [--page-size <n>] [--max-pages <n>] [--allow-insecure-http]';

export function inventoryUsage(): string {
  return `Usage:
  ${INVENTORY_SYNOPSIS}

Lists every image of every scope in the config file, all vendors at once, as one stream of normalized
image summaries. Scopes, and the repositories (Vercel) or registries (NAVER) of each, are listed in
parallel, at most --concurrency requests in flight per vendor; a vendor answering 429/503 is slowed down
on its own (its limit halves, a Retry-After holds all of its requests).

Options:
  --config <file>        JSON: { "scopes": [ { "vendor": "gcore", "projectId": 1, "regionId": 7 }, … ] } (required);
                         a regular file of at most 1 MiB, or - for standard input
                         vercel: projectId [teamId, slug, repository]; gcore: projectId, regionId [includePublic];
                         naver: [region, registry]; huawei: projectId [region and the filters of
                         "list huawei", camelCased: imageName, scanStatus, …]; any scope: [baseUrl,
                         allowInsecureHttp]. No credentials in the file: they come from the environment.
  --format <f>           ndjson (default when stdout is not a terminal): one summary per line, streamed;
                         table (default on a terminal); csv: a header, then one row per image; json: one array
  --json                 the same as --format json
  --wide, --columns <a,b,…>
                         the table's columns, as for list: every column in full, or these ones
  --concurrency <n>      most requests in flight per vendor, 1-64 (default ${DEFAULT_VENDOR_CONCURRENCY})
  --timeout <ms>         per-attempt timeout in milliseconds (default 30000)
  --retries <n>          retries on network errors, 408, 429 and 5xx (default 2; 0 disables)
  --page-size <n>        items per page requested (default: the largest page each listing documents)
  --max-pages <n>        most pages per paged listing before that listing fails (default 1000)
  --allow-insecure-http  allow plain-http baseUrls on other machines (credentials travel in clear); a
                         scope's (or the top level's) "allowInsecureHttp": true allows it in the file
  -h, --help             show this help

stderr: each failing scope as it fails; on a terminal, live progress (cleared while rows are written to the
same terminal); at the end one line with the counts. Vendor text is never printed raw (see list --help).
Exit codes: 0 every scope listed, each image once; 1 some scopes failed, or a listing came out short of
the vendor's total, or stdout could not be written (what was listed is printed, stderr says what is
missing); 2 usage or config error (nothing sent); 3 every scope failed on the network; 141 the reader of
stdout went away (| head): nothing more is sent; 130 interrupted by Ctrl-C (SIGINT), 143 by SIGTERM:
nothing more is sent, what was printed stays (whole lines; json is left unclosed), and stderr says how
far it got. A second Ctrl-C ends the process at once.

${CREDENTIALS_HELP}
`;
}

interface Stream {
  write(chunk: string): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

/** Where the command writes (the CLI's io); `signal` stops the inventory (e.g. on Ctrl-C). */
export interface InventoryIo {
  stdout: Stream;
  stderr: Stream;
  signal?: AbortSignal | undefined;
  /** Clock for the elapsed time shown (default `Date.now`). */
  clock?: (() => number) | undefined;
  /** The environment: proxy variables, and credentials to redact from what is shown (default: none). */
  env?: CliIo['env'] | undefined;
  /** What `--config -` reads (default: the process's standard input). */
  stdin?: CliIo['stdin'];
}

interface Command {
  config: string;
  allowInsecureHttp: boolean;
  format: Format;
  table: TableOptions;
  concurrency: number | undefined;
  timeoutMs: number | undefined;
  retries: number | undefined;
  pageSize: number | undefined;
  maxPages: number | undefined;
}

/** Runs `inventory` with the arguments after the word `inventory`; resolves to the exit code. */
export async function runInventoryCommand(argv: readonly string[], io: InventoryIo): Promise<number> {
  let command: Command | 'help';
  try {
    command = parse(argv, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    writeUsageError(io.stderr, error.message, [INVENTORY_SYNOPSIS], 'cloud-images inventory --help');
    return EXIT_USAGE;
  }
  if (command === 'help') {
    io.stdout.write(inventoryUsage());
    return EXIT_OK;
  }

  const env = io.env ?? {};
  let scopes: InventoryScope[];
  let dispatcher: Dispatcher | undefined;
  try {
    scopes = (await loadInventoryConfig(command.config, { allowInsecureHttp: command.allowInsecureHttp, stdin: io.stdin, signal: io.signal })).scopes;
    dispatcher = await proxyFromEnvironment(env);
  } catch (error) {
    if (io.signal?.aborted === true && error === io.signal.reason) {
      io.stderr.write(`inventory: ${interruptionName(io.signal)}: stopped while reading the config; nothing was sent\n`);
      return interruptedExitCode(io.signal);
    }
    if (!isApiError(error) && !(error instanceof EnvironmentError)) throw error;
    io.stderr.write(`error: ${oneLine(error.message)}\n`);
    return EXIT_USAGE;
  }
  const region = huaweiRegionsProblem(scopes);
  if (region !== undefined) {
    io.stderr.write(`error: ${oneLine(region)}. Nothing was sent.\n`);
    return EXIT_USAGE;
  }
  io.stderr.write(endpointNotes(scopes.map((scope) => ({ vendor: scope.vendor, baseUrl: scope.baseUrl, region: 'region' in scope ? scope.region : undefined })), env));
  return list(scopes, command, { ...io, env }, dispatcher);
}

/** The first Huawei scope whose region (its own, else HUAWEICLOUD_SDK_REGION) the spec does not list. */
function huaweiRegionsProblem(scopes: readonly InventoryScope[]): string | undefined {
  for (const [index, scope] of scopes.entries()) {
    if (scope.vendor !== 'huawei') continue;
    const region = scope.region ?? readEnv('HUAWEICLOUD_SDK_REGION');
    const problem = region === undefined ? undefined : huaweiRegionProblem(region);
    if (problem !== undefined) return `${scope.region === undefined ? `HUAWEICLOUD_SDK_REGION (for scopes[${index}])` : `scopes[${index}].region`} ${problem}`;
  }
  return undefined;
}

async function list(scopes: readonly InventoryScope[], command: Command, io: InventoryIo & { env: CliIo['env'] }, dispatcher: Dispatcher | undefined): Promise<number> {
  const clock = io.clock ?? Date.now;
  const started = clock();
  // Ctrl-C, or stdout failing or its reader leaving (output-watch.ts), stops every listing at once.
  const stop = watchCommand(io.stdout, io.signal);
  const { output } = stop;
  const interrupted = io.signal;
  const options: InventoryOptions = { signal: stop.signal };
  if (command.concurrency !== undefined) options.concurrency = command.concurrency;
  if (command.timeoutMs !== undefined) options.timeoutMs = command.timeoutMs;
  if (command.retries !== undefined) options.retries = command.retries;
  if (command.pageSize !== undefined) options.pageSize = command.pageSize;
  if (command.maxPages !== undefined) options.maxPages = command.maxPages;
  if (dispatcher !== undefined) options.clients = Object.fromEntries(scopes.map((scope) => [scope.vendor, { dispatcher }]));
  const run = inventory(scopes, options);
  const failures: ApiError[] = [];
  const progress = io.stderr.isTTY === true ? new ProgressLine(io.stderr, () => progressText(run.stats(), clock() - started)) : undefined;

  const report = (event: Extract<InventoryEvent, { type: 'failure' }>): void => {
    failures.push(event.error);
    progress?.clear();
    const after = event.images > 0 ? ` after ${event.images} image${event.images === 1 ? '' : 's'}` : '';
    io.stderr.write(`error: scope ${event.index} (${describeScope(event.scope, io.env)})${describeListing(event.scope, event.listing)}${after}: ${describeError(event.error)}\n`);
  };
  // When stdout is the same terminal, a row must not be glued to the progress line: the line is cleared
  // before each row and drawn again after it.
  const sharedTerminal = io.stdout.isTTY === true;
  let written = 0;
  async function* images(): AsyncGenerator<ImageSummary> {
    for await (const event of run) {
      if (event.type === 'image') {
        const shown = sharedTerminal && progress?.clear() === true;
        yield event.summary;
        written++;
        if (shown) progress?.draw();
      } else if (event.type === 'failure') report(event);
      progress?.tick();
    }
    // Before the listing is closed (the table's count line, `]`); and when every scope failed before
    // listing anything, there is nothing to close: stdout stays empty.
    progress?.clear();
    if (written === 0 && failures.length === scopes.length) throw NOTHING_LISTED;
  }

  try {
    await writeSummaries(images(), command.format, io.stdout as OutputSink, command.table);
  } catch (error) {
    const stopped = output.failure !== undefined || (interrupted?.aborted === true && error === interrupted.reason);
    if (!stopped && error !== NOTHING_LISTED) throw error;
  } finally {
    progress?.clear();
    stop.dispose();
  }
  const stats = run.stats();
  if (output.failure === undefined && interrupted?.aborted === true) {
    // Interrupted: nothing more is sent; what was printed stays (an NDJSON/CSV line is never cut).
    io.stderr.write(`inventory: ${interruptionName(interrupted)}: stopped after ${stats.images} images, ${stats.done} of ${stats.scopes} scopes listed; the output is incomplete\n`);
    return interruptedExitCode(interrupted);
  }
  io.stderr.write(`${finalText(stats, clock() - started)}\n`);
  if (output.failure?.kind === 'write-failed') {
    io.stderr.write(writeFailureLine(output.failure, written));
    return EXIT_SOME_FAILED;
  }
  if (output.failure?.kind === 'reader-gone') return EXIT_READER_GONE;

  if (failures.length === 0) return EXIT_OK;
  if (failures.length < scopes.length) return EXIT_SOME_FAILED;
  if (failures.every((e) => e.kind === 'network' || e.kind === 'timeout')) return EXIT_NETWORK;
  // "Nothing sent" only when nothing was: a scope refused after its repositories were listed is a failure.
  if (failures.every((e) => e.kind === 'validation') && requestCounts(stats).requests === 0) return EXIT_USAGE;
  return EXIT_SOME_FAILED;
}

// ---------------------------------------------------------------------------------------------------------
// Progress and the final line

type Stats = ReturnType<ReturnType<typeof inventory>['stats']>;

const VENDOR_ORDER: readonly Vendor[] = ['vercel', 'gcore', 'naver', 'huawei'];

function perVendor(stats: Stats): string {
  return VENDOR_ORDER.flatMap((vendor) => {
    const v = stats.vendors[vendor];
    return v === undefined ? [] : [`${vendor} ${v.images}`];
  }).join(', ');
}

function requestCounts(stats: Stats): { requests: number; throttled: number; failedAttempts: number } {
  let requests = 0;
  let throttled = 0;
  let failedAttempts = 0;
  for (const vendor of VENDOR_ORDER) {
    const gate = stats.vendors[vendor]?.gate;
    if (gate === undefined) continue;
    requests += gate.requests;
    throttled += gate.throttled;
    failedAttempts += gate.failedAttempts;
  }
  return { requests, throttled, failedAttempts };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function progressText(stats: Stats, elapsedMs: number): string {
  const { requests, throttled, failedAttempts } = requestCounts(stats);
  const paused = VENDOR_ORDER.filter((vendor) => (stats.vendors[vendor]?.gate?.pausedMs ?? 0) > 0);
  return (
    `${stats.images} images (${perVendor(stats)}) · scopes ${stats.done + stats.failed}/${stats.scopes}` +
    ` · ${requests} requests, ${throttled} throttled, ${failedAttempts} failed attempts` +
    `${paused.length > 0 ? ` · paused: ${paused.join(', ')}` : ''} · ${seconds(elapsedMs)}`
  );
}

function finalText(stats: Stats, elapsedMs: number): string {
  const { requests, throttled } = requestCounts(stats);
  return (
    `inventory: ${stats.images} images (${perVendor(stats)}); ${stats.scopes} scopes, ${stats.done} listed, ${stats.failed} failed;` +
    ` ${requests} requests, ${throttled} throttled (429/503); ${seconds(elapsedMs)}`
  );
}

/** One line on a terminal (cut to its width), redrawn at most every PROGRESS_EVERY_MS (and at once after a row: `draw`). */
class ProgressLine {
  private last = 0;
  private shown = false;
  constructor(
    private readonly out: Stream,
    private readonly text: () => string,
  ) {}
  tick(): void {
    if (Date.now() - this.last >= PROGRESS_EVERY_MS) this.draw();
  }
  draw(): void {
    this.last = Date.now();
    // Shorter than the terminal: a line that wrapped could not be erased in place.
    const text = [...oneLine(this.text())];
    const room = this.out.columns === undefined ? Infinity : Math.max(1, this.out.columns - 1);
    this.out.write(`\r\x1b[2K${text.length <= room ? text.join('') : `${text.slice(0, room - 1).join('')}…`}`);
    this.shown = true;
  }
  /** Clears the line; true when it was shown. */
  clear(): boolean {
    if (!this.shown) return false;
    this.out.write('\r\x1b[2K');
    this.shown = false;
    return true;
  }
}

/** `gcore projectId=1 regionId=7 baseUrl=…`, with the environment's credentials redacted. */
function describeScope(scope: InventoryScope, env: CliIo['env']): string {
  const parts = Object.entries(scope)
    .filter(([key, value]) => key !== 'vendor' && value !== undefined)
    .map(([key, value]) => `${key}=${String(value)}`);
  return redactedForStderr([scope.vendor, ...parts].join(' '), env);
}

/** The repository or registry that failed, when the scope was split into them (` repository=web`). */
function describeListing(scope: InventoryScope, listing: ListScope): string {
  const own = Object.entries(listing).filter(([key, value]) => value !== undefined && !(key in scope));
  return own.map(([key, value]) => ` ${oneLine(`${key}=${String(value)}`)}`).join('');
}

function describeError(error: ApiError): string {
  const credentials = credentialProblem(error);
  if (credentials !== undefined) return oneLine(credentials);
  const status = error.status !== undefined && !error.message.startsWith(`HTTP ${error.status}`) ? `HTTP ${error.status}` : undefined;
  const head = [error.kind === 'network' ? 'network failure' : error.kind === 'timeout' ? 'timeout' : status, error.code]
    .filter((part) => part !== undefined)
    .map((part) => oneLine(part as string))
    .join(' ');
  const requestId = error.requestId === undefined ? '' : ` (request id: ${oneLine(error.requestId)})`;
  return `${head === '' ? '' : `${head}: `}${oneLine(error.message)}${requestId}`;
}

function isApiError(error: unknown): error is ApiError {
  return error instanceof Error && typeof (error as { kind?: unknown }).kind === 'string';
}

// ---------------------------------------------------------------------------------------------------------
// Arguments

const OPTIONS = {
  config: { type: 'string' },
  format: { type: 'string' },
  json: { type: 'boolean' },
  wide: { type: 'boolean' },
  columns: { type: 'string' },
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
  retries: { type: 'string' },
  'page-size': { type: 'string' },
  'max-pages': { type: 'string' },
  'allow-insecure-http': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

type OptionName = keyof typeof OPTIONS;

function parse(argv: readonly string[], io: InventoryIo): Command | 'help' {
  const { values, positionals, tokens } = parseCommandLine(argv, OPTIONS);
  if (values['help'] === true) return 'help';
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  checkOptionsApply(tokens);
  const options = optionReader<OptionName>(values, undefined);
  const config = options.optional('config');
  if (config === undefined) throw new UsageError('missing required option --config <file>');
  const { timeoutMs, retries, allowInsecureHttp } = readTransportFlags(options);
  const format = readStreamFormat(options, io.stdout.isTTY);
  return {
    config,
    allowInsecureHttp,
    format,
    table: readTableOptions(options, format, io.stdout),
    concurrency: boundedInteger(options, 'concurrency', 1, 64),
    timeoutMs,
    retries,
    pageSize: boundedInteger(options, 'page-size', 1, 10_000),
    maxPages: boundedInteger(options, 'max-pages', 1, 1_000_000),
  };
}

function boundedInteger(options: OptionReader<OptionName>, name: OptionName, min: number, max: number): number | undefined {
  const value = options.optional(name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`option --${name} must be an integer from ${min} to ${max}, not "${value}"`);
  return n;
}
