// The inventory config file: `{ "scopes": [ { "vendor": "gcore", "projectId": 1, "regionId": 7 }, … ] }`.
// Each scope takes the `list` options in camelCase plus an optional `baseUrl`. Everything is checked before
// anything is sent; an error names the scope's index and the field. Credentials never belong here: any field
// named like a secret is refused (naming the field, never echoing the value).
// Reading is bounded: a regular file (or standard input) of at most 1 MiB, opened without waiting (a FIFO
// with no writer is refused, not waited on), UTF-8 (a BOM is fine), nested at most 32 levels, no key twice.
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { baseUrlProblem, insecureHttpProblem, isInsecureHttp } from './endpoint.js';
import { ValidationError } from './errors.js';
import type { InventoryScope } from './inventory.js';
import { huaweiRegion } from './huawei.js';
import { scanJson } from './json-scan.js';
import { NAVER_DEFAULT_REGION, NAVER_REGION_BASE_URLS } from './naver.js';
import { paramProblem, type ParamRule } from './params.js';
import type { Vendor } from './types.js';
import { paramRules as huaweiParamRules } from '../generated/huawei.params.js';
import { paramRules as naverParamRules } from '../generated/naver.params.js';
import { paramRules as vercelParamRules } from '../generated/vercel.params.js';

export interface InventoryConfig {
  scopes: InventoryScope[];
}

/** Largest config accepted, in bytes (a file or standard input). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Deepest nesting accepted (a config needs 3: the document, `scopes`, a scope). */
export const MAX_CONFIG_DEPTH = 32;

type FieldKind = 'string' | 'integer' | 'boolean' | 'url' | { oneOf: readonly string[] };
interface FieldRule {
  kind: FieldKind;
  required?: boolean;
  /** The spec's rule for the parameter the field becomes (generated/<vendor>.params.ts), and where it goes. */
  param?: { where: 'path' | 'query'; rule: ParamRule | undefined } | undefined;
}

const NAVER_REGIONS = Object.keys(NAVER_REGION_BASE_URLS);
const HUAWEI_LIST = huaweiParamRules['/v5/{project_id}/image/registries/images'];
const VERCEL_REPOSITORIES = vercelParamRules['/v1/vcr/repository']?.query;

/** Huawei's documented ListRegistryImages filters (from the spec), camelCased as in HuaweiListScope. */
const HUAWEI_FILTERS: Record<string, FieldRule> = Object.fromEntries(
  Object.entries(HUAWEI_LIST?.query ?? {})
    .filter(([name]) => name !== 'offset' && name !== 'limit')
    .map(([name, rule]) => {
      const kind: FieldKind =
        rule.enum !== undefined ? { oneOf: rule.enum.filter((v): v is string => typeof v === 'string') } : rule.type === 'integer' ? 'integer' : rule.type === 'boolean' ? 'boolean' : 'string';
      return [name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), { kind, param: { where: 'query', rule } }];
    }),
);

/**
 * Gcore's project and region ids: the spec says only `integer`; an id is a positive number (the spec's
 * examples, Gcore's SDKs), so 0 (or -0) is refused here rather than answered with a 404 later.
 */
const GCORE_ID: FieldRule['param'] = { where: 'path', rule: { type: 'integer', minimum: 1 } };

/** The fields of each vendor's scope (ListScope in list-scope.ts), besides `vendor` and `baseUrl`. */
const SCOPE_FIELDS: Record<Vendor, Record<string, FieldRule>> = {
  vercel: {
    projectId: { kind: 'string', required: true, param: { where: 'query', rule: VERCEL_REPOSITORIES?.['projectId'] } },
    teamId: { kind: 'string', param: { where: 'query', rule: VERCEL_REPOSITORIES?.['teamId'] } },
    slug: { kind: 'string', param: { where: 'query', rule: VERCEL_REPOSITORIES?.['slug'] } },
    repository: { kind: 'string', param: { where: 'path', rule: vercelParamRules['/v1/vcr/repository/{idOrName}/images']?.path['idOrName'] } },
  },
  gcore: { projectId: { kind: 'integer', required: true, param: GCORE_ID }, regionId: { kind: 'integer', required: true, param: GCORE_ID }, includePublic: { kind: 'boolean' } },
  naver: { region: { kind: { oneOf: NAVER_REGIONS } }, registry: { kind: 'string', param: { where: 'path', rule: naverParamRules['/v2/repositories/{registry}']?.path['registry'] } } },
  huawei: { projectId: { kind: 'string', required: true, param: { where: 'path', rule: HUAWEI_LIST?.path['project_id'] } }, region: { kind: 'string' }, ...HUAWEI_FILTERS },
};

/** The fields that narrow a scope to part of a larger one (none given: the whole of it). */
const NARROWING: Record<Vendor, readonly string[]> = { vercel: ['repository'], naver: ['registry'], gcore: ['includePublic'], huawei: Object.keys(HUAWEI_FILTERS) };

const ENVIRONMENT: Record<Vendor, string> = {
  vercel: 'VERCEL_TOKEN',
  gcore: 'GCORE_API_KEY',
  naver: 'NCLOUD_ACCESS_KEY_ID and NCLOUD_SECRET_ACCESS_KEY',
  huawei: 'HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (or HUAWEICLOUD_SDK_TOKEN)',
};

/** Field names that hold (or look like they hold) a credential. */
const SECRET_NAME = /token|secret|passw|passphrase|api[-_]?key|access[-_]?key|private[-_]?key|credential|signature|auth|bearer|cookie/i;

/** Where any vendor's scope may send, besides its own fields. */
const ENDPOINT_FIELDS: Record<string, FieldRule> = { baseUrl: { kind: 'url' }, allowInsecureHttp: { kind: 'boolean' } };

const TOP_LEVEL_FIELDS = ['scopes', 'allowInsecureHttp', '$schema'];

const VENDORS = Object.keys(SCOPE_FIELDS) as Vendor[];

export interface InventoryConfigOptions {
  /** Plain http to another machine is allowed for every scope (the CLI's --allow-insecure-http). */
  allowInsecureHttp?: boolean | undefined;
  /** What `-` reads (default: the process's standard input). */
  stdin?: AsyncIterable<Uint8Array | string> | undefined;
  /** Stops reading standard input (a terminal's never ends by itself): rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/**
 * Reads and checks a config file, or standard input for `-`. Every problem is a ValidationError naming the
 * file, the scope and the field.
 */
export async function loadInventoryConfig(path: string, options: InventoryConfigOptions = {}): Promise<InventoryConfig> {
  const stdin = path === '-';
  const source = stdin ? 'stdin' : path;
  const bytes = stdin ? await readStdin(options.stdin ?? process.stdin, options.signal) : await readRegularFile(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // drops a BOM
  } catch {
    throw configError(`${source} is not UTF-8 text`);
  }
  return parseInventoryConfig(text, source, options);
}

function configError(message: string): ValidationError {
  return new ValidationError({ message, field: 'config' });
}

function tooLarge(what: string): ValidationError {
  return configError(`${what} is larger than ${MAX_CONFIG_BYTES / (1024 * 1024)} MiB, too large for a config`);
}

/**
 * A regular file's bytes, at most MAX_CONFIG_BYTES. Opened non-blocking, so a FIFO without a writer is seen
 * for what it is instead of waited on; anything but a regular file (a FIFO, a device like /dev/zero, a
 * directory) is refused before a byte is read.
 */
async function readRegularFile(path: string): Promise<Uint8Array> {
  const name = `the config file ${JSON.stringify(path)}`;
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw configError(`cannot read ${name}${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw configError(`${name} is ${kindOf(info)}, not a regular file: give a file, or --config - to read standard input`);
    if (info.size > MAX_CONFIG_BYTES) throw tooLarge(name);
    const buffer = new Uint8Array(MAX_CONFIG_BYTES + 1);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) return buffer.subarray(0, total);
      total += bytesRead;
      if (total > MAX_CONFIG_BYTES) throw tooLarge(name); // it grew while read
    }
  } finally {
    await handle.close();
  }
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a file';
}

/** Standard input to its end, at most MAX_CONFIG_BYTES (reading stops as soon as there is more), or until `signal`. */
async function readStdin(stream: AsyncIterable<Uint8Array | string>, signal: AbortSignal | undefined): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const iterator = stream[Symbol.asyncIterator]();
  try {
    for (let step = await untilAborted(iterator.next(), signal); step.done !== true; step = await untilAborted(iterator.next(), signal)) {
      const bytes = typeof step.value === 'string' ? new TextEncoder().encode(step.value) : step.value;
      total += bytes.byteLength;
      if (total > MAX_CONFIG_BYTES) throw tooLarge('the config on standard input');
      chunks.push(bytes);
    }
  } catch (error) {
    // Stop reading: a stream is destroyed (a pending read of a process's stdin would keep the process alive).
    const destroy = (stream as { destroy?: unknown }).destroy;
    if (typeof destroy === 'function') destroy.call(stream);
    else void iterator.return?.();
    throw error;
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}

function untilAborted<T>(pending: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return pending;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Parses and checks config text (JSON; a leading BOM is dropped). `source` names it in messages. Nesting
 * deeper than MAX_CONFIG_DEPTH and a key given twice in one object are refused.
 */
export function parseInventoryConfig(text: string, source = 'config', options: InventoryConfigOptions = {}): InventoryConfig {
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  // Before JSON.parse, which recurses as deep as the text nests.
  const shape = scanJson(json, MAX_CONFIG_DEPTH);
  if (shape.tooDeepAt !== undefined) throw configError(`${source} nests deeper than ${MAX_CONFIG_DEPTH} levels (at ${lineAndColumn(json, shape.tooDeepAt)})`);
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch (error) {
    // Only the position: the parser's own message may quote the text, which may hold a secret.
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    const where = position === undefined ? '' : ` at ${lineAndColumn(json, Number(position))}`;
    throw configError(`${source} is not valid JSON${where}`);
  }
  if (shape.duplicate !== undefined) {
    const { path, key } = shape.duplicate;
    const field = clipField(path === '' ? key : `${path}.${key}`);
    throw new ValidationError({ message: `${source}: ${field} is given twice: JSON would keep only the last one, so give it once`, field });
  }
  return checkInventoryConfig(document, source, options);
}

/** Checks an already parsed config document. */
export function checkInventoryConfig(document: unknown, source = 'config', options: InventoryConfigOptions = {}): InventoryConfig {
  const fail = (field: string, problem: string): never => {
    // `apiKey, a secret` rather than `apiKey is`: the error redactor reads `<apikey> <word>` as a credential.
    throw new ValidationError({ message: `${source}: ${field}${problem.startsWith(',') ? '' : ' '}${problem}`, field });
  };
  refuseSecrets(document, fail);
  if (!isObject(document)) return fail('(top level)', 'must be an object with a "scopes" list');
  for (const key of Object.keys(document)) if (!TOP_LEVEL_FIELDS.includes(key)) fail(key, `is an unknown field (fields: ${TOP_LEVEL_FIELDS.join(', ')})`);
  const allowAll = own(document, 'allowInsecureHttp');
  if (allowAll !== undefined) checkValue(allowAll, { kind: 'boolean' }, 'allowInsecureHttp', fail);
  const scopes = own(document, 'scopes');
  if (scopes === undefined) return fail('scopes', 'is missing: give a list of scopes');
  if (!Array.isArray(scopes)) return fail('scopes', `must be a list, not ${describe(scopes)}`);
  if (scopes.length === 0) fail('scopes', 'is empty: give at least one scope');

  const insecureAllowed = options.allowInsecureHttp === true || allowAll === true;
  const checked = scopes.map((entry: unknown, index) => checkScope(entry, `scopes[${index}]`, insecureAllowed, fail));
  refuseOverlaps(checked, fail);
  return { scopes: checked };
}

function checkScope(entry: unknown, at: string, insecureAllowed: boolean, fail: (field: string, problem: string) => never): InventoryScope {
  if (!isObject(entry)) return fail(at, `must be an object, not ${describe(entry)}`);
  const vendorName = own(entry, 'vendor');
  if (vendorName === undefined) return fail(`${at}.vendor`, `is missing: one of ${VENDORS.join(', ')}`);
  const vendor = VENDORS.find((v) => v === vendorName);
  if (vendor === undefined) return fail(`${at}.vendor`, `names an unknown vendor ${JSON.stringify(vendorName)}: use one of ${VENDORS.join(', ')}`);
  const rules = SCOPE_FIELDS[vendor];
  const scope: Record<string, unknown> = { vendor };
  for (const [key, value] of Object.entries(entry)) {
    if (key === 'vendor') continue;
    // Own properties only: `constructor`, `toString` or `__proto__` is an unknown field, not Object.prototype's.
    const rule: FieldRule | undefined = own(ENDPOINT_FIELDS, key) ?? own(rules, key);
    if (rule === undefined) {
      const known = ['vendor', ...Object.keys(rules), ...Object.keys(ENDPOINT_FIELDS)].join(', ');
      fail(`${at}.${key}`, `is an unknown field for ${vendor} (fields: ${known})`);
    }
    scope[key] = checkValue(value, rule as FieldRule, `${at}.${key}`, fail);
  }
  for (const [key, rule] of Object.entries(rules)) {
    if (rule.required === true && scope[key] === undefined) fail(`${at}.${key}`, `is missing: ${vendor} needs ${key}`);
  }
  const baseUrl = typeof scope['baseUrl'] === 'string' ? new URL(scope['baseUrl']) : undefined;
  if (baseUrl !== undefined && isInsecureHttp(baseUrl) && scope['allowInsecureHttp'] !== true) {
    if (!insecureAllowed) fail(`${at}.baseUrl`, insecureHttpProblem(baseUrl, 'set "allowInsecureHttp": true in the scope (or at the top level), or pass --allow-insecure-http'));
    scope['allowInsecureHttp'] = true; // what the client needs to hear
  }
  return scope as unknown as InventoryScope;
}

function checkValue(value: unknown, { kind, param }: FieldRule, field: string, fail: (field: string, problem: string) => never): unknown {
  if (typeof kind === 'object') {
    if (typeof value !== 'string' || !kind.oneOf.includes(value)) fail(field, `must be one of ${kind.oneOf.join(', ')}, not ${describe(value)}`);
    return value;
  }
  switch (kind) {
    case 'string':
      if (typeof value !== 'string') fail(field, `must be a string, not ${describe(value)}`);
      if ((value as string).trim() === '') fail(field, `must not be empty${value === '' ? '' : ' or blank'}`);
      break;
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) fail(field, `must be an integer, not ${describe(value)}`);
      if (Object.is(value, -0)) fail(field, 'must be an integer, not -0');
      if ((value as number) < 0) fail(field, `must not be negative, not ${String(value)}`);
      break;
    case 'boolean':
      if (typeof value !== 'boolean') fail(field, `must be true or false, not ${describe(value)}`);
      return value;
    case 'url': {
      // Never quoted: a URL may carry a secret.
      const problem = typeof value === 'string' ? baseUrlProblem(value) : `must be an http(s) URL, not ${describe(value)}`;
      if (problem !== undefined) fail(field, problem);
      return value;
    }
  }
  // As the spec wants the parameter the field becomes (the client would refuse it later, after other scopes began).
  const problem = param === undefined ? undefined : paramProblem(param.where, value, param.rule);
  if (problem !== undefined) fail(field, `${problem}, not ${describe(value)}`);
  return value;
}

/**
 * Any key anywhere in the document named like a credential: refused, naming the field only. Walked with a
 * stack of its own, in document order, and no deeper than MAX_CONFIG_DEPTH (a document built in code may
 * nest deeper than any text would pass, or refer to itself).
 */
function refuseSecrets(document: unknown, fail: (field: string, problem: string) => never): void {
  const pending: { value: unknown; at: string; depth: number }[] = [{ value: document, at: '', depth: 1 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, at, depth } = next;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_CONFIG_DEPTH) fail(at === '' ? '(top level)' : at, `nests deeper than ${MAX_CONFIG_DEPTH} levels`);
    const inner: { value: unknown; at: string; depth: number }[] = [];
    if (Array.isArray(value)) {
      value.forEach((item, index) => inner.push({ value: item, at: `${at}[${index}]`, depth: depth + 1 }));
    } else {
      const object = value as Record<string, unknown>;
      for (const [key, item] of Object.entries(object)) {
        const field = at === '' ? key : `${at}.${key}`;
        if (SECRET_NAME.test(key)) {
          const vendor = VENDORS.find((v) => v === own(object, 'vendor'));
          const where = vendor === undefined ? 'the environment' : `the environment (${ENVIRONMENT[vendor]})`;
          fail(field, `, a secret field, is refused: a config file must not hold secrets; credentials come from ${where}. Remove the field`);
        }
        inner.push({ value: item, at: field, depth: depth + 1 });
      }
    }
    for (let i = inner.length - 1; i >= 0; i--) pending.push(inner[i] as (typeof inner)[number]);
  }
}

/**
 * Two scopes that would list the same images are refused: the same scope twice, or one inside the other
 * (a whole project or region next to a part of it), compared as they will be listed (default regions
 * applied). Two different Huawei filter sets may still overlap: that is not knowable here.
 */
function refuseOverlaps(scopes: readonly InventoryScope[], fail: (field: string, problem: string) => never): void {
  // Per scope identity (the scope without its narrowing fields): the first scope, the one listing the whole
  // (if any), and every narrowing seen. Once a whole scope is there, any other of that identity clashed with
  // it, so at most one whole and no narrowing twice: one map lookup per scope, linear in all.
  const seen = new Map<string, { first: number; whole: number | undefined; narrowed: Map<string, number> }>();
  const whole = canonical({});
  scopes.forEach((scope, index) => {
    const rest: Record<string, unknown> = withDefaults(scope);
    delete rest['allowInsecureHttp']; // says how the scope may be reached, not what it lists
    const narrowed: Record<string, unknown> = {};
    for (const field of NARROWING[scope.vendor]) {
      if (rest[field] !== undefined) narrowed[field] = rest[field];
      delete rest[field];
    }
    const key = canonical(rest);
    const narrowedTo = canonical(narrowed);
    const earlier = seen.get(key);
    if (earlier === undefined) {
      seen.set(key, { first: index, whole: narrowedTo === whole ? index : undefined, narrowed: new Map([[narrowedTo, index]]) });
      return;
    }
    // gcore's own images are part of everything visible (includePublic): any two of one project and region overlap.
    const clash = scope.vendor === 'gcore' || narrowedTo === whole ? earlier.first : (earlier.whole ?? earlier.narrowed.get(narrowedTo));
    if (clash !== undefined) fail(`scopes[${index}]`, `lists images scopes[${clash}] lists too; each image must be listed once`);
    earlier.narrowed.set(narrowedTo, index);
  });
}

/** The scope as it will be listed: the region a client picks when none is given (NAVER's is moot with a baseUrl). */
function withDefaults(scope: InventoryScope): Record<string, unknown> {
  switch (scope.vendor) {
    case 'naver': {
      const { region, ...rest } = scope;
      return scope.baseUrl === undefined ? { ...rest, region: region ?? NAVER_DEFAULT_REGION } : rest;
    }
    case 'huawei':
      return { ...scope, region: huaweiRegion(scope.region) };
    default:
      return { ...scope };
  }
}

function canonical(fields: Record<string, unknown>): string {
  return JSON.stringify(Object.keys(fields).sort().map((k) => [k, fields[k]]));
}

/** `object[key]` when it is the object's own property (never an inherited one like `constructor`). */
function own<T>(object: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** A field path for a message: file-given keys may be long. */
function clipField(field: string): string {
  return field.length > 200 ? `${field.slice(0, 200)}…` : field;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  if (Object.is(value, -0)) return 'number -0';
  return `${typeof value} ${String(value)}`;
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return `line ${line}, column ${position - before.lastIndexOf('\n')}`;
}
