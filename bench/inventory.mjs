#!/usr/bin/env node
// `npm run bench -- --inventory` (or `node bench/inventory.mjs`): the cross-cloud inventory at scale.
// Four local paging servers (bench/inventory-server.mjs, another process) answer after `latencyMs` and refuse
// with 429 + Retry-After: 1 beyond `maxInFlight` requests in flight per vendor. The real CLI
// (`cloud-images inventory`) runs in a fresh child process per size, asking for twice the servers' limit
// (--concurrency 16 vs 8) so that it meets the limit and has to adapt. Reported: images/s against the ideal
// those limits allow (each vendor's requests at `maxInFlight` at a time, no listing faster than its own
// chain of sequential pages), 429s met, and the child's peak RSS at 1x and 10x the images. Every image must
// be printed exactly once and the exit code be 0.
//
// Options: --quick (a small layout, for the smoke test), --json <file> (write the results there).
// From `npm run bench -- --inventory [--quick]` this scenario runs alone.
import { fork } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const LATENCY_MS = 20;
const MAX_IN_FLIGHT = 8;
const CONCURRENCY = 16;
const PAGE_SIZE = 50;

/** 21,000 images at 1x: 5,250 per vendor. 10x: more pages per listing; Gcore (one response per region) gets more regions. */
function layout(scale, quick) {
  const per = quick ? 0.1 : 1;
  const common = { pageSize: PAGE_SIZE, latencyMs: LATENCY_MS, maxInFlight: MAX_IN_FLIGHT, retryAfterS: 1 };
  return {
    vercel: { ...common, scopes: 6, units: 5, images: Math.round(175 * per) * scale },
    gcore: { ...common, scopes: 15 * scale, images: Math.round(350 * per), pageSize: 100_000 },
    naver: { ...common, scopes: 15, images: Math.round(350 * per) * scale },
    huawei: { ...common, scopes: 15, images: Math.round(350 * per) * scale },
  };
}

function imagesIn(vendors) {
  return Object.entries(vendors).reduce((sum, [vendor, c]) => sum + c.scopes * (vendor === 'vercel' ? c.units : 1) * c.images, 0);
}

/** Requests per listing (the chain of sequential pages) and in all, per vendor, when nothing is refused. */
function requestPlan(vendor, c) {
  const pages = (n) => Math.max(1, Math.ceil(n / c.pageSize));
  switch (vendor) {
    case 'vercel': // the repository list, then the repositories side by side, each its own chain of pages
      return { chain: 1 + pages(c.images), total: c.scopes * (1 + c.units * pages(c.images)) };
    case 'gcore': // a region's images fit in one page of 1,000, and `count` says so
      return { chain: 1, total: c.scopes };
    case 'naver': // `next` is null on the last page
      return { chain: pages(c.images), total: c.scopes * pages(c.images) };
    case 'huawei': // ends once `total_num` images are in
      return { chain: pages(c.images), total: c.scopes * pages(c.images) };
  }
}

function idealSeconds(vendors) {
  let worst = 0;
  for (const [vendor, c] of Object.entries(vendors)) {
    const { chain, total } = requestPlan(vendor, c);
    const waves = Math.max(chain, Math.ceil(total / c.maxInFlight));
    worst = Math.max(worst, (waves * c.latencyMs) / 1000);
  }
  return worst;
}

function scopesFor(urls, vendors) {
  const scopes = [];
  for (const [vendor, c] of Object.entries(vendors)) {
    for (let s = 0; s < c.scopes; s++) {
      const baseUrl = urls[vendor];
      if (vendor === 'vercel') scopes.push({ vendor, projectId: `prj_${s}`, baseUrl });
      else if (vendor === 'gcore') scopes.push({ vendor, projectId: 1, regionId: s + 1, baseUrl });
      else if (vendor === 'naver') scopes.push({ vendor, registry: `reg${s}`, baseUrl });
      else scopes.push({ vendor, projectId: `p${s}`, baseUrl });
    }
  }
  return scopes;
}

function ask(child, message, type) {
  return new Promise((resolve, reject) => {
    const onMessage = (m) => {
      if (m.type !== type) return;
      child.off('message', onMessage);
      resolve(m);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`child exited (${code})`)));
    child.send(message);
  });
}

const ENV = {
  PATH: process.env.PATH ?? '',
  VERCEL_TOKEN: 'bench-vercel-token',
  GCORE_API_KEY: 'bench-gcore-key',
  NCLOUD_ACCESS_KEY_ID: 'BENCHACCESSKEY',
  NCLOUD_SECRET_ACCESS_KEY: 'bench-naver-secret',
  HUAWEICLOUD_SDK_AK: 'BENCHHUAWEIAK',
  HUAWEICLOUD_SDK_SK: 'bench-huawei-secret',
};

/** One inventory in a fresh process: the CLI's exit code, stdout checked line by line, stderr, peak RSS. */
async function runInventory(scale, quick) {
  const vendors = layout(scale, quick);
  const server = fork(join(root, 'bench/inventory-server.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // The servers check their answers against the vendors' specs: any violation fails the run.
  const violations = [];
  server.on('message', (m) => {
    if (m.type === 'violation') violations.push(m.message);
  });
  try {
    const { urls } = await ask(server, { type: 'start', vendors }, 'ready');
    const dir = mkdtempSync(join(tmpdir(), 'inventory-bench-'));
    const config = join(dir, 'inventory.json');
    writeFileSync(config, JSON.stringify({ scopes: scopesFor(urls, vendors) }));
    const child = fork(join(root, 'bench/inventory-child.mjs'), ['inventory', '--config', config, '--concurrency', String(CONCURRENCY), '--page-size', String(PAGE_SIZE)], {
      cwd: root,
      env: ENV,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const seen = new Set();
    let duplicates = 0;
    let lines = 0;
    let rest = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop();
      for (const line of parts) {
        if (line === '') continue;
        lines++;
        const s = JSON.parse(line);
        const key = `${s.vendor}\u0000${s.repository}\u0000${s.id}\u0000${s.name}`;
        if (seen.has(key)) duplicates++;
        else seen.add(key);
      }
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const started = process.hrtime.bigint();
    const result = await new Promise((resolve, reject) => {
      let report;
      child.on('message', (m) => (report = m));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, ...report }));
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const { stats } = await ask(server, { type: 'stats' }, 'stats');
    if (violations.length > 0) throw new Error(`the inventory servers answered off the vendors' specs (${violations.length}):\n${violations.slice(0, 5).join('\n')}`);
    const expected = imagesIn(vendors);
    return {
      scale,
      images: expected,
      printed: lines,
      unique: seen.size,
      duplicates,
      exitCode: result.code,
      // The child's own run time (config read to last line), and the wall time around the process.
      inventorySeconds: result.elapsedMs / 1000,
      processSeconds: seconds,
      imagesPerSecond: expected / (result.elapsedMs / 1000),
      idealSeconds: idealSeconds(vendors),
      idealImagesPerSecond: expected / idealSeconds(vendors),
      requests: Object.values(stats).reduce((n, s) => n + s.requests, 0),
      throttled: Object.values(stats).reduce((n, s) => n + s.throttled, 0),
      peakInFlight: Object.fromEntries(Object.entries(stats).map(([v, s]) => [v, s.peakInFlight])),
      peakRssMB: result.maxRssKB / 1024,
      finalLine: stderr.trim().split('\n').pop(),
    };
  } finally {
    server.kill();
  }
}

export async function runInventoryBench({ quick = false } = {}) {
  const one = await runInventory(1, quick);
  const ten = await runInventory(10, quick);
  return { one, ten, rssRatio: ten.peakRssMB / one.peakRssMB };
}

export function renderInventory({ one, ten, rssRatio }) {
  const row = (r) =>
    `| ${`${r.scale}x`.padEnd(5)} | ${String(r.images).padStart(7)} | ${String(r.unique === r.images && r.duplicates === 0 && r.printed === r.images ? 'yes' : 'NO').padStart(9)} | ${String(r.exitCode).padStart(4)} | ${r.imagesPerSecond.toFixed(0).padStart(8)} | ${r.idealImagesPerSecond.toFixed(0).padStart(8)} | ${(r.imagesPerSecond / r.idealImagesPerSecond).toFixed(2).padStart(7)}× | ${String(r.requests).padStart(8)} | ${String(r.throttled).padStart(4)} | ${r.peakRssMB.toFixed(1).padStart(8)} |`;
  const met = [one, ten].every((r) => r.exitCode === 0 && r.unique === r.images && r.printed === r.images) && rssRatio <= 1.6;
  return [
    `Inventory: four vendors, ${LATENCY_MS} ms latency, 429 + Retry-After: 1 beyond ${MAX_IN_FLIGHT} in flight per vendor; the CLI asks for ${CONCURRENCY} per vendor, page size ${PAGE_SIZE}`,
    '',
    '| size  |  images | each once | exit | images/s |  ideal/s | ×ideal   | requests |  429 | RSS MB   |',
    '|-------|--------:|----------:|-----:|---------:|---------:|---------:|---------:|-----:|---------:|',
    row(one),
    row(ten),
    `(ideal: each vendor's requests ${MAX_IN_FLIGHT} at a time, no listing faster than its own chain of pages; RSS: the CLI process's peak resident memory)`,
    `Peak RSS 10x / 1x: ${rssRatio.toFixed(2)} (target ≤ 1.6). ${met ? 'Target met.' : 'NOT MET.'}`,
  ].join('\n');
}

/** Runs the scenario, prints the table; options `--quick`, `--json <file>`. Resolves to the exit code. */
export async function inventoryMain(argv) {
  const quick = argv.includes('--quick');
  const jsonAt = argv.indexOf('--json');
  const results = await runInventoryBench({ quick });
  process.stdout.write(`${renderInventory(results)}\n`);
  if (jsonAt !== -1) writeFileSync(argv[jsonAt + 1], `${JSON.stringify(results, null, 2)}\n`);
  const ok = [results.one, results.ten].every((r) => r.exitCode === 0 && r.unique === r.images && r.printed === r.images);
  return ok ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await inventoryMain(process.argv.slice(2));
