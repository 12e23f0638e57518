// Where the CLI's credentials come from (the environment only: the CLI has no credential options) and how a
// credential problem is told: naming the environment variables, never a library option or a value.
import { CredentialError } from '../credentials.js';
import type { ApiError } from '../errors.js';
import type { Vendor } from '../types.js';

/** The environment variables of each vendor's credentials, as the help shows them. */
export const CREDENTIAL_ENV: Readonly<Record<Vendor, string>> = {
  vercel: 'VERCEL_TOKEN',
  gcore: 'GCORE_API_KEY',
  naver: 'NCLOUD_ACCESS_KEY_ID and NCLOUD_SECRET_ACCESS_KEY',
  huawei: 'HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (+ HUAWEICLOUD_SDK_SECURITY_TOKEN), or HUAWEICLOUD_SDK_TOKEN',
};

/** The help's block on credentials: every vendor's variables. */
export const CREDENTIALS_HELP = `Credentials come from the environment:
  vercel  ${CREDENTIAL_ENV.vercel}
  gcore   ${CREDENTIAL_ENV.gcore}
  naver   ${CREDENTIAL_ENV.naver}
  huawei  ${CREDENTIAL_ENV.huawei};
          HUAWEICLOUD_SDK_REGION, HUAWEICLOUD_SDK_PROJECT_ID`;

/** A vendor help's last line. */
export function credentialsLine(vendor: Vendor): string {
  return `Credentials: ${CREDENTIAL_ENV[vendor]}`;
}

/** The CLI's words for a credential problem, or undefined when `error` is not one. */
export function credentialProblem(error: ApiError): string | undefined {
  if (!(error instanceof CredentialError) || error.vendor === undefined) return undefined;
  const vendor = error.vendor;
  const variables = CREDENTIAL_ENV[vendor];
  if (error.reason === 'missing') {
    return variables === error.environment
      ? `missing ${vendor} credential: set ${variables}. Nothing was sent.`
      : `missing ${vendor} credentials: set ${variables} (${error.environment} is not set). Nothing was sent.`;
  }
  return `invalid ${vendor} credential in ${error.environment}: it is blank, has whitespace around it, or holds control or non-Latin-1 characters. Nothing was sent.`;
}
