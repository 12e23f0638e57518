// The inventory config file: `{ "scopes": [ { "vendor": "gcore", "projectId": 1, "regionId": 7 }, … ] }`.
// Each scope takes the `list` options in camelCase plus an optional `baseUrl`. Everything is checked before
// anything is sent; an error names the scope's index and the field. Credentials never belong here: any field
// named like a secret is refused (naming the field, never echoing the value).
import { readFile } from 'node:fs/promises';
import { baseUrlProblem, insecureHttpProblem, isInsecureHttp } from './endpoint.js';
import { ValidationError } from './errors.js';
import type { InventoryScope } from './inventory.js';
import { huaweiRegion } from './huawei.js';
import { NAVER_DEFAULT_REGION, NAVER_REGION_BASE_URLS } from './naver.js';
import type { Vendor } from './types.js';
import { paramRules as huaweiParamRules } from '../generated/huawei.params.js';

export interface InventoryConfig {
  scopes: InventoryScope[];
}

type FieldKind = 'string' | 'integer' | 'boolean' | 'url' | { oneOf: readonly string[] };
interface FieldRule {
  kind: FieldKind;
  required?: boolean;
}

const NAVER_REGIONS = Object.keys(NAVER_REGION_BASE_URLS);

/** Huawei's documented ListRegistryImages filters (from the spec), camelCased as in HuaweiListScope. */
const HUAWEI_FILTERS: Record<string, FieldRule> = Object.fromEntries(
  Object.entries(huaweiParamRules['/v5/{project_id}/image/registries/images']?.query ?? {})
    .filter(([name]) => name !== 'offset' && name !== 'limit')
    .map(([name, rule]) => {
      const kind: FieldKind =
        rule.enum !== undefined ? { oneOf: rule.enum.filter((v): v is string => typeof v === 'string') } : rule.type === 'integer' ? 'integer' : rule.type === 'boolean' ? 'boolean' : 'string';
      return [name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), { kind }];
    }),
);

/** The fields of each vendor's scope (ListScope in list-scope.ts), besides `vendor` and `baseUrl`. */
const SCOPE_FIELDS: Record<Vendor, Record<string, FieldRule>> = {
  vercel: { projectId: { kind: 'string', required: true }, teamId: { kind: 'string' }, slug: { kind: 'string' }, repository: { kind: 'string' } },
  gcore: { projectId: { kind: 'integer', required: true }, regionId: { kind: 'integer', required: true }, includePublic: { kind: 'boolean' } },
  naver: { region: { kind: { oneOf: NAVER_REGIONS } }, registry: { kind: 'string' } },
  huawei: { projectId: { kind: 'string', required: true }, region: { kind: 'string' }, ...HUAWEI_FILTERS },
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
}

/** Reads and checks a config file. Every problem is a ValidationError naming the file, the scope and the field. */
export async function loadInventoryConfig(path: string, options: InventoryConfigOptions = {}): Promise<InventoryConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ValidationError({ message: `cannot read the config file ${JSON.stringify(path)}${typeof code === 'string' ? ` (${code})` : ''}`, field: 'config' });
  }
  return parseInventoryConfig(text, path, options);
}

/** Parses and checks config text (JSON). `source` names it in messages. */
export function parseInventoryConfig(text: string, source = 'config', options: InventoryConfigOptions = {}): InventoryConfig {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    // Only the position: the parser's own message may quote the text, which may hold a secret.
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    const where = position === undefined ? '' : ` at ${lineAndColumn(text, Number(position))}`;
    throw new ValidationError({ message: `${source} is not valid JSON${where}`, field: 'config' });
  }
  return checkInventoryConfig(document, source, options);
}

/** Checks an already parsed config document. */
export function checkInventoryConfig(document: unknown, source = 'config', options: InventoryConfigOptions = {}): InventoryConfig {
  const fail = (field: string, problem: string): never => {
    // `apiKey, a secret` rather than `apiKey is`: the error redactor reads `<apikey> <word>` as a credential.
    throw new ValidationError({ message: `${source}: ${field}${problem.startsWith(',') ? '' : ' '}${problem}`, field });
  };
  refuseSecrets(document, '', fail);
  if (!isObject(document)) return fail('(top level)', 'must be an object with a "scopes" list');
  for (const key of Object.keys(document)) if (!TOP_LEVEL_FIELDS.includes(key)) fail(key, `is an unknown field (fields: ${TOP_LEVEL_FIELDS.join(', ')})`);
  const allowAll = document['allowInsecureHttp'];
  if (allowAll !== undefined) checkValue(allowAll, 'boolean', 'allowInsecureHttp', fail);
  const scopes = document['scopes'];
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
  const vendorName = entry['vendor'];
  if (vendorName === undefined) return fail(`${at}.vendor`, `is missing: one of ${VENDORS.join(', ')}`);
  const vendor = VENDORS.find((v) => v === vendorName);
  if (vendor === undefined) return fail(`${at}.vendor`, `names an unknown vendor ${JSON.stringify(vendorName)}: use one of ${VENDORS.join(', ')}`);
  const rules = SCOPE_FIELDS[vendor];
  const scope: Record<string, unknown> = { vendor };
  for (const [key, value] of Object.entries(entry)) {
    if (key === 'vendor') continue;
    const rule: FieldRule | undefined = ENDPOINT_FIELDS[key] ?? rules[key];
    if (rule === undefined) {
      const known = ['vendor', ...Object.keys(rules), ...Object.keys(ENDPOINT_FIELDS)].join(', ');
      fail(`${at}.${key}`, `is an unknown field for ${vendor} (fields: ${known})`);
    }
    scope[key] = checkValue(value, (rule as FieldRule).kind, `${at}.${key}`, fail);
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

function checkValue(value: unknown, kind: FieldKind, field: string, fail: (field: string, problem: string) => never): unknown {
  if (typeof kind === 'object') {
    if (typeof value !== 'string' || !kind.oneOf.includes(value)) fail(field, `must be one of ${kind.oneOf.join(', ')}, not ${describe(value)}`);
    return value;
  }
  switch (kind) {
    case 'string':
      if (typeof value !== 'string') fail(field, `must be a string, not ${describe(value)}`);
      if (value === '') fail(field, 'must not be empty');
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) fail(field, `must be an integer, not ${describe(value)}`);
      if ((value as number) < 0) fail(field, `must not be negative, not ${String(value)}`);
      return value;
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
}

/** Any key anywhere in the document named like a credential: refused, naming the field only. */
function refuseSecrets(value: unknown, at: string, fail: (field: string, problem: string) => never): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => refuseSecrets(item, `${at}[${index}]`, fail));
    return;
  }
  if (!isObject(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    const field = at === '' ? key : `${at}.${key}`;
    if (SECRET_NAME.test(key)) {
      const vendor = VENDORS.find((v) => v === value['vendor']);
      const where = vendor === undefined ? 'the environment' : `the environment (${ENVIRONMENT[vendor]})`;
      fail(field, `, a secret field, is refused: a config file must not hold secrets; credentials come from ${where}. Remove the field`);
    }
    refuseSecrets(inner, field, fail);
  }
}

/**
 * Two scopes that would list the same images are refused: the same scope twice, or one inside the other
 * (a whole project or region next to a part of it), compared as they will be listed (default regions
 * applied). Two different Huawei filter sets may still overlap: that is not knowable here.
 */
function refuseOverlaps(scopes: readonly InventoryScope[], fail: (field: string, problem: string) => never): void {
  const seen = new Map<string, { index: number; narrowedTo: string }[]>();
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
    const earlier = seen.get(key) ?? [];
    // gcore's own images are part of everything visible (includePublic): any two of one project and region overlap.
    const whole = canonical({});
    const clash = earlier.find((other) => scope.vendor === 'gcore' || other.narrowedTo === whole || narrowedTo === whole || other.narrowedTo === narrowedTo);
    if (clash !== undefined) fail(`scopes[${index}]`, `lists images scopes[${clash.index}] lists too; each image must be listed once`);
    seen.set(key, [...earlier, { index, narrowedTo }]);
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

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return `line ${line}, column ${position - before.lastIndexOf('\n')}`;
}
