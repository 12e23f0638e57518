#!/usr/bin/env node
// cloud-images: read one image's metadata from the command line. Thin: parse and check the arguments,
// call getImage (or getImageBody for --json), print. Exit codes: 0 success; 1 the API answered an error;
// 2 usage or validation error, nothing sent; 3 network failure or timeout.
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ParseArgsConfig } from 'node:util';
import { checkOptionsApply, commandVendor, lenientCommandLine, lenientPositionals, oneOf, optionReader, parseCommandLine, readHuaweiProjectId, readHuaweiRegion, readNaverRegion, readTransportFlags, vendorNamed, VENDORS, type OptionReader } from './cli/args.js';
import {
  clientOptionsOf,
  endpointNotes,
  EnvironmentError,
  EXIT_OK,
  EXIT_API_ERROR,
  EXIT_USAGE,
  fail,
  proxyFromEnvironment,
  UsageError,
  writeUsageError,
  type CliIo,
  type FlagClientOptions,
  type TransportFlags,
} from './cli/common.js';
import { CREDENTIALS_HELP, credentialsLine } from './cli/credentials.js';
import { listenForInterrupt } from './cli/interrupt.js';
import { INVENTORY_SYNOPSIS, inventoryUsage, runInventoryCommand } from './cli/inventory.js';
import { LIST_COMMON_HELP, LIST_OPTIONS, LIST_SYNOPSIS, listUsage, runList } from './cli/list.js';
import { didYouMean } from './cli/suggest.js';
import { getImage, getImageBody, type HuaweiImageType, type ImageRef } from './image.js';
import { rawJsonBody } from './raw-json.js';
import { safeJson } from './safe-output.js';
import { renderSummary } from './summary/table.js';
import type { Vendor } from './types.js';
import { paramRules as huaweiParamRules } from '../generated/huawei.params.js';

export { EXIT_OK, EXIT_API_ERROR, EXIT_USAGE, EXIT_NETWORK, type CliIo } from './cli/common.js';

// The allowed values come from the spec (generated rules), not from a copy here.
const HUAWEI_IMAGE_TYPES = huaweiParamRules['/v5/{project_id}/image/{image_id}/basic-image']?.query['image_type']?.enum ?? [];

const OPTIONS = {
  // common
  'base-url': { type: 'string' },
  'allow-insecure-http': { type: 'boolean' },
  timeout: { type: 'string' },
  retries: { type: 'string' },
  json: { type: 'boolean' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  // vendors
  repository: { type: 'string' },
  image: { type: 'string' },
  tag: { type: 'string' },
  'project-id': { type: 'string' },
  'team-id': { type: 'string' },
  slug: { type: 'string' },
  'region-id': { type: 'string' },
  'include-prices': { type: 'boolean' },
  registry: { type: 'string' },
  region: { type: 'string' },
  'image-type': { type: 'string' },
  'enterprise-project-id': { type: 'string' },
  namespace: { type: 'string' },
  'image-name': { type: 'string' },
  'image-version': { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

type OptionName = keyof typeof OPTIONS;
const COMMON: readonly OptionName[] = ['base-url', 'allow-insecure-http', 'timeout', 'retries', 'json', 'format', 'help', 'version'];
const VENDOR_OPTIONS: Record<Vendor, readonly OptionName[]> = {
  vercel: ['repository', 'image', 'tag', 'project-id', 'team-id', 'slug'],
  gcore: ['project-id', 'region-id', 'image', 'include-prices'],
  naver: ['registry', 'image', 'region'],
  huawei: ['project-id', 'image', 'image-type', 'region', 'enterprise-project-id', 'namespace', 'image-name', 'image-version', 'limit', 'offset'],
};

const SYNOPSIS: Record<Vendor, string> = {
  vercel: 'cloud-images get vercel --repository <idOrName> (--image <idOrDigest> | --tag <tag>) --project-id <id> [--team-id <id>] [--slug <s>]',
  gcore: 'cloud-images get gcore  --project-id <int> --region-id <int> --image <id> [--include-prices]',
  naver: 'cloud-images get naver  --registry <name> --image <imageName> [--region kr|sgn|jpn]',
  huawei:
    'cloud-images get huawei --project-id <id> --image <id> --image-type <private_image|shared_image|instance_image|cicd|harbor>\n' +
    '                          [--region <r>] [--enterprise-project-id <id>] [--namespace <n>] [--image-name <n>] [--image-version <v>]\n' +
    '                          [--limit <n>] [--offset <n>]',
};

const COMMON_HELP = `Options of get:
  --base-url <url>       send to another endpoint (a mock, a gateway): https, or http to this machine
  --allow-insecure-http  allow a plain-http --base-url on another machine (credentials travel in clear)
  --timeout <ms>         per-attempt timeout in milliseconds (default 30000)
  --retries <n>          retries on network errors, 408, 429 and 5xx (default 2; 0 disables)
  --json                 print the vendor's raw JSON body exactly as received (on a terminal: control, bidi
                         and line-separator characters as JSON escapes, the same JSON)
  --format json|table    default: a readable table on a terminal (every field, nothing cut), the normalized
                         summary as JSON when piped
  -h, --help             show help
  --version              print the version

Exit codes: 0 success; 1 the API answered an error; 2 usage or validation error (nothing sent);
3 network failure or timeout.`;

const VENDOR_HELP: Record<Vendor, string> = {
  vercel: `Vercel Container Registry: getRepositoryImage (--image) or getRepositoryTag (--tag).
  --repository <idOrName>  repository id or name (required)
  --image <idOrDigest>     image id or manifest digest (sha256:<64 hex>) } exactly one
  --tag <tag>              tag name                                    }
  --project-id <id>        Vercel project id (required)
  --team-id <id>           team to act for
  --slug <s>               team slug to act for
${credentialsLine('vercel')}`,
  gcore: `Gcore Cloud: get image.
  --project-id <int>       project id (required)
  --region-id <int>        region id (required)
  --image <id>             image id (required)
  --include-prices         also return prices
${credentialsLine('gcore')}`,
  naver: `NAVER Cloud Container Registry: get image details.
  --registry <name>        registry name (required)
  --image <imageName>      image name, may contain "/" (required)
  --region kr|sgn|jpn      NCR region (default kr); with --base-url, give the full base incl. /ncr/api
${credentialsLine('naver')}`,
  huawei: `Huawei Cloud HSS: basic image information (every page is read for the summary).
  --project-id <id>        project id (required; default HUAWEICLOUD_SDK_PROJECT_ID)
  --image <id>             image id (required)
  --image-type <type>      private_image, shared_image, instance_image, cicd or harbor (required)
  --region <r>             an HSS region, e.g. cn-north-4 (default HUAWEICLOUD_SDK_REGION, then cn-north-4);
                           one the spec does not list is refused before anything is sent
  --enterprise-project-id <id>, --namespace <n>, --image-name <n>, --image-version <v>
                           repository images need --namespace, --image-name and --image-version
  --limit <n>              page size, 1-200 (default 200; with --json sent only when given)
  --offset <n>             first record (default 0)
${credentialsLine('huawei')}`,
};

/** The commands, in the order the help shows them. */
const COMMANDS = ['get', 'list', 'inventory', 'help', 'version'] as const;

const COMMAND_SYNOPSIS = [
  "cloud-images get <vendor> <options>       one image: a normalized summary, or the vendor's body (--json)",
  'cloud-images list <vendor> <options>      every image of a scope, streamed as pages arrive',
  'cloud-images inventory --config <file>    every image of every scope of a config file, all vendors at once',
  "cloud-images help [<command> [<vendor>]]  this help, a command's or a vendor's",
  'cloud-images version                      the version',
];

export function usage(): string {
  return `Usage:
  ${COMMAND_SYNOPSIS.join('\n  ')}

get:
  ${VENDORS.map((v) => SYNOPSIS[v]).join('\n  ')}
list:
  ${VENDORS.map((v) => LIST_SYNOPSIS[v]).join('\n  ')}
inventory:
  ${INVENTORY_SYNOPSIS}

${COMMON_HELP}

${LIST_COMMON_HELP}

${CREDENTIALS_HELP}
Run 'cloud-images help <command> [<vendor>]' for a command's or a vendor's options.
`;
}

/** `get`'s help: every vendor's synopsis and the options they share. */
function getUsage(): string {
  return `Usage:\n  ${VENDORS.map((v) => SYNOPSIS[v]).join('\n  ')}\n\nReads one container/VM image's metadata and prints a normalized summary (or the vendor's body: --json).\n\n${COMMON_HELP}\n\n${CREDENTIALS_HELP}\nRun 'cloud-images help get <vendor>' for a vendor's options.\n`;
}

export function vendorUsage(vendor: Vendor): string {
  return `Usage:\n  ${SYNOPSIS[vendor]}\n\n${VENDOR_HELP[vendor]}\n\n${COMMON_HELP}\n`;
}

interface Command {
  vendor: Vendor;
  ref: ImageRef;
  transport: TransportFlags;
  region: string | undefined;
  output: 'raw' | 'json' | 'table';
}

/** Runs the CLI; resolves to the exit code. Never throws for an expected failure. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const word = argv[0] === 'inventory' ? 'inventory' : commandOf(argv);
  if (word === 'inventory') return runInventoryCommand(argv.slice(1), io);
  if (word === 'list') return runList(argv, io);
  if (word === 'get') return runGet(argv, io);
  return runTopLevel(argv, io);
}

/** `help`, `version`, `--help`, `--version`, or a missing or unknown command (the usage names every command). */
function runTopLevel(argv: readonly string[], io: CliIo): number {
  const { values, positionals } = lenientCommandLine(argv, { ...LIST_OPTIONS, ...OPTIONS });
  const [word, ...rest] = positionals;
  try {
    let text: string;
    if (word === 'help') text = helpText(rest);
    else if (word === 'version') {
      if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
      text = `${version()}\n`;
    } else if (word !== undefined) throw new UsageError(`unknown command "${word}"${didYouMean(word, COMMANDS)}`);
    else if (values['version'] === true) text = `${version()}\n`;
    else if (values['help'] === true) text = usage();
    else throw new UsageError(`missing command: use ${COMMANDS.slice(0, -1).join(', ')} or ${COMMANDS.at(-1)}`);
    io.stdout.write(text);
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    writeUsageError(io.stderr, error.message, COMMAND_SYNOPSIS, 'cloud-images help');
    return EXIT_USAGE;
  }
}

/** `help [<command> [<vendor>]]`. */
function helpText([command, vendorName, ...extra]: readonly string[]): string {
  if (command === undefined || command === 'help' || command === 'version') {
    if (vendorName !== undefined) throw new UsageError(`unexpected argument "${vendorName}"`);
    return usage();
  }
  if (command === 'inventory') {
    if (vendorName !== undefined) throw new UsageError(`unexpected argument "${vendorName}": the inventory's vendors come from its config file`);
    return inventoryUsage();
  }
  if (command !== 'get' && command !== 'list') throw new UsageError(`unknown command "${command}"${didYouMean(command, COMMANDS)}`);
  if (vendorName === undefined) return command === 'get' ? getUsage() : listUsage();
  const vendor = commandVendor(vendorName, extra);
  return command === 'get' ? vendorUsage(vendor) : listUsage(vendor);
}

/** `get <vendor> …`. */
async function runGet(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const synopsis = error.vendor === undefined ? VENDORS.map((v) => SYNOPSIS[v]) : [SYNOPSIS[error.vendor]];
    writeUsageError(io.stderr, error.message, synopsis, `cloud-images get ${error.vendor === undefined ? '' : `${error.vendor} `}--help`);
    return EXIT_USAGE;
  }
  if (parsed.kind === 'text') {
    io.stdout.write(parsed.text);
    return EXIT_OK;
  }
  return run(parsed.command, io);
}

async function run(command: Command, io: CliIo): Promise<number> {
  let options: FlagClientOptions & { region?: string };
  try {
    options = clientOptionsOf(command.transport, await proxyFromEnvironment(io.env));
  } catch (error) {
    if (!(error instanceof EnvironmentError)) throw error;
    io.stderr.write(`error: ${error.message}\n`);
    return EXIT_USAGE;
  }
  if (command.region !== undefined) options.region = command.region;
  io.stderr.write(endpointNotes([{ vendor: command.vendor, baseUrl: command.transport.baseUrl, region: command.region }], io.env));
  if (command.output === 'raw') {
    const result = await getImageBody(command.ref, options);
    if (!result.ok) return fail(result.error, io);
    const json = rawJsonBody(result.vendor, result.bytes, result.response);
    if (!json.ok) return fail(json.error, io);
    // Exactly the bytes received; a terminal gets them with nothing it would act on, and a final newline.
    if (!io.stdout.isTTY) io.stdout.write(result.bytes);
    else io.stdout.write(safeJson(json.text).replace(/\n?$/, '\n'));
    return EXIT_OK;
  }
  const result = await getImage(command.ref, options);
  if (!result.ok) return fail(result.error, io);
  io.stdout.write(command.output === 'table' ? renderSummary(result.summary) : `${safeJson(JSON.stringify(result.summary, null, 2))}\n`);
  return EXIT_OK;
}

// ---------------------------------------------------------------------------------------------------------
// Arguments

function parse(argv: readonly string[], io: CliIo): { kind: 'text'; text: string } | { kind: 'command'; command: Command } {
  const { values, positionals, tokens } = parseCommandLine(argv, OPTIONS, { vendorWord: true });
  const [, vendorName, ...extra] = positionals;
  if (values['version'] === true) return { kind: 'text', text: `${version()}\n` };
  if (values['help'] === true) {
    const named = vendorNamed(vendorName);
    return { kind: 'text', text: named === undefined ? getUsage() : vendorUsage(named) };
  }
  const vendor = commandVendor(vendorName, extra);
  checkOptionsApply(tokens, { options: new Set([...COMMON, ...VENDOR_OPTIONS[vendor]]), vendor });

  const options = optionReader<OptionName>(values, vendor);
  const output = outputOf(options, io.stdout.isTTY);
  const transport = readTransportFlags(options);
  const { ref, region } = GET_TARGETS[vendor](options, io.env);
  return { kind: 'command', command: { vendor, ref, transport, region, output } };
}

/** --json (the raw body) or --format json|table (the summary; a table on a terminal, JSON when piped). */
function outputOf(options: OptionReader<OptionName>, isTTY: boolean | undefined): Command['output'] {
  const given = options.optional('format');
  const format = given === undefined ? undefined : oneOf('format', given, ['json', 'table'] as const, options.vendor);
  const raw = options.flag('json');
  if (raw && format !== undefined) throw new UsageError('use either --json (the raw body) or --format (the summary), not both', options.vendor);
  if (raw) return 'raw';
  return format ?? (isTTY === true ? 'table' : 'json');
}

/** What `get <vendor>` reads: the image reference, and the region for the vendors whose endpoint depends on one. */
interface GetTarget {
  ref: ImageRef;
  region?: string | undefined;
}

const GET_TARGETS: Record<Vendor, (options: OptionReader<OptionName>, env: CliIo['env']) => GetTarget> = {
  vercel: vercelTarget,
  gcore: gcoreTarget,
  naver: naverTarget,
  huawei: huaweiTarget,
};

function vercelTarget(options: OptionReader<OptionName>): GetTarget {
  const image = options.optional('image');
  const tag = options.optional('tag');
  if ((image === undefined) === (tag === undefined)) throw new UsageError('give exactly one of --image or --tag', 'vercel');
  const common = { vendor: 'vercel', repository: options.need('repository'), projectId: options.need('project-id'), teamId: options.optional('team-id'), slug: options.optional('slug') } as const;
  return { ref: tag !== undefined ? { ...common, tag } : { ...common, image: image as string } };
}

function gcoreTarget(options: OptionReader<OptionName>): GetTarget {
  const ref = {
    vendor: 'gcore',
    projectId: options.needInteger('project-id'),
    regionId: options.needInteger('region-id'),
    image: options.need('image'),
    ...(options.flag('include-prices') && { includePrices: true }),
  } as const;
  return { ref };
}

function naverTarget(options: OptionReader<OptionName>): GetTarget {
  const region = readNaverRegion(options);
  return { region, ref: { vendor: 'naver', registry: options.need('registry'), image: options.need('image') } };
}

function huaweiTarget(options: OptionReader<OptionName>, env: CliIo['env']): GetTarget {
  const region = readHuaweiRegion(options);
  const projectId = readHuaweiProjectId(options, env);
  const imageType = oneOf('image-type', options.need('image-type'), HUAWEI_IMAGE_TYPES as HuaweiImageType[], 'huawei');
  const ref = {
    vendor: 'huawei',
    projectId,
    image: options.need('image'),
    imageType,
    enterpriseProjectId: options.optional('enterprise-project-id'),
    namespace: options.optional('namespace'),
    imageName: options.optional('image-name'),
    imageVersion: options.optional('image-version'),
    limit: options.integer('limit'),
    offset: options.integer('offset'),
  } as const;
  return { region, ref };
}

/** The command word (the first positional argument), read leniently: the commands' option sets differ. */
function commandOf(argv: readonly string[]): string | undefined {
  return lenientPositionals(argv, { ...LIST_OPTIONS, ...OPTIONS })[0];
}

function version(): string {
  // src/cli.ts in a checkout, dist/src/cli.js in the package (the `cloud-images` bin): one or two levels up.
  for (const candidate of ['../package.json', '../../package.json']) {
    let pkg: { name?: unknown; version?: unknown };
    try {
      pkg = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as typeof pkg;
    } catch {
      continue;
    }
    if (pkg.name === 'cloud-image-clients' && typeof pkg.version === 'string') return pkg.version;
  }
  return '0.0.0';
}

function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, stdin: process.stdin };
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/** Runs `main` for a process: sets the exit code; a bug is reported in one line, without a stack trace. */
export async function runMain(argv: readonly string[]): Promise<void> {
  // Only the commands that honour the signal (list, inventory) take over Ctrl-C; `get` keeps the default.
  const interrupt = argv[0] === 'inventory' || commandOf(argv) === 'list' ? listenForInterrupt() : undefined;
  try {
    process.exitCode = await main(argv, { ...processIo(), signal: interrupt?.signal });
  } catch (error) {
    process.stderr.write(`error: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT_API_ERROR;
  } finally {
    interrupt?.dispose();
  }
}

if (isMain()) await runMain(process.argv.slice(2));
