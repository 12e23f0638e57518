// The inventory config file: valid scopes pass through; every problem names the scope's index and the field;
// secrets are refused by field name and never echoed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { checkInventoryConfig, loadInventoryConfig, parseInventoryConfig } from '../../src/inventory-config.js';

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

  it('an unreadable file is a ValidationError naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inventory-config-'));
    await expect(loadInventoryConfig(join(dir, 'missing.json'))).rejects.toThrow(/cannot read the config file ".*missing\.json" \(ENOENT\)/);
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify(EXAMPLE));
    expect((await loadInventoryConfig(file)).scopes).toHaveLength(4);
  });
});
