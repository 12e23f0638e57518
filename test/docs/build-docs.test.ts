// `npm run docs`: one self-contained HTML reference per spec plus an index, built into a temp dir here.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VENDORS = ['vercel', 'gcore', 'naver', 'huawei'];

interface Operation {
  operationId: string;
  summary: string;
}

async function operationsOf(vendor: string): Promise<Operation[]> {
  const spec = parse(await readFile(join(ROOT, 'specs', vendor, 'openapi.yaml'), 'utf8'));
  return Object.values(spec.paths as Record<string, Record<string, Operation>>).flatMap((item) =>
    Object.values(item).filter((operation) => typeof operation?.operationId === 'string'),
  );
}

let outDir: string;
let stdout: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'cic-docs-test-'));
  ({ stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'scripts', 'build-docs.mjs'), '--out-dir', outDir], { cwd: ROOT }));
}, 120_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('npm run docs', () => {
  it.each(VENDORS)('%s.html is a self-contained HTML page with each operation summary and operationId', async (vendor) => {
    const html = await readFile(join(outDir, `${vendor}.html`), 'utf8');
    expect(html.trimStart().slice(0, 15).toLowerCase()).toBe('<!doctype html>');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    const operations = await operationsOf(vendor);
    expect(operations.length).toBeGreaterThan(0);
    for (const { summary, operationId } of operations) {
      expect(html).toContain(JSON.stringify(summary));
      expect(html).toContain(JSON.stringify(operationId));
    }
    // Offline: Redoc is inlined, not loaded from a CDN, and its client telemetry is off.
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
    expect(html).not.toMatch(/<link[^>]+href=["']https?:/);
    expect(html).toContain('"disableTelemetry":true');
  });

  it('index.html links the four pages and lists their operations', async () => {
    const html = await readFile(join(outDir, 'index.html'), 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    for (const vendor of VENDORS) {
      expect(html).toContain(`<a href="${vendor}.html">`);
      for (const { operationId } of await operationsOf(vendor)) expect(html).toContain(`<code>${operationId}</code>`);
    }
    expect(stdout).toContain('index.html');
  });
});
