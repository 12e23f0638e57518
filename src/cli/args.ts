// How every `cloud-images` command reads its command line: node:util parseArgs (strict), the command's
// vendor word, which options apply to that vendor, and checked option values (a UsageError, nothing sent).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readEnv } from '../credentials.js';
import { huaweiRegions } from '../huawei.js';
import { NAVER_REGION_BASE_URLS, type NaverRegion } from '../naver.js';
import type { Vendor } from '../types.js';
import { integerOption, transportFlags, UsageError, type CliIo, type TransportFlags } from './common.js';
import { OUTPUT_FORMATS, type OutputFormat } from './output.js';
import { TABLE_COLUMNS, type TableOptions } from './table.js';
import { didYouMean } from './suggest.js';

export const VENDORS = ['vercel', 'gcore', 'naver', 'huawei'] as const satisfies readonly Vendor[];
const NAVER_REGIONS = Object.keys(NAVER_REGION_BASE_URLS) as NaverRegion[];

type Tokens = NonNullable<ReturnType<typeof parseArgs>['tokens']>;
export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

export interface CommandLine {
  values: OptionValues;
  positionals: string[];
  tokens: Tokens;
}

/**
 * parseArgs, strict; its complaint as a UsageError (first line, without node's hint about positionals). With
 * `vendorWord` (`get`, `list`) the error carries the vendor word, so the usage printed is that vendor's.
 */
export function parseCommandLine(argv: readonly string[], options: ParseArgsConfig['options'], { vendorWord = false } = {}): CommandLine {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true, tokens: true }) as CommandLine;
  } catch (error) {
    const vendor = vendorWord ? vendorNamed(lenientPositionals(argv, options)[1]) : undefined;
    throw new UsageError(parseProblem(error, Object.keys(options ?? {})), vendor);
  }
}

/** parseArgs's complaint in the CLI's words: lowercase, one line; an unknown option with the closest known one. */
function parseProblem(error: unknown, known: readonly string[]): string {
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  const unknown = /^Unknown option '(-{1,2})([^']*)'/.exec(message);
  if (unknown !== null) {
    const [, dashes, name = ''] = unknown;
    return `unknown option ${dashes}${name}${dashes === '--' ? didYouMean(name, known, (c) => `--${c}`) : ''}`;
  }
  const text = message.replace(/\. To specify a positional.*$/, '');
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * The positional arguments, read leniently (unknown options taken as flags, so an option's value is not
 * taken for a positional): what a command line names even when the strict parse refuses it.
 */
export function lenientPositionals(argv: readonly string[], options: ParseArgsConfig['options']): string[] {
  return lenientCommandLine(argv, options).positionals;
}

/** The options and positional arguments, read leniently (see lenientPositionals). */
export function lenientCommandLine(argv: readonly string[], options: ParseArgsConfig['options']): Pick<CommandLine, 'values' | 'positionals'> {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: false });
  } catch {
    return { values: {}, positionals: [] };
  }
}

export function vendorNamed(name: string | undefined): Vendor | undefined {
  return VENDORS.find((v) => v === name);
}

/** The vendor word of `get`/`list`, and nothing after it. */
export function commandVendor(name: string | undefined, extra: readonly string[]): Vendor {
  if (name === undefined) throw new UsageError('missing vendor: use vercel, gcore, naver or huawei');
  const vendor = vendorNamed(name);
  if (vendor === undefined) throw new UsageError(`unknown vendor "${name}"${didYouMean(name, VENDORS)}: use vercel, gcore, naver or huawei`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`, vendor);
  return vendor;
}

/**
 * Every option given is given once and, for a vendor's command, applies to that vendor (`allowed`); the first
 * offending option (in argv order) is named.
 */
export function checkOptionsApply(tokens: Tokens, allowed?: { options: ReadonlySet<string>; vendor: Vendor }): void {
  const vendor = allowed?.vendor;
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (allowed !== undefined && !allowed.options.has(token.name)) throw new UsageError(`option --${token.name} does not apply to ${vendor}`, vendor);
    if (seen.has(token.name)) throw new UsageError(`option --${token.name} given more than once`, vendor);
    seen.add(token.name);
  }
}

/** Checked option values; every error names the option and carries the vendor (for the usage printed). */
export interface OptionReader<Name extends string = string> {
  readonly vendor: Vendor | undefined;
  /** A string option's value, undefined when absent; given empty is an error. */
  optional(name: Name): string | undefined;
  /** A string option's value; absent or empty is an error. */
  need(name: Name): string;
  /** A boolean option: given or not. */
  flag(name: Name): boolean;
  /** A decimal integer option, undefined when absent. */
  integer(name: Name): number | undefined;
  needInteger(name: Name): number;
}

/** Reads `values`: an option given empty is an error naming it (`must not be empty`), required or not. */
export function optionReader<Name extends string>(values: OptionValues, vendor: Vendor | undefined): OptionReader<Name> {
  const optional = (name: Name): string | undefined => {
    const value = values[name];
    if (value === '') throw new UsageError(`option --${name} must not be empty`, vendor);
    return typeof value === 'string' ? value : undefined;
  };
  const need = (name: Name): string => {
    const value = optional(name);
    if (value === undefined) throw new UsageError(`missing required option --${name}`, vendor);
    return value;
  };
  return {
    vendor,
    optional,
    need,
    flag: (name) => values[name] === true,
    integer: (name) => integerOption(name, optional(name), vendor),
    needInteger: (name) => integerOption(name, need(name), vendor) as number,
  };
}

/** --base-url, --timeout, --retries and --allow-insecure-http. */
export function readTransportFlags(options: OptionReader): TransportFlags {
  return transportFlags(
    { baseUrl: options.optional('base-url'), timeout: options.optional('timeout'), retries: options.optional('retries'), allowInsecureHttp: options.flag('allow-insecure-http') },
    options.vendor,
  );
}

/** `value` when it is one of `allowed`; else a UsageError naming the option, the values and the closest one. */
export function oneOf<T extends string>(name: string, value: string, allowed: readonly T[], vendor: Vendor | undefined): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`option --${name} must be ${allowed.length === 2 ? `${allowed[0]} or ${allowed[1]}` : `one of ${allowed.join(', ')}`}, not "${value}"${didYouMean(value, allowed)}`, vendor);
}

/** --format (or --json, its alias for `json`) of the streaming commands (`list`, `inventory`): a table on a terminal, NDJSON when piped. */
export function readStreamFormat(options: OptionReader, isTTY: boolean | undefined): OutputFormat {
  const given = options.optional('format');
  if (options.flag('json')) {
    if (given !== undefined) throw new UsageError('use either --json (the same as --format json) or --format, not both', options.vendor);
    return 'json';
  }
  return oneOf('format', given ?? (isTTY === true ? 'table' : 'ndjson'), OUTPUT_FORMATS, options.vendor);
}

/** --wide and --columns (the table format only); the terminal's width when stdout is one. */
export function readTableOptions(options: OptionReader, format: OutputFormat, stdout: CliIo['stdout']): TableOptions {
  const wide = options.flag('wide');
  const given = options.optional('columns');
  if (format !== 'table' && (wide || given !== undefined)) {
    const why = options.optional('format') === undefined && !options.flag('json') ? ' (stdout is not a terminal, so the default is ndjson: add --format table)' : '';
    throw new UsageError(`option --${wide ? 'wide' : 'columns'} applies to the table format only${why}`, options.vendor);
  }
  const columns = given?.split(',').map((name) => name.trim());
  for (const [i, name] of (columns ?? []).entries()) {
    if (name === '') throw new UsageError('option --columns has an empty column name', options.vendor);
    if (!TABLE_COLUMNS.includes(name)) throw new UsageError(`unknown column "${name}"${didYouMean(name, TABLE_COLUMNS)}: use ${TABLE_COLUMNS.join(', ')}`, options.vendor);
    if (columns?.indexOf(name) !== i) throw new UsageError(`column "${name}" given more than once in --columns`, options.vendor);
  }
  return { wide, columns, width: stdout.isTTY === true ? stdout.columns : undefined };
}

/** --region for NAVER: one of the NCR regions, or absent. */
export function readNaverRegion(options: OptionReader): NaverRegion | undefined {
  const region = options.optional('region');
  return region === undefined ? undefined : oneOf('region', region, NAVER_REGIONS, options.vendor);
}

/** --region for Huawei, else HUAWEICLOUD_SDK_REGION: a region the spec lists, checked before anything is sent. */
export function readHuaweiRegion(options: OptionReader): string | undefined {
  const region = options.optional('region');
  const [where, value] = region !== undefined ? ['option --region', region] : ['HUAWEICLOUD_SDK_REGION', readEnv('HUAWEICLOUD_SDK_REGION')];
  const problem = value === undefined ? undefined : huaweiRegionProblem(value);
  if (problem !== undefined) throw new UsageError(`${where} ${problem}`, options.vendor);
  return region;
}

/** Why `region` is not a Huawei region the spec lists (`must be one of …`), or undefined when it is one. */
export function huaweiRegionProblem(region: string): string | undefined {
  const regions = huaweiRegions();
  return regions.includes(region) ? undefined : `must be one of ${regions.join(', ')}, not "${region}"${didYouMean(region, regions)}`;
}

/** --project-id for Huawei, else HUAWEICLOUD_SDK_PROJECT_ID (unless empty). */
export function readHuaweiProjectId(options: OptionReader, env: CliIo['env']): string {
  const given = options.optional('project-id');
  if (given !== undefined) return given;
  const fromEnv = env['HUAWEICLOUD_SDK_PROJECT_ID'];
  if (fromEnv === undefined || fromEnv === '') throw new UsageError('missing required option --project-id (or set HUAWEICLOUD_SDK_PROJECT_ID)', options.vendor);
  return fromEnv;
}
