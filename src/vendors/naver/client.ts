// NAVER Cloud Container Registry client: every attempt is signed with API Gateway signature v2 over
// the exact path and query that is sent (regional base path included).
import type { Client } from 'openapi-fetch';
import type { paths } from '../../../generated/naver.js';
import { paramRules } from '../../../generated/naver.params.js';
import { naverPathAndQuery, signNaverRequest } from './signer.js';
import { createVendorClient, type CommonClientOptions } from '../../client.js';
import { requireCredentialSet } from '../../credentials.js';
import { ValidationError } from '../../errors.js';
import { naverErrorFormat } from './errors.js';

/** The generated types of the NAVER spec (`paths` relative to the regional base, `components`). */
export type { components as NaverComponents, paths as NaverPaths } from '../../../generated/naver.js';

/** NCR regions and their base paths on the API gateway (spec: server variable `regionBase`). */
export const NAVER_REGION_BASE_URLS = {
  kr: 'https://ncr.apigw.ntruss.com/ncr/api',
  sgn: 'https://ncr.apigw.ntruss.com/ncr/sgn-api',
  jpn: 'https://ncr.apigw.ntruss.com/ncr/jpn-api',
} as const;

/** `kr` (Korea), `sgn` (Singapore) or `jpn` (Japan). */
export type NaverRegion = keyof typeof NAVER_REGION_BASE_URLS;

/** The gateway rejects a timestamp more than 5 minutes away from its clock. */
const NAVER_CLOCK_SKEW_LIMIT_MS = 5 * 60_000;

/** The NCR region used when none is given. */
export const NAVER_DEFAULT_REGION = 'kr';

/** Options of {@link createNaverClient}: an access key pair, a region, and the transport options. */
export interface NaverClientOptions extends CommonClientOptions {
  /** Access key ID. Passed together with `secretKey`, or neither: then `NCLOUD_ACCESS_KEY_ID` (`undefined` = not passed). */
  accessKey?: string | undefined;
  /** Secret key. Passed together with `accessKey`, or neither: then `NCLOUD_SECRET_ACCESS_KEY` (`undefined` = not passed). */
  secretKey?: string | undefined;
  /** Region whose NCR endpoint to call; default `kr`. Ignored when `baseUrl` is given. */
  region?: NaverRegion | undefined;
}

/** A typed openapi-fetch client for the NAVER Cloud NCR image operation. */
export type NaverClient = Client<paths>;

/**
 * Creates a NAVER Cloud Container Registry client. The key pair comes from the options or from the
 * environment, never half from each.
 * @throws ValidationError when a key is missing (or only one is passed) or the region is unknown; nothing is sent.
 */
export function createNaverClient(options: NaverClientOptions = {}): NaverClient {
  const { accessKey: explicitAccessKey, secretKey: explicitSecretKey, region = NAVER_DEFAULT_REGION, baseUrl, ...rest } = options;
  const [accessKey, secretKey] = requireCredentialSet('naver', [
    { option: 'accessKey', explicit: explicitAccessKey, envName: 'NCLOUD_ACCESS_KEY_ID' },
    { option: 'secretKey', explicit: explicitSecretKey, envName: 'NCLOUD_SECRET_ACCESS_KEY' },
  ]) as [string, string];
  if (!Object.hasOwn(NAVER_REGION_BASE_URLS, region)) {
    throw new ValidationError(`Unknown NAVER region "${String(region)}": use one of kr, sgn, jpn. Nothing was sent.`);
  }
  return createVendorClient<paths>({
    ...rest,
    vendor: 'naver',
    baseUrl: baseUrl ?? NAVER_REGION_BASE_URLS[region],
    paramRules,
    sign: (request, nowMs) =>
      signNaverRequest({
        method: request.method,
        pathAndQuery: naverPathAndQuery(request.parsedUrl ?? request.url),
        timestampMs: nowMs,
        accessKey,
        secretKey,
      }),
    clockSkewLimitMs: NAVER_CLOCK_SKEW_LIMIT_MS,
    isAuthRejection: (response) => response.status === 401,
    secrets: [accessKey, secretKey],
  }, naverErrorFormat);
}
