#!/usr/bin/env node
// `npm run build` (also `prepack`): a clean dist/ with ESM JavaScript, declarations and source maps.
//
//   dist/src/**        src/** compiled by tsc (tsconfig.build.json); the package entry points live here
//   dist/generated/**  the generated parameter rules (*.params.ts, compiled) and the generated OpenAPI types
//                      (*.d.ts, declaration-only inputs tsc does not emit, so they are copied as they are)
//
// The layout mirrors the repository (rootDir is the package root) so the emitted `../generated/*.js`
// imports resolve unchanged, in JavaScript and in the declarations. Source maps embed their sources
// (inlineSources): the package ships no src/, and a map never points at a file that is not there.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));

rmSync(at('dist'), { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (compiled.status !== 0) {
  console.error(`build: tsc failed (${compiled.status ?? compiled.signal})`);
  process.exit(1);
}

mkdirSync(at('dist/generated'), { recursive: true });
for (const name of readdirSync(at('generated'))) {
  if (name.endsWith('.d.ts')) copyFileSync(at(`generated/${name}`), at(`dist/generated/${name}`));
}

// The `cloud-images` bin (npm sets the mode on install too; this keeps ./dist/src/cli.js runnable in a checkout).
chmodSync(at('dist/src/cli.js'), 0o755);
