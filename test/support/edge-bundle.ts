// Bundles project modules the way an edge bundler would (esbuild, platform neutral: no Node built-in can
// be resolved, so a static `node:` import fails the build) as an IIFE exposing their exports as a global,
// ready to evaluate inside @edge-runtime/vm.
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface EdgeBundle {
  code: string;
  /** The source files the bundle pulled in, relative to the project root. */
  inputs: string[];
}

/** `contents` is a module body of re-exports relative to the project root, e.g. `export * from './src/naver.ts';`. */
export async function bundleForEdge(contents: string, globalName: string): Promise<EdgeBundle> {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, sourcefile: `edge-${globalName}.ts`, loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    // Resolution conditions of Vercel's edge functions, plus the one that maps `#wire` to the TypeScript sources.
    conditions: ['cloud-image-clients:source', 'edge-light', 'worker', 'browser'],
    target: 'es2022',
    // Not tsconfig.json: its `paths` map `#wire` to the Node wire for tsc and tsx.
    tsconfigRaw: {},
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { code: result.outputFiles[0]!.text, inputs: Object.keys((result.metafile as Metafile).inputs) };
}

/** True when the bundle still imports or requires a Node built-in. */
export function importsNodeBuiltins(code: string): boolean {
  return /require\(["']node:|from ["']node:/.test(code);
}
