// Smoke run of the INSTALLED package on one Node version (test/runtimes/node-versions.test.ts copies this file
// into the consumer project that installed the packed tarball and runs it there with each Node binary).
// Plain JavaScript, so every Node version runs it as it is. argv[2] is a JSON config:
//   { stub, verifier, fault, now, naver: {accessKey, secretKey}, huawei: {accessKey, secretKey} }
// It prints one JSON object with what it saw; the test asserts on it and on what the servers received.
// Nothing here catches an unexpected error: an exception exits non-zero with the stack on stderr.

const config = JSON.parse(process.argv[2]);

// Record which built-ins the package reaches through process.getBuiltinModule (node:crypto for signing,
// node:events for the transport): installed before the package is imported, so every lookup is seen.
const builtins = new Set();
const getBuiltinModule = process.getBuiltinModule;
if (typeof getBuiltinModule === 'function') {
  process.getBuiltinModule = function (id) {
    builtins.add(id);
    return getBuiltinModule.call(this, id);
  };
}

// 1. Every entry point, by its package name (the exports map of the installed package).
const root = await import('cloud-image-clients');
const sub = {
  vercel: await import('cloud-image-clients/vercel'),
  gcore: await import('cloud-image-clients/gcore'),
  naver: await import('cloud-image-clients/naver'),
  huawei: await import('cloud-image-clients/huawei'),
};
const FACTORIES = { vercel: 'createVercelClient', gcore: 'createGcoreClient', naver: 'createNaverClient', huawei: 'createHuaweiClient' };
const entries = {};
for (const [vendor, factory] of Object.entries(FACTORIES)) {
  entries[vendor] = { factory: typeof sub[vendor][factory], sameAsRoot: sub[vendor][factory] === root[factory] };
}

/** Resolves with the rejection of `promise` (or fails the run if it resolves). */
async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

// 2. Vercel (Bearer token) against the stub: the buffered Response subclass as openapi-fetch returns it.
const vercel = sub.vercel.createVercelClient({ token: 'smoke-vercel-token', baseUrl: config.stub, retries: 0 });
const v = await vercel.GET('/v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}', {
  params: { path: { idOrName: 'my-repo', imageIdOrDigest: 'img_1' }, query: { projectId: 'prj_1' } },
});
const vercelResult = {
  status: v.response.status,
  data: v.data,
  isResponse: v.response instanceof Response,
  bodyUsed: v.response.bodyUsed,
  contentType: v.response.headers.get('content-type'),
};

// 3. Gcore (APIKey) against the stub, the body read every way openapi-fetch can (each goes through the
//    Response subclass's own text()/json()/body/blob()/arrayBuffer()).
const gcore = sub.gcore.createGcoreClient({ apiKey: 'smoke-gcore-key', baseUrl: config.stub, retries: 0 });
const GCORE_PATH = '/cloud/v1/images/{project_id}/{region_id}/{image_id}';
const gcoreParams = { params: { path: { project_id: 1, region_id: 2, image_id: 'img-1' } } };
const asJson = await gcore.GET(GCORE_PATH, gcoreParams);
const asText = await gcore.GET(GCORE_PATH, { ...gcoreParams, parseAs: 'text' });
const asStream = await gcore.GET(GCORE_PATH, { ...gcoreParams, parseAs: 'stream' });
const asBlob = await gcore.GET(GCORE_PATH, { ...gcoreParams, parseAs: 'blob' });
const asArrayBuffer = await gcore.GET(GCORE_PATH, { ...gcoreParams, parseAs: 'arrayBuffer' });
const gcoreResult = {
  status: asJson.response.status,
  data: asJson.data,
  text: asText.data,
  stream: await new Response(asStream.data).text(),
  blob: { type: asBlob.data.type, text: await asBlob.data.text() },
  arrayBuffer: new TextDecoder().decode(asArrayBuffer.data),
};

// 4. NAVER signature v2 (HMAC-SHA256 via node:crypto) checked by the verifying server; a wrong secret is refused.
const naverOptions = { ...config.naver, baseUrl: `${config.verifier}/ncr/api`, clock: () => config.now, retries: 0 };
const naverParams = { params: { path: { registry: 'my-registry', imageName: 'team/app' } } };
const n = await sub.naver.createNaverClient(naverOptions).GET('/v2/repositories/{registry}/{imageName}', naverParams);
const nBad = await sub.naver.createNaverClient({ ...naverOptions, secretKey: 'wrong-secret' }).GET('/v2/repositories/{registry}/{imageName}', naverParams);
const naverResult = {
  status: n.response.status,
  name: n.data?.name ?? null,
  // The vendor's error body, as openapi-fetch returns a non-2xx (no throwOnError).
  wrongSecret: { status: nBad.response.status, error: nBad.error },
};

// 5. Huawei SDK-HMAC-SHA256 (canonical request with a non-ASCII query value) checked by the verifying server.
const huaweiOptions = { ...config.huawei, region: 'cn-north-4', baseUrl: config.verifier, clock: () => config.now, retries: 0 };
const h = await sub.huawei.createHuaweiClient(huaweiOptions).GET('/v5/{project_id}/image/{image_id}/basic-image', {
  params: { path: { project_id: '0a1b2c3d', image_id: 'team/app' }, query: { image_type: 'private_image', image_name: '名 x', limit: 10 } },
});
const huaweiResult = { status: h.response.status, total: h.data?.total_num ?? null, echo: h.data?.echo ?? null };

// 6. A malformed 200 body: ResponseParseError (the subclass's json()), the class from the root entry.
const parseError = await rejection(
  sub.gcore.createGcoreClient({ apiKey: 'k', baseUrl: `${config.fault}/malformed/smoke`, retries: 0 }).GET(GCORE_PATH, gcoreParams),
);
const parseResult = {
  name: parseError.name,
  isResponseParseError: parseError instanceof root.ResponseParseError,
  isApiError: parseError instanceof root.ApiError,
  kind: parseError.kind,
  status: parseError.status,
};

// 7. A response that never comes: TimeoutError after timeoutMs.
const started = performance.now();
const timeoutError = await rejection(
  sub.vercel
    .createVercelClient({ token: 't', baseUrl: `${config.fault}/hang-headers/smoke`, retries: 0, timeoutMs: 150 })
    .GET('/v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}', { params: { path: { idOrName: 'r', imageIdOrDigest: 'i' }, query: { projectId: 'p' } } }),
);
const timeoutResult = {
  name: timeoutError.name,
  isTimeoutError: timeoutError instanceof root.TimeoutError,
  kind: timeoutError.kind,
  elapsedMs: Math.round(performance.now() - started),
};

// 8. The facade: getImage for Huawei (signed, paged, normalized).
const image = await root.getImage(
  { vendor: 'huawei', projectId: 'p1', image: 'img-1', imageType: 'cicd', imageName: 'app', imageVersion: 'v1' },
  { ...config.huawei, region: 'cn-north-4', baseUrl: config.verifier, clock: () => config.now },
);
let getImageResult;
if (image.ok) {
  const { raw, ...summary } = image.summary;
  getImageResult = { ok: true, vendor: image.vendor, summary, hasRaw: raw !== undefined };
} else {
  getImageResult = { ok: false, error: String(image.error) };
}

console.log(
  JSON.stringify({
    node: process.version,
    rootExports: Object.keys(root).sort(),
    entries,
    vercel: vercelResult,
    gcore: gcoreResult,
    naver: naverResult,
    huawei: huaweiResult,
    parseError: parseResult,
    timeout: timeoutResult,
    getImage: getImageResult,
    builtins: [...builtins].sort(),
  }),
);
