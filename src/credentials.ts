// Credentials come from explicit options or from the vendor's conventional environment variables, as a set:
// when any credential of a set is passed as an option, the environment supplies none of that set. A key
// pair (or a temporary key pair and its security token) is never assembled from two places.
// They are checked before any request is built; errors name the option and variable, never the value.
import { ValidationError, type ValidationErrorInit } from './errors.js';
import type { Vendor } from './types.js';

/** Reads an environment variable where a process environment exists (not on edge runtimes). */
export function readEnv(name: string): string | undefined {
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
  return value === '' ? undefined : value;
}

/** Every environment variable a factory reads a secret from (not the region or project variables). */
export const CREDENTIAL_VARIABLES = [
  'VERCEL_TOKEN',
  'GCORE_API_KEY',
  'NCLOUD_ACCESS_KEY_ID',
  'NCLOUD_SECRET_ACCESS_KEY',
  'HUAWEICLOUD_SDK_AK',
  'HUAWEICLOUD_SDK_SK',
  'HUAWEICLOUD_SDK_SECURITY_TOKEN',
  'HUAWEICLOUD_SDK_TOKEN',
] as const;

const HEADER_UNSAFE = /[\u0000-\u001f\u007f]|[^\u0000-\u00ff]/;

/**
 * A credential missing (`reason: 'missing'`) or unusable in a header (`'invalid'`): a ValidationError whose
 * `field` is the option that passes the credential and `environment` the variable that supplies it, so a
 * front end that reads only the environment (the CLI) can name the variable alone.
 */
export class CredentialError extends ValidationError {
  declare readonly reason: 'missing' | 'invalid';
  declare readonly environment: string;
  constructor(init: ValidationErrorInit & { vendor: Vendor; field: string; reason: 'missing' | 'invalid'; environment: string }) {
    super(init);
  }
}
Object.defineProperty(CredentialError.prototype, 'detailFields', { value: ['field', 'reason', 'environment'], configurable: true });

/**
 * Returns the first defined value of the option or the environment variable, or throws a
 * ValidationError naming both. The value must be usable in an HTTP header.
 */
export function requireCredential(vendor: Vendor, option: string, explicit: string | undefined, envName: string): string {
  const value = explicit ?? readEnv(envName);
  if (value === undefined || value.trim() === '') {
    throw new CredentialError({
      vendor,
      field: option,
      reason: 'missing',
      environment: envName,
      message: `Missing ${vendor} credential: pass \`${option}\` or set ${envName}. Nothing was sent.`,
    });
  }
  checkCredential(vendor, option, value, envName);
  return value;
}

/** One member of a credential set: the option that passes it and the variable that holds it. */
export interface CredentialField {
  option: string;
  /** The option's value; `undefined` means "not passed". */
  explicit: string | undefined;
  envName: string;
}

/**
 * Returns the values of a credential set (in the order given), all from the options when any of them is
 * passed, else all from the environment. A member missing from the options while another is passed is a
 * ValidationError: the environment is not read to complete the set.
 */
export function requireCredentialSet(vendor: Vendor, fields: readonly CredentialField[]): string[] {
  const passed = fields.find((f) => f.explicit !== undefined);
  if (passed === undefined) return fields.map((f) => requireCredential(vendor, f.option, undefined, f.envName));
  return fields.map((f) => {
    if (f.explicit === undefined) {
      throw new ValidationError(
        `Missing ${vendor} credential: pass \`${f.option}\` together with \`${passed.option}\`. ` +
          `Credentials are taken as a set from the options or from the environment, never mixed (${f.envName} is not read). Nothing was sent.`,
      );
    }
    return requireCredential(vendor, f.option, f.explicit, f.envName);
  });
}

/** Throws when a credential cannot travel in a header (control characters, non-Latin-1, padding). */
export function checkCredential(vendor: Vendor, option: string, value: string, envName: string): void {
  if (HEADER_UNSAFE.test(value) || value !== value.trim()) {
    throw new CredentialError({
      vendor,
      field: option,
      reason: 'invalid',
      environment: envName,
      message: `Invalid ${vendor} credential \`${option}\`: it contains whitespace, control or non-Latin-1 characters. Nothing was sent.`,
    });
  }
}
