// The package as a user gets it: stage the checkout, `npm pack` it (prepack = npm run build), install the
// tarball into a fresh project with no network. Used by test/package/pack-install.test.ts (what the tarball
// holds, types, bin, bundle sizes) and test/runtimes/node-versions.test.ts (the installed package on each
// Node version).
//
// The pack runs from a staged copy of the checkout (the files git tracks or would track; node_modules is a
// symlink), so a test never rewrites the repository's dist/ while another run reads it, and two tests that
// each pack (vitest runs files in parallel) build in their own directories.
// The install is offline: the tarball's runtime dependencies (openapi-fetch and its dependency, csv-stringify) come from
// the npm cache (`npm ci` fills it); if the cache lacks it, from tarballs packed out of the repository's own
// node_modules. Either way nothing is downloaded.
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const repoPkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  exports: Record<string, unknown>;
};

/** npm's own CLI script: the one running this test (npm test), else the one installed beside node. */
export const NPM_CLI = [process.env['npm_execpath'], join(dirname(process.execPath), '../lib/node_modules/npm/bin/npm-cli.js')].find(
  (p): p is string => p !== undefined && p.endsWith('.js') && existsSync(p),
);

/**
 * The environment for child processes: without the npm_* variables an outer `npm test` exports (an inherited
 * npm_config_prefix or npm_config_global would point npm somewhere else), keeping the npm cache location.
 */
export function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(name)) env[name] = value;
  }
  const cache = process.env['npm_config_cache'];
  if (cache) env['npm_config_cache'] = cache;
  env['npm_config_update_notifier'] = 'false';
  env['NO_COLOR'] = '1';
  return env;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `file` with `args` in `cwd`; `env` defaults to childEnv(). Resolves with the exit code (null: killed). */
export function run(file: string, args: readonly string[], cwd: string, timeoutMs = 60_000, env: NodeJS.ProcessEnv = childEnv()): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : null;
      if (error !== null && code === null) reject(error);
      else resolve({ code, stdout, stderr });
    });
  });
}

export async function npm(args: readonly string[], cwd: string): Promise<string> {
  const result = await run(process.execPath, [NPM_CLI as string, ...args], cwd);
  if (result.code !== 0) throw new Error(`npm ${args.join(' ')} failed (${result.code}):\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

/**
 * Copies the checkout's files into `stage`: what git tracks or would track (ignored build output such as
 * dist/, docs/, .tmp/ stays behind); without git, everything but node_modules, .git and ignored top-level dirs.
 */
export function stageCheckout(stage: string): void {
  let files: string[] | undefined;
  try {
    files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString('utf8')
      .split('\0')
      .filter((f) => f !== '' && existsSync(join(ROOT, f)));
  } catch {
    files = undefined;
  }
  if (files === undefined) {
    const skip = new Set(['node_modules', '.git', 'dist', 'docs', '.tmp', 'coverage']);
    cpSync(ROOT, stage, {
      recursive: true,
      filter: (src) => {
        const rel = relative(ROOT, src);
        return rel === '' || (!skip.has(rel.split(sep)[0] as string) && !rel.endsWith('.tgz'));
      },
    });
  } else {
    for (const file of files) {
      mkdirSync(dirname(join(stage, file)), { recursive: true });
      copyFileSync(join(ROOT, file), join(stage, file));
    }
  }
  symlinkSync(join(ROOT, 'node_modules'), join(stage, 'node_modules'), 'junction');
}

export interface PackedFile {
  path: string;
  size: number;
}

export interface Tarball {
  filename: string;
  size: number;
  unpackedSize: number;
  files: PackedFile[];
}

export interface PackedInstall {
  tarball: Tarball;
  /** The fresh project the tarball is installed into (package.json with "type": "module"). */
  consumer: string;
  installedFrom: 'npm cache' | 'local tarballs';
  /** consumer/node_modules/<package name> */
  pkgDir: string;
}

/** Stages the checkout under `temp`, packs it, and installs the tarball offline into `temp`/consumer. */
export async function packAndInstall(temp: string): Promise<PackedInstall> {
  if (NPM_CLI === undefined) throw new Error('npm-cli.js not found');

  // 1. Stage the checkout and pack it (prepack = npm run build).
  const stage = join(temp, 'stage');
  stageCheckout(stage);
  const packs = join(temp, 'packs');
  mkdirSync(packs);
  const packed = JSON.parse(await npm(['pack', '--json', '--pack-destination', packs], stage)) as Tarball[];
  const tarball = packed[0] as Tarball;

  // 2. A fresh project that installs the tarball, offline.
  const consumer = join(temp, 'consumer');
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
  const install = ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock'];
  let installedFrom: PackedInstall['installedFrom'];
  try {
    await npm([...install, join(packs, tarball.filename)], consumer);
    installedFrom = 'npm cache';
  } catch (error) {
    if (!/ENOTCACHED|offline/i.test(String(error))) throw error;
    // Not in the npm cache: pack the runtime dependency closure out of the repository's node_modules.
    const deps = new Set<string>();
    const visit = (name: string) => {
      if (deps.has(name)) return;
      deps.add(name);
      const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
      for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep);
    };
    for (const dep of Object.keys(repoPkg.dependencies)) visit(dep);
    const local: string[] = [];
    for (const name of deps) {
      const out = JSON.parse(await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', packs, join(ROOT, 'node_modules', name)], packs)) as { filename: string }[];
      local.push(join(packs, (out[0] as { filename: string }).filename));
    }
    await npm([...install, join(packs, tarball.filename), ...local], consumer);
    installedFrom = 'local tarballs';
  }
  return { tarball, consumer, installedFrom, pkgDir: join(consumer, 'node_modules', repoPkg.name) };
}
