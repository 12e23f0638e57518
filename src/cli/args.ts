// How every `cloud-images` command reads its command line: node:util parseArgs (strict), the command's
// vendor word, which options apply to that vendor, and checked option values (a UsageError, nothing sent).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { NAVER_REGION_BASE_URLS, type NaverRegion } from '../naver.js';
import type { Vendor } from '../types.js';
import { integerOption, transportFlags, UsageError, type CliIo, type TransportFlags } from './common.js';
import { OUTPUT_FORMATS, type OutputFormat } from './output.js';

export const VENDORS = ['vercel', 'gcore', 'naver', 'huawei'] as const satisfies readonly Vendor[];
const NAVER_REGIONS = Object.keys(NAVER_REGION_BASE_URLS);

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
    throw new UsageError(error instanceof Error ? (error.message.split('\n')[0] ?? '').replace(/\. To specify a positional.*$/, '') : String(error), vendor);
  }
}

/**
 * The positional arguments, read leniently (unknown options taken as flags, so an option's value is not
 * taken for a positional): what a command line names even when the strict parse refuses it.
 */
export function lenientPositionals(argv: readonly string[], options: ParseArgsConfig['options']): string[] {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: false }).positionals;
  } catch {
    return [];
  }
}

export function vendorNamed(name: string | undefined): Vendor | undefined {
  return VENDORS.find((v) => v === name);
}

/** The vendor word of `get`/`list`, and nothing after it. */
export function commandVendor(name: string | undefined, extra: readonly string[]): Vendor {
  if (name === undefined) throw new UsageError('missing vendor: use vercel, gcore, naver or huawei');
  const vendor = vendorNamed(name);
  if (vendor === undefined) throw new UsageError(`unknown vendor "${name}": use vercel, gcore, naver or huawei`);
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

/** --format of the streaming commands (`list`, `inventory`): a table on a terminal, NDJSON when piped. */
export function readStreamFormat(options: OptionReader, isTTY: boolean | undefined): OutputFormat {
  const format = options.optional('format') ?? (isTTY === true ? 'table' : 'ndjson');
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`option --format must be one of ${OUTPUT_FORMATS.join(', ')}, not "${format}"`, options.vendor);
  return format as OutputFormat;
}

/** --region for NAVER: one of the NCR regions, or absent. */
export function readNaverRegion(options: OptionReader): NaverRegion | undefined {
  const region = options.optional('region');
  if (region !== undefined && !NAVER_REGIONS.includes(region)) throw new UsageError(`option --region must be one of ${NAVER_REGIONS.join(', ')}, not "${region}"`, options.vendor);
  return region as NaverRegion | undefined;
}

/** --project-id for Huawei, else HUAWEICLOUD_SDK_PROJECT_ID (unless empty). */
export function readHuaweiProjectId(options: OptionReader, env: CliIo['env']): string {
  const given = options.optional('project-id');
  if (given !== undefined) return given;
  const fromEnv = env['HUAWEICLOUD_SDK_PROJECT_ID'];
  if (fromEnv === undefined || fromEnv === '') throw new UsageError('missing required option --project-id (or set HUAWEICLOUD_SDK_PROJECT_ID)', options.vendor);
  return fromEnv;
}
