// Path and query parameters are untrusted: every value is checked against the constraints the spec
// declares (generated into generated/<vendor>.params.ts) and against what would make it address another
// resource (empty, `.`/`..`, control characters). A bad value throws ValidationError before anything is sent.
import { ValidationError } from './errors.js';

/** Constraints of one parameter, as declared by the spec's schema. */
export interface ParamRule {
  /** `array`: a repeated query parameter (`?k=a&k=b`, OpenAPI form/explode); each value checked against `items`. */
  readonly type?: 'string' | 'integer' | 'number' | 'boolean' | 'array';
  readonly items?: ParamRule;
  readonly required?: boolean;
  readonly enum?: readonly (string | number | boolean | null)[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
}

/** Rules per operation path template, e.g. `/v5/{project_id}/image/{image_id}/basic-image`. */
export type OperationParamRules = Readonly<
  Record<string, { readonly path: Readonly<Record<string, ParamRule>>; readonly query: Readonly<Record<string, ParamRule>> }>
>;

/** One entry of the spec's `servers`: its URL template and the values its variables take. */
export interface SpecServer {
  readonly url: string;
  readonly variables?: Readonly<Record<string, { readonly default: string; readonly enum?: readonly string[] }>>;
}

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const LONE_SURROGATE = /\p{Cs}/u;
const patternCache = new Map<string, RegExp>();

function fail(where: 'path' | 'query', name: string, problem: string): never {
  throw new ValidationError(`Invalid ${where} parameter "${name}": ${problem}. Nothing was sent.`);
}

/** Checks one value against its rule; returns the value as a string ready for encoding. */
export function checkParam(where: 'path' | 'query', name: string, value: unknown, rule: ParamRule | undefined): string {
  const problem = paramProblem(where, value, rule);
  if (problem !== undefined) fail(where, name, problem);
  return String(value);
}

/**
 * What is wrong with a value under its rule ("must …"), or undefined: the one set of checks for what is
 * sent, and for the config fields that become parameters (inventory-config.ts).
 */
export function paramProblem(where: 'path' | 'query', value: unknown, rule: ParamRule | undefined): string | undefined {
  if (value === undefined || value === null) return 'a value is required';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'must be a finite number';
    if (rule?.type === 'integer' && !Number.isSafeInteger(value)) return 'must be an integer';
    if (rule?.minimum !== undefined && value < rule.minimum) return `must be >= ${rule.minimum}`;
    if (rule?.maximum !== undefined && value > rule.maximum) return `must be <= ${rule.maximum}`;
  } else if (typeof value === 'string') {
    if (rule?.type === 'integer' || rule?.type === 'number') return `must be ${rule.type === 'integer' ? 'an integer' : 'a number'}, not a string`;
    if (rule?.type === 'boolean') return 'must be a boolean, not a string';
    if (where === 'path' && value === '') return 'must not be empty';
    if (where === 'path' && (value === '.' || value === '..')) return `"${value}" would address another resource`;
    let length = value.length;
    if (!PRINTABLE_ASCII.test(value)) {
      if (CONTROL_CHARACTERS.test(value)) return 'must not contain control characters';
      if (LONE_SURROGATE.test(value)) return 'must be well-formed Unicode';
      length = countCodePoints(value);
    }
    if (rule?.minLength !== undefined && length < rule.minLength) return `must be at least ${rule.minLength} characters`;
    if (rule?.maxLength !== undefined && length > rule.maxLength) return `must be at most ${rule.maxLength} characters`;
    if (rule?.pattern !== undefined && !compiled(rule.pattern).test(value)) return `must match ${rule.pattern}`;
  } else if (typeof value === 'boolean') {
    if (rule?.type !== undefined && rule.type !== 'boolean') return `must be a ${rule.type}`;
  } else {
    return `must be a string, number or boolean, not ${Array.isArray(value) ? 'an array' : typeof value}`;
  }
  if (rule?.enum !== undefined && !rule.enum.includes(value)) return `must be one of ${rule.enum.join(', ')}`;
  return undefined;
}

/** Every character in U+0020..U+007E: no control characters, no surrogates, one code point per unit. */
const PRINTABLE_ASCII = /^[\u0020-\u007e]*$/;
/** The high surrogate of each pair (the string is well-formed when counted): one per extra code unit. */
const HIGH_SURROGATES = /[\ud800-\udbff]/g;

function countCodePoints(value: string): number {
  return value.length - (value.match(HIGH_SURROGATES)?.length ?? 0);
}

function compiled(pattern: string): RegExp {
  let regex = patternCache.get(pattern);
  if (!regex) {
    regex = new RegExp(pattern, 'u');
    patternCache.set(pattern, regex);
  }
  return regex;
}

const PATH_PARAM = /\{([^{}]+)\}/g;

type OperationRules = OperationParamRules[string];

/**
 * openapi-fetch `pathSerializer` and `querySerializer` that validate every parameter against the
 * operation's rules before encoding it. Path values are encoded with encodeURIComponent, so a `/`
 * inside a value stays inside its segment (`%2F`).
 */
export function createParamSerializers(rules: OperationParamRules) {
  const templates = Object.keys(rules);
  // Per URL template (base URL included, as openapi-fetch passes it): its operation's rules (null: none).
  const operations = new Map<string, OperationRules | null>();
  const operationFor = (url: string): OperationRules | undefined => {
    let operation = operations.get(url);
    if (operation === undefined) {
      const template = templates.find((t) => url.endsWith(t));
      operation = template === undefined ? null : rules[template]!;
      if (operations.size >= 64) operations.clear();
      operations.set(url, operation);
    }
    return operation ?? undefined;
  };
  // openapi-fetch calls the path serializer only when there are path parameters: a request without them is
  // one of the operations whose template has none (Vercel's repository list, NAVER's registry list).
  // With one such operation its rules apply whole (required parameters included); with several, their union.
  const pathless = templates.filter((template) => !template.includes('{'));
  const pathlessQueryRules: Readonly<Record<string, ParamRule>> | undefined =
    pathless.length === 1 ? rules[pathless[0] as string]?.query : pathless.length === 0 ? undefined : Object.assign({}, ...pathless.map((t) => rules[t]?.query));

  // openapi-fetch builds a URL by calling pathSerializer and then, synchronously, querySerializer
  // (createFinalURL). The path serializer is the one that knows the operation, so it hands the
  // operation's query rules to the query serializer call that follows; that is how required query
  // parameters are enforced per operation.
  let nextQueryRules: Readonly<Record<string, ParamRule>> | undefined;

  function pathSerializer(url: string, pathParams: Record<string, unknown>): string {
    const operation = operationFor(url);
    nextQueryRules = operation?.query;
    return url.replace(PATH_PARAM, (_, name: string) => encodeURIComponent(checkParam('path', name, pathParams[name], operation?.path[name])));
  }

  function querySerializer(query: Record<string, unknown>): string {
    const operationRules = nextQueryRules ?? (pathless.length === 1 ? pathlessQueryRules : undefined);
    nextQueryRules = undefined;
    if (operationRules !== undefined) {
      for (const name in operationRules) {
        if (operationRules[name]?.required === true && (query[name] === undefined || query[name] === null)) {
          fail('query', name, 'a value is required');
        }
      }
    }
    const queryRules = operationRules ?? pathlessQueryRules ?? {};
    let search = '';
    for (const name in query) {
      const value = query[name];
      if (value === undefined || value === null) continue;
      const rule = queryRules[name];
      // An array parameter is form/explode: one `name=value` pair per element, in the caller's order.
      const repeated = Array.isArray(value) && rule?.type === 'array';
      for (const item of repeated ? value : [value]) {
        const text = checkParam('query', name, item, repeated ? rule.items : rule);
        search += `${search ? '&' : ''}${encodeURIComponent(name)}=${encodeURIComponent(text)}`;
      }
    }
    return search;
  }

  return { pathSerializer, querySerializer };
}
