// The signers must bundle and run where there is no node:crypto (Vercel/Cloudflare edge runtimes).
// They are bundled with esbuild for a platform without Node built-ins, then run inside
// @edge-runtime/vm, where they take the WebCrypto path and must produce the Node results.
import { EdgeVM } from '@edge-runtime/vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { signHuaweiRequest, type HuaweiSignInput } from '../../src/vendors/huawei/signer.js';
import { signNaverRequest, type NaverSignInput } from '../../src/vendors/naver/signer.js';
import { bundleForEdge, importsNodeBuiltins } from '../support/edge-bundle.js';

const naverInput: NaverSignInput = {
  method: 'GET',
  pathAndQuery: '/ncr/api/v2/repositories/my-registry/team%2Fapp?page=1',
  timestampMs: 1711928488000,
  accessKey: 'ncp_iam_BPAMKR1ek0I6SMTtgW8h',
  secretKey: 'ncp_iam_BPKMKRHZ2cMw4dYX2XNCEjyjW3MVfpwWgP',
};

const huaweiInput: HuaweiSignInput = {
  method: 'GET',
  url: 'https://hss.cn-north-4.myhuaweicloud.com/v5/0a1b2c3d/image/team%2Fapp/basic-image?image_type=private_image&image_name=%E5%90%8D%20x',
  headers: { region: 'cn-north-4', 'content-type': 'application/json' },
  date: Date.UTC(2025, 0, 15, 8, 30, 0),
  accessKey: 'QTWAOYTTINDUT2QVKYUC',
  secretKey: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc',
  securityToken: 'sts-token',
};

let bundle: string;

beforeAll(async () => {
  bundle = (
    await bundleForEdge(
      "export * from './src/vendors/naver/signer.ts'; export * from './src/vendors/huawei/signer.ts'; export * from './src/auth/crypto.ts';",
      'signers',
    )
  ).code;
});

describe('signers in an edge runtime', () => {
  it('bundle without Node built-ins', () => {
    expect(importsNodeBuiltins(bundle)).toBe(false);
  });

  it('run on WebCrypto inside @edge-runtime/vm and match the node:crypto results', async () => {
    const vm = new EdgeVM();
    vm.evaluate(bundle);
    expect(vm.evaluate('signers.getDefaultCrypto().runtime')).toBe('webcrypto');
    const naver = await vm.evaluate<Promise<string>>(
      `(async () => JSON.stringify(await signers.signNaverRequest(${JSON.stringify(naverInput)})))()`,
    );
    expect(JSON.parse(naver)).toEqual(signNaverRequest(naverInput));
    const huawei = await vm.evaluate<Promise<string>>(
      `(async () => JSON.stringify(await signers.signHuaweiRequest(${JSON.stringify(huaweiInput)})))()`,
    );
    expect(JSON.parse(huawei)).toEqual(signHuaweiRequest(huaweiInput));
  });
});
