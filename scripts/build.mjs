#!/usr/bin/env node
// `npm run build` (also `prepack`): a clean dist/ with bundled ESM JavaScript, declarations and source maps.
//
//   dist/src/<entry>.js       Node: one bundle per package entry (index, vercel, gcore, naver, huawei) and the
//                             CLI (cli.js), sending through the undici wire; package `exports` condition "node"
//   dist/neutral/<entry>.js   everywhere else (edge runtimes, browsers, their bundlers): the same entries
//                             sending through fetch, with no Node built-in and no undici; condition "default"
//   dist/*/chunks/*.js        code shared by several entries, in one place per build: a class such as ApiError
//                             exists once, so `instanceof` holds across entry points
//   dist/src/**.d.ts          declarations, from tsc (tsconfig.build.json, declarations only), for both builds
//   dist/generated/*.d.ts     the generated OpenAPI types the declarations import
//
// Why bundles: Node's module loader pays per module (resolve, read, compile), and the sources are one module
// per responsibility, some 40 per entry; a bundle loads as a handful. The wire (`#wire` in the sources) is
// chosen here, per build, so no module is spent choosing it at run time. Output is readable (not minified);
// source maps embed their sources (the package ships no src/). Dependencies stay external except
// openapi-fetch, one small module every entry loads: bundled into the shared chunk, it spares each import a
// package resolution and a module (about 1–2 ms measured); it stays a dependency for its types, and its
// licence ships beside the bundles (dist/THIRD-PARTY-LICENSES.md).
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const pkg = JSON.parse(readFileSync(at('package.json'), 'utf8'));

const LIBRARY = ['index', 'vercel', 'gcore', 'naver', 'huawei'];
/** Dependencies compiled into the bundles (see above); their licences go to dist/THIRD-PARTY-LICENSES.md. */
const BUNDLED = ['openapi-fetch'];

rmSync(at('dist'), { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const declared = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--emitDeclarationOnly'], { cwd: root, stdio: 'inherit' });
if (declared.status !== 0) {
  console.error(`build: tsc failed (${declared.status ?? declared.signal})`);
  process.exit(1);
}

mkdirSync(at('dist/generated'), { recursive: true });
for (const name of readdirSync(at('generated'))) {
  if (name.endsWith('.d.ts')) copyFileSync(at(`generated/${name}`), at(`dist/generated/${name}`));
}

/** One build: `entries` from src/ to `outdir`; `platform` picks `#wire` (package `imports`, source condition). */
function bundle(entries, outdir, platform) {
  return esbuild.build({
    absWorkingDir: root,
    entryPoints: entries.map((entry) => ({ in: `src/${entry}.ts`, out: entry })),
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform,
    target: platform === 'node' ? 'node20' : 'es2022',
    conditions: ['cloud-image-clients:source'],
    external: Object.keys(pkg.dependencies ?? {}).filter((name) => !BUNDLED.includes(name)),
    // A bundled dependency is named by its path under node_modules, even when node_modules is a link.
    preserveSymlinks: true,
    // tsconfig.json's `paths` (for tsc and tsx) would pin `#wire` to the Node wire: the package's `imports` decide.
    tsconfigRaw: {},
    sourcemap: true,
    sourcesContent: true,
    logLevel: 'warning',
  });
}

/**
 * An entry that only re-exports shared chunks has nothing to map: its empty map and the link to it go. So does
 * a chunk's: a re-exporting module that several entries share (a vendor's entry file imported by the CLI too)
 * becomes a chunk with no code of its own.
 */
function dropEmptyMaps(dir) {
  for (const name of readdirSync(at(dir))) {
    if (!name.endsWith('.js.map')) continue;
    if (JSON.parse(readFileSync(at(`${dir}/${name}`), 'utf8')).sources.length > 0) continue;
    rmSync(at(`${dir}/${name}`));
    const js = at(`${dir}/${name.slice(0, -'.map'.length)}`);
    writeFileSync(js, readFileSync(js, 'utf8').replace(`//# sourceMappingURL=${name}\n`, ''));
  }
}

await bundle([...LIBRARY, 'cli'], 'dist/src', 'node');
await bundle(LIBRARY, 'dist/neutral', 'neutral');
for (const dir of ['dist/src', 'dist/src/chunks', 'dist/neutral', 'dist/neutral/chunks']) dropEmptyMaps(dir);

/** The licence of every bundled dependency, with its name and version, as the licences require. */
function writeThirdPartyLicenses() {
  const require = createRequire(import.meta.url);
  const sections = BUNDLED.map((name) => {
    const dir = require.resolve(`${name}/package.json`).slice(0, -'package.json'.length);
    const { version, license } = JSON.parse(readFileSync(`${dir}package.json`, 'utf8'));
    return `## ${name} ${version} (${license})\n\n${readFileSync(`${dir}LICENSE`, 'utf8').trim()}\n`;
  });
  writeFileSync(at('dist/THIRD-PARTY-LICENSES.md'), `# Third-party code in these bundles\n\n${sections.join('\n')}`);
}
writeThirdPartyLicenses();

// The `cloud-images` bin (npm sets the mode on install too; this keeps ./dist/src/cli.js runnable in a checkout).
chmodSync(at('dist/src/cli.js'), 0o755);
