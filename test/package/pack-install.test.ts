// The package as a user gets it: build, `npm pack`, install the tarball into a fresh project with no
// network, then import every entry point, type-check against the shipped declarations and run the bin.
//
// Staging, packing and the offline install are test/support/packed-package.ts: the pack runs from a staged
// copy of the checkout, so this test never rewrites the repository's dist/ while another run reads it, and
// `prepack` builds there exactly as it would for `npm publish`; the install downloads nothing.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NPM_CLI, ROOT, packAndInstall, repoPkg, run, type Tarball } from '../support/packed-package.js';
import { checkResponse, conformingAnswer } from '../support/spec-conformance.js';
import { gcoreImage } from '../support/vendor-bodies.js';

/** What the consumer script's fake fetch answers for Gcore's getImage: checked here, since the script runs without the check. */
const GCORE_IMAGE = gcoreImage({ id: 'img-1', region_id: 2, created_at: '2024-05-05T14:51:26.570000' });
checkResponse({ vendor: 'gcore', method: 'GET', path: '/cloud/v1/images/1/2/img-1', status: 200, body: GCORE_IMAGE });

const SUBPATHS = ['vercel', 'gcore', 'naver', 'huawei'] as const;
const FACTORIES = { vercel: 'createVercelClient', gcore: 'createGcoreClient', naver: 'createNaverClient', huawei: 'createHuaweiClient' } as const;
/** A string only that vendor's module holds (its default endpoint). */
const BASE_URL_MARKS = { vercel: 'api.vercel.com', gcore: 'api.gcore.com', naver: 'ncr.apigw.ntruss.com', huawei: 'myhuaweicloud.eu' } as const;
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

let temp: string;
let consumer: string;
let tarball: Tarball;
let installedFrom: 'npm cache' | 'local tarballs';
let pkgDir: string;

beforeAll(async () => {
  expect(NPM_CLI, 'npm-cli.js not found').toBeDefined();
  temp = mkdtempSync(join(tmpdir(), 'cic-pack-'));
  // Stage the checkout, pack it (prepack = npm run build), install the tarball offline into a fresh project.
  ({ tarball, consumer, installedFrom, pkgDir } = await packAndInstall(temp));
}, 120_000);

afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

/** A module made of `import` and `export { … }` statements only (comments and the shebang aside). */
function onlyReexports(text: string): boolean {
  const code = text.replace(/^#!.*\n/, '').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
  return code.replace(/\bimport\s*(?:\{[^}]*\}\s*from\s*)?"[^"]+";|\bexport\s*\{[^}]*\}(?:\s*from\s*"[^"]+")?;/g, '').trim() === '';
}

describe('npm pack', () => {
  it('ships dist/, README, LICENSE and package.json only', () => {
    const paths = tarball.files.map((f) => f.path).sort();
    console.info(
      `${tarball.filename}: ${paths.length} files, ${(tarball.size / 1024).toFixed(1)} KiB packed, ` +
        `${(tarball.unpackedSize / 1024).toFixed(1)} KiB unpacked; installed from ${installedFrom}`,
    );
    for (const path of paths) {
      expect(['package.json', 'README.md', 'LICENSE'].includes(path) || path.startsWith('dist/'), path).toBe(true);
    }
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'dist/src/index.js', 'dist/src/cli.js']));
    expect(paths.filter((p) => /(^|\/)(src|test|specs|scripts|generated)\//.test(p) && !/^dist\/(src|generated)\//.test(p))).toEqual([]);
    expect(paths.filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts'))).toEqual([]);
  });

  it('has every exports/bin target and the generated declarations the emitted ones import', () => {
    const paths = new Set(tarball.files.map((f) => f.path));
    const targets = new Set<string>();
    for (const value of Object.values(repoPkg.exports)) {
      if (typeof value === 'string') targets.add(value);
      else for (const target of Object.values(value as Record<string, string>)) targets.add(target);
    }
    for (const target of targets) expect(paths.has(target.replace(/^\.\//, '')), target).toBe(true);
    expect(paths.has('dist/src/cli.js')).toBe(true);
    for (const vendor of SUBPATHS) {
      expect(paths.has(`dist/generated/${vendor}.d.ts`), vendor).toBe(true);
      expect(paths.has(`dist/generated/${vendor}.params.d.ts`), vendor).toBe(true);
    }
    // Every emitted relative import (JS and declarations) lands on a shipped file.
    for (const path of paths) {
      if (!/\.(js|d\.ts)$/.test(path)) continue;
      const text = readFileSync(join(pkgDir, path), 'utf8');
      for (const [, spec] of text.matchAll(/\bfrom\s+'(\.{1,2}\/[^']+)'/g)) {
        const target = join(dirname(path), spec as string).split(sep).join('/');
        const candidates = path.endsWith('.d.ts') ? [target.replace(/\.js$/, '.d.ts')] : [target];
        expect(candidates.some((c) => paths.has(c)), `${path} imports ${spec}`).toBe(true);
      }
    }
  });

  it('source maps carry their sources (no src/ is shipped) and no machine paths leak', () => {
    const maps = tarball.files.map((f) => f.path).filter((p) => p.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(10); // the chunks and entries of both builds (Node and neutral)
    for (const path of tarball.files.map((f) => f.path)) {
      // Every bundle has a map, except an entry that only re-exports shared chunks (no code of its own).
      if (path.endsWith('.js') && !onlyReexports(readFileSync(join(pkgDir, path), 'utf8'))) expect(maps.includes(`${path}.map`), `${path} has a map`).toBe(true);
    }
    for (const path of maps) {
      const map = JSON.parse(readFileSync(join(pkgDir, path), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
      expect(map.sources.length, path).toBeGreaterThan(0);
      expect(map.sourcesContent?.length, path).toBe(map.sources.length);
      for (const content of map.sourcesContent ?? []) expect(typeof content, path).toBe('string');
      for (const source of map.sources) expect(source.startsWith('/') || /^[a-z]:/i.test(source), `${path}: ${source}`).toBe(false);
    }
    for (const path of tarball.files.map((f) => f.path)) {
      const text = readFileSync(join(pkgDir, path), 'utf8');
      expect(text.includes(ROOT.replace(/[\\/]$/, '')), `${path} mentions the checkout path`).toBe(false);
      expect(text.includes(temp), `${path} mentions the staging path`).toBe(false);
    }
  });
});

describe('installed package', () => {
  it('installs only the runtime dependency closure, without tsx', () => {
    const installed = readdirSync(join(consumer, 'node_modules')).filter((n) => !n.startsWith('.'));
    expect(installed.sort()).toEqual(['cloud-image-clients', 'csv-stringify', 'openapi-fetch', 'openapi-typescript-helpers', 'undici']);
  });

  it('every entry point imports and its factory builds a client (fake credentials, no network)', async () => {
    writeFileSync(
      join(consumer, 'entries.mjs'),
      `
import * as root from 'cloud-image-clients';
import { createVercelClient } from 'cloud-image-clients/vercel';
import { createGcoreClient } from 'cloud-image-clients/gcore';
import { createNaverClient } from 'cloud-image-clients/naver';
import { createHuaweiClient } from 'cloud-image-clients/huawei';
import { createRequire } from 'node:module';

const pkg = createRequire(import.meta.url)('cloud-image-clients/package.json');

const noNetwork = async () => { throw new Error('no network in this test'); };
const clients = {
  vercel: createVercelClient({ token: 'fake-token', fetch: noNetwork }),
  gcore: createGcoreClient({ apiKey: 'fake-key', fetch: noNetwork }),
  naver: createNaverClient({ accessKey: 'FAKEAK', secretKey: 'fake-sk', fetch: noNetwork }),
  huawei: createHuaweiClient({ accessKey: 'FAKEAK', secretKey: 'fake-sk', region: 'cn-north-4', fetch: noNetwork }),
};
// The facade end to end with an injected fetch: request built, body parsed and normalized.
const answer = async (input) => new Response(${JSON.stringify(JSON.stringify(GCORE_IMAGE))}, {
  status: 200, headers: { 'content-type': 'application/json' },
});
const seen = [];
const result = await root.getImage(
  { vendor: 'gcore', projectId: 1, regionId: 2, image: 'img-1' },
  { apiKey: 'fake-key', fetch: async (input, init) => { seen.push(String(input)); return answer(input, init); } },
);
const missing = await root.getImage({ vendor: 'vercel', repository: 'r', tag: 'latest', projectId: 'p' }, { token: 'fake', fetch: noNetwork, retries: 0 });
console.log(JSON.stringify({
  version: pkg.version,
  rootExports: Object.keys(root).sort(),
  clients: Object.fromEntries(Object.entries(clients).map(([k, c]) => [k, typeof c.GET])),
  sameFactory: root.createVercelClient === createVercelClient,
  summary: result.ok ? { name: result.summary.name, osDistro: result.summary.osDistro, createdAt: result.summary.createdAt } : String(result.error),
  seen,
  networkError: missing.ok ? null : [missing.error.kind, missing.error instanceof root.ApiError],
}));
`,
    );
    const result = await run(process.execPath, ['entries.mjs'], consumer);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      version: repoPkg.version,
      clients: { vercel: 'function', gcore: 'function', naver: 'function', huawei: 'function' },
      sameFactory: true,
      summary: { name: 'ubuntu-22.04', osDistro: 'ubuntu', createdAt: '2024-05-05T14:51:26.570Z' },
      seen: ['https://api.gcore.com/cloud/v1/images/1/2/img-1'],
      networkError: ['network', true],
    });
    expect(out['rootExports']).toEqual(expect.arrayContaining(['getImage', 'createVercelClient', 'createGcoreClient', 'createNaverClient', 'createHuaweiClient', 'ApiError']));
  });

  it('type-checks a consumer importing every entry point (nodenext, strict, lib check on)', async () => {
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          types: [],
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: false,
          noEmit: true,
        },
        files: ['consumer.ts'],
      }),
    );
    writeFileSync(
      join(consumer, 'consumer.ts'),
      `
import { getImage, ApiError, type ImageSummary, type GetImageResult } from 'cloud-image-clients';
import { createVercelClient, type VercelClient, type VercelPaths } from 'cloud-image-clients/vercel';
import { createGcoreClient, type GcoreClient } from 'cloud-image-clients/gcore';
import { createNaverClient, type NaverClient, type NaverRegion } from 'cloud-image-clients/naver';
import { createHuaweiClient, type HuaweiClient } from 'cloud-image-clients/huawei';

export async function check(): Promise<ImageSummary | ApiError> {
  const vercel: VercelClient = createVercelClient({ token: 't' });
  const gcore: GcoreClient = createGcoreClient({ apiKey: 'k' });
  const region: NaverRegion = 'sgn';
  const naver: NaverClient = createNaverClient({ accessKey: 'a', secretKey: 's', region });
  const huawei: HuaweiClient = createHuaweiClient({ token: 'iam-token', region: 'cn-north-4' });

  const tag = await vercel.GET('/v1/vcr/repository/{idOrName}/tags/{tag}', {
    params: { path: { idOrName: 'repo', tag: 'latest' }, query: { projectId: 'p' } },
  });
  const updatedAt: string | undefined = tag.data?.tag.updatedAt;
  void updatedAt;
  // @ts-expect-error: not a Vercel path (the generated types are really there, not \`any\`)
  await vercel.GET('/v1/nope', {});
  // @ts-expect-error: project_id is required
  await gcore.GET('/cloud/v1/images/{project_id}/{region_id}/{image_id}', { params: { path: { region_id: 1, image_id: 'i' } } });
  void naver;
  void huawei;
  const paths: keyof VercelPaths = '/v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}';
  void paths;

  const result: GetImageResult = await getImage({ vendor: 'gcore', projectId: 1, regionId: 2, image: 'i' }, { apiKey: 'k' });
  // @ts-expect-error: unknown vendor
  await getImage({ vendor: 'aws', image: 'i' });
  return result.ok ? result.summary : result.error;
}
`,
    );
    const result = await run(process.execPath, [TSC, '-p', 'tsconfig.json'], consumer);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('the cloud-images bin runs dist/src/cli.js: --version, --help, a usage error', async () => {
    const bin = join(consumer, 'node_modules', '.bin', process.platform === 'win32' ? 'cloud-images.cmd' : 'cloud-images');
    const version = await run(bin, ['--version'], consumer);
    expect(version).toEqual({ code: 0, stdout: `${repoPkg.version}\n`, stderr: '' });
    const help = await run(bin, ['--help'], consumer);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('cloud-images get vercel');
    expect(help.stdout).toContain('cloud-images get huawei');
    const usage = await run(bin, ['get', 'gcore', '--project-id', 'x'], consumer);
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toMatch(/^error: option --project-id must be an integer/);
  });
});

describe('installed package on Node: the default wire', () => {
  it('sends through undici (the package\'s own `#wire` import), keeps no process alive, gets the body', async () => {
    // The server lives in this process and keeps idle connections for a minute: a client whose idle
    // connection kept its process alive would not exit before the run's 15 s limit.
    // Gcore's image (checked against its spec), with the request's URL echoed in an extra property.
    const server = createServer((req, res) => {
      const body = { ...GCORE_IMAGE, url: req.url };
      const checked = conformingAnswer({ vendor: 'gcore', method: req.method ?? 'GET', path: req.url ?? '/', status: 200, body });
      res.writeHead(checked.ok ? 200 : checked.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(checked.ok ? body : checked.body));
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      writeFileSync(
        join(consumer, 'default-wire.mjs'),
        `
import { createGcoreClient } from 'cloud-image-clients/gcore';
let fetchCalls = 0;
const original = globalThis.fetch;
globalThis.fetch = (...args) => { fetchCalls++; return original(...args); };
const client = createGcoreClient({ apiKey: 'fake-key', baseUrl: process.argv[2] });
const { data } = await client.GET('/cloud/v1/images/{project_id}/{region_id}/{image_id}', { params: { path: { project_id: 1, region_id: 2, image_id: 'img-1' } } });
console.log(JSON.stringify({ data, fetchCalls }));
`,
      );
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const result = await run(process.execPath, ['default-wire.mjs', url], consumer, 15_000);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ data: { ...GCORE_IMAGE, url: '/cloud/v1/images/1/2/img-1' }, fetchCalls: 0 });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('installed package, bundled for a browser/edge target (esbuild, minified)', () => {
  /** Bundles `code` from the consumer project: no Node built-ins resolve; returns minified and gzipped sizes. */
  async function bundleSize(code: string): Promise<{ min: number; gz: number; inputs: string[]; code: string }> {
    const result = await build({
      stdin: { contents: code, resolveDir: consumer, loader: 'js' },
      absWorkingDir: consumer,
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      conditions: ['edge-light', 'worker', 'browser'],
      target: 'es2022',
      minify: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const bytes = result.outputFiles[0]!.contents;
    // The modules that contribute code to the output (read-but-shaken-away ones contribute 0 bytes).
    const output = Object.values(result.metafile!.outputs)[0]!;
    const inputs = Object.entries(output.inputs).filter(([, v]) => v.bytesInOutput > 0).map(([name]) => name);
    return { min: bytes.length, gz: gzipSync(bytes, { level: 9 }).length, inputs, code: result.outputFiles[0]!.text };
  }

  it('one factory from its subpath, or from the root entry (sideEffects: false tree-shakes the rest)', async () => {
    const lines: string[] = [];
    for (const vendor of SUBPATHS) {
      const factory = FACTORIES[vendor];
      const sub = await bundleSize(`export { ${factory} } from 'cloud-image-clients/${vendor}';`);
      const root = await bundleSize(`export { ${factory} } from 'cloud-image-clients';`);
      lines.push(`${vendor.padEnd(7)} ${factory.padEnd(19)} ${(sub.min / 1024).toFixed(1)} KiB min, ${(sub.gz / 1024).toFixed(1)} KiB min+gz (root import: ${(root.gz / 1024).toFixed(1)} KiB)`);
      // The "default" export condition: the neutral build (fetch wire); neither undici nor the Node build is in an edge bundle.
      for (const b of [sub, root]) {
        expect(b.inputs.filter((i) => /undici/.test(i) || i.includes('/dist/src/')), vendor).toEqual([]);
        expect(b.inputs.some((i) => i.includes('/dist/neutral/')), vendor).toBe(true);
      }
      for (const other of SUBPATHS.filter((v) => v !== vendor)) {
        expect(root.code.includes(BASE_URL_MARKS[other]), `${vendor} via the root pulls in ${other}`).toBe(false);
      }
      expect(sub.code.includes(BASE_URL_MARKS[vendor]), vendor).toBe(true);
      expect(root.gz, vendor).toBeLessThanOrEqual(sub.gz + 64);
      expect(sub.gz, `${vendor} bundle budget`).toBeLessThan(40 * 1024);
    }
    const facade = await bundleSize(`export { getImage } from 'cloud-image-clients';`);
    lines.push(`facade  getImage            ${(facade.min / 1024).toFixed(1)} KiB min, ${(facade.gz / 1024).toFixed(1)} KiB min+gz`);
    console.info(lines.join('\n'));
  });
});
