// Which overlay actions would change nothing. Redocly applies an Overlay action whose target matches nothing
// without a word; an addition of ours that silently stops applying is exactly what a spec update must surface.
// Each target is evaluated, with an RFC 9535 JSONPath engine (the dialect Overlay 1.0 specifies), against the
// filtered vendor spec before any action runs: overlay.yaml's rule is that targets select vendor nodes.
import { paths } from 'jsonpath-rfc9535';

/**
 * @param {{ actions?: Array<{ target?: unknown, description?: string, remove?: boolean }> }} overlay
 * @param {unknown} vendorSpec the vendor's spec, filtered to our operations, before the overlay
 * @returns {{ applied: Array<{ index: number, description?: string, target: string, matches: string[] }>,
 *             unmatched: Array<{ index: number, description?: string, target: string }> }}
 */
export function checkOverlayTargets(overlay, vendorSpec) {
  if (!Array.isArray(overlay?.actions)) throw new Error('the overlay has no `actions` list');
  const applied = [];
  const unmatched = [];
  overlay.actions.forEach((action, index) => {
    const { target, description } = action ?? {};
    if (typeof target !== 'string') throw new Error(`overlay action #${index + 1} has no JSONPath \`target\``);
    let matches;
    try {
      matches = paths(vendorSpec, target);
    } catch (error) {
      throw new Error(`overlay action #${index + 1}: invalid JSONPath ${target}: ${error.message}`);
    }
    if (matches.length === 0) unmatched.push({ index, description, target });
    else applied.push({ index, description, target, matches });
  });
  return { applied, unmatched };
}

/** Every `x-cic-addition` / `x-cic-change` note in a spec, as { pointer, key, text }. */
export function annotations(spec) {
  const found = [];
  const walk = (node, pointer) => {
    if (Array.isArray(node)) node.forEach((child, i) => walk(child, `${pointer}/${i}`));
    else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const at = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        if ((key === 'x-cic-addition' || key === 'x-cic-change') && typeof child === 'string') found.push({ pointer: at, key, text: child });
        else walk(child, at);
      }
    }
  };
  walk(spec, '#');
  return found;
}

/** The notes of `before` whose text `after` no longer carries (compared as a multiset of texts). */
export function droppedAnnotations(before, after) {
  const left = new Map();
  for (const { key, text } of annotations(after)) left.set(`${key}\0${text}`, (left.get(`${key}\0${text}`) ?? 0) + 1);
  return annotations(before).filter(({ key, text }) => {
    const id = `${key}\0${text}`;
    const count = left.get(id) ?? 0;
    if (count > 0) left.set(id, count - 1);
    return count === 0;
  });
}
