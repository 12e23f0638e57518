// Writes new spec data into the committed YAML document instead of printing a fresh file, so everything that
// did not change keeps its comments, its key order and its quoting. Only changed nodes are replaced.
import { isMap, isScalar, isSeq, parse, parseDocument, visit } from 'yaml';

/** How the specs are printed: no line folding, single quotes, JSON-style double-quoted strings. */
export const YAML_OPTIONS = { singleQuote: true, lineWidth: 0, doubleQuotedAsJSON: true };

const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const keyOf = (pair) => String(isScalar(pair.key) ? pair.key.value : pair.key);

/** Returns `node` brought in line with `value`: the same node, updated in place, or a new one. */
function sync(doc, node, value) {
  if (isMap(node) && isPlainObject(value)) {
    syncMap(doc, node, value);
    return node;
  }
  if (isSeq(node) && Array.isArray(value)) {
    node.items = node.items.slice(0, value.length).map((item, i) => sync(doc, item, value[i]));
    for (const item of value.slice(node.items.length)) node.items.push(createNode(doc, item));
    return node;
  }
  if (isScalar(node) && !(value !== null && typeof value === 'object') && node.value === value) return node;
  return createNode(doc, value);
}

/**
 * A new node for `value`. Strings that a YAML 1.1 reader would take for something else (a timestamp such as
 * 2026-06-30T10:00:00.000Z, `yes`, `on`...) are quoted, whatever reads the spec.
 */
function createNode(doc, value) {
  const node = doc.createNode(value);
  visit(node, {
    Scalar(_, scalar) {
      if (typeof scalar.value !== 'string' || scalar.type || scalar.value.includes('\n')) return;
      let read;
      try {
        read = parse(scalar.value, { version: '1.1', schema: 'yaml-1.1' });
      } catch {
        return;
      }
      if (read !== scalar.value) scalar.type = 'QUOTE_SINGLE';
    },
  });
  return node;
}

function syncMap(doc, map, value) {
  const keys = Object.keys(value);
  const removed = map.items.filter((pair) => !Object.hasOwn(value, keyOf(pair)));
  const added = keys.filter((key) => !map.items.some((pair) => keyOf(pair) === key));
  if (removed.length === 1 && added.length === 1) {
    // One key gone and one new (a renamed path, say): rename it in place, so its subtree keeps its comments.
    removed[0].key = isScalar(removed[0].key) ? Object.assign(removed[0].key, { value: added[0] }) : added[0];
  } else {
    map.items = map.items.filter((pair) => !removed.includes(pair));
  }
  keys.forEach((key, i) => {
    const pair = map.items.find((p) => keyOf(p) === key);
    if (pair) {
      pair.value = sync(doc, pair.value, value[key]);
      return;
    }
    // A new key goes right after the nearest key that precedes it in the new data and that the map has.
    const previous = keys.slice(0, i).reverse().find((k) => map.items.some((p) => keyOf(p) === k));
    const at = previous === undefined ? 0 : map.items.findIndex((p) => keyOf(p) === previous) + 1;
    map.items.splice(at, 0, doc.createPair(key, createNode(doc, value[key])));
  });
}

/** The YAML text of `data`, written over `currentText` (comments and untouched nodes kept). */
export function syncYaml(currentText, data) {
  const doc = parseDocument(currentText);
  doc.contents = sync(doc, doc.contents, data);
  return doc.toString(YAML_OPTIONS);
}
