// Every vendor client, and the getImage facade, in an edge runtime: each entry is bundled the way an edge
// bundler would (esbuild, no Node built-ins resolvable: a static `node:` import fails the build) and run
// inside @edge-runtime/vm (no `process`, no node:crypto: signing takes the WebCrypto path) against local
// HTTP servers in this process. The VM's own fetch reaches 127.0.0.1 (checked below), so nothing is bridged.
// NAVER and Huawei signatures made in the VM must be accepted by the verifying server
// (test/support/verifying-server.ts) and equal those the same client makes on Node for the same clock.
import { EdgeVM } from '@edge-runtime/vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHuaweiClient } from '../../src/huawei.js';
import { createNaverClient } from '../../src/naver.js';
import { bundleForEdge, type EdgeBundle } from '../support/edge-bundle.js';
import { startStub, type HttpStub } from '../support/http-stub.js';
import { gcoreImage, vercelImageDetail } from '../support/vendor-bodies.js';
import { startVerifyingServer, type VerifyingServer } from '../support/verifying-server.js';

const NOW = Date.UTC(2026, 0, 15, 8, 30, 0); // the servers' and the clients' clock
const NAVER = { accessKey: 'ncp_iam_BPAMKR1ek0I6SMTtgW8h', secretKey: 'ncp_iam_BPKMKRHZ2cMw4dYX2XNCEjyjW3MVfpwWgP' };
const HUAWEI = { accessKey: 'QTWAOYTTINDUT2QVKYUC', secretKey: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc' };

const VERCEL_BODY = vercelImageDetail();
const GCORE_BODY = gcoreImage({ created_at: '2024-05-05T14:51:26.570000' });

type Entry = 'vercel' | 'gcore' | 'naver' | 'huawei' | 'index';

/** src/<entry>.ts plus the crypto selector (to see which signing path ran), as the global `edge`. */
function bundle(entry: Entry): Promise<EdgeBundle> {
  return bundleForEdge(`export * from './src/${entry}.ts'; export { getDefaultCrypto } from './src/auth/crypto.ts';`, 'edge');
}

/** Runs an async function body inside the VM; what it returns crosses back as JSON. */
async function inVm(vm: EdgeVM, body: string): Promise<any> {
  const json = await vm.evaluate<Promise<string>>(`(async () => JSON.stringify(await (async () => { ${body} })()))()`);
  return JSON.parse(json);
}

function vmWith(b: EdgeBundle): EdgeVM {
  const vm = new EdgeVM();
  vm.evaluate(b.code);
  return vm;
}

const bundles = {} as Record<Entry, EdgeBundle>;
let stub: HttpStub;
let verifier: VerifyingServer;

beforeAll(async () => {
  for (const entry of ['vercel', 'gcore', 'naver', 'huawei', 'index'] as const) bundles[entry] = await bundle(entry);
  stub = await startStub((req) => {
    if (req.url?.startsWith('/v1/vcr/')) {
      return { body: JSON.stringify(VERCEL_BODY) };
    }
    if (req.url?.startsWith('/cloud/v1/images/')) {
      return { body: JSON.stringify(GCORE_BODY) };
    }
    return { status: 404, body: JSON.stringify({ error: { code: 'not_found', message: 'no route' } }) };
  }, { unspecified: 'the VM’s own fetch probe (/probe), no vendor operation' });
  verifier = await startVerifyingServer({ naver: NAVER, huawei: HUAWEI, now: () => NOW });
}, 60_000);

afterAll(async () => {
  await stub?.close();
  await verifier?.close();
});

describe('edge bundles', () => {
  it('bundle every entry with no Node built-ins, each vendor only with its own signer', () => {
    for (const [entry, b] of Object.entries(bundles)) {
      expect(b.inputs.filter((i) => i.startsWith('node:') || i.includes('node_modules/@types/node')), entry).toEqual([]);
      expect(b.code, entry).not.toMatch(/require\(["']node:|from ["']node:/);
      // `#wire` is the fetch wire here: undici and the Node wire stay out.
      expect(b.inputs.filter((i) => /undici/.test(i)), entry).toEqual([]);
      expect(b.inputs, entry).toContain('src/transport/wire-fetch.ts');
      // `#runtime` is the web platform's: node:crypto, util.inspect and the listener limit stay out.
      expect(b.inputs, entry).toContain('src/runtime-web.ts');
      expect(b.inputs, entry).not.toContain('src/runtime-node.ts');
      // openapi-fetch builds the platform's Request here: Node's light stand-in (PreparedRequest) stays out.
      expect(b.code, entry).not.toMatch(/class \w*PreparedRequest|isPrepared/);
    }
    // A vendor's client carries only its own error format (request id headers, error body reader).
    const requestIdHeader = { vercel: 'x-vercel-id', gcore: 'x-trace-id', naver: 'x-ncp-trace-id', huawei: 'x-apig-request-id' };
    for (const entry of ['vercel', 'gcore', 'naver', 'huawei'] as const) {
      for (const [vendor, header] of Object.entries(requestIdHeader)) {
        if (vendor === entry) expect(bundles[entry].code, entry).toContain(header);
        else expect(bundles[entry].code, `${entry} bundle holds ${vendor}'s format`).not.toContain(header);
      }
    }
    expect(bundles.vercel.inputs.filter((i) => i.startsWith('src/auth/') && i !== 'src/auth/crypto.ts')).toEqual([]);
    expect(bundles.gcore.inputs.filter((i) => i.startsWith('src/auth/') && i !== 'src/auth/crypto.ts')).toEqual([]);
    expect(bundles.naver.inputs).toContain('src/vendors/naver/signer.ts');
    expect(bundles.naver.inputs).not.toContain('src/vendors/huawei/signer.ts');
    expect(bundles.huawei.inputs).toContain('src/vendors/huawei/signer.ts');
    expect(bundles.huawei.inputs).not.toContain('src/vendors/naver/signer.ts');
  });

  it('the VM is an edge runtime: no process, WebCrypto, and its fetch reaches 127.0.0.1', async () => {
    const vm = vmWith(bundles.naver);
    expect(vm.evaluate('typeof process')).toBe('undefined');
    expect(vm.evaluate('edge.getDefaultCrypto().runtime')).toBe('webcrypto');
    const probe = await inVm(vm, `const r = await fetch(${JSON.stringify(`${stub.url}/probe`)}); return r.status;`);
    expect(probe).toBe(404);
    expect(stub.requests.at(-1)?.url).toBe('/probe');
  });
});

describe('vendor clients inside @edge-runtime/vm', () => {
  it('vercel: Bearer token, typed GET', async () => {
    const vm = vmWith(bundles.vercel);
    const out = await inVm(
      vm,
      `const client = edge.createVercelClient({ token: 'vercel-edge-token', baseUrl: ${JSON.stringify(stub.url)} });
       const r = await client.GET('/v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}', {
         params: { path: { idOrName: 'my-repo', imageIdOrDigest: 'img_1' }, query: { projectId: 'prj_1', teamId: 'team_1' } },
       });
       return { status: r.response.status, data: r.data, error: r.error ?? null };`,
    );
    expect(out).toEqual({ status: 200, data: VERCEL_BODY, error: null });
    const req = stub.requests.at(-1)!;
    expect(req.url).toBe('/v1/vcr/repository/my-repo/images/img_1?projectId=prj_1&teamId=team_1');
    expect(req.headers['authorization']).toBe('Bearer vercel-edge-token');
  });

  it('gcore: APIKey header, integer path parameters, an API error as ApiError', async () => {
    const vm = vmWith(bundles.gcore);
    const out = await inVm(
      vm,
      `const client = edge.createGcoreClient({ apiKey: 'gcore-edge-key', baseUrl: ${JSON.stringify(stub.url)} });
       const r = await client.GET('/cloud/v1/images/{project_id}/{region_id}/{image_id}', {
         params: { path: { project_id: 1, region_id: 76, image_id: 'img-1' } },
       });
       return { status: r.response.status, data: r.data };`,
    );
    expect(out).toEqual({ status: 200, data: GCORE_BODY });
    const req = stub.requests.at(-1)!;
    expect(req.url).toBe('/cloud/v1/images/1/76/img-1');
    expect(req.headers['authorization']).toBe('APIKey gcore-edge-key');
  });

  it('naver: a v2 signature made on WebCrypto, accepted by the verifying server and equal to the Node one', async () => {
    const vm = vmWith(bundles.naver);
    const baseUrl = `${verifier.url}/ncr/api`;
    const params = { path: { registry: 'my-registry', imageName: 'team/app' } };
    const out = await inVm(
      vm,
      `const client = edge.createNaverClient({ ...${JSON.stringify(NAVER)}, baseUrl: ${JSON.stringify(baseUrl)}, clock: () => ${NOW}, retries: 0 });
       const r = await client.GET('/v2/repositories/{registry}/{imageName}', { params: ${JSON.stringify(params)} });
       return { crypto: edge.getDefaultCrypto().runtime, status: r.response.status, name: r.data?.name ?? null, error: r.error ?? null };`,
    );
    expect(out).toMatchObject({ crypto: 'webcrypto', status: 200, name: 'team/app', error: null });
    const inEdge = verifier.requests.at(-1)!;
    expect(inEdge).toMatchObject({ vendor: 'naver', outcome: 'ok', url: '/ncr/api/v2/repositories/my-registry/team%2Fapp' });
    expect(inEdge.headers['x-ncp-apigw-timestamp']).toBe(String(NOW));

    // The same request from Node (node:crypto): the same signature.
    const node = createNaverClient({ ...NAVER, baseUrl, clock: () => NOW, retries: 0 });
    const r = await node.GET('/v2/repositories/{registry}/{imageName}', { params });
    expect(r.response.status).toBe(200);
    const onNode = verifier.requests.at(-1)!;
    expect(onNode.outcome).toBe('ok');
    expect(inEdge.headers['x-ncp-apigw-signature-v2']).toBe(onNode.headers['x-ncp-apigw-signature-v2']);
    expect(inEdge.headers['x-ncp-iam-access-key']).toBe(NAVER.accessKey);

    // A wrong secret in the VM is rejected: the server really checks the signature.
    const bad = await inVm(
      vm,
      `const client = edge.createNaverClient({ accessKey: ${JSON.stringify(NAVER.accessKey)}, secretKey: 'wrong-secret', baseUrl: ${JSON.stringify(baseUrl)}, clock: () => ${NOW}, retries: 0 });
       const r = await client.GET('/v2/repositories/{registry}/{imageName}', { params: ${JSON.stringify(params)} });
       return { status: r.response.status, isApiError: r.error instanceof Error };`,
    );
    expect(bad.status).toBe(401);
    expect(verifier.requests.at(-1)).toMatchObject({ vendor: 'naver', outcome: 'bad-signature' });
  });

  it('huawei: an SDK-HMAC-SHA256 signature made on WebCrypto, accepted by the verifying server and equal to the Node one', async () => {
    const vm = vmWith(bundles.huawei);
    const params = {
      path: { project_id: '0a1b2c3d', image_id: 'team/app' },
      query: { image_type: 'private_image', image_name: '名 x', limit: 10 },
    };
    const options = { ...HUAWEI, region: 'cn-north-4', baseUrl: verifier.url, retries: 0 };
    const out = await inVm(
      vm,
      `const client = edge.createHuaweiClient({ ...${JSON.stringify(options)}, clock: () => ${NOW} });
       const r = await client.GET('/v5/{project_id}/image/{image_id}/basic-image', { params: ${JSON.stringify(params)} });
       return { crypto: edge.getDefaultCrypto().runtime, status: r.response.status, total: r.data?.total_num ?? null, echo: r.data?.echo ?? null, error: r.error ?? null };`,
    );
    expect(out).toMatchObject({ crypto: 'webcrypto', status: 200, error: null });
    const inEdge = verifier.requests.at(-1)!;
    expect(inEdge).toMatchObject({ vendor: 'huawei', outcome: 'ok' });
    expect(inEdge.headers['authorization']).toMatch(/^SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=[a-z;-]*host[a-z;-]*x-sdk-date[a-z;-]*, Signature=[0-9a-f]{64}$/);
    expect(inEdge.headers['x-sdk-date']).toBe('20260115T083000Z');

    const node = createHuaweiClient({ ...options, clock: () => NOW });
    const r = await node.GET('/v5/{project_id}/image/{image_id}/basic-image', {
      params: { ...params, query: { ...params.query, image_type: 'private_image' as const } },
    });
    expect(r.response.status).toBe(200);
    const onNode = verifier.requests.at(-1)!;
    expect(onNode.outcome).toBe('ok');
    expect(onNode.url).toBe(inEdge.url);
    expect(inEdge.headers['authorization']).toBe(onNode.headers['authorization']);
    expect(inEdge.canonicalRequest).toBe(onNode.canonicalRequest);
  });

  it('getImage (facade) for Huawei: signed, paged, normalized, inside the VM', async () => {
    const vm = vmWith(bundles.index);
    const before = verifier.requests.length;
    const out = await inVm(
      vm,
      `const result = await edge.getImage(
         { vendor: 'huawei', projectId: 'p1', image: 'img-1', imageType: 'cicd', imageName: 'app', imageVersion: 'v1' },
         { ...${JSON.stringify({ ...HUAWEI, region: 'cn-north-4', baseUrl: verifier.url })}, clock: () => ${NOW} },
       );
       if (!result.ok) return { ok: false, error: String(result.error) };
       const { raw, ...summary } = result.summary;
       return { ok: true, vendor: result.vendor, summary, crypto: edge.getDefaultCrypto().runtime };`,
    );
    expect(out).toMatchObject({ ok: true, vendor: 'huawei', crypto: 'webcrypto', summary: { vendor: 'huawei', id: 'img-1', name: 'app', tags: ['v1'] } });
    const sent = verifier.requests.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    for (const req of sent) expect(req).toMatchObject({ vendor: 'huawei', outcome: 'ok' });
  });
});
