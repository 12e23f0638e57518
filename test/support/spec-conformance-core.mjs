// The one check every fake server runs on what it answers: the vendor's spec (specs/<vendor>/openapi.yaml)
// as written. Given a vendor (or none: the vendor whose spec has the path), an HTTP method, the request path
// as the fake received it (still percent-encoded; a query is ignored), the status and the JSON body, it finds
// the spec operation and its response (the status, `4XX`-style ranges, then `default`) and validates the body
// against that response's `application/json` schema with ajv. Plain JavaScript so that the fakes that run
// under plain node (the bench's child-process servers) use the very same check; spec-conformance.ts is the
// typed face for the tests (spec-conformance-core.d.mts declares this file).
//
// - OpenAPI 3.0.x specs (`nullable`) compile with Ajv (draft-07 plus its OpenAPI `nullable` keyword), 3.1
//   specs with Ajv2020. Each spec is registered whole under an id; a response schema is compiled as a `$ref`
//   to its place in that document, so every `$ref` to the components resolves as the spec means it.
//   Compiled lazily, cached per operation and status.
// - Extension and annotation keywords (`x-*`, `example`, `discriminator`, …) are not checked (strict: false).
// - A path may carry a server base path before the spec's template: one of the spec's `servers` paths
//   (NAVER `/ncr/{regionBase}`: `/ncr/api`, `/ncr/sgn-api`, `/ncr/jpn-api`) or a `basePath` the fake names
//   (`*`: any, for a fake whose routes are prefixes of their own).
// - A body off the spec is a violation: thrown as a SpecViolation and recorded process-wide (see
//   `takeViolations`), so a test fails even when the client under test swallows the fake's 500.
// - Two explicit ways out, both named: `offSpec(reason)` on one deliberately hostile answer, and
//   `unspecified` (a reason) on an exchange the fake declares as no vendor operation (a transport-fault route).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export const VENDORS = Object.freeze(['vercel', 'gcore', 'naver', 'huawei']);

const STATE_KEY = Symbol.for('cloud-image-clients.spec-conformance');
/** Process-wide (one list whichever copy of this module a fake loaded). */
const state = (globalThis[STATE_KEY] ??= { violations: [], offSpecUses: [] });

// ---------------------------------------------------------------------------------------------------------
// The markers

const OFF_SPEC = Symbol.for('cloud-image-clients.off-spec');

/** Marks one answer as deliberately off the spec (a hostile body is the point of the test). `reason` is required. */
export function offSpec(reason) {
  if (typeof reason !== 'string' || reason.trim() === '') throw new TypeError('offSpec(reason): say why this answer is off the spec');
  return Object.freeze({ [OFF_SPEC]: true, reason });
}

export function isOffSpec(value) {
  return typeof value === 'object' && value !== null && value[OFF_SPEC] === true;
}

// ---------------------------------------------------------------------------------------------------------
// Violations

export class SpecViolation extends Error {
  constructor(exchange, problem, errors = []) {
    const where = `${exchange.vendor ?? 'no vendor'} ${exchange.method} ${exchange.path} → ${exchange.status}`;
    const detail = errors.length === 0 ? '' : `: ${errors.slice(0, 8).join('; ')}${errors.length > 8 ? ` (+${errors.length - 8} more)` : ''}`;
    super(`Fake answered off the spec (${shorten(where)}): ${shorten(problem)}${detail}`);
    this.name = 'SpecViolation';
    this.exchange = { vendor: exchange.vendor, method: exchange.method, path: exchange.path, status: exchange.status };
    this.problem = problem;
    this.errors = errors;
  }
}

function shorten(text) {
  return text.length <= 240 ? text : `${text.slice(0, 200)}…${text.slice(-30)}`;
}

/** Violations recorded in this process and not yet taken. */
export function violations() {
  return [...state.violations];
}

/** The violations recorded so far, emptying the record (a test that provokes one on purpose takes it). */
export function takeViolations() {
  return state.violations.splice(0, state.violations.length);
}

/** Records a violation found elsewhere (e.g. reported by a child-process fake). */
export function recordViolation(violation) {
  state.violations.push(violation);
}

/** The `offSpec` answers let through in this process, with their reasons. */
export function offSpecUses() {
  return [...state.offSpecUses];
}

// ---------------------------------------------------------------------------------------------------------
// Specs

const SPEC_DIR = new URL('../../specs/', import.meta.url);
const specs = new Map();

/** The vendor's spec, parsed once, with its ajv instance, operations and compiled-validator cache. */
function spec(vendor) {
  let entry = specs.get(vendor);
  if (entry !== undefined) return entry;
  if (!VENDORS.includes(vendor)) throw new TypeError(`unknown vendor ${String(vendor)}`);
  const document = loadDocument(vendor);
  const version = String(document.openapi ?? '');
  const id = `https://spec.cloud-image-clients.test/${vendor}`;
  const options = { strict: false, allErrors: true, validateFormats: true };
  let ajv;
  if (version.startsWith('3.1')) ajv = new Ajv2020(options);
  else if (version.startsWith('3.0')) ajv = new Ajv(options);
  else throw new Error(`${vendor}: unsupported OpenAPI version ${version}`);
  addFormats(ajv);
  // The whole document, by id: response schemas are compiled as references into it.
  ajv.addSchema(document, id);
  const prefixes = serverPrefixes(document);
  const operations = operationsOf(document);
  for (const operation of operations) operation.regex = new RegExp(`^(?:${prefixes.join('|')})${operation.pattern}$`);
  entry = { vendor, document, id, ajv, operations, prefixes, validators: new Map() };
  specs.set(vendor, entry);
  return entry;
}

/** The parsed spec; the parse is cached as JSON under .tmp/, keyed by the YAML's hash (parsing YAML is slow). */
function loadDocument(vendor) {
  const text = readFileSync(new URL(`${vendor}/openapi.yaml`, SPEC_DIR), 'utf8');
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const cacheDir = new URL('../../.tmp/spec-conformance/', import.meta.url);
  const cached = new URL(`${vendor}-${hash}.json`, cacheDir);
  try {
    return JSON.parse(readFileSync(cached, 'utf8'));
  } catch {
    const document = parse(text);
    try {
      mkdirSync(cacheDir, { recursive: true });
      const partial = new URL(`${vendor}-${hash}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`, cacheDir);
      writeFileSync(partial, JSON.stringify(document));
      renameSync(partial, cached);
    } catch {
      // No cache: parsed again next time.
    }
    return document;
  }
}

/** Loads every spec now (fakes call it before they listen, so no request pays for it). */
export function warmUp() {
  for (const vendor of VENDORS) spec(vendor);
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function operationsOf(document) {
  const operations = [];
  for (const [template, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method];
      if (operation === undefined) continue;
      const segments = template.split('/');
      operations.push({
        method: method.toUpperCase(),
        template,
        operationId: operation.operationId,
        pointer: ['paths', template, method],
        pattern: segmentsPattern(segments),
        // More literal segments first: `/a/{x}/tags` before `/a/{x}/{y}` when both could match.
        literals: segments.filter((s) => s !== '' && !/^\{[^}]*\}$/.test(s)).length,
      });
    }
  }
  return operations.sort((a, b) => b.literals - a.literals);
}

/** The operation's path pattern under a further prefix (cached per prefix). */
function patternFor(operation, prefix) {
  operation.under ??= new Map();
  let regex = operation.under.get(prefix);
  if (regex === undefined) {
    regex = new RegExp(`^${prefix}${operation.pattern}$`);
    operation.under.set(prefix, regex);
  }
  return regex;
}

/** A template's segments as a regular expression source: a `{param}` is one non-empty segment. */
function segmentsPattern(segments) {
  return segments.map((s) => (/^\{[^}]*\}$/.test(s) ? '[^/]+' : escapeRegExp(s))).join('/');
}

/** The path parts of the spec's server URLs, variables as their enum (or any one segment). */
function serverPrefixes(document) {
  const prefixes = new Set(['']);
  for (const server of document.servers ?? []) {
    const path = String(server.url ?? '').replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/\/$/, '');
    if (path === '') continue;
    const source = path.replace(/\{([^}]+)\}|[^{]+/g, (literal, name) => {
      if (name === undefined) return escapeRegExp(literal);
      const values = server.variables?.[name]?.enum;
      return Array.isArray(values) && values.length > 0 ? `(?:${values.map((v) => escapeRegExp(String(v))).join('|')})` : '[^/]+';
    });
    prefixes.add(source);
  }
  return [...prefixes];
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function pathOnly(path) {
  const q = path.search(/[?#]/);
  return q < 0 ? path : path.slice(0, q);
}

/**
 * The spec operation for `method` and `path` (`basePath`: a further prefix the fake serves under; `*`: any
 * prefix), or undefined. `vendor` undefined: the first vendor whose spec has one.
 */
export function findOperation(vendor, method, path, basePath = '') {
  const target = pathOnly(path);
  for (const name of vendor === undefined ? VENDORS : [vendor]) {
    const entry = spec(name);
    const extra = basePath === '' ? undefined : basePath === '*' ? '(?:/[^/]*)*?' : escapeRegExp(basePath.replace(/\/$/, ''));
    for (const operation of entry.operations) {
      if (operation.method !== method.toUpperCase()) continue;
      if (operation.regex.test(target) || (extra !== undefined && patternFor(operation, extra).test(target))) {
        return { vendor: name, method: operation.method, template: operation.template, operationId: operation.operationId, pointer: operation.pointer };
      }
    }
  }
  return undefined;
}

/** The vendor whose spec has an operation at `method path`, or undefined. */
export function vendorOf(method, path, basePath = '') {
  return findOperation(undefined, method, path, basePath)?.vendor;
}

function at(document, pointer) {
  let node = document;
  for (const part of pointer) node = node?.[part];
  return node;
}

/** A local `$ref` (`#/components/...`) as pointer parts. */
function refPointer(ref) {
  if (typeof ref !== 'string' || !ref.startsWith('#/')) throw new Error(`unsupported $ref ${String(ref)}`);
  return ref.slice(2).split('/').map((p) => decodeURIComponent(p).replaceAll('~1', '/').replaceAll('~0', '~'));
}

function fragment(pointer) {
  return '#/' + pointer.map((p) => encodeURIComponent(String(p).replaceAll('~', '~0').replaceAll('/', '~1'))).join('/');
}

/**
 * The validator for one operation's response to `status`: `{ key, validate }` (validate undefined: the response
 * has no JSON body), or a string saying why there is none.
 */
function responseValidator(entry, operation, status) {
  const responsesPointer = [...operation.pointer, 'responses'];
  const responses = at(entry.document, responsesPointer) ?? {};
  const code = String(status);
  const key = [code, `${code[0]}XX`, `${code[0]}xx`, 'default'].find((k) => responses[k] !== undefined);
  if (key === undefined) return `status ${code} is not a response of ${operation.method} ${operation.template} (documented: ${Object.keys(responses).join(', ')})`;
  const cacheKey = `${operation.method} ${operation.template} ${key}`;
  const cached = entry.validators.get(cacheKey);
  if (cached !== undefined) return cached;
  let pointer = [...responsesPointer, key];
  let response = at(entry.document, pointer);
  for (let hops = 0; response?.$ref !== undefined && hops < 10; hops++) {
    pointer = refPointer(response.$ref);
    response = at(entry.document, pointer);
  }
  if (response === undefined) throw new Error(`${entry.vendor}: unresolvable response ${cacheKey}`);
  const type = response.content?.['application/json'] !== undefined ? 'application/json' : Object.keys(response.content ?? {}).find((t) => /\bjson\b/.test(t));
  const schema = type === undefined ? undefined : response.content[type].schema;
  const compiled = {
    key,
    types: Object.keys(response.content ?? {}),
    validate: schema === undefined ? undefined : entry.ajv.compile({ $ref: `${entry.id}${fragment([...pointer, 'content', type, 'schema'])}` }),
  };
  entry.validators.set(cacheKey, compiled);
  return compiled;
}

function describeErrors(errors) {
  return (errors ?? []).map((e) => {
    const where = e.instancePath === '' ? 'body' : `body${e.instancePath}`;
    const params = e.keyword === 'additionalProperties' ? ` (${e.params.additionalProperty})` : e.keyword === 'enum' ? ` (${JSON.stringify(e.params.allowedValues)})` : '';
    return `${where} ${e.message}${params}`;
  });
}

/**
 * Checks one answer against the spec. `exchange`: { vendor?, method, path, status, body, contentType?, basePath?,
 * offSpec?, unspecified? } (`contentType`: a media type that is not JSON must be one the response documents). `body` is the parsed JSON (undefined: no body; `bodyText` instead: the raw text, which must
 * then parse). Returns what was checked: `{ checked: 'operationId status' }`, `{ offSpec: reason }` or
 * `{ unspecified: reason }`. Throws (and records) a SpecViolation for anything off the spec.
 */
export function checkResponse(exchange) {
  const method = String(exchange.method ?? 'GET').toUpperCase();
  const base = { ...exchange, method };
  if (exchange.offSpec !== undefined) {
    if (!isOffSpec(exchange.offSpec)) return fail(base, 'offSpec must be a marker made by offSpec(reason)');
    state.offSpecUses.push(exchange.offSpec.reason);
    return { offSpec: exchange.offSpec.reason };
  }
  const operation = findOperation(exchange.vendor, method, exchange.path, exchange.basePath);
  if (operation === undefined) {
    if (typeof exchange.unspecified === 'string' && exchange.unspecified !== '') return { unspecified: exchange.unspecified };
    return fail(base, `no operation of ${exchange.vendor === undefined ? 'any vendor’s spec' : `the ${exchange.vendor} spec`} matches ${method} ${pathOnly(exchange.path)}`);
  }
  const checked = { ...base, vendor: operation.vendor };
  const entry = spec(operation.vendor);
  const found = responseValidator(entry, { method: operation.method, template: operation.template, pointer: operation.pointer }, exchange.status);
  if (typeof found === 'string') return fail(checked, found);
  if (exchange.contentType !== undefined && !/\bjson\b/i.test(exchange.contentType)) {
    const media = String(exchange.contentType).split(';')[0].trim().toLowerCase();
    if (found.types.includes(media)) return { checked: `${operation.operationId ?? `${operation.method} ${operation.template}`} ${found.key} (${media})` };
    return fail(checked, `the body is ${media === '' ? 'sent without a content type' : media}; the spec's ${found.key} response of ${operation.template} is ${found.types.join(', ') || 'bodiless'}`);
  }
  let body = exchange.body;
  if (exchange.bodyText !== undefined) {
    const text = typeof exchange.bodyText === 'string' ? exchange.bodyText : Buffer.from(exchange.bodyText).toString('utf8');
    if (text === '') body = undefined;
    else {
      try {
        body = JSON.parse(text);
      } catch {
        return fail(checked, `the body is not JSON: ${JSON.stringify(text.slice(0, 80))}`);
      }
    }
  }
  if (found.validate === undefined) {
    if (body !== undefined) return fail(checked, `the spec's ${found.key} response of ${operation.template} has no JSON body, but one was sent`);
  } else if (body === undefined) {
    return fail(checked, `the spec's ${found.key} response of ${operation.template} has a JSON body, none was sent`);
  } else if (!found.validate(body)) {
    return fail(checked, `the body does not match the ${found.key} response of ${operation.operationId ?? operation.template}`, describeErrors(found.validate.errors));
  }
  return { checked: `${operation.operationId ?? `${operation.method} ${operation.template}`} ${found.key}` };
}

function fail(exchange, problem, errors) {
  const violation = new SpecViolation(exchange, problem, errors);
  state.violations.push(violation);
  throw violation;
}

/**
 * An error body in the vendor's documented error shape (what a fake answers for a failure of its own making):
 * Vercel `{error: {code, message}}`, Gcore `{exception_class, message}`, NAVER `{error: {errorCode, message,
 * details}}`, Huawei `{error_code, error_msg}`.
 */
export function vendorErrorBody(vendor, code, message) {
  switch (vendor) {
    case 'gcore':
      return { exception_class: code, message };
    case 'naver':
      return { error: { errorCode: code, message, details: message } };
    case 'huawei':
      return { error_code: code, error_msg: message };
    default:
      return { error: { code, message } };
  }
}

/**
 * For a fake about to answer: conforming (or explicitly exempt), `{ ok: true }`; off the spec, the violation is
 * recorded and `{ ok: false, status: 500, body }` is what to send instead: the vendor's error shape saying why
 * (so the client fails loudly, and the test fails from the record even if the client swallowed the 500).
 */
export function conformingAnswer(exchange) {
  try {
    return { ok: true, result: checkResponse(exchange) };
  } catch (error) {
    if (!(error instanceof SpecViolation)) throw error;
    const vendor = error.exchange.vendor;
    return { ok: false, status: 500, violation: error, body: vendorErrorBody(vendor, 'FAKE_OFF_SPEC', error.message) };
  }
}

/** Every example (media-type `example`/`examples`) of every response in the vendor's spec, for checking them. */
export function specExamples(vendor) {
  const entry = spec(vendor);
  const out = [];
  for (const operation of entry.operations) {
    const responses = at(entry.document, [...operation.pointer, 'responses']) ?? {};
    for (const [status, raw] of Object.entries(responses)) {
      let response = raw;
      for (let hops = 0; response?.$ref !== undefined && hops < 10; hops++) response = at(entry.document, refPointer(response.$ref));
      for (const [type, media] of Object.entries(response?.content ?? {})) {
        if (!/\bjson\b/.test(type)) continue;
        if (media.example !== undefined) out.push({ method: operation.method, template: operation.template, status, name: 'example', value: media.example });
        for (const [name, example] of Object.entries(media.examples ?? {})) {
          if (example?.$ref !== undefined) out.push({ method: operation.method, template: operation.template, status, name, value: at(entry.document, [...refPointer(example.$ref), 'value']) });
          else if (example && 'value' in example) out.push({ method: operation.method, template: operation.template, status, name, value: example.value });
        }
      }
    }
  }
  return out;
}

/**
 * The spec's own example answer for `method path` at `status` (the first one, as Prism serves it), or undefined
 * when the operation or the example is missing.
 */
export function exampleFor(vendor, method, path, status = 200, basePath = '') {
  const operation = findOperation(vendor, method, path, basePath);
  if (operation === undefined) return undefined;
  const key = String(status);
  return specExamples(operation.vendor).find((e) => e.method === operation.method && e.template === operation.template && e.status === key)?.value;
}

/** A concrete request path for an operation's template (each parameter a placeholder segment). */
export function samplePath(template) {
  return template.replace(/\{[^}]+\}/g, 'x');
}

const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SUBSCHEMAS = ['items', 'not', 'additionalProperties', 'contains', 'if', 'then', 'else', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties'];

/**
 * Every schema-level example in the vendor's spec (`example`, and a JSON Schema `examples` array), with the
 * pointer (parts) of the schema it belongs to: what Prism falls back on when a response has no example.
 */
export function schemaExamples(vendor) {
  const entry = spec(vendor);
  const out = [];
  const visitSchema = (schema, pointer) => {
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema) || schema.$ref !== undefined && Object.keys(schema).length === 1) return;
    if (schema.example !== undefined) out.push({ pointer, name: 'example', value: schema.example });
    if (Array.isArray(schema.examples)) schema.examples.forEach((value, i) => out.push({ pointer, name: `examples[${i}]`, value }));
    for (const key of SUBSCHEMA_MAPS) for (const [name, sub] of Object.entries(schema[key] ?? {})) visitSchema(sub, [...pointer, key, name]);
    for (const key of SUBSCHEMA_LISTS) (Array.isArray(schema[key]) ? schema[key] : []).forEach((sub, i) => visitSchema(sub, [...pointer, key, i]));
    for (const key of SUBSCHEMAS) if (typeof schema[key] === 'object') visitSchema(schema[key], [...pointer, key]);
  };
  // Outside schemas: every `schema` (parameters, media types) and every component schema.
  const visit = (node, pointer) => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((item, i) => visit(item, [...pointer, i]));
    for (const [key, value] of Object.entries(node)) {
      if (key === 'schema') visitSchema(value, [...pointer, key]);
      else if (key === 'schemas' && pointer.length === 1 && pointer[0] === 'components') for (const [name, sub] of Object.entries(value ?? {})) visitSchema(sub, [...pointer, key, name]);
      else if (key !== 'example' && key !== 'examples') visit(value, [...pointer, key]);
    }
  };
  visit(entry.document, []);
  return out;
}

/** Validates `value` against the schema at `pointer` (parts) in the vendor's spec: the errors, [] when valid. */
export function validateAt(vendor, pointer, value) {
  const entry = spec(vendor);
  const key = `schema ${fragment(pointer)}`;
  let validate = entry.validators.get(key);
  if (validate === undefined) {
    validate = entry.ajv.compile({ $ref: `${entry.id}${fragment(pointer)}` });
    entry.validators.set(key, validate);
  }
  return validate(value) ? [] : describeErrors(validate.errors);
}
