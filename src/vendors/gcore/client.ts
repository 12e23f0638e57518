// Gcore Cloud client: `Authorization: APIKey <key>` on every request, as Gcore's own SDKs send it
// (the spec's scheme description explains the prefix).
import type { Client } from 'openapi-fetch';
import type { paths } from '../../../generated/gcore.js';
import { paramRules } from '../../../generated/gcore.params.js';
import { createVendorClient, type CommonClientOptions } from '../../client.js';
import { requireCredential } from '../../credentials.js';
import { gcoreErrorFormat } from './errors.js';

/** The generated types of the Gcore spec (`paths`, `components`). */
export type { components as GcoreComponents, paths as GcorePaths } from '../../../generated/gcore.js';

/** Where the Gcore API lives. */
export const GCORE_BASE_URL = 'https://api.gcore.com';

/** Options of {@link createGcoreClient}: an API key plus the transport options every client takes. */
export interface GcoreClientOptions extends CommonClientOptions {
  /** A Gcore permanent API token. Defaults to the `GCORE_API_KEY` environment variable. */
  apiKey?: string | undefined;
}

/** A typed openapi-fetch client for the Gcore Cloud image operation. */
export type GcoreClient = Client<paths>;

/**
 * Creates a Gcore Cloud client.
 * @throws ValidationError when no API key is given and `GCORE_API_KEY` is unset; nothing is sent.
 */
export function createGcoreClient(options: GcoreClientOptions = {}): GcoreClient {
  const { apiKey: explicitKey, baseUrl = GCORE_BASE_URL, ...rest } = options;
  const apiKey = requireCredential('gcore', 'apiKey', explicitKey, 'GCORE_API_KEY');
  return createVendorClient<paths>({
    ...rest,
    vendor: 'gcore',
    baseUrl,
    paramRules,
    staticHeaders: { Authorization: `APIKey ${apiKey}` },
    secrets: [apiKey],
  }, gcoreErrorFormat);
}
