// `cloud-images list <vendor> <scope options>`: every image of a scope, streamed to stdout as pages arrive
// (listImages + the output writers). Exit codes as for `get`; a failure after some images were printed (or
// after anything was sent) exits 1 and leaves what was printed in place; an output that could not be
// written exits 1, a reader that left exits 141; interrupted (SIGINT/SIGTERM) exits 130/143.
import type { ParseArgsConfig } from 'node:util';
import { paramRules as huaweiParamRules } from '../../generated/huawei.params.js';
import { ApiError } from '../errors.js';
import { listImages } from '../list-images.js';
import type { ListScope } from '../list-scope.js';
import type { ParamRule } from '../params.js';
import type { ImageSummary } from '../summary/types.js';
import type { RequestGate, Vendor } from '../types.js';
import { checkOptionsApply, commandVendor, oneOf, optionReader, parseCommandLine, readHuaweiProjectId, readHuaweiRegion, readNaverRegion, readStreamFormat, readTableOptions, readTransportFlags, vendorNamed, VENDORS, type OptionReader } from './args.js';
import {
  clientOptionsOf,
  endpointNotes,
  EnvironmentError,
  EXIT_API_ERROR,
  EXIT_OK,
  EXIT_USAGE,
  fail,
  integerOption,
  proxyFromEnvironment,
  UsageError,
  writeUsageError,
  type CliIo,
  type FlagClientOptions,
  type TransportFlags,
} from './common.js';
import { credentialsLine } from './credentials.js';
import { interruptedExitCode, interruptionName } from './interrupt.js';
import { writeSummaries, type OutputFormat, type OutputSink } from './output.js';
import type { TableOptions } from './table.js';
import { EXIT_READER_GONE, watchCommand, writeFailureLine, type OutputFailure } from './output-watch.js';

/** Huawei's documented ListRegistryImages filters, from the spec: `--scan-status` ↔ `scanStatus` ↔ `scan_status`. */
const HUAWEI_FILTERS = Object.entries(huaweiParamRules['/v5/{project_id}/image/registries/images']?.query ?? {})
  .filter(([name]) => name !== 'offset' && name !== 'limit')
  .map(([name, rule]) => ({ option: name.replace(/_/g, '-'), field: name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), rule }));

const COMMON_OPTIONS = {
  'base-url': { type: 'string' },
  'allow-insecure-http': { type: 'boolean' },
  timeout: { type: 'string' },
  retries: { type: 'string' },
  format: { type: 'string' },
  json: { type: 'boolean' },
  wide: { type: 'boolean' },
  columns: { type: 'string' },
  'page-size': { type: 'string' },
  'max-pages': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const SCOPE_OPTIONS = {
  'project-id': { type: 'string' },
  'team-id': { type: 'string' },
  slug: { type: 'string' },
  repository: { type: 'string' },
  'region-id': { type: 'string' },
  'include-public': { type: 'boolean' },
  region: { type: 'string' },
  registry: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** Every option `list` knows (the Huawei filters take a value each: booleans as true|false). */
export const LIST_OPTIONS: ParseArgsConfig['options'] = {
  ...COMMON_OPTIONS,
  ...SCOPE_OPTIONS,
  ...Object.fromEntries(HUAWEI_FILTERS.map((f) => [f.option, { type: 'string' as const }])),
};

const VENDOR_OPTIONS: Record<Vendor, readonly string[]> = {
  vercel: ['project-id', 'team-id', 'slug', 'repository'],
  gcore: ['project-id', 'region-id', 'include-public'],
  naver: ['region', 'registry'],
  huawei: ['project-id', 'region', ...HUAWEI_FILTERS.map((f) => f.option)],
};

export const LIST_SYNOPSIS: Record<Vendor, string> = {
  vercel: 'cloud-images list vercel --project-id <id> [--team-id <id>] [--slug <s>] [--repository <idOrName>]',
  gcore: 'cloud-images list gcore  --project-id <int> --region-id <int> [--include-public]',
  naver: 'cloud-images list naver  [--region kr|sgn|jpn] [--registry <name>]',
  huawei: 'cloud-images list huawei --project-id <id> [--region <r>] [--<filter> <value> …]',
};

/** The listing options in the global help and each vendor's. */
export const LIST_COMMON_HELP = `List options:
  --format ndjson|json|table|csv
                         default: a table on a terminal, NDJSON when piped. NDJSON (one object a line)
                         and JSON print whole ImageSummary objects, \`raw\` (the vendor's list item as
                         received) included; CSV (a header, then a row an image) and table print the
                         summary fields only. Lines are written as pages arrive.
  --json                 the same as --format json
  --wide                 table: every column, nothing cut, digests in full
  --columns <a,b,…>      table: these columns, in this order: vendor, repository, name, tags, id,
                         digest, size, os/arch, created, updated
                         (by default the table fits the terminal: UPDATED, OS/ARCH, DIGEST, CREATED,
                         SIZE and TAGS are left out first, in that order; digests show 12 hex digits)
  --page-size <n>        items per page requested (default: the largest page each listing documents:
                         Vercel 100 images / 1000 repositories, Gcore 1000, Huawei 200; NAVER 100)
  --max-pages <n>        most pages per paged listing before stopping with an error (default 1000)
  --base-url <url>       send to another endpoint (a mock, a gateway): https, or http to this machine
  --allow-insecure-http  allow a plain-http --base-url on another machine (credentials travel in clear)
  --timeout <ms>         per-attempt timeout in milliseconds (default 30000)
  --retries <n>          retries on network errors, 408, 429 and 5xx (default 2; 0 disables)
  -h, --help             show help
Each image is printed once. A listing that ends short of the total the vendor states, or with a page of
the wrong shape, exits 1 and says what is missing; so does any failure after some images were printed
(what was printed stays), and an output that cannot be written. A reader that leaves (| head) stops the
listing (exit 141). Ctrl-C (SIGINT) stops sending, keeps what was printed and exits 130 (SIGTERM: 143).
Nothing is printed before the first image arrives (or the listing ends empty): a listing refused before it
starts leaves stdout empty. Vendor text never reaches the output raw: control, bidi and line-separator
characters are JSON escapes in NDJSON and JSON (the same values), \\uXXXX text in CSV cells, the table and
stderr. No colour is written.`;

const VENDOR_HELP: Record<Vendor, string> = {
  vercel: `Vercel Container Registry: every image of every repository of a project (listRepositories, then
listRepositoryImages per repository), or of one repository.
  --project-id <id>        Vercel project id (required)
  --team-id <id>           team to act for
  --slug <s>               team slug to act for
  --repository <idOrName>  one repository only
${credentialsLine('vercel')}`,
  gcore: `Gcore Cloud: the images of a project in a region (own images: projectimages), or every image visible there.
  --project-id <int>       project id (required)
  --region-id <int>        region id (required)
  --include-public         everything visible (own, public, shared): /cloud/v1/images
${credentialsLine('gcore')}`,
  naver: `NAVER Cloud Container Registry: the images of every registry (getRegistryList, then getImageList per
registry), or of one registry.
  --region kr|sgn|jpn      NCR region (default kr); with --base-url, give the full base incl. /ncr/api
  --registry <name>        one registry only
${credentialsLine('naver')}`,
  huawei: `Huawei Cloud HSS: the container images of a project (ListRegistryImages), with the documented filters.
  --project-id <id>        project id (required; default HUAWEICLOUD_SDK_PROJECT_ID)
  --region <r>             an HSS region, e.g. cn-north-4 (default HUAWEICLOUD_SDK_REGION, then cn-north-4);
                           one the spec does not list is refused before anything is sent
Filters (ListRegistryImages query parameters, kebab-cased; all optional):
${HUAWEI_FILTERS.map((f) => helpLine(`--${f.option} ${placeholder(f.rule)}`, f.option.endsWith('-time') ? 'epoch milliseconds' : constraint(f.rule))).join('\n')}
${credentialsLine('huawei')}`,
};

export function listUsage(vendor?: Vendor): string {
  const vendors = vendor === undefined ? VENDORS : [vendor];
  const details = vendor === undefined ? "Run 'cloud-images list <vendor> --help' for a vendor's options." : VENDOR_HELP[vendor];
  return `Usage:\n  ${vendors.map((v) => LIST_SYNOPSIS[v]).join('\n  ')}\n\nLists every image of a scope, one normalized summary per image.\n\n${details}\n\n${LIST_COMMON_HELP}\n`;
}

/** Runs `list …` (argv as given to the CLI, `list` included); resolves to the exit code. */
export async function runList(argv: readonly string[], io: CliIo): Promise<number> {
  let command: ListCommand | { help: string };
  try {
    command = parse(argv, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const synopsis = error.vendor === undefined ? VENDORS.map((v) => LIST_SYNOPSIS[v]) : [LIST_SYNOPSIS[error.vendor]];
    writeUsageError(io.stderr, error.message, synopsis, `cloud-images list ${error.vendor === undefined ? '' : `${error.vendor} `}--help`);
    return EXIT_USAGE;
  }
  if ('help' in command) {
    io.stdout.write(command.help);
    return EXIT_OK;
  }
  return run(command, io);
}

interface ListCommand {
  scope: ListScope;
  transport: TransportFlags;
  paging: { pageSize?: number | undefined; maxPages?: number | undefined };
  format: OutputFormat;
  table: TableOptions;
}

async function run(command: ListCommand, io: CliIo): Promise<number> {
  let clientOptions: FlagClientOptions;
  try {
    clientOptions = clientOptionsOf(command.transport, await proxyFromEnvironment(io.env));
  } catch (error) {
    if (!(error instanceof EnvironmentError)) throw error;
    io.stderr.write(`error: ${error.message}\n`);
    return EXIT_USAGE;
  }
  const { scope } = command;
  io.stderr.write(endpointNotes([{ vendor: scope.vendor, baseUrl: command.transport.baseUrl, region: 'region' in scope ? scope.region : undefined }], io.env));
  let printed = 0;
  async function* counted(summaries: AsyncIterable<ImageSummary>) {
    for await (const summary of summaries) {
      yield summary;
      printed++;
    }
  }
  // stdout failing or its reader leaving (`| head`) stops the listing at once (output-watch.ts); so does
  // Ctrl-C (SIGINT) or SIGTERM: stop sending, keep what was printed, say so, exit 130 / 143.
  const stop = watchCommand(io.stdout, io.signal);
  const { output } = stop;
  const interrupted = io.signal;
  // Counts the attempts sent: exit 2 ("nothing was sent") only while there were none.
  const sent = { attempts: 0 };
  const gate: RequestGate = {
    acquire: async () => {
      sent.attempts++;
      return () => undefined;
    },
  };
  try {
    await writeSummaries(counted(listImages(scope, { ...clientOptions, ...command.paging, gate, signal: stop.signal })), command.format, io.stdout as OutputSink, command.table);
    return output.failure === undefined ? EXIT_OK : outputEnded(output.failure, printed, io);
  } catch (error) {
    if (interrupted?.aborted === true && stop.signal.reason === interrupted.reason) {
      io.stderr.write(`list: ${interruptionName(interrupted)}: stopped after ${printed} ${printed === 1 ? 'image' : 'images'}; the listing is incomplete\n`);
      return interruptedExitCode(interrupted);
    }
    if (output.failure !== undefined) return outputEnded(output.failure, printed, io);
    if (!(error instanceof ApiError)) throw error;
    const code = fail(error, io);
    if (printed > 0) io.stderr.write(`error: stopped after ${printed} ${printed === 1 ? 'image' : 'images'}; the listing is incomplete\n`);
    return printed > 0 || (code === EXIT_USAGE && sent.attempts > 0) ? EXIT_API_ERROR : code;
  } finally {
    stop.dispose();
  }
}

/** stdout failed (exit 1, said on stderr) or its reader left (exit 141, as a shell shows SIGPIPE; nothing said). */
function outputEnded(failure: OutputFailure, printed: number, io: CliIo): number {
  if (failure.kind === 'reader-gone') return EXIT_READER_GONE;
  io.stderr.write(writeFailureLine(failure, printed));
  return EXIT_API_ERROR;
}

function parse(argv: readonly string[], io: CliIo): ListCommand | { help: string } {
  const { values, positionals, tokens } = parseCommandLine(argv, LIST_OPTIONS, { vendorWord: true });
  const [, vendorName, ...extra] = positionals;
  if (values['help'] === true) return { help: listUsage(vendorNamed(vendorName)) };
  const vendor = commandVendor(vendorName, extra);
  checkOptionsApply(tokens, { options: new Set([...Object.keys(COMMON_OPTIONS), ...VENDOR_OPTIONS[vendor]]), vendor });

  const options = optionReader(values, vendor);
  const format = readStreamFormat(options, io.stdout.isTTY);
  const table = readTableOptions(options, format, io.stdout);
  const transport = readTransportFlags(options);
  const paging = withoutUndefined({ pageSize: positiveInteger(options, 'page-size'), maxPages: positiveInteger(options, 'max-pages') });
  const scope = LIST_SCOPES[vendor](options, io.env);
  return { scope: withoutUndefined(scope), transport, paging, format, table };
}

function positiveInteger(options: OptionReader, name: string): number | undefined {
  const value = options.integer(name);
  if (value !== undefined && value < 1) throw new UsageError(`option --${name} must be at least 1, not ${value}`, options.vendor);
  return value;
}

const LIST_SCOPES: Record<Vendor, (options: OptionReader, env: CliIo['env']) => ListScope> = {
  vercel: (options) => ({
    vendor: 'vercel',
    projectId: options.need('project-id'),
    teamId: options.optional('team-id'),
    slug: options.optional('slug'),
    repository: options.optional('repository'),
  }),
  gcore: (options) => ({
    vendor: 'gcore',
    projectId: options.needInteger('project-id'),
    regionId: options.needInteger('region-id'),
    ...(options.flag('include-public') && { includePublic: true }),
  }),
  naver: (options) => ({ vendor: 'naver', region: readNaverRegion(options), registry: options.optional('registry') }),
  huawei: huaweiScope,
};

function huaweiScope(options: OptionReader, env: CliIo['env']): ListScope {
  const projectId = readHuaweiProjectId(options, env);
  const filters: Record<string, string | number | boolean> = {};
  for (const filter of HUAWEI_FILTERS) {
    const value = options.optional(filter.option);
    if (value !== undefined) filters[filter.field] = filterValue(filter.option, filter.rule, value);
  }
  return { vendor: 'huawei', projectId, region: readHuaweiRegion(options), ...filters };
}

/** A Huawei filter's value as its spec type says: integer, true|false, or one of the enum's strings. */
function filterValue(option: string, rule: ParamRule, value: string): string | number | boolean {
  if (rule.type === 'integer') return integerOption(option, value, 'huawei') as number;
  if (rule.type === 'boolean') return oneOf(option, value, ['true', 'false'] as const, 'huawei') === 'true';
  return rule.enum === undefined ? value : oneOf(option, value, rule.enum.map(String), 'huawei');
}

function helpLine(label: string, text: string): string {
  if (text === '') return `  ${label}`;
  return label.length < 24 ? `  ${label.padEnd(24)} ${text}` : `  ${label}\n  ${' '.repeat(24)} ${text}`;
}

function placeholder(rule: ParamRule): string {
  if (rule.type === 'boolean') return 'true|false';
  if (rule.type === 'integer') return '<int>';
  if (rule.enum !== undefined) return rule.enum.length <= 3 ? rule.enum.join('|') : '<value>';
  return '<s>';
}

function constraint(rule: ParamRule): string {
  if (rule.enum !== undefined && rule.enum.length > 3) return `one of ${rule.enum.join(', ')}`;
  if (rule.type === 'integer' && rule.minimum !== undefined) return rule.maximum === undefined ? `>= ${rule.minimum}` : `${rule.minimum}-${rule.maximum}`;
  return '';
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
