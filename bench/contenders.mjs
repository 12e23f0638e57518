// The throughput contenders of `npm run bench` and their fixtures (one request and one ~1 KB body per vendor,
// each in its vendor's documented shape, fake credentials). Each contender is set up on its own, in the process that measures it (bench/throughput-child.mjs):
// a contender loads only what it uses (an SDK, our bundled clients) and shares its heap, JIT and sockets with no
// other contender.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const IMAGE_ID = 'img_a1b2c3d4e5f6';
/** ~1 KB; satisfies @vercel/sdk's response schema (GetRepositoryImageResponseBody), which it validates. */
export const BODY = JSON.stringify({
  image: {
    id: IMAGE_ID,
    repositoryId: 'repo_a1b2c3d4e5f6',
    manifestDigest: 'sha256:8f97cbaf0ddba1458508c6269a5a26f542100ac8bff64a47b4350a38c739fdf6',
    kind: 'manifest',
    platform: 'linux',
    arch: 'amd64',
    sizeInBytes: 64965896,
    status: 'ready',
    pushedBy: 'ci@example.com',
    createdAt: '2025-06-01T12:00:00.000Z',
    tags: ['latest', 'v1.4.2'],
    layers: [
      {
        type: 'FROM',
        operation: 'FROM',
        createdBy: 'ADD alpine-minirootfs-3.21.3-x86_64.tar.gz / # buildkit',
        digest: 'sha256:e1cb0a5028de776e773e80b017be66d5a0478d28f9c26e157dc0227528402ba1',
        sizeBytes: 44739012,
        baseImage: 'node:22-alpine',
        collapsedDigests: [
          'sha256:e1cb0a5028de776e773e80b017be66d5a0478d28f9c26e157dc0227528402ba1',
          'sha256:40356372ab8543e6937b3d98428ec8071e7ece595fa26dc9964c7457596bcd2a',
        ],
        collapsedLayerCount: 2,
      },
      { type: 'WORKDIR', operation: 'WORKDIR', createdBy: 'WORKDIR /app', digest: null, sizeBytes: null, value: '/app' },
      { type: 'ENV', operation: 'ENV', createdBy: 'ENV NODE_ENV=production', digest: null, sizeBytes: null, env: 'NODE_ENV=production' },
    ],
  },
});

/** ~1 KB: Gcore's ImageSerializer, every property it requires (GET /cloud/v1/images/{project_id}/{region_id}/{image_id}). */
export const GCORE_BODY = JSON.stringify({
  id: IMAGE_ID,
  name: 'ubuntu-22.04-x64-app-2025-06',
  description: 'Application image built from ubuntu-22.04-x64 for the bench: node 22, the app and its runtime dependencies.',
  status: 'active',
  visibility: 'private',
  project_id: 123,
  region_id: 45,
  region: 'Luxembourg 1',
  os_type: 'linux',
  os_distro: 'ubuntu',
  os_version: '22.04',
  architecture: 'x86_64',
  disk_format: 'qcow2',
  min_disk: 10,
  min_ram: 1024,
  size: 2361393152,
  is_baremetal: false,
  hw_firmware_type: 'uefi',
  hw_machine_type: 'q35',
  ssh_key: 'allow',
  display_order: null,
  creator_task_id: '2f0c8a6e-5b1d-4c7e-9a3f-6d8e1b2c4a57',
  task_id: null,
  currency_code: null,
  price_per_hour: null,
  price_per_month: null,
  price_status: null,
  gpu_driver: null,
  gpu_driver_type: null,
  gpu_driver_version: null,
  created_at: '2025-06-01T12:00:00.000000',
  updated_at: '2025-06-01T12:07:12.004551',
  tags_v2: [
    { key: 'team', value: 'payments', read_only: false },
    { key: 'service', value: 'checkout-api', read_only: false },
    { key: 'environment', value: 'production', read_only: false },
    { key: 'managed-by', value: 'image-pipeline', read_only: true },
  ],
});

/** ~1 KB: NAVER's ImageDetail (GET /v2/repositories/{registry}/{imageName}). */
export const NAVER_BODY = JSON.stringify({
  can_edit: true,
  description: 'my-image: the application image of my-registry, built by the CI pipeline on every merge to main',
  full_description:
    'Naver Cloud Platform Docker image of the application. Base: node:22-alpine; the application and its runtime ' +
    'dependencies are added in two layers; the image runs as an unprivileged user and exposes port 8080. Tags follow ' +
    'the release versions (v1.4.2, …) and `latest` points at the newest release. Images are scanned on push, and a ' +
    'release whose scan finds a critical vulnerability is not promoted. Older releases stay pullable for ninety days ' +
    'after the next one, then the lifecycle policy removes them; pinned digests are kept while a deployment uses them.',
  is_automated: null,
  is_private: true,
  last_updated: 1748779200000,
  name: 'my-image',
  namespace: 'my-registry',
  private_id: '',
  pull_count: 1342,
  repository_type: 'image',
  star_count: null,
  status: 0,
  tag_mutability_enabled: true,
  user: null,
});

/** ~1 KB: Huawei HSS ListImageBasicImage's answer (GET /v5/{project_id}/image/{image_id}/basic-image). */
export const HUAWEI_BODY = JSON.stringify({
  total_num: 7,
  data_list: [
    ['Alpine Linux', '3.21.3', 'e1cb0a5028de776e773e80b017be66d5a0478d28f9c26e157dc0227528402ba1'],
    ['Alpine Linux', '3.21.3', '40356372ab8543e6937b3d98428ec8071e7ece595fa26dc9964c7457596bcd2a'],
    ['Alpine Linux', '3.21.3', '8f97cbaf0ddba1458508c6269a5a26f542100ac8bff64a47b4350a38c739fdf6'],
    ['Alpine Linux', '3.21.3', '27833a3ba0a545deda33bb01eaf95a14d05d43bf30bce9267d92d17f069fe897'],
    ['Alpine Linux', '3.21.3', 'b10dd11607f54225abb7f42da5cb78fb2f0c8a6e5b1d4c7e9a3f6d8e1b2c4a57'],
    ['Alpine Linux', '3.21.3', '3f6b2a9c7d414e58b0c29a1d5e7f3b64e1cb0a5028de776e773e80b017be66d5'],
    ['Alpine Linux', '3.21.3', '9a1d5e7f3b643f6b2a9c7d414e58b0c2e1cb0a5028de776e773e80b017be66d5'],
  ].map(([os_name, os_version, digest]) => ({ os_name, os_version, layer_digest: `sha256:${digest}` })),
});

/** Each vendor's body, as the bench server answers that vendor's operation. */
export const BODIES = { vercel: BODY, gcore: GCORE_BODY, naver: NAVER_BODY, huawei: HUAWEI_BODY };

export const TOKEN = 'bench-token-0123456789abcdef';
export const NAVER_AK = 'ncp_iam_BENCHACCESSKEY01';
export const NAVER_SK = 'ncp_iam_BENCHSECRETKEY0123456789abcdef';
export const HUAWEI_AK = 'HPUABENCHACCESSKEY01';
export const HUAWEI_SK = 'benchSecretKey0123456789abcdefghijklmnop';
export const HUAWEI_PROJECT = '0123456789abcdef0123456789abcdef';
export const HUAWEI_REGION = 'cn-north-4';

export const VERCEL_PATH = `/v1/vcr/repository/my-app/images/${IMAGE_ID}?projectId=prj_123`;
export const NAVER_PATH = '/ncr/api/v2/repositories/my-registry/my-image';
export const HUAWEI_PATH = `/v5/${HUAWEI_PROJECT}/image/${IMAGE_ID}/basic-image?image_type=private_image`;

/**
 * Each contender: name, kind (baseline | reference | ours | sdk | library), the vendor, and `setup(pkg, base)`
 * that resolves to `call()`, which performs one complete request and resolves to the parsed body.
 */
export const CONTENDERS = [
  {
    name: 'raw fetch',
    kind: 'baseline',
    vendor: 'vercel',
    setup: async (pkg, base) => {
      const url = base + VERCEL_PATH;
      return async () => ok(await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } }));
    },
  },
  {
    // A hand-written call with a timeout: what every attempt of our transport also pays for (a signal).
    name: 'raw fetch + timeout signal',
    kind: 'reference',
    vendor: 'vercel',
    setup: async (pkg, base) => {
      const url = base + VERCEL_PATH;
      return async () => ok(await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` }, signal: AbortSignal.timeout(30_000) }));
    },
  },
  {
    name: 'raw fetch + NAVER signer',
    kind: 'reference',
    vendor: 'naver',
    setup: async (pkg, base) => {
      const url = base + NAVER_PATH;
      return async () => {
        const headers = pkg.signNaverRequest({ method: 'GET', pathAndQuery: NAVER_PATH, timestampMs: Date.now(), accessKey: NAVER_AK, secretKey: NAVER_SK });
        return ok(await fetch(url, { headers }));
      };
    },
  },
  {
    name: 'raw fetch + Huawei signer',
    kind: 'reference',
    vendor: 'huawei',
    setup: async (pkg, base) => {
      const url = base + HUAWEI_PATH;
      return async () => {
        const signed = pkg.signHuaweiRequest({
          method: 'GET',
          url,
          headers: { region: HUAWEI_REGION },
          date: Date.now(),
          accessKey: HUAWEI_AK,
          secretKey: HUAWEI_SK,
        });
        return ok(await fetch(url, { headers: { region: HUAWEI_REGION, ...signed } }));
      };
    },
  },
  {
    // The ceiling for any client on undici: its dispatcher with a handler that only collects the body and
    // parses it (no URL building, no checks, no timeouts, no signing, no Response object).
    name: 'undici dispatch (bare)',
    kind: 'reference',
    vendor: 'vercel',
    setup: async (pkg, base) => {
      const agent = await undiciAgent();
      const request = { origin: base, path: VERCEL_PATH, method: 'GET', headers: ['authorization', `Bearer ${TOKEN}`] };
      return async () => JSON.parse((await dispatchBody(agent, request)).body);
    },
  },
  {
    // The ceiling for any client on openapi-fetch over undici: openapi-fetch builds the URL and the headers,
    // and its `fetch` only dispatches and hands back status, headers and body (no checks, timeouts, signing
    // or WHATWG Request/Response objects). What is left between this and ours is our own work per call.
    name: 'openapi-fetch on undici (bare)',
    kind: 'reference',
    vendor: 'vercel',
    setup: async (pkg, base) => {
      const agent = await undiciAgent();
      class LightRequest {
        constructor(url, init) {
          this.url = url;
          this.method = init.method ?? 'GET';
          this.headers = init.headers;
        }
      }
      const fetchOverUndici = async (request) => {
        const url = new URL(request.url);
        const headers = [];
        request.headers.forEach((value, name) => headers.push(name, value));
        const { status, headers: received, body } = await dispatchBody(agent, { origin: url.origin, path: url.pathname + url.search, method: request.method, headers });
        return { status, ok: status >= 200 && status < 300, headers: { get: (name) => received[name.toLowerCase()] ?? null }, json: async () => JSON.parse(body), text: async () => body };
      };
      const client = pkg.createOpenApiFetchClient({ baseUrl: base, headers: { Authorization: `Bearer ${TOKEN}` }, Request: LightRequest, fetch: fetchOverUndici });
      return async () => data(await getVercelImage(client));
    },
  },
  {
    name: 'openapi-fetch (bare)',
    kind: 'library',
    vendor: 'vercel',
    setup: async (pkg, base) => {
      const client = pkg.createOpenApiFetchClient({ baseUrl: base, headers: { Authorization: `Bearer ${TOKEN}` } });
      return async () => data(await getVercelImage(client));
    },
  },
  {
    name: 'ours: Vercel',
    kind: 'ours',
    vendor: 'vercel',
    setup: async (pkg, base) => {
      const client = pkg.createVercelClient({ baseUrl: base, token: TOKEN });
      return async () => data(await getVercelImage(client));
    },
  },
  {
    name: 'ours: Gcore',
    kind: 'ours',
    vendor: 'gcore',
    setup: async (pkg, base) => {
      const client = pkg.createGcoreClient({ baseUrl: base, apiKey: TOKEN });
      return async () =>
        data(await client.GET('/cloud/v1/images/{project_id}/{region_id}/{image_id}', { params: { path: { project_id: 123, region_id: 45, image_id: IMAGE_ID } } }));
    },
  },
  {
    name: 'ours: NAVER (signed)',
    kind: 'ours',
    vendor: 'naver',
    setup: async (pkg, base) => {
      const client = pkg.createNaverClient({ baseUrl: `${base}/ncr/api`, accessKey: NAVER_AK, secretKey: NAVER_SK });
      return async () => data(await client.GET('/v2/repositories/{registry}/{imageName}', { params: { path: { registry: 'my-registry', imageName: 'my-image' } } }));
    },
  },
  {
    name: 'ours: Huawei (AK/SK)',
    kind: 'ours',
    vendor: 'huawei',
    setup: async (pkg, base) => {
      const client = pkg.createHuaweiClient({ baseUrl: base, region: HUAWEI_REGION, accessKey: HUAWEI_AK, secretKey: HUAWEI_SK });
      return async () =>
        data(
          await client.GET('/v5/{project_id}/image/{image_id}/basic-image', {
            params: { path: { project_id: HUAWEI_PROJECT, image_id: IMAGE_ID }, query: { image_type: 'private_image' } },
          }),
        );
    },
  },
  {
    name: '@vercel/sdk',
    kind: 'sdk',
    vendor: 'vercel',
    setup: async (pkg, base) => {
      const { Vercel } = await import('@vercel/sdk');
      const sdk = new Vercel({ bearerToken: TOKEN, serverURL: base });
      return () => sdk.vcr.getRepositoryImage({ projectId: 'prj_123', idOrName: 'my-app', imageIdOrDigest: IMAGE_ID });
    },
  },
  {
    name: 'huaweicloud-sdk-core',
    kind: 'sdk',
    vendor: 'huawei',
    setup: async (pkg, base) => {
      const { ClientBuilder } = require('@huaweicloud/huaweicloud-sdk-core/ClientBuilder');
      const { BasicCredentials } = require('@huaweicloud/huaweicloud-sdk-core');
      const client = new ClientBuilder((built) => built)
        .withCredential(new BasicCredentials().withAk(HUAWEI_AK).withSk(HUAWEI_SK).withProjectId(HUAWEI_PROJECT))
        .withEndpoint(base)
        .build();
      // What a generated HSS client method (listImageBasicImage) does: request options, then sendRequest.
      return () =>
        client.sendRequest({
          method: 'GET',
          url: '/v5/{project_id}/image/{image_id}/basic-image',
          contentType: 'application/json',
          queryParams: { image_type: 'private_image' },
          pathParams: { image_id: IMAGE_ID },
          headers: { region: HUAWEI_REGION },
          data: {},
        });
    },
  },
];

async function undiciAgent() {
  const { Agent } = await import('undici');
  return new Agent();
}

/** One request over undici's dispatcher: status, headers as undici parsed them, and the body as text. */
function dispatchBody(agent, request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let status = 0;
    let headers = {};
    agent.dispatch(request, {
      onRequestStart() {},
      onResponseStart(_controller, statusCode, received) {
        status = statusCode;
        headers = received;
      },
      onResponseData(_controller, chunk) {
        chunks.push(chunk);
      },
      onResponseEnd() {
        resolve({ status, headers, body: Buffer.concat(chunks).toString('utf8') });
      },
      onResponseError(_controller, error) {
        reject(error);
      },
    });
  });
}

function ok(res) {
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}

function data({ data: body, error, response }) {
  if (error !== undefined || body === undefined) throw new Error(`HTTP ${response.status}`);
  return body;
}

/** The same Vercel call on the bare openapi-fetch client and on ours: only the client differs. */
function getVercelImage(client) {
  return client.GET('/v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}', {
    params: { path: { idOrName: 'my-app', imageIdOrDigest: IMAGE_ID }, query: { projectId: 'prj_123' } },
  });
}

/** Whether `body` is the vendor's fixture body (parsed). */
const FIXTURE = {
  vercel: (body) => body?.image?.id === IMAGE_ID,
  gcore: (body) => body?.id === IMAGE_ID,
  naver: (body) => body?.name === 'my-image' && body?.namespace === 'my-registry',
  huawei: (body) => body?.total_num === 7 && body?.data_list?.length === 7,
};

/** One call must answer the fixture body of the contender's vendor, or the contender measures something else. */
export async function checkContender(name, call) {
  const contender = CONTENDERS.find((c) => c.name === name);
  const body = await call();
  if (contender === undefined || !FIXTURE[contender.vendor](body)) throw new Error(`${name}: unexpected body ${JSON.stringify(body).slice(0, 200)}`);
}

/** Requests per second (wall clock) and this process's CPU time per request in µs (user + system). */
function rates(n, start, cpuStart) {
  const cpu = process.cpuUsage(cpuStart);
  return { rps: n / ((performance.now() - start) / 1000), cpuUs: (cpu.user + cpu.system) / n };
}

export async function runSequential(call, n) {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < n; i++) await call();
  return rates(n, start, cpuStart);
}

export async function runConcurrent(call, n, width) {
  let started = 0;
  const worker = async () => {
    while (started < n) {
      started++;
      await call();
    }
  };
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await Promise.all(Array.from({ length: width }, worker));
  return rates(n, start, cpuStart);
}
