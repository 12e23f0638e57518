// The documented 200 example of an operation, read from its spec (what the Prism mocks serve).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export function example200(vendor: string, path: string, name?: string): unknown {
  const spec = parse(readFileSync(new URL(`../../specs/${vendor}/openapi.yaml`, import.meta.url), 'utf8'));
  const content = spec.paths[path].get.responses['200'].content['application/json'];
  if (name === undefined && content.example !== undefined) return content.example;
  const examples = (content.examples ?? {}) as Record<string, { value: unknown }>;
  const chosen = name === undefined ? Object.values(examples)[0] : examples[name];
  if (!chosen) throw new Error(`no 200 example ${name ?? ''} for ${vendor} ${path}`);
  return chosen.value;
}
