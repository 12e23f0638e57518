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
// The vendor documents, kept in the repository unchanged with their provenance (specs/<vendor>/vendor/README.md).
const VERCEL_DOCS = join(ROOT, 'specs', 'vercel', 'vendor');
const GCORE_DOCS = join(ROOT, 'specs', 'gcore', 'vendor');

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

// Each case runs Redocly several times in child processes: allow for a loaded machine.
describe.concurrent('specs:update', { timeout: 90_000 }, () => {
  it('vercel, current vendor document: reproduces specs/vercel/openapi.yaml, no changes', async () => {
    const out = join(tmp, 'vercel-current.yaml');
    const { code, stdout, stderr } = await run('vercel', join(VERCEL_DOCS, 'openapi.latest.json'), '--out', out);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('11 of 11 actions applied');
    expect(stdout).toContain('No changes: the new spec is the committed specs/vercel/openapi.yaml');
    expect(stdout).not.toContain('NOT APPLIED');
    expect(stdout).toContain('0 errors, 0 warnings');
    expect(await readFile(out, 'utf8')).toBe(committed.vercel);

    // What the committed spec is: the vendor's current shapes plus the four listing operations of the overlay.
    const spec = parse(committed.vercel!);
    const ids = Object.values(spec.paths).map((item) => (item as { get: { operationId: string } }).get.operationId);
    expect(ids).toEqual(['getRepositoryImage', 'getRepositoryTag', 'listRepositories', 'getRepository', 'listRepositoryImages', 'listRepositoryTags']);
    const image = spec.paths['/v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}'].get;
    expect(Object.keys(image.responses)).toEqual(['200', '400', '401', '403', '404', '429', '500']);
    expect(spec.components.schemas.VcrImageDetail.properties.status).not.toHaveProperty('nullable');
    expect(spec.components.schemas.VcrImageDetail.properties.status.enum).toEqual(['errored', 'preparing', 'ready', 'unoptimized', null]);
    expect(spec.components.schemas.VcrImageDetail.properties).not.toHaveProperty('vhs');
    expect(spec.components.schemas.VcrImageDetail.properties.layers.items).toEqual({ $ref: '#/components/schemas/VcrImageLayer' });
    for (const schema of ['VercelBaseError', 'VcrRepository', 'VcrRepositoryList', 'VcrImageListItem', 'VcrImageList']) {
      expect(spec.components.schemas).toHaveProperty(schema);
    }
  });

  it('vercel, the older extract: names every change back, marks the breaking ones, reports the action that no longer fits', async () => {
    const out = join(tmp, 'vercel-older.yaml');
    const { code, stdout, stderr } = await run('vercel', join(VERCEL_DOCS, 'openapi.json'), '--out', out);
    expect(stderr).toBe('');
    expect(code).toBe(0);

    // Path parameter {imageIdOrDigest} -> {imageId}: the path's new key, the removed and the added parameter.
    expect(stdout).toContain(
      'path renamed: /v1/vcr/repository/{idOrName}/images/{imageIdOrDigest} → /v1/vcr/repository/{idOrName}/images/{imageId}',
    );
    expect(linesWith(stdout, '`imageIdOrDigest` path parameter was removed')).toEqual([expect.stringMatching(/^\s+BREAKING /)]);
    expect(linesWith(stdout, 'Required `imageId` path parameter was added')).toEqual([expect.stringMatching(/^\s+BREAKING /)]);
    // The layer union is gone (untyped items again), `vhs` is back, the enums lost values.
    expect(linesWith(stdout, '`oneOf` was removed')).toEqual([expect.stringMatching(/^\s+BREAKING /)]);
    expect(linesWith(stdout, 'added response 200 body: image.vhs')).toHaveLength(1);
    expect(linesWith(stdout, 'image.status · enum')).toHaveLength(1);
    expect(linesWith(stdout, 'tag.kind · enum')).toHaveLength(1);
    for (const schema of ['VcrImageDetail', 'VcrTag', 'VcrImageLayer']) {
      expect(linesWith(stdout, `removed schema ${schema}`)).toHaveLength(1);
    }

    // The digest pattern targets the current parameter name: on the older document it is reported, not dropped.
    expect(stdout).toMatch(/10 of 11 actions applied/);
    const notApplied = stdout.slice(stdout.indexOf('NOT APPLIED'), stdout.indexOf('Notes of ours'));
    expect(notApplied).toContain('Change 9');
    expect(stdout).toContain('x-cic-change on GET /v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}: parameters/2/schema: pattern added');
    expect(stdout).toContain('Lint (redocly.yaml rules for vercel): 0 errors, 0 warnings');

    // The listing operations are ours (the overlay's), so they survive any vendor document of the two lookups.
    const spec = parse(await readFile(out, 'utf8'));
    expect(Object.keys(spec.paths)).toContain('/v1/vcr/repository/{idOrName}/images');
    expect(spec.paths['/v1/vcr/repository/{idOrName}/images/{imageId}'].get.operationId).toBe('getRepositoryImage');
    // The committed file's header comment is kept.
    expect(await readFile(out, 'utf8')).toMatch(/^# Vercel Container Registry/);
  });

  it('gcore, current extract: reproduces specs/gcore/openapi.yaml, no changes', async () => {
    const out = join(tmp, 'gcore-current.yaml');
    const { code, stdout } = await run('gcore', join(GCORE_DOCS, 'openapi.yaml'), '--out', out);
    expect(code).toBe(0);
    expect(stdout).toContain('15 of 15 actions applied');
    expect(stdout).toContain('No changes: the new spec is the committed specs/gcore/openapi.yaml');
    expect(stdout).not.toContain('NOT APPLIED');
    expect(stdout).toContain('0 errors, 0 warnings');
    expect(await readFile(out, 'utf8')).toBe(committed.gcore);

    // What the committed spec is: the extract plus Gcore's July 2026 API (tags_v2, paged listings).
    const spec = parse(committed.gcore!);
    const image = spec.components.schemas.ImageSerializer;
    expect(image.required).toContain('tags_v2');
    expect(image.required).not.toContain('tags');
    expect(image.properties.tags).toMatchObject({ deprecated: true });
    for (const path of ['/cloud/v1/images/{project_id}/{region_id}', '/cloud/v1/projectimages/{project_id}/{region_id}']) {
      const params = Object.fromEntries(spec.paths[path].get.parameters.map((p: { name: string }) => [p.name, p]));
      expect(params.limit.schema).toMatchObject({ type: 'integer', maximum: 1000 });
      expect(params.offset.schema).toMatchObject({ type: 'integer', minimum: 0 });
    }
  });

  it('a whole-platform document: filter-in and remove-unused-components keep only our operations', async () => {
    // The current extract inside a "full" document: another operation, its schemas, a VercelBaseError of its own.
    const full = JSON.parse(await readFile(join(VERCEL_DOCS, 'openapi.latest.json'), 'utf8'));
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
      ...full.components.schemas,
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
    const naver = await run('naver', join(VERCEL_DOCS, 'openapi.json'));
    expect(naver.code).toBe(2);
    expect(naver.stderr).toContain('NAVER Cloud publishes no OpenAPI document');
    const huawei = await run('huawei', 'whatever.json');
    expect(huawei.code).toBe(2);
    expect(huawei.stderr).toContain('hand');
    const unknown = await run('aws', join(VERCEL_DOCS, 'openapi.json'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown vendor "aws"');
    const missing = await run('vercel', join(tmp, 'no-such-file.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    const none = await run();
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: npm run specs:update');
    const badOption = await run('vercel', join(VERCEL_DOCS, 'openapi.json'), '--bogus');
    expect(badOption.code).toBe(2);
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run specs:update -- <vendor> <vendor-spec>');
  });
});
