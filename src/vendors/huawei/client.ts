// Huawei Cloud HSS client: an IAM token in `X-Auth-Token`, or AK/SK signing (SDK-HMAC-SHA256) of every
// attempt. The client knows its region, so it sends the documented `region` header itself.
import type { Client } from 'openapi-fetch';
import type { paths } from '../../../generated/huawei.js';
import { paramRules, servers } from '../../../generated/huawei.params.js';
import { signHuaweiRequest } from './signer.js';
import { createVendorClient, type CommonClientOptions } from '../../client.js';
import { checkCredential, CredentialError, readEnv, requireCredential, requireCredentialSet } from '../../credentials.js';
import { ValidationError } from '../../errors.js';
import { huaweiErrorFormat } from './errors.js';

/** The generated schema types of the Huawei spec (see {@link HuaweiPaths} for the paths). */
export type { components as HuaweiComponents } from '../../../generated/huawei.js';

/** The HSS region used when neither `region` nor `HUAWEICLOUD_SDK_REGION` is given (spec default). */
export const HUAWEI_DEFAULT_REGION = 'cn-north-4';

/** Regions whose HSS endpoint is not on myhuaweicloud.com (spec: second server entry). */
const HUAWEI_REGION_HOSTS: Readonly<Record<string, string>> = {
  'eu-west-101': 'https://hss.eu-west-101.myhuaweicloud.eu',
};

/**
 * The regions the spec lists: its regional server's `region` values and the regions with a host of their own.
 * (A function, not a constant: a bundle that never calls it leaves the list out.)
 */
export function huaweiRegions(): readonly string[] {
  return [...(servers[0]?.variables?.['region']?.enum ?? []), ...Object.keys(HUAWEI_REGION_HOSTS)];
}

const REGION_ID = /^[a-z]{2,}(?:-[a-z]+)+-\d+$/;

/** The gateway rejects an `X-Sdk-Date` more than 15 minutes away from its clock (APIG.0301 "signature expired"). */
const HUAWEI_CLOCK_SKEW_LIMIT_MS = 15 * 60_000;

/** The region a client uses: the one given, else `HUAWEICLOUD_SDK_REGION`, else {@link HUAWEI_DEFAULT_REGION}. */
export function huaweiRegion(region?: string | undefined): string {
  return region ?? readEnv('HUAWEICLOUD_SDK_REGION') ?? HUAWEI_DEFAULT_REGION;
}

/** The HSS endpoint of a region, e.g. `https://hss.cn-north-4.myhuaweicloud.com`. */
export function huaweiBaseUrl(region: string): string {
  if (!REGION_ID.test(region)) {
    throw new ValidationError(`Invalid Huawei region "${region}": expected an ID like cn-north-4. Nothing was sent.`);
  }
  return HUAWEI_REGION_HOSTS[region] ?? `https://hss.${region}.myhuaweicloud.com`;
}

/** The spec's `paths`, with the `region` header made optional: the client sends it. */
export type HuaweiPaths = {
  [P in keyof paths]: {
    [M in keyof paths[P]]: paths[P][M] extends { parameters: { header: infer H } }
      ? Omit<paths[P][M], 'parameters'> & {
          parameters: Omit<paths[P][M]['parameters'], 'header'> & { header?: Partial<H> };
        }
      : paths[P][M];
  };
};

interface HuaweiCommonOptions extends CommonClientOptions {
  /** HSS region ID; default `HUAWEICLOUD_SDK_REGION`, then `cn-north-4`. Picks the endpoint and the `region` header. */
  region?: string | undefined;
}

/** IAM token authentication (`X-Auth-Token`). */
export interface HuaweiTokenOptions extends HuaweiCommonOptions {
  /** An IAM user token. (With no credential options at all, `HUAWEICLOUD_SDK_TOKEN` is used when no AK/SK is set.) */
  token: string;
  accessKey?: never;
  secretKey?: never;
  securityToken?: never;
}

/**
 * AK/SK authentication: every attempt is signed with SDK-HMAC-SHA256. The credentials are a set: pass
 * `accessKey` and `secretKey` (and `securityToken` for temporary credentials) together, or none of them to
 * take all from `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK` and `HUAWEICLOUD_SDK_SECURITY_TOKEN`.
 * An option set to `undefined` counts as not passed.
 */
export interface HuaweiAkSkOptions extends HuaweiCommonOptions {
  /** Access key. Passed together with `secretKey`, or neither: then `HUAWEICLOUD_SDK_AK`. */
  accessKey?: string | undefined;
  /** Secret key. Passed together with `accessKey`, or neither: then `HUAWEICLOUD_SDK_SK`. */
  secretKey?: string | undefined;
  /**
   * The security token of temporary credentials, sent and signed as `X-Security-Token`.
   * - With explicit `accessKey`/`secretKey`: sent only when passed here; `HUAWEICLOUD_SDK_SECURITY_TOKEN` is
   *   never read.
   * - With keys from the environment: `undefined` (or absent) takes `HUAWEICLOUD_SDK_SECURITY_TOKEN`; `null`
   *   says "no token" and ignores that variable; a string is refused (a security token belongs to the
   *   temporary keys it was issued with: pass them too).
   */
  securityToken?: string | null | undefined;
  token?: never;
}

/** Options of {@link createHuaweiClient}: a token, or an AK/SK pair (with an optional security token). */
export type HuaweiClientOptions = HuaweiTokenOptions | HuaweiAkSkOptions;

/** A typed openapi-fetch client for the Huawei Cloud HSS image operation. */
export type HuaweiClient = Client<HuaweiPaths>;

/**
 * Creates a Huawei Cloud HSS client. Credentials come as a set, from the options or from the environment,
 * never mixed: `token`, or `accessKey` + `secretKey` (+ `securityToken`); with no credential option, AK/SK
 * from `HUAWEICLOUD_SDK_AK` / `HUAWEICLOUD_SDK_SK` (with `HUAWEICLOUD_SDK_SECURITY_TOKEN`), then a token from
 * `HUAWEICLOUD_SDK_TOKEN`.
 * @throws ValidationError when no usable credentials are found or the region is invalid; nothing is sent.
 */
export function createHuaweiClient(options: HuaweiClientOptions = {}): HuaweiClient {
  const { token, accessKey, secretKey, securityToken, region: explicitRegion, baseUrl, ...rest } = options;
  const region = huaweiRegion(explicitRegion);
  const regionEndpoint = huaweiBaseUrl(region);
  const common = { ...rest, vendor: 'huawei' as const, baseUrl: baseUrl ?? regionEndpoint, paramRules };

  if (usesTokenAuth(options)) {
    const iamToken = requireCredential('huawei', 'token', token, 'HUAWEICLOUD_SDK_TOKEN');
    return createVendorClient<HuaweiPaths>({
      ...common,
      staticHeaders: { region, 'X-Auth-Token': iamToken },
      secrets: [iamToken],
    }, huaweiErrorFormat);
  }

  const keysPassed = accessKey !== undefined || secretKey !== undefined;
  if (!keysPassed && typeof securityToken === 'string') {
    throw new ValidationError(
      'Missing huawei credential: pass `accessKey` and `secretKey` together with `securityToken` (a security token belongs to its temporary keys; HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK are not read then). Nothing was sent.',
    );
  }
  const [ak, sk] = requireCredentialSet('huawei', [
    { option: 'accessKey', explicit: accessKey, envName: 'HUAWEICLOUD_SDK_AK' },
    { option: 'secretKey', explicit: secretKey, envName: 'HUAWEICLOUD_SDK_SK' },
  ]) as [string, string];
  // Explicit keys never take the environment's token; `null` says "no token" whatever the environment holds.
  const temporaryToken = keysPassed || securityToken === null ? (securityToken ?? undefined) : readEnv('HUAWEICLOUD_SDK_SECURITY_TOKEN');
  if (temporaryToken?.trim() === '') {
    throw new CredentialError({
      vendor: 'huawei',
      field: 'securityToken',
      reason: 'invalid',
      environment: 'HUAWEICLOUD_SDK_SECURITY_TOKEN',
      message: 'Invalid huawei credential `securityToken`: it is empty (pass null for no security token). Nothing was sent.',
    });
  }
  if (temporaryToken !== undefined) checkCredential('huawei', 'securityToken', temporaryToken, 'HUAWEICLOUD_SDK_SECURITY_TOKEN');
  return createVendorClient<HuaweiPaths>({
    ...common,
    staticHeaders: { region },
    sign: (request, nowMs) =>
      signHuaweiRequest({
        method: request.method,
        url: request.parsedUrl ?? request.url,
        headers: request.headers,
        body: request.body,
        date: nowMs,
        accessKey: ak,
        secretKey: sk,
        securityToken: temporaryToken,
      }),
    clockSkewLimitMs: HUAWEI_CLOCK_SKEW_LIMIT_MS,
    isAuthRejection: (response) => response.status === 401,
    secrets: temporaryToken === undefined ? [ak, sk] : [ak, sk, temporaryToken],
  }, huaweiErrorFormat);
}

/** Explicit options decide; otherwise AK/SK from the environment wins over a token from the environment. */
function usesTokenAuth(options: HuaweiClientOptions): boolean {
  if (options.token !== undefined) return true;
  if (options.accessKey !== undefined || options.secretKey !== undefined || options.securityToken != null) return false;
  return readEnv('HUAWEICLOUD_SDK_AK') === undefined && readEnv('HUAWEICLOUD_SDK_TOKEN') !== undefined;
}
