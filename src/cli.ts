#!/usr/bin/env node
// cloud-images: read one image's metadata from the command line. Thin: parse and check the arguments,
// call getImage (or getImageBody for --json), print. Exit codes: 0 success; 1 the API answered an error;
// 2 usage or validation error, nothing sent; 3 network failure or timeout.
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EXIT_OK, EXIT_API_ERROR, EXIT_USAGE, fail, integerOption, transportFlags, UsageError, type CliIo } from './cli/common.js';
import { listenForInterrupt } from './cli/interrupt.js';
import { INVENTORY_SYNOPSIS, runInventoryCommand } from './cli/inventory.js';
import { LIST_COMMON_HELP, LIST_OPTIONS, LIST_SYNOPSIS, runList } from './cli/list.js';
import { getImage, getImageBody, type HuaweiImageType, type ImageRef } from './image.js';
import { NAVER_REGION_BASE_URLS } from './naver.js';
import { rawJsonBody, terminalSafeJson } from './raw-json.js';
import { renderSummary } from './summary/table.js';
import { paramRules as huaweiParamRules } from '../generated/huawei.params.js';

export { EXIT_OK, EXIT_API_ERROR, EXIT_USAGE, EXIT_NETWORK, type CliIo } from './cli/common.js';

const VENDORS = ['vercel', 'gcore', 'naver', 'huawei'] as const;
type CliVendor = (typeof VENDORS)[number];
// The allowed values come from the spec (generated rules) and the NAVER factory, not from a copy here.
const HUAWEI_IMAGE_TYPES = huaweiParamRules['/v5/{project_id}/image/{image_id}/basic-image']?.query['image_type']?.enum ?? [];
const NAVER_REGIONS = Object.keys(NAVER_REGION_BASE_URLS);

const OPTIONS = {
  // common
  'base-url': { type: 'string' },
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
const COMMON: readonly OptionName[] = ['base-url', 'timeout', 'retries', 'json', 'format', 'help', 'version'];
const VENDOR_OPTIONS: Record<CliVendor, readonly OptionName[]> = {
  vercel: ['repository', 'image', 'tag', 'project-id', 'team-id', 'slug'],
  gcore: ['project-id', 'region-id', 'image', 'include-prices'],
  naver: ['registry', 'image', 'region'],
  huawei: ['project-id', 'image', 'image-type', 'region', 'enterprise-project-id', 'namespace', 'image-name', 'image-version', 'limit', 'offset'],
};

const SYNOPSIS: Record<CliVendor, string> = {
  vercel: 'cloud-images get vercel --repository <idOrName> (--image <idOrDigest> | --tag <tag>) --project-id <id> [--team-id <id>] [--slug <s>]',
  gcore: 'cloud-images get gcore  --project-id <int> --region-id <int> --image <id> [--include-prices]',
  naver: 'cloud-images get naver  --registry <name> --image <imageName> [--region kr|sgn|jpn]',
  huawei:
    'cloud-images get huawei --project-id <id> --image <id> --image-type <private_image|shared_image|instance_image|cicd|harbor>\n' +
    '                          [--region <r>] [--enterprise-project-id <id>] [--namespace <n>] [--image-name <n>] [--image-version <v>]\n' +
    '                          [--limit <n>] [--offset <n>]',
};

const COMMON_HELP = `Common options:
  --base-url <url>       send to another endpoint (a mock, a proxy)
  --timeout <ms>         per-attempt timeout in milliseconds (default 30000)
  --retries <n>          retries on network errors, 408, 429 and 5xx (default 2; 0 disables)
  --json                 print the vendor's raw JSON body exactly as received
  --format json|table    default: a readable table on a terminal, the normalized summary as JSON when piped
  -h, --help             show help
  --version              print the version

Exit codes: 0 success; 1 the API answered an error; 2 usage or validation error (nothing sent);
3 network failure or timeout.`;

const VENDOR_HELP: Record<CliVendor, string> = {
  vercel: `Vercel Container Registry: getRepositoryImage (--image) or getRepositoryTag (--tag).
  --repository <idOrName>  repository id or name (required)
  --image <idOrDigest>     image id or manifest digest (sha256:<64 hex>) } exactly one
  --tag <tag>              tag name                                    }
  --project-id <id>        Vercel project id (required)
  --team-id <id>           team to act for
  --slug <s>               team slug to act for
Credentials: VERCEL_TOKEN`,
  gcore: `Gcore Cloud: get image.
  --project-id <int>       project id (required)
  --region-id <int>        region id (required)
  --image <id>             image id (required)
  --include-prices         also return prices
Credentials: GCORE_API_KEY`,
  naver: `NAVER Cloud Container Registry: get image details.
  --registry <name>        registry name (required)
  --image <imageName>      image name, may contain "/" (required)
  --region kr|sgn|jpn      NCR region (default kr); with --base-url, give the full base incl. /ncr/api
Credentials: NCLOUD_ACCESS_KEY_ID, NCLOUD_SECRET_ACCESS_KEY`,
  huawei: `Huawei Cloud HSS: basic image information (every page is read for the summary).
  --project-id <id>        project id (required; default HUAWEICLOUD_SDK_PROJECT_ID)
  --image <id>             image id (required)
  --image-type <type>      private_image, shared_image, instance_image, cicd or harbor (required)
  --region <r>             region, e.g. cn-north-4 (default HUAWEICLOUD_SDK_REGION, then cn-north-4)
  --enterprise-project-id <id>, --namespace <n>, --image-name <n>, --image-version <v>
                           repository images need --namespace, --image-name and --image-version
  --limit <n>              page size, 1-200 (default 200; with --json sent only when given)
  --offset <n>             first record (default 0)
Credentials: HUAWEICLOUD_SDK_AK + HUAWEICLOUD_SDK_SK (+ HUAWEICLOUD_SDK_SECURITY_TOKEN), or HUAWEICLOUD_SDK_TOKEN`,
};

export function usage(): string {
  return `Usage:
  ${VENDORS.map((v) => SYNOPSIS[v]).join('\n  ')}
  ${VENDORS.map((v) => LIST_SYNOPSIS[v]).join('\n  ')}
  ${INVENTORY_SYNOPSIS}

get: reads one container/VM image's metadata and prints a normalized summary.
list: lists every image of a scope, one normalized summary per image, streamed as pages arrive.

${COMMON_HELP}

${LIST_COMMON_HELP}

Credentials come from the environment:
  vercel  VERCEL_TOKEN
  gcore   GCORE_API_KEY
  naver   NCLOUD_ACCESS_KEY_ID, NCLOUD_SECRET_ACCESS_KEY
  huawei  HUAWEICLOUD_SDK_AK + HUAWEICLOUD_SDK_SK (+ HUAWEICLOUD_SDK_SECURITY_TOKEN), or HUAWEICLOUD_SDK_TOKEN;
          HUAWEICLOUD_SDK_REGION, HUAWEICLOUD_SDK_PROJECT_ID
Run 'cloud-images get <vendor> --help' or 'cloud-images list <vendor> --help' for a vendor's options.
`;
}

export function vendorUsage(vendor: CliVendor): string {
  return `Usage:\n  ${SYNOPSIS[vendor]}\n\n${VENDOR_HELP[vendor]}\n\n${COMMON_HELP}\n`;
}

type Values = { [K in OptionName]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

interface Command {
  vendor: CliVendor;
  ref: ImageRef;
  baseUrl: string | undefined;
  region: string | undefined;
  timeoutMs: number | undefined;
  retries: number | undefined;
  output: 'raw' | 'json' | 'table';
}

/** Runs the CLI; resolves to the exit code. Never throws for an expected failure. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  if (argv[0] === 'inventory') return runInventoryCommand(argv.slice(1), io);
  if (commandOf(argv) === 'list') return runList(argv, io);
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const synopsis = error.vendor === undefined ? VENDORS.map((v) => SYNOPSIS[v]) : [SYNOPSIS[error.vendor]];
    const more = `Run 'cloud-images ${error.vendor === undefined ? '' : `get ${error.vendor} `}--help' for details.`;
    io.stderr.write(`error: ${error.message}\n\nUsage:\n  ${synopsis.join('\n  ')}\n${more}\n`);
    return EXIT_USAGE;
  }
  if (parsed.kind === 'text') {
    io.stdout.write(parsed.text);
    return EXIT_OK;
  }
  return run(parsed.command, io);
}

async function run(command: Command, io: CliIo): Promise<number> {
  const options = clientOptions(command);
  if (command.output === 'raw') {
    const result = await getImageBody(command.ref, options);
    if (!result.ok) return fail(result.error, io);
    const json = rawJsonBody(result.vendor, result.bytes, result.response);
    if (!json.ok) return fail(json.error, io);
    // Exactly the bytes received; a terminal gets them with nothing it would act on, and a final newline.
    if (!io.stdout.isTTY) io.stdout.write(result.bytes);
    else io.stdout.write(terminalSafeJson(json.text).replace(/\n?$/, '\n'));
    return EXIT_OK;
  }
  const result = await getImage(command.ref, options);
  if (!result.ok) return fail(result.error, io);
  io.stdout.write(command.output === 'table' ? renderSummary(result.summary) : `${JSON.stringify(result.summary, null, 2)}\n`);
  return EXIT_OK;
}

/** Credentials are left to the factories (environment); the endpoint, region and transport policy come from flags. */
function clientOptions(command: Command): Record<string, string | number> {
  const options: Record<string, string | number> = {};
  if (command.baseUrl !== undefined) options['baseUrl'] = command.baseUrl;
  if (command.region !== undefined) options['region'] = command.region;
  if (command.timeoutMs !== undefined) options['timeoutMs'] = command.timeoutMs;
  if (command.retries !== undefined) options['retries'] = command.retries;
  return options;
}

// ---------------------------------------------------------------------------------------------------------
// Arguments

function parse(argv: readonly string[], io: CliIo): { kind: 'text'; text: string } | { kind: 'command'; command: Command } {
  let values: Values;
  let positionals: string[];
  let tokens: NonNullable<ReturnType<typeof parseArgs>['tokens']>;
  try {
    ({ values, positionals, tokens } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true, tokens: true }) as {
      values: Values;
      positionals: string[];
      tokens: NonNullable<ReturnType<typeof parseArgs>['tokens']>;
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '') : String(error), vendorIn(argv));
  }
  const [verb, vendorName, ...extra] = positionals;
  const vendor = VENDORS.find((v) => v === vendorName);
  if (values.version) return { kind: 'text', text: `${version()}\n` };
  if (values.help) return { kind: 'text', text: vendor === undefined ? usage() : vendorUsage(vendor) };
  if (verb === undefined) throw new UsageError('missing command: use "get" or "list"');
  if (verb !== 'get') throw new UsageError(`unknown command "${verb}": use "get" or "list"`);
  if (vendorName === undefined) throw new UsageError('missing vendor: use vercel, gcore, naver or huawei');
  if (vendor === undefined) throw new UsageError(`unknown vendor "${vendorName}": use vercel, gcore, naver or huawei`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`, vendor);

  const allowed = new Set<OptionName>([...COMMON, ...VENDOR_OPTIONS[vendor]]);
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (!allowed.has(token.name as OptionName)) throw new UsageError(`option --${token.name} does not apply to ${vendor}`, vendor);
    if (seen.has(token.name)) throw new UsageError(`option --${token.name} given more than once`, vendor);
    seen.add(token.name);
  }

  const need = (name: OptionName): string => {
    const value = values[name];
    if (typeof value !== 'string' || value === '') throw new UsageError(`missing required option --${name}`, vendor);
    return value;
  };
  const optional = (name: OptionName): string | undefined => {
    const value = values[name];
    if (value === '') throw new UsageError(`option --${name} must not be empty`, vendor);
    return typeof value === 'string' ? value : undefined;
  };
  const integer = (name: OptionName, value: string | undefined): number | undefined => integerOption(name, value, vendor);

  let output: Command['output'];
  const format = optional('format');
  if (format !== undefined && format !== 'json' && format !== 'table') throw new UsageError(`option --format must be json or table, not "${format}"`, vendor);
  if (values.json && format !== undefined) throw new UsageError('use either --json (the raw body) or --format (the summary), not both', vendor);
  if (values.json) output = 'raw';
  else output = format ?? (io.stdout.isTTY ? 'table' : 'json');

  const { baseUrl, timeoutMs, retries } = transportFlags({ baseUrl: optional('base-url'), timeout: optional('timeout'), retries: optional('retries') }, vendor);

  let ref: ImageRef;
  let region: string | undefined;
  switch (vendor) {
    case 'vercel': {
      const image = optional('image');
      const tag = optional('tag');
      if ((image === undefined) === (tag === undefined)) throw new UsageError('give exactly one of --image or --tag', vendor);
      const common = { vendor, repository: need('repository'), projectId: need('project-id'), teamId: optional('team-id'), slug: optional('slug') } as const;
      ref = tag !== undefined ? { ...common, tag } : { ...common, image: image as string };
      break;
    }
    case 'gcore':
      ref = {
        vendor,
        projectId: integer('project-id', need('project-id')) as number,
        regionId: integer('region-id', need('region-id')) as number,
        image: need('image'),
        ...(values['include-prices'] === true && { includePrices: true }),
      };
      break;
    case 'naver':
      region = optional('region');
      if (region !== undefined && !NAVER_REGIONS.includes(region)) {
        throw new UsageError(`option --region must be one of ${NAVER_REGIONS.join(', ')}, not "${region}"`, vendor);
      }
      ref = { vendor, registry: need('registry'), image: need('image') };
      break;
    case 'huawei': {
      region = optional('region');
      const projectId = optional('project-id') ?? nonEmpty(io.env['HUAWEICLOUD_SDK_PROJECT_ID']);
      if (projectId === undefined) throw new UsageError('missing required option --project-id (or set HUAWEICLOUD_SDK_PROJECT_ID)', vendor);
      const imageType = need('image-type');
      if (!HUAWEI_IMAGE_TYPES.includes(imageType)) {
        throw new UsageError(`option --image-type must be one of ${HUAWEI_IMAGE_TYPES.join(', ')}, not "${imageType}"`, vendor);
      }
      ref = {
        vendor,
        projectId,
        image: need('image'),
        imageType: imageType as HuaweiImageType,
        enterpriseProjectId: optional('enterprise-project-id'),
        namespace: optional('namespace'),
        imageName: optional('image-name'),
        imageVersion: optional('image-version'),
        limit: integer('limit', optional('limit')),
        offset: integer('offset', optional('offset')),
      };
      break;
    }
  }
  return { kind: 'command', command: { vendor, ref, baseUrl, region, timeoutMs, retries, output } };
}

/** The command word (the first positional argument), read leniently: the commands' option sets differ. */
function commandOf(argv: readonly string[]): string | undefined {
  const { positionals } = parseArgs({ args: [...argv], options: { ...LIST_OPTIONS, ...OPTIONS }, allowPositionals: true, strict: false });
  return positionals[0];
}

/** The vendor named in argv, for a usage message after a parse failure. */
function vendorIn(argv: readonly string[]): CliVendor | undefined {
  return VENDORS.find((v) => argv.includes(v));
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
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
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
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
