// `npm run specs:update`: filter a vendor document to our operations, re-apply specs/<vendor>/overlay.yaml,
// report the changes against the committed spec. Every run here writes to a temp dir (--out) or nowhere
// (--dry-run): specs/ is never touched, and the test checks that.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = join(ROOT, 'scripts', 'specs-update.mjs');
// The vendor documents, kept in the repository with their provenance (test/fixtures/vendor-specs/PROVENANCE.md).
const VENDOR_SPECS = join(ROOT, 'test', 'fixtures', 'vendor-specs');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** The report lines that contain `text`. */
const linesWith = (report: string, text: string) => report.split('\n').filter((line) => line.includes(text));

let tmp: string;
const committed: Record<string, string> = {};

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cic-specs-update-test-'));
  for (const vendor of ['vercel', 'gcore']) {
    committed[vendor] = await readFile(join(ROOT, 'specs', vendor, 'openapi.yaml'), 'utf8');
  }
});

afterAll(async () => {
  // Nothing here may have written specs/.
  for (const [vendor, text] of Object.entries(committed)) {
    expect(await readFile(join(ROOT, 'specs', vendor, 'openapi.yaml'), 'utf8')).toBe(text);
  }
  await rm(tmp, { recursive: true, force: true });
});

describe.concurrent('specs:update', () => {
  it('vercel, latest vendor document: names every change and marks the breaking ones', async () => {
    const out = join(tmp, 'vercel-latest.yaml');
    const { code, stdout, stderr } = await run('vercel', join(VENDOR_SPECS, 'vercel', 'openapi.latest.json'), '--out', out);
    expect(stderr).toBe('');
    expect(code).toBe(0);

    // Path parameter renamed {imageId} -> {imageIdOrDigest}: the path's new key, the removed and the added
    // parameter; the parameter changes are breaking.
    expect(stdout).toContain(
      'path renamed: /v1/vcr/repository/{idOrName}/images/{imageId} → /v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}',
    );
    expect(linesWith(stdout, '`imageId` path parameter was removed')).toEqual([expect.stringMatching(/^\s+BREAKING /)]);
    expect(linesWith(stdout, 'Required `imageIdOrDigest` path parameter was added')).toEqual([expect.stringMatching(/^\s+BREAKING /)]);

    // Enums widened in responses (image and tag): the library rates a response enum that gains values as
    // breaking (a client that switches over the old values meets a value it does not know).
    expect(linesWith(stdout, "Enum of `kind` gained values: 'attestation'")).toEqual([
      expect.stringMatching(/^\s+BREAKING /),
      expect.stringMatching(/^\s+BREAKING /),
    ]);
    expect(linesWith(stdout, "Enum of `status` gained values: 'errored'")).toEqual([
      expect.stringMatching(/^\s+BREAKING /),
      expect.stringMatching(/^\s+BREAKING /),
    ]);

    // image.vhs removed.
    expect(linesWith(stdout, 'Property `vhs` of `image` was removed')).toEqual([expect.stringMatching(/^\s+BREAKING /)]);

    // image.layers items: our open object -> $ref VcrImageLayer, a oneOf.
    expect(linesWith(stdout, 'added response 200 body: image.layers[].oneOf')).toHaveLength(1);
    expect(linesWith(stdout, 'VcrImageLayer')).not.toHaveLength(0);

    // The response objects moved into named components.
    for (const schema of ['VcrImageDetail', 'VcrTag', 'VcrImageLayer']) {
      expect(linesWith(stdout, `added schema ${schema}`)).toHaveLength(1);
    }

    // Our additions whose vendor target is gone are reported, not dropped in silence.
    expect(stdout).toMatch(/8 of 10 actions applied/);
    const notApplied = stdout.slice(stdout.indexOf('NOT APPLIED'), stdout.indexOf('Notes of ours'));
    expect(notApplied).toContain('Change 5');
    expect(notApplied).toContain('Change 7');
    expect(stdout).toContain('x-cic-change on GET /v1/vcr/repository/{idOrName}/images/{imageId}: response 200 body: image.layers[]');

    expect(stdout).toContain('Lint (redocly.yaml rules for vercel): 0 errors, 0 warnings');

    // The written spec: the vendor's new shapes with our additions.
    const spec = parse(await readFile(out, 'utf8'));
    const image = spec.paths['/v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}'].get;
    expect(image.parameters.map((p: { name: string }) => p.name)).toContain('imageIdOrDigest');
    expect(Object.keys(image.responses)).toEqual(['200', '400', '401', '403', '404', '429', '500']);
    expect(spec.components.schemas.VcrImageDetail.properties.status).not.toHaveProperty('nullable');
    expect(spec.components.schemas.VcrImageDetail.properties.status.enum).toEqual(['errored', 'preparing', 'ready', 'unoptimized', null]);
    expect(spec.components.schemas).toHaveProperty('VercelBaseError');
    // The committed file's header comment is kept.
    expect(await readFile(out, 'utf8')).toMatch(/^# Vercel Container Registry/);
  });

  it('vercel, current extract: reproduces specs/vercel/openapi.yaml, no changes', async () => {
    const out = join(tmp, 'vercel-current.yaml');
    const { code, stdout } = await run('vercel', join(VENDOR_SPECS, 'vercel', 'openapi.json'), '--out', out);
    expect(code).toBe(0);
    expect(stdout).toContain('10 of 10 actions applied');
    expect(stdout).toContain('No changes: the new spec is the committed specs/vercel/openapi.yaml');
    expect(stdout).not.toContain('NOT APPLIED');
    expect(stdout).toContain('0 errors, 0 warnings');
    expect(await readFile(out, 'utf8')).toBe(committed.vercel);
  });

  it('gcore, current extract: reproduces specs/gcore/openapi.yaml, no changes', async () => {
    const out = join(tmp, 'gcore-current.yaml');
    const { code, stdout } = await run('gcore', join(VENDOR_SPECS, 'gcore', 'openapi.yaml'), '--out', out);
    expect(code).toBe(0);
    expect(stdout).toContain('10 of 10 actions applied');
    expect(stdout).toContain('No changes: the new spec is the committed specs/gcore/openapi.yaml');
    expect(stdout).toContain('0 errors, 0 warnings');
    expect(await readFile(out, 'utf8')).toBe(committed.gcore);
  });

  it('a whole-platform document: filter-in and remove-unused-components keep only our operations', async () => {
    // The current extract inside a "full" document: another operation, its schemas, a VercelBaseError of its own.
    const full = JSON.parse(await readFile(join(VENDOR_SPECS, 'vercel', 'openapi.json'), 'utf8'));
    full.paths['/v9/projects/{idOrName}'] = {
      get: {
        operationId: 'getProject',
        summary: 'Find a project by id or name',
        parameters: [{ name: 'idOrName', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: '', content: { 'application/json': { schema: { $ref: '#/components/schemas/Project' } } } },
          '404': { description: '', content: { 'application/json': { schema: { $ref: '#/components/schemas/VercelBaseError' } } } },
        },
      },
    };
    full.components.schemas = {
      Project: { type: 'object', properties: { id: { type: 'string' } } },
      VercelBaseError: { type: 'object', properties: { error: { type: 'object' } } },
      Unused: { type: 'string' },
    };
    const source = join(tmp, 'vercel-full.json');
    await writeFile(source, JSON.stringify(full));
    const { code, stdout } = await run('vercel', source, '--dry-run');
    expect(code).toBe(0);
    expect(stdout).toContain('No changes: the new spec is the committed specs/vercel/openapi.yaml');
    expect(stdout).toContain('Wrote nothing (--dry-run).');
  });

  it('a document without our operations: the update fails (exit 1)', async () => {
    const source = join(tmp, 'other.yaml');
    await writeFile(source, 'openapi: 3.0.3\ninfo: {title: other, version: "1"}\npaths:\n  /x:\n    get:\n      operationId: other\n      responses:\n        "200": {description: ok}\n');
    const { code, stderr } = await run('vercel', source, '--dry-run');
    expect(code).toBe(1);
    expect(stderr).toContain('none of our operations (getRepositoryImage, getRepositoryTag)');
  });

  it('usage errors exit 2 with a clear message; --help exits 0', async () => {
    const naver = await run('naver', join(VENDOR_SPECS, 'vercel', 'openapi.json'));
    expect(naver.code).toBe(2);
    expect(naver.stderr).toContain('NAVER Cloud publishes no OpenAPI document');
    const huawei = await run('huawei', 'whatever.json');
    expect(huawei.code).toBe(2);
    expect(huawei.stderr).toContain('hand');
    const unknown = await run('aws', join(VENDOR_SPECS, 'vercel', 'openapi.json'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown vendor "aws"');
    const missing = await run('vercel', join(tmp, 'no-such-file.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    const none = await run();
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: npm run specs:update');
    const badOption = await run('vercel', join(VENDOR_SPECS, 'vercel', 'openapi.json'), '--bogus');
    expect(badOption.code).toBe(2);
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run specs:update -- <vendor> <vendor-spec>');
  });
});
