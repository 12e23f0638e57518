// Smoke run of `npm run bench` (`--quick`: tiny N everywhere). It checks that the benchmark runs end to end
// and reports every contender, section and target with finite numbers. It asserts no timing, ratio or
// size: machines are noisy and a quick run's figures mean nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

const CONTENDERS = [
  'raw fetch',
  'raw fetch + timeout signal',
  'raw fetch + NAVER signer',
  'raw fetch + Huawei signer',
  'undici dispatch (bare)',
  'openapi-fetch on undici (bare)',
  'openapi-fetch (bare)',
  'ours: Vercel',
  'ours: Gcore',
  'ours: NAVER (signed)',
  'ours: Huawei (AK/SK)',
  '@vercel/sdk',
  'huaweicloud-sdk-core',
];
const ENTRIES = ['vercel', 'gcore', 'naver', 'huawei'];

interface Mode {
  rps: number;
  vsRawFetch: number;
  cpuMicrosPerRequest: number;
  cpuEfficiencyVsRawFetch: number;
  vsRawFetchWithSameSigner?: number;
  vsOfficialSdk?: number;
  rounds: number[];
}
interface Results {
  meta: { quick: boolean; rounds: number };
  throughput: Record<string, { kind: string; sequential: Mode; concurrent: Mode }>;
  signing: Record<'naver' | 'huawei' | 'hmacSha256', { nodeCryptoMicros: number; webCryptoMicros: number }>;
  import: { emptyNodeMs: number; entries: Record<string, { overEmptyNodeMs: number; inProcessImportMs: number; rssOverEmptyMB: number }> };
  bundle: Record<string, { minBytes: number; minGzipBytes: number }>;
  targets: { target: string; value: number; limit: number; met: boolean }[];
}

let dir: string;
let stdout = '';
let stderr = '';
let code: number | null = null;
let results: Results;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
  const out = join(dir, 'results.json');
  const child = spawn(process.execPath, ['--expose-gc', 'bench/bench.mjs', '--quick', '--out', out], { cwd: root });
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code === 0) results = JSON.parse(readFileSync(out, 'utf8')) as Results;
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const finite = (value: unknown) => expect(Number.isFinite(value), `${String(value)} is finite`).toBe(true);

describe('npm run bench -- --quick', () => {
  it('exits 0 and prints the table with every contender and entry point', () => {
    expect(code, stderr).toBe(0);
    for (const name of CONTENDERS) expect(stdout).toContain(`| ${name} `);
    for (const entry of ENTRIES) expect(stdout).toContain(`cloud-image-clients/${entry}`);
    expect(stdout).toContain('NAVER v2');
    expect(stdout).toContain('Huawei SDK-HMAC-SHA256');
    expect(stdout).toMatch(/Targets: \d+\/\d+ met\./);
  });

  it('writes results with finite numbers for every contender, signer and entry point', () => {
    expect(results.meta.quick).toBe(true);
    expect(Object.keys(results.throughput).sort()).toEqual([...CONTENDERS].sort());
    for (const [name, t] of Object.entries(results.throughput)) {
      for (const mode of [t.sequential, t.concurrent]) {
        for (const v of [mode.rps, mode.vsRawFetch, mode.cpuMicrosPerRequest, mode.cpuEfficiencyVsRawFetch]) finite(v);
        expect(mode.rps, name).toBeGreaterThan(0);
        expect(mode.rounds).toHaveLength(results.meta.rounds);
      }
    }
    for (const name of ['ours: NAVER (signed)', 'ours: Huawei (AK/SK)']) {
      finite(results.throughput[name]!.sequential.vsRawFetchWithSameSigner);
      finite(results.throughput[name]!.concurrent.vsRawFetchWithSameSigner);
    }
    for (const name of ['ours: Vercel', 'ours: Huawei (AK/SK)']) {
      finite(results.throughput[name]!.sequential.vsOfficialSdk);
      finite(results.throughput[name]!.concurrent.vsOfficialSdk);
    }
    for (const s of Object.values(results.signing)) {
      finite(s.nodeCryptoMicros);
      finite(s.webCryptoMicros);
    }
    finite(results.import.emptyNodeMs);
    for (const entry of ENTRIES) {
      const i = results.import.entries[entry]!;
      for (const v of [i.overEmptyNodeMs, i.inProcessImportMs, i.rssOverEmptyMB]) finite(v);
      const b = results.bundle[entry]!;
      expect(b.minGzipBytes).toBeGreaterThan(0);
      expect(b.minBytes).toBeGreaterThan(b.minGzipBytes);
    }
  });

  it('evaluates every target (met or not) against a finite measurement', () => {
    // 4 clients × 2 modes vs raw fetch, 2 × 2 vs the official SDK; 4 edge bundles; 5 imports (root + 4 vendors).
    expect(results.targets).toHaveLength(8 + 4 + 4 + 5);
    for (const t of results.targets) {
      finite(t.value);
      expect(typeof t.met).toBe('boolean');
    }
  });
});
