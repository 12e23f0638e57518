// Credentials come from explicit options first, then from the vendor's conventional environment variables.
// They are checked before any request is built; errors name the option or variable, never the value.
import { ValidationError } from './errors.js';

/** Reads an environment variable where a process environment exists (not on edge runtimes). */
export function readEnv(name: string): string | undefined {
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
  return value === '' ? undefined : value;
}

const HEADER_UNSAFE = /[\u0000-\u001f\u007f]|[^\u0000-\u00ff]/;

/**
 * Returns the first defined value of the option or the environment variable, or throws a
 * ValidationError naming both. The value must be usable in an HTTP header.
 */
export function requireCredential(vendor: string, option: string, explicit: string | undefined, envName: string): string {
  const value = explicit ?? readEnv(envName);
  if (value === undefined || value.trim() === '') {
    throw new ValidationError(
      `Missing ${vendor} credential: pass \`${option}\` or set ${envName}. Nothing was sent.`,
    );
  }
  checkCredential(vendor, option, value);
  return value;
}

/** Throws when a credential cannot travel in a header (control characters, non-Latin-1, padding). */
export function checkCredential(vendor: string, option: string, value: string): void {
  if (HEADER_UNSAFE.test(value) || value !== value.trim()) {
    throw new ValidationError(
      `Invalid ${vendor} credential \`${option}\`: it contains whitespace, control or non-Latin-1 characters. Nothing was sent.`,
    );
  }
}
