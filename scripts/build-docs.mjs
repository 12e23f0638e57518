#!/usr/bin/env node
// npm run docs [-- --out-dir <dir>]
//
// Builds one HTML API reference per vendor spec with `redocly build-docs specs/<vendor>/openapi.yaml`, and an
// index.html that links the four, into docs/ (build output, not committed: see .gitignore).
// The pages work offline: Redoc's scripts are inlined (--inlineBundle; without it the page loads Redoc from
// Redocly's CDN) and Redoc's client telemetry is off (disableTelemetry). The one thing a page still asks the
// network for is the small "API docs by Redocly" logo in the sidebar, which Redoc hides when it fails to load.
// Exit codes: 0 built, 1 a build failed, 2 usage error.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { parse } from 'yaml';
import { VENDORS } from './generate.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CLI = join(ROOT, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
const ENV = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };

export const USAGE = `Usage: npm run docs [-- --out-dir <dir>]

Builds docs/<vendor>.html (${VENDORS.join(', ')}) from specs/<vendor>/openapi.yaml with
\`redocly build-docs\` (self-contained: Redoc inlined, no CDN, no telemetry), and docs/index.html.

  --out-dir <dir>  write the pages to <dir> instead of docs/
  -h, --help       show this help`;

const escapeHtml = (text) =>
  String(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** What the index says about a spec: title, version, and each operation's method, path, summary and id. */
async function describeSpec(vendor) {
  const spec = parse(await readFile(join(ROOT, 'specs', vendor, 'openapi.yaml'), 'utf8'));
  const operations = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const [method, operation] of Object.entries(item ?? {})) {
      if (operation?.operationId) operations.push({ method: method.toUpperCase(), path, summary: operation.summary ?? '', operationId: operation.operationId });
    }
  }
  return { vendor, title: spec.info?.title ?? vendor, version: spec.info?.version ?? '', operations };
}

async function buildPage(vendor, outDir) {
  const output = join(outDir, `${vendor}.html`);
  const args = [
    CLI, 'build-docs', join(ROOT, 'specs', vendor, 'openapi.yaml'),
    '--config', join(ROOT, 'redocly.yaml'),
    '--inlineBundle',
    '--openapi.disableTelemetry=true',
    '--title', `cloud-image-clients: ${vendor} API reference`,
    '-o', output,
  ];
  try {
    await promisify(execFile)(process.execPath, args, { cwd: ROOT, env: ENV, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    throw new Error(`redocly build-docs failed for specs/${vendor}/openapi.yaml:\n${error.stderr || error.message}`);
  }
  return output;
}

function indexPage(specs) {
  const sections = specs
    .map(({ vendor, title, version, operations }) => {
      const rows = operations
        .map(({ method, path, summary, operationId }) =>
          `        <li><code>${escapeHtml(method)} ${escapeHtml(path)}</code>: ${escapeHtml(summary)} (<code>${escapeHtml(operationId)}</code>)</li>`)
        .join('\n');
      return [
        `    <section>`,
        `      <h2><a href="${vendor}.html">${escapeHtml(title)}</a></h2>`,
        `      <p>specs/${vendor}/openapi.yaml, version <code>${escapeHtml(version)}</code>. Provenance and our changes: <a href="../specs/${vendor}/SOURCE.md">specs/${vendor}/SOURCE.md</a>.</p>`,
        `      <ul>\n${rows}\n      </ul>`,
        `    </section>`,
      ].join('\n');
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>cloud-image-clients: API references</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
      code { font-size: 0.9em; background: #f3f3f3; padding: 0 0.2em; }
      section { border-top: 1px solid #ddd; }
    </style>
  </head>
  <body>
    <h1>cloud-image-clients: API references</h1>
    <p>One page per spec in <code>specs/</code>, built by <code>npm run docs</code> with Redocly's <code>build-docs</code>.</p>
${sections}
  </body>
</html>
`;
}

/** Builds every page into `outDir`; returns the files written. */
export async function buildDocs(outDir) {
  await mkdir(outDir, { recursive: true });
  const pages = [];
  // Two builds at a time: the machines have two cores.
  for (let i = 0; i < VENDORS.length; i += 2) pages.push(...(await Promise.all(VENDORS.slice(i, i + 2).map((v) => buildPage(v, outDir)))));
  const index = join(outDir, 'index.html');
  await writeFile(index, indexPage(await Promise.all(VENDORS.map(describeSpec))));
  return [...pages, index];
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({ args: process.argv.slice(2), options: { 'out-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    console.error(`docs: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const outDir = resolve(values['out-dir'] ?? join(ROOT, 'docs'));
  try {
    for (const file of await buildDocs(outDir)) console.log(`built ${relative(process.cwd(), file) || file}`);
  } catch (error) {
    console.error(`docs: ${error.message}`);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
