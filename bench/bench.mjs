#!/usr/bin/env node
// `npm run bench`: what a typed, signed client costs over a hand-written fetch call, and over the vendors'
// own SDKs. One run, one machine, everything side by side; reported as ratios (absolute figures are
// context only: machines of this class are noisy).
//
//   throughput  a local keep-alive HTTP server in ANOTHER process (bench/server.mjs) answers a ~1 KB JSON
//               body in the vendor's documented shape (checked against its spec); every contender (bench/contenders.mjs) runs sequentially and with 32 requests in
//               flight, in alternating rounds (a new seeded random order each round); each measurement
//               runs in a new process of its own (bench/throughput-child.mjs: set up, check, warm up,
//               measure) against a new server process, so no contender shares a heap, JIT state or
//               sockets with another; medians of
//               requests/s, of the measuring process's CPU per request, and of the per-round ratios to
//               raw fetch (for the signed vendors also to raw fetch + the same signer, for two clients
//               also to the official SDK); `undici dispatch (bare)` shows what any client on undici can reach,
//               `openapi-fetch on undici (bare)` what any client built on openapi-fetch can reach on undici
//   signing     µs per request for NAVER and Huawei as the clients call the signers (node:crypto), and
//               awaited WebCrypto for context
//   import      cold import of each vendor entry point: a new node process importing it, minus one that
//               imports nothing (wall clock); in-process import time and resident memory as well
//   bundle      each vendor entry point alone (`export { createXClient }`), esbuild-bundled with
//               openapi-fetch, minified, platform neutral, then gzipped
//
// Output: a table on the terminal and a JSON file (bench/results.json by default).
// Options:
//   --quick              tiny N everywhere (the smoke test); writes .tmp/bench/results.partial.json by default
//   --out <file>         where to write the JSON results
//   --rounds <n>         throughput rounds (default 7)
//   --requests <n>       sequential requests per contender per round (default 1500; concurrent: twice that)
//   --update-readme      replace the table between the bench markers in README.md
//   --only <sections>    comma-separated subset of throughput,signing,import,bundle (iteration; not for results)
//   --from <file>        measure nothing: print (and with --update-readme, put in README) that results file
//   --contenders <names> comma-separated subset of the throughput contenders (raw fetch is always kept)
//   --profile <name>     skip everything else and run contender <name> in a loop (use with node --cpu-prof)
//   --inventory          only the cross-cloud inventory scenario (bench/inventory.mjs; with --quick, small)
import { fork, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { BODIES, BODY, CONTENDERS, HUAWEI_AK, HUAWEI_PATH, HUAWEI_REGION, HUAWEI_SK, NAVER_AK, NAVER_PATH, NAVER_SK, checkContender, runConcurrent, runSequential } from './contenders.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

// ---------------------------------------------------------------------------------------------------------
// Options

function parseArgs(argv) {
  const options = { quick: false, out: undefined, rounds: undefined, requests: undefined, updateReadme: false, profile: undefined, only: undefined, contenders: undefined, from: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--quick') options.quick = true;
    else if (arg === '--out') options.out = value();
    else if (arg === '--rounds') options.rounds = positiveInt(arg, value());
    else if (arg === '--requests') options.requests = positiveInt(arg, value());
    else if (arg === '--update-readme') options.updateReadme = true;
    else if (arg === '--profile') options.profile = value();
    else if (arg === '--from') options.from = value();
    else if (arg === '--only') options.only = new Set(value().split(','));
    else if (arg === '--contenders') options.contenders = new Set(['raw fetch', ...value().split(',')]);
    else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

function positiveInt(name, text) {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
}

// `--inventory`: the cross-cloud inventory scenario instead (bench/inventory.mjs), on its own.
if (process.argv.includes('--inventory')) {
  const { inventoryMain } = await import('./inventory.mjs');
  process.exit(await inventoryMain(process.argv.slice(2).filter((arg) => arg !== '--inventory')));
}

const options = parseArgs(process.argv.slice(2));
const quick = options.quick;
const CONCURRENCY = 32;
const config = {
  rounds: options.rounds ?? (quick ? 2 : 7),
  sequentialRequests: options.requests ?? (quick ? 40 : 1500),
  concurrentRequests: (options.requests ?? (quick ? 40 : 1500)) * 2,
  // Each measurement runs in a new process: enough calls first for its code to be optimized (steady state).
  warmupRequests: quick ? 20 : 2000,
  settleRequests: quick ? 4 : 64,
  concurrency: CONCURRENCY,
  signIterations: quick ? 2_000 : 200_000,
  signRepeats: quick ? 1 : 7,
  webCryptoIterations: quick ? 200 : 20_000,
  importRuns: quick ? 2 : 21,
};

// ---------------------------------------------------------------------------------------------------------
// Helpers

const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const gc = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};
const log = (text) => process.stderr.write(`${text}\n`);

/**
 * Bundles bench/entry.ts (this package's src + openapi-fetch) into one plain ESM file and imports it. undici
 * stays a package import (as for an installed package), so the file is written inside the checkout.
 */
const ENTRY_FILE = join(root, '.tmp/bench/entry.mjs');

async function loadPackage() {
  await esbuild.build({
    entryPoints: [join(root, 'bench/entry.ts')],
    outfile: ENTRY_FILE,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['undici'],
    logLevel: 'error',
  });
  return import(pathToFileURL(ENTRY_FILE).href);
}

/** mulberry32: a small seeded PRNG, for a reproducible contender order. */
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(items, random) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

async function startServer() {
  const child = fork(join(root, 'bench/server.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
    child.on('message', (m) => {
      // The server checks its bodies against the vendors' specs; a violation also fails the contender's check.
      if (m.type === 'violation') log(`bench server: ${m.message}`);
      else resolve(m.port);
    });
    child.send({ bodies: BODIES });
  });
  return { base: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

/** One contender measured in a new process of its own (bench/throughput-child.mjs). */
function measureInChild(name, base) {
  const child = fork(join(root, 'bench/throughput-child.mjs'), [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let answered = false;
    child.once('error', reject);
    child.once('message', (m) => {
      answered = true;
      if (m.error !== undefined) reject(new Error(`${name}: ${m.error}`));
      else resolve(m);
    });
    child.once('exit', (code) => {
      if (!answered) reject(new Error(`${name}: the measuring process exited (${code}) without a result`));
    });
    const plan = {
      warmupRequests: config.warmupRequests,
      settleRequests: config.settleRequests,
      sequentialRequests: config.sequentialRequests,
      concurrentRequests: config.concurrentRequests,
      concurrency: config.concurrency,
    };
    child.send({ entry: pathToFileURL(ENTRY_FILE).href, base, name, plan });
  });
}

async function measureThroughput() {
  let contenders = CONTENDERS;
  if (options.contenders !== undefined) {
    const unknown = [...options.contenders].filter((n) => !contenders.some((c) => c.name === n));
    if (unknown.length > 0) throw new Error(`unknown contenders: ${unknown.join(', ')}`);
    contenders = contenders.filter((c) => options.contenders.has(c.name));
  }
  const samples = new Map(contenders.map((c) => [c.name, { sequential: [], concurrent: [], sequentialCpu: [], concurrentCpu: [] }]));
  const random = seededRandom(0x5eed);
  for (let round = 0; round < config.rounds; round++) {
    // A fresh random order each round (seeded: the same sequence every run), so that machine drift does not
    // always fall on the same contender. Each measurement runs in a new process against a new server process:
    // a contender's heap, JIT state, sockets and garbage (an SDK's, fetch's), and what the server kept of the
    // previous contender's connections, do not slow down the next one, as in a user's process.
    const order = shuffle(contenders.slice(), random);
    for (const c of order) {
      const sample = samples.get(c.name);
      const server = await startServer();
      try {
        const { sequential, concurrent } = await measureInChild(c.name, server.base);
        sample.sequential.push(sequential.rps);
        sample.sequentialCpu.push(sequential.cpuUs);
        sample.concurrent.push(concurrent.rps);
        sample.concurrentCpu.push(concurrent.cpuUs);
      } finally {
        server.stop();
      }
    }
    log(`  throughput round ${round + 1}/${config.rounds} done`);
  }
  return summarizeThroughput(contenders, samples);
}

function summarizeThroughput(contenders, samples) {
  const raw = samples.get('raw fetch');
  const none = { sequential: [], concurrent: [], sequentialCpu: [], concurrentCpu: [] };
  const sampleOf = (name) => samples.get(name) ?? none;
  const referenceOf = { naver: 'raw fetch + NAVER signer', huawei: 'raw fetch + Huawei signer' };
  const sdkOf = { 'ours: Vercel': '@vercel/sdk', 'ours: Huawei (AK/SK)': 'huaweicloud-sdk-core' };
  const ratio = (mine, theirs) => median(mine.map((v, i) => v / theirs[i]));
  const out = {};
  for (const c of contenders) {
    const s = samples.get(c.name);
    const entry = { kind: c.kind, vendor: c.vendor };
    for (const mode of ['sequential', 'concurrent']) {
      const cpu = s[`${mode}Cpu`];
      const m = {
        rps: median(s[mode]),
        vsRawFetch: ratio(s[mode], raw[mode]),
        // Client-process CPU per request, and raw fetch's CPU per request over this one's (same rounds):
        // steadier than wall clock on a shared machine.
        cpuMicrosPerRequest: median(cpu),
        cpuEfficiencyVsRawFetch: ratio(raw[`${mode}Cpu`], cpu),
        rounds: s[mode].map((v) => Math.round(v)),
      };
      const ref = c.kind === 'ours' ? referenceOf[c.vendor] : undefined;
      if (ref !== undefined && samples.has(ref)) m.vsRawFetchWithSameSigner = ratio(s[mode], sampleOf(ref)[mode]);
      const sdk = sdkOf[c.name];
      if (sdk !== undefined && samples.has(sdk)) m.vsOfficialSdk = ratio(s[mode], sampleOf(sdk)[mode]);
      entry[mode] = m;
    }
    if (sdkOf[c.name] !== undefined) entry.officialSdk = sdkOf[c.name];
    out[c.name] = entry;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Signing cost

function perCallMicros(fn, iterations) {
  for (let i = 0; i < Math.min(iterations, 20_000); i++) fn(i);
  const runs = [];
  for (let r = 0; r < config.signRepeats; r++) {
    gc();
    const start = performance.now();
    for (let i = 0; i < iterations; i++) fn(i);
    runs.push(((performance.now() - start) * 1000) / iterations);
  }
  return median(runs);
}

async function perCallMicrosAsync(fn, iterations) {
  for (let i = 0; i < Math.min(iterations, 2_000); i++) await fn(i);
  const runs = [];
  for (let r = 0; r < config.signRepeats; r++) {
    gc();
    const start = performance.now();
    for (let i = 0; i < iterations; i++) await fn(i);
    runs.push(((performance.now() - start) * 1000) / iterations);
  }
  return median(runs);
}

async function measureSigning(pkg) {
  const node = pkg.createCrypto({ node: true });
  const web = pkg.createCrypto({ node: false });
  // As the clients call them per request: with the URL the transport has already parsed (SignInput.parsedUrl)
  // and, for Huawei, the outgoing Headers object.
  const naverUrl = new URL(`https://ncr.apigw.ntruss.com${NAVER_PATH}`);
  const huaweiUrl = new URL(`https://hss.${HUAWEI_REGION}.myhuaweicloud.com${HUAWEI_PATH}`);
  const huaweiHeaders = new Headers({ region: HUAWEI_REGION });
  const start = Date.now();
  const naver = (crypto) => (i) =>
    pkg.signNaverRequest(
      { method: 'GET', pathAndQuery: pkg.naverPathAndQuery(naverUrl), timestampMs: start + i, accessKey: NAVER_AK, secretKey: NAVER_SK },
      crypto,
    );
  const huawei = (crypto) => (i) =>
    pkg.signHuaweiRequest(
      { method: 'GET', url: huaweiUrl, headers: huaweiHeaders, date: start + i, accessKey: HUAWEI_AK, secretKey: HUAWEI_SK },
      crypto,
    );
  const hmacNode = (i) => node.hmacSha256(NAVER_SK, `GET ${NAVER_PATH}\n${start + i}\n${NAVER_AK}`, 'base64');
  const hmacWeb = (i) => web.hmacSha256(NAVER_SK, `GET ${NAVER_PATH}\n${start + i}\n${NAVER_AK}`, 'base64');
  return {
    naver: {
      nodeCryptoMicros: perCallMicros(naver(node), config.signIterations),
      webCryptoMicros: await perCallMicrosAsync(naver(web), config.webCryptoIterations),
    },
    huawei: {
      nodeCryptoMicros: perCallMicros(huawei(node), config.signIterations),
      webCryptoMicros: await perCallMicrosAsync(huawei(web), config.webCryptoIterations),
    },
    hmacSha256: {
      nodeCryptoMicros: perCallMicros(hmacNode, config.signIterations),
      webCryptoMicros: await perCallMicrosAsync(hmacWeb, config.webCryptoIterations),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Cold import and resident memory

const ENTRIES = ['vercel', 'gcore', 'naver', 'huawei'];
/** Import is measured for the package root too (`cloud-image-clients`: the facade and every client). */
const IMPORT_ENTRIES = ['index', ...ENTRIES];

function listFiles(dir, suffix) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path, suffix));
    else if (entry.name.endsWith(suffix) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** dist/ (the bundled entry points) when every entry is at least as new as every source; undefined otherwise. */
function freshDist() {
  const files = Object.fromEntries(IMPORT_ENTRIES.map((e) => [e, join(root, 'dist/src', `${e}.js`)]));
  if (!Object.values(files).every((file) => existsSync(file))) return undefined;
  const built = Math.min(...Object.values(files).map((file) => statSync(file).mtimeMs));
  const sources = [...listFiles(join(root, 'src'), '.ts'), ...listFiles(join(root, 'generated'), '.ts'), join(root, 'scripts/build.mjs')];
  return sources.every((source) => statSync(source).mtimeMs <= built) ? files : undefined;
}

async function importTargets(dir) {
  const dist = freshDist();
  if (dist !== undefined) return { source: 'dist/ (npm run build)', files: dist };
  if (!quick) {
    // What the package ships: `npm run build` (bundled entry points and shared chunks). dist/ itself, because
    // the package's `#wire` import resolves there.
    const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm run build for the import measurement failed: ${r.stdout}${r.stderr}`);
    return { source: 'dist/ (npm run build)', files: freshDist() };
  }
  const files = {};
  for (const e of IMPORT_ENTRIES) {
    const outfile = join(root, '.tmp/bench', `import-${e}.mjs`);
    await esbuild.build({
      entryPoints: [join(root, 'src', `${e}.ts`)],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external: ['undici'],
      logLevel: 'error',
    });
    files[e] = outfile;
  }
  return { source: 'esbuild bundle of src (quick run)', files };
}

const IMPORT_PROBE = `
const t0 = performance.now();
if (process.argv[1]) await import(process.argv[1]);
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ ms, rss: process.memoryUsage().rss }));
`;

function probe(url) {
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', IMPORT_PROBE, ...(url ? [url] : [])], { encoding: 'utf8' });
  const wall = performance.now() - start;
  if (r.status !== 0) throw new Error(`import probe failed for ${url ?? '(empty)'}: ${r.stderr}`);
  return { wall, ...JSON.parse(r.stdout) };
}

async function measureImports(dir) {
  const targets = await importTargets(dir);
  // Two baselines: a process that imports nothing (the target's definition), and one that imports an empty
  // module (Node's ESM loader starting up for the first import() costs a few ms of its own).
  const emptyModule = join(dir, 'empty.mjs');
  writeFileSync(emptyModule, 'export {};\n');
  const probes = { '(empty)': undefined, '(empty module)': pathToFileURL(emptyModule).href };
  for (const e of IMPORT_ENTRIES) probes[e] = pathToFileURL(targets.files[e]).href;
  const runs = Object.fromEntries(Object.keys(probes).map((n) => [n, []]));
  for (let i = 0; i < config.importRuns; i++) {
    for (const [n, url] of Object.entries(probes)) runs[n].push(probe(url));
  }
  const wall = (n) => median(runs[n].map((r) => r.wall));
  const rss = (n) => median(runs[n].map((r) => r.rss));
  // Differences within a run (the probes of one run follow each other), then their median: drift on a
  // shared machine cancels out of each difference.
  const over = (n, base) => median(runs[n].map((r, i) => r.wall - runs[base][i].wall));
  const entries = {};
  for (const e of IMPORT_ENTRIES) {
    entries[e] = {
      overEmptyNodeMs: over(e, '(empty)'),
      overEmptyModuleImportMs: over(e, '(empty module)'),
      inProcessImportMs: median(runs[e].map((r) => r.ms)),
      rssOverEmptyMB: (rss(e) - rss('(empty)')) / 2 ** 20,
    };
  }
  return {
    source: targets.source,
    runs: config.importRuns,
    emptyNodeMs: wall('(empty)'),
    emptyModuleImportOverEmptyNodeMs: over('(empty module)', '(empty)'),
    emptyNodeRssMB: rss('(empty)') / 2 ** 20,
    entries,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Bundle size

const FACTORIES = { vercel: 'createVercelClient', gcore: 'createGcoreClient', naver: 'createNaverClient', huawei: 'createHuaweiClient' };

async function measureBundles() {
  const out = {};
  for (const e of ENTRIES) {
    const result = await esbuild.build({
      stdin: { contents: `export { ${FACTORIES[e]} } from './src/${e}.js';`, resolveDir: root, loader: 'ts', sourcefile: `${e}-entry.ts` },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'neutral',
      // What an edge or browser bundler resolves: `#wire` is the fetch wire (the condition maps the package's
      // `imports` to the TypeScript sources; tsconfig.json's `paths`, meant for tsc and tsx, are left out).
      conditions: ['cloud-image-clients:source'],
      tsconfigRaw: {},
      target: 'es2022',
      write: false,
      metafile: true,
      logLevel: 'error',
    });
    const code = result.outputFiles[0].contents;
    const inputs = Object.values(result.metafile.outputs)[0].inputs;
    const breakdown = Object.entries(inputs)
      .map(([file, info]) => [file.replace(/^.*node_modules\//, ''), info.bytesInOutput])
      .filter(([, bytes]) => bytes > 0)
      .sort((a, b) => b[1] - a[1]);
    out[e] = { minBytes: code.byteLength, minGzipBytes: gzipSync(code, { level: 9 }).byteLength, minBytesByInput: Object.fromEntries(breakdown) };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Targets and output

// Issue targets: every vendor's default client ≥ 1.5× raw fetch (signing included) and ≥ 3× the official SDK,
// sequentially and 32 in flight; import ≤ 10 ms over an empty-module import; edge bundles no larger than
// they were before the undici transport (min+gz KB).
const TARGET = { throughputVsRaw: 1.5, vsSdk: 3, importMs: 10, bundleKB: { vercel: 10.8, gcore: 10.8, naver: 12.6, huawei: 14.6 } };

function evaluateTargets(results) {
  const checks = [];
  const add = (what, value, limit, ok, unit = '×') => checks.push({ target: what, value, limit, unit, met: ok });
  for (const [name, t] of Object.entries(results.throughput ?? {})) {
    if (t.kind !== 'ours') continue;
    for (const mode of ['sequential', 'concurrent']) {
      const m = t[mode];
      add(`${name} ${mode} ≥ ${TARGET.throughputVsRaw}× raw fetch`, m.vsRawFetch, TARGET.throughputVsRaw, m.vsRawFetch >= TARGET.throughputVsRaw);
      if (m.vsOfficialSdk !== undefined) add(`${name} ${mode} ≥ ${TARGET.vsSdk}× ${t.officialSdk}`, m.vsOfficialSdk, TARGET.vsSdk, m.vsOfficialSdk >= TARGET.vsSdk);
    }
  }
  for (const [e, b] of Object.entries(results.bundle ?? {})) {
    const limit = TARGET.bundleKB[e];
    add(`${e} edge bundle ≤ ${limit} KB min+gz`, b.minGzipBytes / 1024, limit, b.minGzipBytes / 1024 <= limit, 'KB');
  }
  // Every entry point: the package root (every client and the facade) and the four vendor entries.
  for (const e of IMPORT_ENTRIES) {
    const i = results.import?.entries[e];
    if (i === undefined) continue;
    add(`${e === 'index' ? 'root' : e} import ≤ ${TARGET.importMs} ms over an empty-module import`, i.overEmptyModuleImportMs, TARGET.importMs, i.overEmptyModuleImportMs <= TARGET.importMs, 'ms');
  }
  return checks;
}

const fx = (v, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : '—');
const ratioText = (v) => (v === undefined ? '' : `${fx(v)}×`);

function table(headers, rows, align) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const cell = (text, i) => (align[i] === 'r' ? String(text).padStart(widths[i]) : String(text).padEnd(widths[i]));
  const line = (cells) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (align[i] === 'r' ? `${'-'.repeat(w + 1)}:` : `${'-'.repeat(w + 2)}`)).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** The JSON bodies' sizes, as the results' meta records them (older results: the one Vercel body). */
function bodySizes(m) {
  if (m.bodyBytesByVendor === undefined) return `${m.bodyBytes}-byte JSON body`;
  return `JSON bodies of ${Object.entries(m.bodyBytesByVendor).map(([vendor, n]) => `${n} B (${vendor})`).join(', ')}`;
}

function render(results) {
  const out = [];
  const m = results.meta;
  const c = m.concurrency;
  out.push(
    `Node ${m.node}, ${m.platform}/${m.arch}, ${m.cpus}× ${m.cpuModel}; ${m.rounds} rounds × ${m.sequentialRequests} sequential / ` +
      `${m.concurrentRequests} concurrent (${c} in flight) requests per contender, ${bodySizes(m)}; medians` +
      (m.quick ? ' (QUICK RUN: tiny N, figures meaningless)' : ''),
  );
  out.push('');
  const t = results.throughput;
  if (t !== undefined) {
    const pair = (e, key) => (e.sequential[key] === undefined ? '' : `${fx(e.sequential[key])}× / ${fx(e.concurrent[key])}×`);
    out.push(
      table(
        ['contender', 'seq req/s', 'seq ×raw', `c${c} req/s`, `c${c} ×raw`, 'CPU µs/req', 'CPU ×raw', '×(raw+signer) seq/c' + c, '×SDK seq/c' + c],
        Object.entries(t).map(([name, e]) => [
          name,
          fx(e.sequential.rps, 0),
          ratioText(e.sequential.vsRawFetch),
          fx(e.concurrent.rps, 0),
          ratioText(e.concurrent.vsRawFetch),
          fx(e.concurrent.cpuMicrosPerRequest, 0),
          ratioText(e.concurrent.cpuEfficiencyVsRawFetch),
          pair(e, 'vsRawFetchWithSameSigner'),
          pair(e, 'vsOfficialSdk'),
        ]),
        ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
    );
    out.push(
      `(×raw: requests/s over raw fetch's in the same round; CPU: this process's CPU per request (c${c}), ×raw = raw fetch's ` +
        'CPU per request over this one\'s; ×(raw+signer): over raw fetch + the same signer; ×SDK: over the official SDK.)',
    );
    out.push('');
  }
  const s = results.signing;
  if (s !== undefined) {
    out.push(
      table(
        ['signing per request', 'node:crypto µs', 'WebCrypto (awaited) µs'],
        [
          ['NAVER v2', fx(s.naver.nodeCryptoMicros), fx(s.naver.webCryptoMicros)],
          ['Huawei SDK-HMAC-SHA256', fx(s.huawei.nodeCryptoMicros), fx(s.huawei.webCryptoMicros)],
          ['one HMAC-SHA256 (context)', fx(s.hmacSha256.nodeCryptoMicros), fx(s.hmacSha256.webCryptoMicros)],
        ],
        ['l', 'r', 'r'],
      ),
    );
    out.push('');
  }
  const b = results.bundle;
  const imp = results.import;
  if (b !== undefined || imp !== undefined) {
    out.push(
      table(
        ['entry point', 'min KB', 'min+gz KB', 'import ms over empty node', 'over an empty-module import', 'import ms in process', 'RSS MB over empty'],
        IMPORT_ENTRIES.map((e) => [
          e === 'index' ? 'cloud-image-clients' : `cloud-image-clients/${e}`,
          fx(b?.[e]?.minBytes / 1024),
          fx(b?.[e]?.minGzipBytes / 1024),
          fx(imp?.entries[e]?.overEmptyNodeMs, 1),
          fx(imp?.entries[e]?.overEmptyModuleImportMs, 1),
          fx(imp?.entries[e]?.inProcessImportMs, 1),
          fx(imp?.entries[e]?.rssOverEmptyMB, 1),
        ]),
        ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
    );
    out.push(
      '(bundle: esbuild, that factory only, openapi-fetch included, minified, platform neutral, gzip -9; KB = 1024 bytes.' +
        (imp === undefined
          ? ')'
          : ` Import: ${imp.source}; median of ${imp.runs} new processes each; empty node ${fx(imp.emptyNodeMs, 1)} ms, ` +
            `${fx(imp.emptyNodeRssMB, 1)} MB RSS; importing an empty module adds ${fx(imp.emptyModuleImportOverEmptyNodeMs, 1)} ms.)`),
    );
    out.push('');
  }
  const missed = results.targets.filter((x) => !x.met);
  out.push(`Targets: ${results.targets.length - missed.length}/${results.targets.length} met.`);
  for (const x of missed) out.push(`  NOT MET: ${x.target} (measured ${fx(x.value)}${x.unit === '×' ? '×' : ` ${x.unit}`})`);
  out.push(...ceilingLines(results.throughput));
  return out.join('\n');
}

/**
 * What the reference contenders reach in the same run, next to the targets: no client on undici, or on
 * openapi-fetch over undici, can do better than these (they do no checks, timeouts, signing or Response).
 */
function ceilingLines(throughput) {
  const sdk = throughput?.['huaweicloud-sdk-core'];
  const lines = [];
  for (const name of ['undici dispatch (bare)', 'openapi-fetch on undici (bare)']) {
    const t = throughput?.[name];
    if (t === undefined) continue;
    const overSdk = sdk === undefined ? '' : `, ${fx(median(t.sequential.rounds.map((v, i) => v / sdk.sequential.rounds[i])))}× huaweicloud-sdk-core sequential`;
    lines.push(`  ceiling: ${name} ${fx(t.sequential.vsRawFetch)}× raw fetch sequential, ${fx(t.concurrent.vsRawFetch)}× with 32 in flight${overSdk}`);
  }
  return lines;
}

function updateReadme(text) {
  const file = join(root, 'README.md');
  const readme = readFileSync(file, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a === -1 || b === -1 || b < a) throw new Error('README.md has no <!-- bench:start --> … <!-- bench:end --> markers');
  writeFileSync(file, `${readme.slice(0, a + start.length)}\n\n\`\`\`\n${text}\n\`\`\`\n\n${readme.slice(b)}`);
}

// ---------------------------------------------------------------------------------------------------------
// Main

async function profileLoop(pkg, name) {
  const server = await startServer();
  try {
    const c = CONTENDERS.find((x) => x.name === name);
    if (c === undefined) throw new Error(`no contender ${name}: ${CONTENDERS.map((x) => x.name).join(', ')}`);
    const call = await c.setup(pkg, server.base);
    await checkContender(name, call);
    const n = options.requests ?? 20_000;
    log(`profiling ${name}: ${n} sequential, ${n} concurrent`);
    const seq = await runSequential(call, n);
    log(`  sequential ${fx(seq.rps, 0)} req/s, ${fx(seq.cpuUs, 1)} µs CPU/request`);
    const conc = await runConcurrent(call, n, CONCURRENCY);
    log(`  concurrent ${fx(conc.rps, 0)} req/s, ${fx(conc.cpuUs, 1)} µs CPU/request`);
  } finally {
    server.stop();
  }
}

async function main() {
  if (options.from !== undefined) {
    const results = JSON.parse(readFileSync(options.from, 'utf8'));
    results.targets = evaluateTargets(results);
    const text = render(results);
    process.stdout.write(`${text}\n`);
    if (options.updateReadme) {
      if (results.meta.quick || results.meta.partial) throw new Error('--update-readme needs the results of a full run');
      updateReadme(text);
    }
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'cic-bench-'));
  try {
    const pkg = await loadPackage();
    if (options.profile !== undefined) return profileLoop(pkg, options.profile);
    const cpu = cpus();
    const meta = {
      date: new Date().toISOString(),
      node: process.versions.node,
      platform: platform(),
      arch: arch(),
      cpus: cpu.length,
      cpuModel: cpu[0]?.model?.trim() ?? 'unknown',
      quick,
      // Signing runs only: throughput runs are never preceded by a forced GC (see bench/throughput-child.mjs).
      gcBetweenSigningRuns: typeof globalThis.gc === 'function',
      ...config,
      bodyBytes: Buffer.byteLength(BODY),
      bodyBytesByVendor: Object.fromEntries(Object.entries(BODIES).map(([vendor, body]) => [vendor, Buffer.byteLength(body)])),
    };
    const wanted = (section) => options.only === undefined || options.only.has(section);
    const partial = options.only !== undefined || options.contenders !== undefined;
    const results = { meta: { ...meta, partial } };
    if (wanted('bundle')) {
      log('bench: bundle sizes');
      results.bundle = await measureBundles();
    }
    if (wanted('import')) {
      log('bench: cold imports');
      results.import = await measureImports(dir);
    }
    if (wanted('signing')) {
      log('bench: signing');
      results.signing = await measureSigning(pkg);
    }
    if (wanted('throughput')) {
      log('bench: throughput');
      results.throughput = await measureThroughput();
    }
    results.targets = evaluateTargets(results);
    const text = render(results);
    process.stdout.write(`${text}\n`);
    const out = options.out ?? join(root, quick || partial ? '.tmp/bench/results.partial.json' : 'bench/results.json');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
    log(`bench: results written to ${relative(process.cwd(), out) || out}`);
    if (options.updateReadme) {
      if (quick || partial) throw new Error('--update-readme needs a full run (no --quick, no --only)');
      updateReadme(text);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
