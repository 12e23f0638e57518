// Vercel Container Registry client: `Authorization: Bearer <token>` on every request.
import type { Client } from 'openapi-fetch';
import type { paths } from '../../../generated/vercel.js';
import { paramRules } from '../../../generated/vercel.params.js';
import { createVendorClient, type CommonClientOptions } from '../../client.js';
import { requireCredential } from '../../credentials.js';
import { vercelErrorFormat } from './errors.js';

/** The generated types of the Vercel spec (`paths`, `components`), for typing your own helpers. */
export type { components as VercelComponents, paths as VercelPaths } from '../../../generated/vercel.js';

/** Where the Vercel REST API lives. */
export const VERCEL_BASE_URL = 'https://api.vercel.com';

/** Options of {@link createVercelClient}: a token plus the transport options every client takes. */
export interface VercelClientOptions extends CommonClientOptions {
  /** A Vercel access token. Defaults to the `VERCEL_TOKEN` environment variable. */
  token?: string | undefined;
}

/** A typed openapi-fetch client for the Vercel Container Registry operations. */
export type VercelClient = Client<paths>;

/**
 * Creates a Vercel Container Registry client.
 * @throws ValidationError when no token is given and `VERCEL_TOKEN` is unset; nothing is sent.
 */
export function createVercelClient(options: VercelClientOptions = {}): VercelClient {
  const { token: explicitToken, baseUrl = VERCEL_BASE_URL, ...rest } = options;
  const token = requireCredential('vercel', 'token', explicitToken, 'VERCEL_TOKEN');
  return createVendorClient<paths>({
    ...rest,
    vendor: 'vercel',
    baseUrl,
    paramRules,
    staticHeaders: { Authorization: `Bearer ${token}` },
    secrets: [token],
  }, vercelErrorFormat);
}
