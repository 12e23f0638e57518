// The CLI's usage errors and help, as a user meets them: "did you mean" for commands, vendors, options and
// values; every command named when the command is wrong; help and version as commands; credential errors in
// terms of the environment; nothing on stdout and nothing sent before the command line is valid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterEndpointNotes, runCli } from '../support/cli-runner.js';
import { startStub, type HttpStub } from '../support/http-stub.js';
import { writeConfig } from '../inventory/servers.js';

const ENV = { VERCEL_TOKEN: 'cic-test-secret-vercel-E1', GCORE_API_KEY: 'cic-test-secret-gcore-E2', HUAWEICLOUD_SDK_AK: 'CICERRAK', HUAWEICLOUD_SDK_SK: 'cic-test-secret-huawei-E3' };
const COMMANDS_LISTED = /Usage:\n {2}cloud-images get .*\n {2}cloud-images list .*\n {2}cloud-images inventory .*\n {2}cloud-images help .*\n {2}cloud-images version /;

let counter: HttpStub;
beforeAll(async () => {
  counter = await startStub();
});
afterAll(async () => {
  // Not one of these command lines sent anything.
  expect(counter.requests).toEqual([]);
  await counter.close();
});

describe.concurrent('did you mean', () => {
  it.each([
    ['a command', ['inventroy', '--config', 'x.json'], 'unknown command "inventroy" (did you mean "inventory"?)'],
    ['a command, transposed', ['lsit', 'gcore'], 'unknown command "lsit" (did you mean "list"?)'],
    ['a vendor of get', ['get', 'vercell'], 'unknown vendor "vercell" (did you mean "vercel"?): use vercel, gcore, naver or huawei'],
    ['a vendor of list', ['list', 'hauwei'], 'unknown vendor "hauwei" (did you mean "huawei"?)'],
    ['an option of list', ['list', 'gcore', '--project-id', '1', '--region-id', '7', '--inlcude-public'], 'unknown option --inlcude-public (did you mean --include-public?)'],
    ['an option of get', ['get', 'gcore', '--project-id', '1', '--region-id', '7', '--image', 'i', '--formt', 'json'], 'unknown option --formt (did you mean --format?)'],
    ['an option of inventory', ['inventory', '--confg', 'x.json'], 'unknown option --confg (did you mean --config?)'],
    ['a value in another case', ['list', 'naver', '--region', 'KR'], 'option --region must be one of kr, sgn, jpn, not "KR" (did you mean "kr"?)'],
    ['a format', ['list', 'naver', '--format', 'cvs'], 'option --format must be one of ndjson, json, table, csv, not "cvs" (did you mean "csv"?)'],
    ['a Huawei image type', ['get', 'huawei', '--project-id', 'p', '--image', 'i', '--image-type', 'cicdd'], 'not "cicdd" (did you mean "cicd"?)'],
    ['a Huawei filter value', ['list', 'huawei', '--project-id', 'p', '--latest-version', 'ture'], 'option --latest-version must be true or false, not "ture" (did you mean "true"?)'],
    ['a Huawei region', ['list', 'huawei', '--project-id', 'p', '--region', 'cn-nrth-4'], 'not "cn-nrth-4" (did you mean "cn-north-4"?)'],
  ])('%s', async (_name, args, message) => {
    const run = await runCli([...args, ...(args[0] === 'inventory' ? [] : ['--base-url', counter.url])], ENV);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: /);
    expect(run.stderr.split('\n')[0]).toContain(message);
  });

  it('nothing close: no suggestion', async () => {
    const run = await runCli(['list', 'naver', '--region', 'us', '--base-url', counter.url], ENV);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: option --region must be one of kr, sgn, jpn, not "us"\n/);
  });
});

describe.concurrent('commands', () => {
  it.each([
    ['no command', [], /^error: missing command: use get, list, inventory, help or version\n/],
    ['an unknown command', ['delete', 'vercel'], /^error: unknown command "delete"\n/],
    ['help of an unknown command', ['help', 'inventry'], /^error: unknown command "inventry" \(did you mean "inventory"\?\)\n/],
  ])('%s: the usage lists every command, exit 2', async (_name, args, message) => {
    const run = await runCli(args, ENV);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(COMMANDS_LISTED);
    expect(run.stderr).toContain("Run 'cloud-images help' for details.");
  });

  it('help, --help: every command and every vendor synopsis, exit 0', async () => {
    for (const args of [['help'], ['--help']]) {
      const run = await runCli(args, ENV);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(COMMANDS_LISTED);
      expect(run.stdout).toContain('cloud-images list huawei --project-id <id>');
      expect(run.stdout).toContain('cloud-images inventory --config <file>');
    }
  });

  it.each([
    [['help', 'get'], 'cloud-images get gcore  --project-id <int>', 'cloud-images list'],
    [['help', 'get', 'naver'], '--registry <name>        registry name (required)', 'get vercel'],
    [['help', 'list'], 'cloud-images list vercel --project-id <id>', 'cloud-images get'],
    [['help', 'list', 'huawei'], 'Filters (ListRegistryImages query parameters', 'list vercel'],
    [['help', 'inventory'], '--concurrency <n>', 'cloud-images get'],
  ])('help %j: that command’s help, exit 0', async (args, shown, notShown) => {
    const run = await runCli(args, ENV);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(shown);
    expect(run.stdout).not.toContain(notShown);
  });

  it('version, --version: the version, exit 0', async () => {
    const [word, flag] = await Promise.all([runCli(['version'], ENV), runCli(['--version'], ENV)]);
    expect(word.code).toBe(0);
    expect(word.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(flag.stdout).toBe(word.stdout);
    const extra = await runCli(['version', 'now'], ENV);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toMatch(/^error: unexpected argument "now"\n/);
  });
});

describe.concurrent('credentials: the environment variables are named, exit 2, nothing sent', () => {
  it.each([
    ['vercel', ['get', 'vercel', '--repository', 'r', '--image', 'i', '--project-id', 'p'], {}, 'missing vercel credential: set VERCEL_TOKEN. Nothing was sent.'],
    ['gcore', ['list', 'gcore', '--project-id', '1', '--region-id', '7'], {}, 'missing gcore credential: set GCORE_API_KEY. Nothing was sent.'],
    [
      'naver, half a key pair',
      ['list', 'naver'],
      { NCLOUD_ACCESS_KEY_ID: 'CICERRNAVERAK' },
      'missing naver credentials: set NCLOUD_ACCESS_KEY_ID and NCLOUD_SECRET_ACCESS_KEY (NCLOUD_SECRET_ACCESS_KEY is not set). Nothing was sent.',
    ],
    [
      'huawei, nothing set',
      ['get', 'huawei', '--project-id', 'p', '--image', 'i', '--image-type', 'cicd'],
      {},
      'missing huawei credentials: set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (+ HUAWEICLOUD_SDK_SECURITY_TOKEN), or HUAWEICLOUD_SDK_TOKEN (HUAWEICLOUD_SDK_AK is not set). Nothing was sent.',
    ],
    ['a token that cannot be sent', ['list', 'gcore', '--project-id', '1', '--region-id', '7'], { GCORE_API_KEY: 'cic-key\t' }, 'invalid gcore credential in GCORE_API_KEY: it is blank, has whitespace around it, or holds control or non-Latin-1 characters. Nothing was sent.'],
  ])('%s', async (_name, args, env, message) => {
    const run = await runCli([...args, '--base-url', counter.url], env);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(afterEndpointNotes(run.stderr)).toBe(`error: ${message}\n`);
    expect(run.stderr).not.toMatch(/pass `|cic-key/);
  });

  it('inventory: the failing scope names the variable', async () => {
    const config = writeConfig({ scopes: [{ vendor: 'gcore', projectId: 1, regionId: 7, baseUrl: counter.url }] });
    const run = await runCli(['inventory', '--config', config, '--format', 'csv'], {});
    expect(run.code).toBe(2);
    expect(afterEndpointNotes(run.stderr)).toMatch(/^error: scope 0 \(gcore .*\): missing gcore credential: set GCORE_API_KEY\. Nothing was sent\.\n/);
  });
});

describe.concurrent('nothing on stdout before the listing is known to be valid', () => {
  it.each(['csv', 'table', 'json', 'ndjson'])('list --format %s with a credential missing: stdout empty', async (format) => {
    const run = await runCli(['list', 'gcore', '--project-id', '1', '--region-id', '7', '--format', format, '--base-url', counter.url], {});
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
  });

  it.each(['csv', 'table', 'json'])('inventory --format %s, every scope refused: stdout empty', async (format) => {
    const config = writeConfig({ scopes: [{ vendor: 'gcore', projectId: 1, regionId: 7, baseUrl: counter.url }] });
    const run = await runCli(['inventory', '--config', config, '--format', format], {});
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
  });
});

describe.concurrent('--json of list and inventory: the same as --format json', () => {
  it('list --json with --format: refused', async () => {
    const run = await runCli(['list', 'naver', '--json', '--format', 'csv', '--base-url', counter.url], ENV);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: use either --json \(the same as --format json\) or --format, not both\n/);
  });

  it('inventory --json with --format: refused', async () => {
    const run = await runCli(['inventory', '--config', 'x.json', '--json', '--format', 'ndjson'], ENV);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: use either --json/);
  });
});

describe.concurrent('the Huawei region: one the spec lists, checked before sending', () => {
  const HUAWEI = ['get', 'huawei', '--project-id', 'p', '--image', 'i', '--image-type', 'cicd'];

  it('--region', async () => {
    const run = await runCli([...HUAWEI, '--region', 'mars-east-1', '--base-url', counter.url], ENV);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: option --region must be one of cn-north-1, .*eu-west-101, not "mars-east-1"\n/);
  });

  it('HUAWEICLOUD_SDK_REGION', async () => {
    const run = await runCli(['list', 'huawei', '--project-id', 'p', '--base-url', counter.url], { ...ENV, HUAWEICLOUD_SDK_REGION: 'cn-north-44' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: HUAWEICLOUD_SDK_REGION must be one of .*, not "cn-north-44" \(did you mean "cn-north-4"\?\)\n/);
  });

  it('an inventory scope', async () => {
    const config = writeConfig({ scopes: [{ vendor: 'huawei', projectId: 'p', region: 'cn-nroth-4', baseUrl: counter.url }] });
    const run = await runCli(['inventory', '--config', config], ENV);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: scopes\[0\]\.region must be one of .*, not "cn-nroth-4" \(did you mean "cn-north-4"\?\)\. Nothing was sent\.\n$/);
  });
});
