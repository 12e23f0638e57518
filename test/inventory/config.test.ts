// The inventory config file: valid scopes pass through; every problem names the scope's index and the field;
// secrets are refused by field name and never echoed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { checkInventoryConfig, loadInventoryConfig, MAX_CONFIG_BYTES, parseInventoryConfig } from '../../src/inventory-config.js';

function problem(document: unknown): ValidationError {
  try {
    checkInventoryConfig(document);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected the config to be refused');
}

const EXAMPLE = {
  scopes: [
    { vendor: 'vercel', projectId: 'prj_123' },
    { vendor: 'gcore', projectId: 1, regionId: 7 },
    { vendor: 'naver', region: 'kr' },
    { vendor: 'huawei', projectId: '2b31ed52', region: 'ap-southeast-1' },
  ],
};

describe('inventory config', () => {
  it('accepts the documented example and every optional field', () => {
    expect(checkInventoryConfig(EXAMPLE).scopes).toEqual(EXAMPLE.scopes);
    const full = {
      scopes: [
        { vendor: 'vercel', projectId: 'prj_1', teamId: 'team_1', slug: 's', repository: 'app', baseUrl: 'http://127.0.0.1:4010' },
        { vendor: 'gcore', projectId: 1, regionId: 7, includePublic: true, baseUrl: 'https://api.example' },
        { vendor: 'naver', region: 'sgn', registry: 'reg' },
        { vendor: 'huawei', projectId: 'p', region: 'ap-southeast-1', enterpriseProjectId: 'ep', namespace: 'ns', imageName: 'app', imageVersion: 'v1' },
      ],
    };
    expect(checkInventoryConfig(full).scopes).toEqual(full.scopes);
  });

  it.each([
    [{ scopes: [{ vendor: 'aws' }] }, 'scopes[0].vendor', /unknown vendor "aws"/],
    [{ scopes: [{ projectId: 'x' }] }, 'scopes[0].vendor', /missing/],
    [{ scopes: [EXAMPLE.scopes[0], { vendor: 'gcore', projectId: 1 }] }, 'scopes[1].regionId', /regionId is missing: gcore needs regionId/],
    [{ scopes: [{ vendor: 'gcore', projectId: 1, regionId: '7' }] }, 'scopes[0].regionId', /must be an integer, not "7"/],
    [{ scopes: [{ vendor: 'gcore', projectId: 1.5, regionId: 7 }] }, 'scopes[0].projectId', /integer/],
    [{ scopes: [{ vendor: 'vercel', projectId: 12 }] }, 'scopes[0].projectId', /must be a string, not number 12/],
    [{ scopes: [{ vendor: 'vercel', projectId: '' }] }, 'scopes[0].projectId', /empty/],
    [{ scopes: [{ vendor: 'naver', region: 'us' }] }, 'scopes[0].region', /one of kr, sgn, jpn/],
    [{ scopes: [{ vendor: 'naver', registry: 'a', regionId: 3 }] }, 'scopes[0].regionId', /unknown field for naver/],
    [{ scopes: [{ vendor: 'gcore', projectId: 1, regionId: 7, includePublic: 'yes' }] }, 'scopes[0].includePublic', /true or false/],
    [{ scopes: [{ vendor: 'naver', baseUrl: 'ftp://x' }] }, 'scopes[0].baseUrl', /http\(s\) URL/],
    [{ scopes: [{ vendor: 'naver', baseUrl: 'https://example.com/?access_token=abc' }] }, 'scopes[0].baseUrl', /must not have a query or fragment/],
    [{ scopes: [{ vendor: 'naver', baseUrl: 'http://example.com' }] }, 'scopes[0].baseUrl', /plain http to another machine \(http:\/\/example\.com\)/],
    [{ allowInsecureHttp: 'yes', scopes: [{ vendor: 'naver' }] }, 'allowInsecureHttp', /true or false/],
    [{ scopes: [{ vendor: 'gcore', projectId: 0, regionId: 7 }] }, 'scopes[0].projectId', /must be >= 1, not number 0$/],
    [{ scopes: [{ vendor: 'gcore', projectId: 1, regionId: -0 }] }, 'scopes[0].regionId', /not -0/],
    [{ scopes: [{ vendor: 'gcore', projectId: -3, regionId: 7 }] }, 'scopes[0].projectId', /negative/],
    [{ scopes: [{ vendor: 'vercel', projectId: ' ' }] }, 'scopes[0].projectId', /must not be empty or blank/],
    [{ scopes: [{ vendor: 'huawei', projectId: '\t\n' }] }, 'scopes[0].projectId', /must not be empty or blank/],
    [{ scopes: [{ vendor: 'huawei', projectId: 'p'.repeat(257) }] }, 'scopes[0].projectId', /at most 256 characters/],
    [{ scopes: [{ vendor: 'vercel', projectId: 'p', repository: 'r'.repeat(256) }] }, 'scopes[0].repository', /at most 255 characters/],
    [{ scopes: [{ vendor: 'naver', registry: '..' }] }, 'scopes[0].registry', /would address another resource/],
    [{ scopes: [{ vendor: 'vercel', projectId: 'p\u001b[2J' }] }, 'scopes[0].projectId', /control characters/],
    [{ scopes: [{ vendor: 'huawei', projectId: 'p', scanStatus: 'maybe' }] }, 'scopes[0].scanStatus', /must be one of/],
    [{ scopes: [{ vendor: 'naver', baseUrl: 'https://user:pw@example.com' }] }, 'scopes[0].baseUrl', /must not carry credentials/],
    [{ scopes: [] }, 'scopes', /empty/],
    [{ scopes: [{ vendor: 'huawei', projectId: 'p', namespace: 7 }] }, 'scopes[0].namespace', /must be a string/],
    [{ scopes: [{ vendor: 'huawei', projectId: 'p', image_name: 'x' }] }, 'scopes[0].image_name', /unknown field for huawei/],
    [{ scopes: {} }, 'scopes', /must be a list/],
    [{}, 'scopes', /missing/],
    [[], '(top level)', /must be an object/],
    [{ scopes: [EXAMPLE.scopes[0]], concurrency: 4 }, 'concurrency', /unknown field/],
    [{ scopes: ['vercel'] }, 'scopes[0]', /must be an object, not "vercel"/],
  ])('refuses %j naming %s', (document, field, message) => {
    const error = problem(document);
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
    expect(error.message).toMatch(message);
  });

  it.each([
    ['token', { vendor: 'vercel', projectId: 'p', token: 'vercel_live_abcdef123456' }],
    ['apiKey', { vendor: 'gcore', projectId: 1, regionId: 7, apiKey: 'gcore-key-abcdef123456' }],
    ['accessKey', { vendor: 'naver', accessKey: 'NAVERKEYabcdef123456' }],
    ['secretKey', { vendor: 'huawei', projectId: 'p', secretKey: 'huawei-secret-abcdef123456' }],
    ['securityToken', { vendor: 'huawei', projectId: 'p', securityToken: 'huawei-sts-abcdef123456' }],
    ['password', { vendor: 'naver', password: 'hunter2-abcdef123456' }],
    ['client_secret', { vendor: 'naver', client_secret: 'oauth-abcdef123456' }],
  ])('refuses a secret field (%s), naming it and never echoing its value', (name, scope) => {
    const error = problem({ scopes: [EXAMPLE.scopes[0], scope] });
    expect(error.field).toBe(`scopes[1].${name}`);
    expect(error.message).toMatch(/, a secret field, is refused: a config file must not hold secrets/);
    const secret = (scope as Record<string, unknown>)[name] as string;
    expect(error.message).not.toContain(secret);
    expect(JSON.stringify(error.toJSON())).not.toContain(secret);
  });

  it('refuses a secret at the top level or nested, before any other check', () => {
    expect(problem({ scopes: [], credentials: { vercel: 'x' } }).field).toBe('credentials');
    expect(problem({ scopes: [{ vendor: 'aws', extra: { auth: { bearer: 'x' } } }] }).field).toBe('scopes[0].extra.auth');
  });

  it('names the environment variables to use instead', () => {
    expect(problem({ scopes: [{ vendor: 'gcore', projectId: 1, regionId: 7, apiKey: 'k' }] }).message).toContain('GCORE_API_KEY');
  });

  it.each([
    [[{ vendor: 'gcore', projectId: 1, regionId: 7 }, { vendor: 'gcore', projectId: 1, regionId: 7 }], 'scopes[1]'],
    [[{ vendor: 'gcore', projectId: 1, regionId: 7 }, { vendor: 'gcore', projectId: 1, regionId: 7, includePublic: true }], 'scopes[1]'],
    [[{ vendor: 'vercel', projectId: 'p' }, { vendor: 'naver' }, { vendor: 'vercel', projectId: 'p', repository: 'app' }], 'scopes[2]'],
    [[{ vendor: 'naver', registry: 'a' }, { vendor: 'naver', registry: 'a' }], 'scopes[1]'],
    [[{ vendor: 'huawei', projectId: 'p', namespace: 'a' }, { vendor: 'huawei', projectId: 'p' }], 'scopes[1]'],
    // compared after the defaults: NAVER's region kr, Huawei's region (HUAWEICLOUD_SDK_REGION, else cn-north-4)
    [[{ vendor: 'naver' }, { vendor: 'naver', region: 'kr' }], 'scopes[1]'],
    [[{ vendor: 'naver', region: 'kr', registry: 'a' }, { vendor: 'naver', registry: 'a' }], 'scopes[1]'],
    [[{ vendor: 'huawei', projectId: 'p' }, { vendor: 'huawei', projectId: 'p', region: 'cn-north-4' }], 'scopes[1]'],
    [[{ vendor: 'naver', region: 'kr', baseUrl: 'http://127.0.0.1:1/ncr/api' }, { vendor: 'naver', region: 'sgn', baseUrl: 'http://127.0.0.1:1/ncr/api' }], 'scopes[1]'],
  ])('refuses scopes that would list the same images twice (%j)', (scopes, field) => {
    const error = problem({ scopes });
    expect(error.field).toBe(field);
    expect(error.message).toMatch(/listed once/);
  });

  it('accepts scopes that only look alike', () => {
    const scopes = [
      { vendor: 'vercel', projectId: 'p', repository: 'a' },
      { vendor: 'vercel', projectId: 'p', repository: 'b' },
      { vendor: 'vercel', projectId: 'q' },
      { vendor: 'naver', region: 'kr' },
      { vendor: 'naver', region: 'sgn' },
      { vendor: 'gcore', projectId: 1, regionId: 8 },
      { vendor: 'gcore', projectId: 1, regionId: 7 },
      { vendor: 'huawei', projectId: 'p', namespace: 'a' },
      { vendor: 'huawei', projectId: 'p', namespace: 'b' },
    ];
    expect(checkInventoryConfig({ scopes }).scopes).toHaveLength(9);
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'])('an inherited name (%s) is an unknown field, in a scope and at the top level', (name) => {
    const scope = JSON.parse(`{ "vendor": "gcore", "projectId": 1, "regionId": 7, "${name}": "x" }`) as unknown;
    const inScope = problem({ scopes: [scope] });
    expect(inScope.field).toBe(`scopes[0].${name}`);
    expect(inScope.message).toMatch(/is an unknown field for gcore/);
    const top = problem(JSON.parse(`{ "scopes": [ { "vendor": "naver" } ], "${name}": {} }`) as unknown);
    expect(top.field).toBe(name);
  });

  it('inherited properties are not read: scopes and vendor must be the object\'s own', () => {
    expect(problem(Object.create({ scopes: [{ vendor: 'naver' }] }) as unknown).field).toBe('scopes');
    expect(problem({ scopes: [Object.create({ vendor: 'naver' }) as unknown] }).field).toBe('scopes[0].vendor');
  });

  it('a plain-http baseUrl on another machine passes with allowInsecureHttp (scope, top level, or the option) and says so to the client', () => {
    const scope = { vendor: 'gcore', projectId: 1, regionId: 7, baseUrl: 'http://gcore.example.com' };
    expect(checkInventoryConfig({ scopes: [{ ...scope, allowInsecureHttp: true }] }).scopes).toEqual([{ ...scope, allowInsecureHttp: true }]);
    expect(checkInventoryConfig({ allowInsecureHttp: true, scopes: [scope] }).scopes).toEqual([{ ...scope, allowInsecureHttp: true }]);
    expect(checkInventoryConfig({ scopes: [scope] }, 'config', { allowInsecureHttp: true }).scopes).toEqual([{ ...scope, allowInsecureHttp: true }]);
    // https and loopback need nothing, and get nothing
    const https = { ...scope, baseUrl: 'https://gcore.example.com' };
    expect(checkInventoryConfig({ allowInsecureHttp: true, scopes: [https] }).scopes).toEqual([https]);
  });

  it('a document nested deeper than 32 levels is refused, also when built in code (or circular)', () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(problem({ scopes: [{ vendor: 'naver', extra: deep }] }).message).toMatch(/nests deeper than 32 levels/);
    const circular: Record<string, unknown> = { vendor: 'naver' };
    circular['self'] = circular;
    expect(problem({ scopes: [circular] }).message).toMatch(/nests deeper than 32 levels/);
  });

  it('bad JSON: the position, never the text (which may hold a secret)', () => {
    try {
      parseInventoryConfig('{\n  "scopes": [ { "token": "abc-secret-value" x } ]\n}', 'inv.json');
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const message = (error as Error).message;
      expect(message).toMatch(/^inv\.json is not valid JSON at line 2, column \d+$/);
      expect(message).not.toContain('abc-secret-value');
    }
  });

  it('accepts every optional field within the spec limits', () => {
    const scopes = [
      { vendor: 'vercel', projectId: 'p', repository: 'r'.repeat(255) },
      { vendor: 'huawei', projectId: 'p'.repeat(256) },
      { vendor: 'gcore', projectId: 1, regionId: 1 },
    ];
    expect(checkInventoryConfig({ scopes }).scopes).toEqual(scopes);
  });
});

describe('reading the config text', () => {
  const parseProblem = (text: string): ValidationError => {
    try {
      parseInventoryConfig(text, 'inv.json');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return error as ValidationError;
    }
    throw new Error('expected the text to be refused');
  };

  it('a UTF-8 byte order mark is fine', () => {
    expect(parseInventoryConfig('\uFEFF{ "scopes": [ { "vendor": "naver" } ] }').scopes).toEqual([{ vendor: 'naver' }]);
  });

  it.each([
    ['{ "scopes": [ { "vendor": "gcore", "projectId": 1, "regionId": 7, "regionId": 8 } ] }', 'scopes[0].regionId'],
    ['{ "scopes": [ { "vendor": "naver" } ], "scopes": [ { "vendor": "naver", "registry": "x" } ] }', 'scopes'],
    ['{ "scopes": [ { "vendor": "naver" }, { "vendor": "naver", "registry": "a", "\\u0072egistry": "b" } ] }', 'scopes[1].registry'],
    ['{ "scopes": [ { "vendor": "naver", "extra": { "a": [ 1, { "k": 1, "k": 2 } ] } } ] }', 'scopes[0].extra.a[1].k'],
  ])('a key given twice is an error naming it: %s', (text, field) => {
    const error = parseProblem(text);
    expect(error.field).toBe(field);
    expect(error.message).toBe(`inv.json: ${field} is given twice: JSON would keep only the last one, so give it once`);
  });

  it('the same key in different objects, and quotes or brackets inside strings, are fine', () => {
    const text = '{ "scopes": [ { "vendor": "vercel", "projectId": "a\\"[{,:" }, { "vendor": "vercel", "projectId": "b" } ] }';
    expect(parseInventoryConfig(text).scopes).toHaveLength(2);
  });

  it('100,000 levels of nesting: refused before JSON.parse, with the position', () => {
    const text = `{ "scopes": ${'['.repeat(100_000)}${']'.repeat(100_000)} }`;
    expect(parseProblem(text).message).toBe('inv.json nests deeper than 32 levels (at line 1, column 44)');
  });

  it('bad JSON wins over a duplicate key (the text is not JSON at all)', () => {
    expect(parseProblem('{ "a": 1, "a": 2, }').message).toMatch(/is not valid JSON/);
  });
});

describe('reading the config file', () => {
  it('an unreadable file is a ValidationError naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inventory-config-'));
    await expect(loadInventoryConfig(join(dir, 'missing.json'))).rejects.toThrow(/cannot read the config file ".*missing\.json" \(ENOENT\)/);
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify(EXAMPLE));
    expect((await loadInventoryConfig(file)).scopes).toHaveLength(4);
  });

  it.each([
    ['/dev/zero', /"\/dev\/zero" is a character device, not a regular file: give a file, or --config - to read standard input/],
    ['/dev/null', /is a character device, not a regular file/],
    [tmpdir(), /is a directory, not a regular file/],
  ])('%s: refused before reading', async (path, message) => {
    await expect(loadInventoryConfig(path)).rejects.toThrow(message);
  });

  it.skipIf(process.platform === 'win32')('a FIFO without a writer: refused at once, not waited on', async () => {
    const fifo = join(mkdtempSync(join(tmpdir(), 'inventory-config-')), 'fifo');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    await expect(loadInventoryConfig(fifo)).rejects.toThrow(/is a FIFO \(named pipe\), not a regular file/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a file over 1 MiB: refused', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'inventory-config-')), 'big.json');
    writeFileSync(file, `{ "scopes": [ { "vendor": "naver" } ], "$schema": "${'x'.repeat(MAX_CONFIG_BYTES)}" }`);
    await expect(loadInventoryConfig(file)).rejects.toThrow(/is larger than 1 MiB, too large for a config/);
  });

  it('a file that is not UTF-8: refused; a BOM: fine', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inventory-config-'));
    writeFileSync(join(dir, 'latin1.json'), Buffer.from('{ "scopes": [ { "vendor": "vercel", "projectId": "caf\xe9" } ] }', 'latin1'));
    await expect(loadInventoryConfig(join(dir, 'latin1.json'))).rejects.toThrow(/is not UTF-8 text/);
    writeFileSync(join(dir, 'bom.json'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{ "scopes": [ { "vendor": "naver" } ] }')]));
    expect((await loadInventoryConfig(join(dir, 'bom.json'))).scopes).toEqual([{ vendor: 'naver' }]);
  });

  it('- reads standard input, with the same cap: an endless input is cut off after 1 MiB', async () => {
    const config = { scopes: [{ vendor: 'naver' }] };
    async function* chunks(...parts: string[]) {
      for (const part of parts) yield new TextEncoder().encode(part);
    }
    expect((await loadInventoryConfig('-', { stdin: chunks('{ "scopes": ', '[ { "vendor": "naver" } ] }') })).scopes).toEqual(config.scopes);
    let read = 0;
    async function* endless() {
      for (;;) {
        read += 64 * 1024;
        yield new Uint8Array(64 * 1024);
      }
    }
    await expect(loadInventoryConfig('-', { stdin: endless() })).rejects.toThrow(/^the config on standard input is larger than 1 MiB/);
    expect(read).toBeLessThanOrEqual(MAX_CONFIG_BYTES + 64 * 1024);
  });

  it('- : an abort stops the wait for standard input', async () => {
    const stop = new AbortController();
    const never = { [Symbol.asyncIterator]: () => ({ next: () => new Promise<IteratorResult<Uint8Array>>(() => undefined) }) };
    const reading = loadInventoryConfig('-', { stdin: never, signal: stop.signal });
    stop.abort(new Error('interrupted'));
    await expect(reading).rejects.toThrow('interrupted');
  });
});

describe('the overlap check', () => {
  it('is linear: 200,000 Huawei scopes of one project are checked in seconds (a quadratic check took 42 s for 50,000)', () => {
    const scopes = Array.from({ length: 200_000 }, (_, i) => ({ vendor: 'huawei', projectId: 'p', namespace: `ns${i}` }));
    const started = performance.now();
    expect(checkInventoryConfig({ scopes }).scopes).toHaveLength(200_000);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('names the earlier scope it clashes with', () => {
    const scopes = [
      { vendor: 'huawei', projectId: 'p', namespace: 'a' },
      { vendor: 'huawei', projectId: 'p', namespace: 'b' },
      { vendor: 'huawei', projectId: 'p', namespace: 'c' },
      { vendor: 'huawei', projectId: 'p', namespace: 'b' },
    ];
    expect(problem({ scopes }).message).toBe('config: scopes[3] lists images scopes[1] lists too; each image must be listed once');
    expect(problem({ scopes: [...scopes.slice(0, 3), { vendor: 'huawei', projectId: 'p' }] }).message).toMatch(/scopes\[3\] lists images scopes\[0\] lists too/);
    expect(problem({ scopes: [{ vendor: 'huawei', projectId: 'p' }, ...scopes.slice(0, 1)] }).message).toMatch(/scopes\[1\] lists images scopes\[0\] lists too/);
  });
});
