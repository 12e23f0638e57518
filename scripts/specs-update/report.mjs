// Formats the JSON report of `redocly diff` (Redocly CLI's OpenAPI diff, with its `diff-recommended` rules) for
// people: grouped by operation, breaking changes first, with the library's own verdict messages. Nothing here
// decides what changed or whether it breaks; that is the library's call.

const IMPACT_ORDER = { major: 0, minor: 1, patch: 2 };
const IMPACT_LABEL = { major: 'BREAKING', minor: 'minor   ', patch: 'patch   ' };
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

const unescape = (segment) => decodeURIComponent(segment).replaceAll('~1', '/').replaceAll('~0', '~');
const segmentsOf = (pointer) => pointer.replace(/^#\/?/, '').split('/').filter(Boolean).map(unescape);

/** `GET /path`, `/path` or `components`, and the rest of the pointer inside it. */
function groupOf(pointer) {
  const segments = segmentsOf(pointer);
  if (segments[0] === 'paths' && segments.length > 1) {
    if (METHODS.has(segments[2])) return { group: `${segments[2].toUpperCase()} ${segments[1]}`, rest: segments.slice(3) };
    return { group: segments[1], rest: segments.slice(2) };
  }
  return { group: segments[0] ?? 'document', rest: segments.slice(1) };
}

/** `response 200 body: image.layers[]` for responses/200/content/application/json/schema/properties/image/... */
function describeLocation(rest) {
  const schemaPath = (parts) => {
    let out = '';
    for (let i = 0; i < parts.length; i++) {
      if (parts[i] === 'properties' && i + 1 < parts.length) out += `.${parts[++i]}`;
      else if (parts[i] === 'items') out += '[]';
      else out += `.${parts[i]}`;
    }
    return out.replace(/^\./, '');
  };
  if (rest[0] === 'responses' && rest.length >= 2) {
    if (rest.length === 2) return `response ${rest[1]}`;
    if (rest[2] === 'content' && rest.length === 3) return `response ${rest[1]} body (every media type)`;
    if (rest[2] === 'content' && rest[4] === 'schema') {
      const inner = schemaPath(rest.slice(5));
      return `response ${rest[1]} body${inner ? `: ${inner}` : ''}`;
    }
    if (rest[2] === 'content' && rest[4] === 'examples') return `response ${rest[1]} examples${rest[5] ? `: ${rest[5]}` : ''}`;
    return `response ${rest[1]}: ${rest.slice(2).join('/')}`;
  }
  if (rest[0] === 'schemas' && rest.length >= 2) return `schema ${rest[1]}${rest.length > 2 ? `: ${schemaPath(rest.slice(2))}` : ''}`;
  return rest.join('/');
}

/** `GET /path: response 200 body: image.layers[]` for a JSON pointer into a spec. */
export function describePointer(pointer) {
  const { group, rest } = groupOf(pointer);
  const where = describeLocation(rest);
  return where ? `${group}: ${where}` : group;
}

/** One human line per library verdict, or a line from the change itself when the library has no verdict. */
function describeChange(change) {
  const { rest } = groupOf(change.path);
  if (change.typeName === 'PathItem' && change.property === 'key') {
    return [`path renamed: ${change.base?.value} → ${change.revision?.value}`];
  }
  if (change.verdicts?.length) return change.verdicts.map((v) => `${v.message} [${v.ruleId}]`);
  const param = change.revision?.value?.name ?? change.base?.value?.name;
  const where =
    rest[0] === 'parameters' && param
      ? `parameter \`${param}\``
      : describeLocation(rest) || (change.path.split('/').length === 4 ? 'operation' : 'path item');
  return [`${change.kind} ${where}${change.property ? ` · ${change.property}` : ''}`];
}

/**
 * @param {{ summary: Record<string, number>, changes: object[] }} diff the JSON report of `redocly diff`
 * @returns {string[]} report lines
 */
export function formatDiff(diff) {
  const groups = new Map();
  for (const change of diff.changes) {
    const { group } = groupOf(change.path);
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group).push(change);
  }
  const lines = [];
  const ordered = [...groups.entries()].sort(([a], [b]) => (a === 'components') - (b === 'components'));
  for (const [group, changes] of ordered) {
    lines.push(`  ${group}`);
    changes.sort((a, b) => IMPACT_ORDER[a.impact] - IMPACT_ORDER[b.impact]);
    for (const change of changes) {
      for (const text of describeChange(change)) lines.push(`    ${IMPACT_LABEL[change.impact] ?? change.impact} ${text}`);
    }
  }
  return lines;
}
