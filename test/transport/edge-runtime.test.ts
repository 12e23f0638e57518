// The shared runtime (transport, errors, client core) must run where there are no Node built-ins.
import { EdgeVM } from '@edge-runtime/vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleForEdge, importsNodeBuiltins } from '../support/edge-bundle.js';

let bundle: string;

beforeAll(async () => {
  bundle = (
    await bundleForEdge(
      "export * from './src/client.ts'; export * from './src/transport.ts'; export * from './src/errors.ts';",
      'runtime',
    )
  ).code;
});

describe('shared runtime in an edge runtime', () => {
  it('bundles without Node built-ins', () => {
    expect(importsNodeBuiltins(bundle)).toBe(false);
  });

  it('runs a call end to end: retry, buffered body, typed parse error', async () => {
    const vm = new EdgeVM();
    vm.evaluate(bundle);
    // The fake fetch lives inside the VM, out of the spec check's reach, and serves no vendor operation
    // (Gcore's spec has no /cloud/v1/images/{id}): a transport test on scripted answers.
    const result = await vm.evaluate(`(async () => {
      let n = 0;
      const fetch = async () => (++n === 1
        ? new Response('{}', { status: 503 })
        : new Response(n === 2 ? '{"ok":true}' : '{"ok":', { status: 200, headers: { 'content-type': 'application/json' } }));
      const client = runtime.createApiClient({ vendor: 'gcore', baseUrl: 'https://api.example.test', secrets: ['k'], fetch, random: () => 0 });
      const first = await client.GET('/cloud/v1/images/{id}', { params: { path: { id: 'a' } } });
      let second;
      try { await client.GET('/cloud/v1/images/{id}', { params: { path: { id: 'a' } } }); } catch (e) { second = e; }
      return { n, data: first.data, name: second && second.name, op: second && second.operation };
    })()`);
    expect(result).toEqual({ n: 3, data: { ok: true }, name: 'ResponseParseError', op: 'GET /cloud/v1/images/{id}' });
  });
});
