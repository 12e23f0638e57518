// Where requests may go. One set of rules for an endpoint URL, used by the clients (at creation and before
// every request), the inventory config file and the CLI:
// - an absolute http(s) URL, with no credentials (user:password@) and no query or fragment: a secret there
//   would be sent to every request's log and shown wherever the URL is;
// - plain http only to this machine (127.0.0.0/8, ::1, localhost), unless the caller allows it explicitly:
//   every request carries a token or a signature, which plain http hands to anyone on the path.
// The messages never quote the URL (it may hold a secret); the refusal of plain http names the origin only.
import { ValidationError } from './errors.js';
import type { Vendor } from './types.js';

/** What is wrong with `url` as an endpoint ("must …"), or undefined when it is usable. */
export function baseUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute http(s) URL';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return `must be an http(s) URL, not ${parsed.protocol}`;
  if (parsed.username !== '' || parsed.password !== '') return 'must not carry credentials (user:password@): they come from the environment';
  if (parsed.search !== '' || parsed.hash !== '') return 'must not have a query or fragment: a secret there would be sent and shown with every request';
  return undefined;
}

/** `hostname` as URL parses it: 127.0.0.0/8, `[::1]` or `localhost`. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Plain http to another machine: what `allowInsecureHttp` must allow. */
export function isInsecureHttp(url: URL): boolean {
  return url.protocol === 'http:' && !isLoopbackHost(url.hostname);
}

/** Why plain http to another machine is refused ("is plain http …"), ending with how to allow it. */
export function insecureHttpProblem(url: URL, howToAllow: string): string {
  return `is plain http to another machine (${url.origin}), which would carry the credentials in clear: use https, or ${howToAllow}`;
}

/** The refusal of plain http to another machine (the library's wording; the CLI names its own flag). */
export function insecureHttpError(vendor: Vendor, url: URL): ValidationError {
  return new ValidationError({
    vendor,
    field: 'baseUrl',
    message: `Refused to send to ${url.origin}: plain http to another machine would carry the credentials in clear. Use https, or pass allowInsecureHttp: true. Nothing was sent.`,
  });
}
