// The fakes' spec check (spec-conformance.ts) checked itself: the specs' own examples pass it (what the Prism
// mocks serve), it catches what a fake gets wrong (above all NAVER's `next` sent as a link, the bug that made
// NAVER listings stop after page 1), `offSpec` lets a deliberately hostile answer through, and the `offSpec`
// uses in the suite are few, each with a reason, and counted here.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listImages } from '../../src/index.js';
import { startStub } from './http-stub.js';
import {
  VENDORS,
  checkResponse,
  findOperation,
  offSpec,
  offSpecUses,
  samplePath,
  schemaExamples,
  specExamples,
  takeViolations,
  validateAt,
  type Exchange,
} from './spec-conformance.js';
import { gcoreImage, vercelImageDetail } from './vendor-bodies.js';

/** Runs `check` on an exchange expected to fail; returns the violation's message and takes it from the record. */
function violation(exchange: Exchange): string {
  let message: string | undefined;
  try {
    checkResponse(exchange);
  } catch (error) {
    message = (error as Error).message;
  }
  const recorded = takeViolations();
  expect(message, 'the check passed an off-spec answer').toBeDefined();
  expect(recorded.map((v) => v.message)).toEqual([message]);
  return message!;
}

describe.each(VENDORS)('%s spec: its own examples pass the check (what the Prism mocks serve)', (vendor) => {
  it('every response example validates against its response schema', () => {
    const examples = specExamples(vendor);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      const exchange = { vendor, method: example.method, path: samplePath(example.template), status: example.status, body: example.value };
      expect(() => checkResponse(exchange), `${example.method} ${example.template} ${example.status} ${example.name}`).not.toThrow();
    }
  });

  it('every schema-level example validates against its schema', () => {
    for (const example of schemaExamples(vendor)) {
      expect(validateAt(vendor, example.pointer, example.value), `${example.pointer.join('/')} ${example.name}`).toEqual([]);
    }
  });
});

describe('the check', () => {
  const page = (next: unknown) => ({ count: 3, next, previous: null, results: [{ name: 'team/app', namespace: 'reg' }] });

  it('NAVER: `next` is a page number or null; a link is a violation', () => {
    expect(checkResponse({ vendor: 'naver', method: 'GET', path: '/ncr/api/v2/repositories/reg', status: 200, body: page(2) })).toEqual({ checked: 'getImageList 200' });
    expect(checkResponse({ vendor: 'naver', method: 'GET', path: '/ncr/api/v2/repositories/reg', status: 200, body: page(null) })).toEqual({ checked: 'getImageList 200' });
    expect(violation({ vendor: 'naver', method: 'GET', path: '/ncr/api/v2/repositories/reg', status: 200, body: page('http://x/ncr/api/v2/repositories/reg?page=2') })).toContain(
      'body/next must be integer',
    );
  });

  it('matches the spec’s server base paths (NAVER /ncr/{regionBase}) and percent-encoded segments, not others', () => {
    expect(findOperation('naver', 'GET', '/ncr/sgn-api/v2/repositories/reg/team%2Fapp/tags/latest')?.template).toBe('/v2/repositories/{registry}/{imageName}/tags/{reference}');
    expect(findOperation('naver', 'GET', '/v2/repositories/reg/team%2Fapp')?.template).toBe('/v2/repositories/{registry}/{imageName}');
    expect(findOperation('naver', 'GET', '/ncr/mars-api/v2/repositories')).toBeUndefined();
    expect(findOperation('naver', 'GET', '/base/v2/repositories', '/base')?.template).toBe('/v2/repositories');
    expect(findOperation(undefined, 'GET', '/v5/p/image/registries/images')?.vendor).toBe('huawei');
    expect(findOperation(undefined, 'POST', '/v5/p/image/registries/images')).toBeUndefined();
  });

  it('$refs resolve into the components: Gcore (OpenAPI 3.1) items, Vercel layers, error bodies', () => {
    checkResponse({ vendor: 'gcore', method: 'GET', path: '/cloud/v1/projectimages/1/7', status: 200, body: { count: 1, results: [gcoreImage()] } });
    const { region: _region, ...noRegion } = gcoreImage();
    expect(violation({ vendor: 'gcore', method: 'GET', path: '/cloud/v1/projectimages/1/7', status: 200, body: { count: 1, results: [noRegion] } })).toContain(
      "body/results/0 must have required property 'region'",
    );
    checkResponse({ vendor: 'vercel', method: 'GET', path: '/v1/vcr/repository/r/images/i', status: 200, body: vercelImageDetail() });
    expect(violation({ vendor: 'vercel', method: 'GET', path: '/v1/vcr/repository/r/images/i', status: 200, body: vercelImageDetail({ layers: [{ type: 'RUN' }] }) })).toContain('body/image/layers/0');
    expect(violation({ vendor: 'huawei', method: 'GET', path: '/v5/p/image/i/basic-image', status: 404, body: { message: 'gone' } })).toContain("required property 'error_code'");
  });

  it('nullable (OpenAPI 3.0) and integer formats', () => {
    checkResponse({ vendor: 'naver', method: 'GET', path: '/ncr/api/v2/repositories/r/i', status: 200, body: { name: 'i', is_private: null, star_count: null, user: null } });
    expect(violation({ vendor: 'naver', method: 'GET', path: '/ncr/api/v2/repositories/r/i', status: 200, body: { name: 'i', can_edit: null } })).toContain('body/can_edit must be boolean');
    expect(violation({ vendor: 'huawei', method: 'GET', path: '/v5/p/image/registries/images', status: 200, body: { total_num: 2 ** 31, data_list: [] } })).toContain('int32');
  });

  it('a status the operation does not document, a body that is not JSON, a non-JSON content type', () => {
    expect(violation({ vendor: 'vercel', method: 'GET', path: '/v1/vcr/repository', status: 503, body: { error: { code: 'x', message: 'y' } } })).toContain('status 503 is not a response');
    expect(violation({ vendor: 'gcore', method: 'GET', path: '/cloud/v1/images/1/7/i', status: 200, bodyText: '{"id": ' })).toContain('not JSON');
    expect(violation({ vendor: 'gcore', method: 'GET', path: '/cloud/v1/images/1/7/i', status: 200, bodyText: '<html/>', contentType: 'text/html' })).toContain('text/html');
    expect(violation({ vendor: 'gcore', method: 'GET', path: '/cloud/v1/images/1/7/i', status: 200 })).toContain('none was sent');
  });

  it('a path of no operation is a violation unless the fake declares it (`unspecified`, with a reason)', () => {
    expect(violation({ method: 'GET', path: '/health', status: 200, body: {} })).toContain('no operation of any vendor’s spec matches GET /health');
    expect(checkResponse({ method: 'GET', path: '/health', status: 200, body: {}, unspecified: 'a health probe' })).toEqual({ unspecified: 'a health probe' });
    // Declaring a path unspecified does not exempt a vendor operation.
    expect(violation({ method: 'GET', path: '/v2/repositories', status: 200, body: { next: 'x' }, unspecified: 'no' })).toContain('body/next must be integer');
  });

  it('offSpec needs a reason, and only a marker made by offSpec exempts', () => {
    expect(() => offSpec('')).toThrow(/say why/);
    const before = offSpecUses().length;
    const marker = offSpec('a hostile body on purpose (this test)');
    expect(checkResponse({ vendor: 'naver', method: 'GET', path: '/v2/repositories', status: 200, body: page('link'), offSpec: marker })).toEqual({ offSpec: marker.reason });
    expect(offSpecUses().slice(before)).toEqual([marker.reason]);
    expect(violation({ vendor: 'naver', method: 'GET', path: '/v2/repositories', status: 200, body: {}, offSpec: { reason: 'forged' } })).toContain('offSpec must be a marker');
  });
});

describe('a fake that sends NAVER `next` as a link (the bug behind the one-page NAVER listings)', () => {
  const CREDENTIALS = { accessKey: 'CICCONFORMNAVERAK', secretKey: 'cic-test-secret-naver-conform-sk' };
  /** The old paging server's NAVER page: `next`/`previous` as links. */
  const oldPage = (url: string, host: string | undefined) => {
    const page = Number(new URL(url, 'http://x').searchParams.get('page') ?? '1');
    const link = (p: number) => `http://${host}/ncr/api/v2/repositories/reg?page=${p}&pagesize=2`;
    const results = [0, 1].map((i) => ({ name: `team/app-${(page - 1) * 2 + i}`, namespace: 'reg' }));
    return JSON.stringify({ count: 4, next: page < 2 ? link(page + 1) : null, previous: page > 1 ? link(page - 1) : null, results });
  };

  it('is caught: the fake answers 500 saying why, and the violation is recorded (the test would fail)', async () => {
    const stub = await startStub((req) => ({ body: oldPage(req.url ?? '/', req.headers.host) }));
    try {
      const listing = listImages({ vendor: 'naver', registry: 'reg' }, { ...CREDENTIALS, baseUrl: `${stub.url}/ncr/api`, pageSize: 2, retries: 0 });
      const error = await (async () => {
        try {
          for await (const _ of listing) throw new Error('no image should arrive');
        } catch (e) {
          return e;
        }
      })();
      expect(error).toMatchObject({ name: 'ApiError', status: 500, code: 'FAKE_OFF_SPEC' });
      expect(String((error as Error).message)).toContain('body/next must be integer');
      const recorded = takeViolations();
      expect(recorded).toHaveLength(1);
      expect(recorded[0]!.message).toMatch(/^Fake answered off the spec \(naver GET \/ncr\/api\/v2\/repositories\/reg\?.* → 200\): the body does not match the 200 response of getImageList: body\/next must be integer/);
    } finally {
      await stub.close();
    }
  });

  it('is let through when marked offSpec (the one way to send it on purpose)', async () => {
    const marker = offSpec('NAVER next as a link, the old fake’s bug, shown to pass only when marked (this test)');
    const stub = await startStub((req) => ({ body: oldPage(req.url ?? '/', req.headers.host), offSpec: marker }));
    try {
      const names: string[] = [];
      for await (const s of listImages({ vendor: 'naver', registry: 'reg' }, { ...CREDENTIALS, baseUrl: `${stub.url}/ncr/api`, pageSize: 2, retries: 0 })) names.push(String(s.name));
      expect(names.length).toBeGreaterThan(0);
      expect(stub.requests.length).toBeGreaterThan(0);
      expect(takeViolations()).toEqual([]);
    } finally {
      await stub.close();
    }
  });
});

describe('offSpec in the suite: few, each with a reason', () => {
  const ROOT = fileURLToPath(new URL('../../', import.meta.url));
  /** Every `offSpec('…')` call in the tests and the bench, except this file and the check's own modules. */
  function uses(): { file: string; reason: string }[] {
    const found: { file: string; reason: string }[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(ts|mts|mjs)$/.test(entry.name) && !/^spec-conformance/.test(entry.name)) {
          for (const m of readFileSync(join(ROOT, path), 'utf8').matchAll(/\boffSpec\(\s*(['`"])((?:(?!\1).)*)\1\s*\)/g)) found.push({ file: relative(ROOT, join(ROOT, path)), reason: m[2]! });
        }
      }
    };
    walk('test');
    walk('bench');
    return found.sort((a, b) => a.file.localeCompare(b.file));
  }

  it('are exactly these (a new one is added here, with its reason, on purpose)', () => {
    const found = uses();
    expect(found.map((u) => u.file)).toEqual([
      'test/cli/cli-json.test.ts',
      'test/cli/cli.test.ts',
      'test/cli/list.test.ts',
      'test/facade/facade-redaction.test.ts',
      'test/facade/hostile-bodies.test.ts',
      'test/facade/hostile-bodies.test.ts',
      'test/facade/huawei-pages.test.ts',
      'test/support/fault-server.ts',
      'test/transport/cli-redirects.test.ts',
      'test/transport/policy.test.ts',
    ]);
    for (const { file, reason } of found) expect(reason.length, `${file}: offSpec needs a reason`).toBeGreaterThan(20);
  });
});
