#!/usr/bin/env node
// npm run specs:update -- <vendor> <vendor spec> [--out <file> | --dry-run] [--force]
//
// Rebuilds specs/<vendor>/openapi.yaml from the vendor's published OpenAPI document:
//   1. filter: `redocly bundle` with the filter-in decorator (our operationIds) and remove-unused-components,
//      so the vendor's whole document (Vercel's is 11 MB) shrinks to our operations;
//   2. check: every action of specs/<vendor>/overlay.yaml is evaluated against that filtered spec, and the ones
//      whose target matches nothing (an addition or change of ours that no longer fits) are reported;
//   3. apply: `redocly bundle --overlay specs/<vendor>/overlay.yaml` re-applies our documented additions;
//   4. lint the result with the repo's Redocly rules for that api, and compare it with the committed spec using
//      `redocly diff` (Redocly's diff-recommended rules rate each change major = breaking, minor or patch);
//   5. write it into specs/<vendor>/openapi.yaml (comments and untouched nodes kept) and regenerate the types,
//      or only to --out, or nowhere with --dry-run.
// Exit codes: 0 done (breaking changes included: they are reported, not refused), 1 the update failed,
// 2 usage error.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, parseArgs, promisify } from 'node:util';
import { parse } from 'yaml';
import { checkOverlayTargets, droppedAnnotations } from './specs-update/overlay-check.mjs';
import { cleanOutput, redocly, writeConfig } from './specs-update/redocly.mjs';
import { describePointer, formatDiff } from './specs-update/report.mjs';
import { HAND_WRITTEN, UPDATABLE } from './specs-update/vendors.mjs';
import { syncYaml } from './specs-update/yaml-sync.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export const USAGE = `Usage: npm run specs:update -- <vendor> <vendor-spec> [options]

Rebuilds specs/<vendor>/openapi.yaml from the vendor's full OpenAPI document (JSON or YAML):
filters it to our operations, re-applies specs/<vendor>/overlay.yaml (our documented additions),
lints the result, reports every change against the committed spec (breaking ones marked), writes
the spec and regenerates generated/ (node scripts/generate.mjs).

  <vendor>       ${Object.keys(UPDATABLE).join(' | ')} (${Object.keys(HAND_WRITTEN).join(' and ')} publish no OpenAPI: their specs are hand-written)
  <vendor-spec>  path of the vendor's document, e.g. specs/vercel/vendor/openapi.latest.json

Options:
  --out <file>   write the new spec to <file> (.yaml, or .json) instead of specs/<vendor>/openapi.yaml;
                 generated/ is left alone
  --dry-run      write nothing; only print the report
  --force        write even when the new spec has lint errors (the exit code is still 1)
  -h, --help     show this help

Exit codes: 0 updated (or nothing to update), 1 the update failed (Redocly error, none of our
operations in the document, lint errors), 2 usage error (unknown vendor, missing file, bad option).`;

class UsageError extends Error {}

/** A path as shown in the report: relative to the repo root when it is in or beside it, else absolute. */
const rel = (path) => {
  const relativePath = relative(ROOT, path);
  return relativePath.startsWith('../..') ? path : relativePath || '.';
};

function operationIds(spec) {
  const ids = [];
  for (const item of Object.values(spec.paths ?? {})) {
    for (const operation of Object.values(item ?? {})) if (operation?.operationId) ids.push(operation.operationId);
  }
  return ids;
}

/** The update itself: returns what happened; writes only the destination (and nothing with dryRun). */
export async function updateSpec({ vendor, source, out, dryRun = false, force = false }) {
  const { name, operations } = UPDATABLE[vendor];
  const specFile = join(ROOT, 'specs', vendor, 'openapi.yaml');
  const overlayFile = join(ROOT, 'specs', vendor, 'overlay.yaml');
  const tmp = await mkdtemp(join(tmpdir(), 'cic-specs-update-'));
  try {
    // 1. Filter the vendor's document down to our operations.
    const filterConfig = await writeConfig(tmp, 'filter.yaml', {
      extends: [],
      decorators: {
        'filter-in': { property: 'operationId', value: operations, matchStrategy: 'any' },
        'remove-unused-components': 'on',
      },
    });
    const filteredFile = join(tmp, 'filtered.json');
    let run = await redocly(['bundle', source, '--config', filterConfig, '-o', filteredFile]);
    if (run.code !== 0 || !existsSync(filteredFile)) throw new Error(`redocly bundle (filter-in) failed:\n${cleanOutput(run)}`);
    const vendorSpec = JSON.parse(await readFile(filteredFile, 'utf8'));
    const found = operationIds(vendorSpec);
    const missing = operations.filter((id) => !found.includes(id));
    if (missing.length === operations.length) {
      throw new Error(`none of our operations (${operations.join(', ')}) is in ${rel(source)}: is it ${name}'s OpenAPI document?`);
    }

    // 2. Which of our additions no longer find their target.
    const overlay = parse(await readFile(overlayFile, 'utf8'));
    const targets = checkOverlayTargets(overlay, vendorSpec);

    // 3. Re-apply our additions.
    const applyConfig = await writeConfig(tmp, 'apply.yaml', { extends: [] });
    const appliedFile = join(tmp, 'applied.json');
    run = await redocly(['bundle', filteredFile, '--config', applyConfig, '--overlay', overlayFile, '-o', appliedFile]);
    if (run.code !== 0 || !existsSync(appliedFile)) throw new Error(`redocly bundle --overlay ${rel(overlayFile)} failed:\n${cleanOutput(run)}`);
    const next = JSON.parse(await readFile(appliedFile, 'utf8'));

    // The committed spec is the base: same data, same file; otherwise the new data written into its YAML.
    const currentText = await readFile(specFile, 'utf8');
    const current = parse(currentText);
    const changed = !isDeepStrictEqual(current, next);
    const text = changed ? syncYaml(currentText, next) : currentText;
    if (!isDeepStrictEqual(parse(text), next)) throw new Error('internal error: the YAML written does not parse back to the new spec');
    const candidateFile = join(tmp, 'openapi.yaml');
    await writeFile(candidateFile, text);

    // 4. Lint with the repo's rules for this api, and compare with the committed spec.
    const repoConfig = parse(await readFile(join(ROOT, 'redocly.yaml'), 'utf8'));
    const lintConfig = await writeConfig(tmp, 'lint.yaml', {
      ...repoConfig,
      // The config now lives in the temp dir: plugin paths, relative to the repo root, are made absolute.
      ...(Array.isArray(repoConfig.plugins) ? { plugins: repoConfig.plugins.map((p) => (typeof p === 'string' ? resolve(ROOT, p) : p)) } : {}),
      apis: { [vendor]: { ...repoConfig.apis?.[vendor], root: candidateFile } },
    });
    run = await redocly(['lint', vendor, '--config', lintConfig, '--format', 'json']);
    let lint;
    try {
      lint = JSON.parse(run.stdout);
    } catch {
      throw new Error(`redocly lint failed:\n${cleanOutput(run)}`);
    }

    let diff = null;
    if (changed) {
      const diffConfig = await writeConfig(tmp, 'diff.yaml', { extends: ['diff-recommended'] });
      const diffFile = join(tmp, 'diff.json');
      run = await redocly(['diff', specFile, candidateFile, '--config', diffConfig, '--format', 'json', '--fail-on', 'none', '-o', diffFile]);
      if (run.code !== 0 || !existsSync(diffFile)) throw new Error(`redocly diff failed:\n${cleanOutput(run)}`);
      diff = JSON.parse(await readFile(diffFile, 'utf8'));
    }

    // 5. Write.
    const lintFailed = lint.totals.errors > 0;
    const destination = dryRun || (lintFailed && !force) ? null : out ? resolve(out) : specFile;
    if (destination) {
      await mkdir(dirname(destination), { recursive: true });
      await writeFile(destination, destination.endsWith('.json') ? `${JSON.stringify(next, null, 2)}\n` : text);
    }
    let generated = null;
    if (destination === specFile && changed) {
      const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'scripts', 'generate.mjs')], { cwd: ROOT });
      generated = stdout.trim();
    }
    return {
      vendor, name, source, operations, missing, overlayFile, targets, changed, diff, lint, lintFailed, destination, generated,
      dropped: droppedAnnotations(current, next), specFile,
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** The printed report. */
export function formatReport(result) {
  const { name, source, operations, missing, overlayFile, targets, changed, diff, lint, dropped, specFile } = result;
  const lines = [`specs:update ${result.vendor}: ${name} spec from ${rel(source)}`];
  lines.push(`Operations: ${operations.map((id) => `${id} ${missing.includes(id) ? 'MISSING' : 'found'}`).join(', ')}`);
  for (const id of missing) {
    lines.push(`  ! ${id} is not in the vendor's document (removed, or its operationId renamed): it is gone from the new spec`);
  }
  const total = targets.applied.length + targets.unmatched.length;
  lines.push(`Overlay ${rel(overlayFile)}: ${targets.applied.length} of ${total} actions applied`);
  if (targets.unmatched.length > 0) {
    lines.push(`  NOT APPLIED (target matches nothing in the vendor's document; review the action and SOURCE.md):`);
    for (const { index, description, target } of targets.unmatched) {
      lines.push(`    #${index + 1} ${description ?? ''}`.trimEnd(), `        target: ${target}`);
    }
  }
  if (dropped.length > 0) {
    lines.push(`Notes of ours in ${rel(specFile)} that the new spec no longer carries:`);
    for (const { pointer, key, text } of dropped) {
      lines.push(`  ${key} on ${describePointer(pointer.replace(/\/[^/]+$/, ''))}: ${text.length > 80 ? `${text.slice(0, 77)}...` : text}`);
    }
  }
  if (!changed) {
    lines.push(`No changes: the new spec is the committed ${rel(specFile)} (same data after parse).`);
  } else {
    const s = diff.summary ?? {};
    lines.push(
      `Changes against the committed ${rel(specFile)} (redocly diff, diff-recommended rules; major = breaking for clients, minor = compatible addition, patch = no effect on the wire):`,
      `  ${s.major ?? 0} breaking (major), ${s.minor ?? 0} minor, ${s.patch ?? 0} patch`,
      ...formatDiff(diff),
    );
  }
  const problems = lint.problems ?? [];
  lines.push(`Lint (redocly.yaml rules for ${result.vendor}): ${lint.totals.errors} errors, ${lint.totals.warnings} warnings`);
  for (const p of problems) lines.push(`  ${p.severity} ${p.ruleId}: ${p.message} (${p.location?.[0]?.pointer ?? ''})`);
  if (result.destination) lines.push(`Wrote ${rel(result.destination)}${changed ? '' : ' (unchanged)'}`);
  else lines.push(result.lintFailed ? 'Wrote nothing: the new spec has lint errors (use --force to write it anyway).' : 'Wrote nothing (--dry-run).');
  if (result.generated) lines.push(`Regenerated types: ${result.generated}`);
  if (changed && result.destination) {
    lines.push(
      `Next: review the changes, update specs/${result.vendor}/SOURCE.md (source, date, changes) and the header comment of the spec,`,
      '  then run npm test: code that uses a renamed path or a removed field no longer typechecks against generated/.',
    );
  }
  return lines.join('\n');
}

function parseCommandLine(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        'dry-run': { type: 'boolean' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error.message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  const [vendor, source, ...extra] = positionals;
  if (!vendor) throw new UsageError('missing <vendor>');
  if (HAND_WRITTEN[vendor]) throw new UsageError(`${vendor}: nothing to update from. ${HAND_WRITTEN[vendor]}`);
  if (!UPDATABLE[vendor]) throw new UsageError(`unknown vendor "${vendor}" (one of: ${Object.keys(UPDATABLE).join(', ')})`);
  if (!source) throw new UsageError('missing <vendor-spec>: the path of the vendor\'s OpenAPI document');
  if (extra.length > 0) throw new UsageError(`unexpected argument: ${extra.join(' ')}`);
  // npm runs scripts in the repo root; paths given on its command line are relative to where it was started.
  const base = process.env.INIT_CWD ?? process.cwd();
  if (!existsSync(resolve(base, source))) throw new UsageError(`no such file: ${source}`);
  if (values.out !== undefined && values['dry-run']) throw new UsageError('--out and --dry-run exclude each other');
  if (values.out === '') throw new UsageError('--out needs a file name');
  return {
    vendor,
    source: resolve(base, source),
    out: values.out === undefined ? undefined : resolve(base, values.out),
    dryRun: Boolean(values['dry-run']),
    force: Boolean(values.force),
  };
}

async function main() {
  let options;
  try {
    options = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`specs:update: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  let result;
  try {
    result = await updateSpec(options);
  } catch (error) {
    console.error(`specs:update ${options.vendor} failed: ${error.message}`);
    process.exit(1);
  }
  console.log(formatReport(result));
  if (result.lintFailed) process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
