// What the benchmark process loads from this package (bundled once by bench/bench.mjs with esbuild, so the
// measured process runs plain JavaScript with no TypeScript loader in the way).
export { default as createOpenApiFetchClient } from 'openapi-fetch';
export { createCrypto } from '../src/auth/crypto.js';
export { signHuaweiRequest } from '../src/vendors/huawei/signer.js';
export { naverPathAndQuery, signNaverRequest } from '../src/vendors/naver/signer.js';
export { createGcoreClient } from '../src/gcore.js';
export { createHuaweiClient } from '../src/huawei.js';
export { createNaverClient } from '../src/naver.js';
export { createVercelClient } from '../src/vercel.js';
