// Vercel's own client, @vercel/sdk 1.28.35, against the Prism mock of specs/vercel. The SDK is generated from
// Vercel's OpenAPI document and validates every 200 body with its zod schemas, so a body our spec allows and
// the vendor's contract does not is a rejected call. Checked on the static examples and on Prism's
// schema-generated bodies (`Prefer: dynamic=true`, ROUNDS per operation).
//
// One known difference is allowed, and only that one: this SDK release predates the `errored` status that
// Vercel's current document lists (our spec follows the document), so a generated body carrying
// `status: "errored"` is rejected. Such a rejection must be the SDK's response validation error, and the same
// body with `errored` replaced by `ready` must then be accepted by the same SDK call: nothing else may differ.
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { Vercel } from '@vercel/sdk';
import { HTTPClient } from '@vercel/sdk/lib/http.js';
import { ResponseValidationError } from '@vercel/sdk/models/responsevalidationerror.js';
import { VercelError } from '@vercel/sdk/models/vercelerror.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { declaredResponses } from '../clients/helpers.js';
import { conformingFetch } from '../support/spec-conformance.js';
import { startPrism, type PrismMock } from '../../scripts/mocks.js';

const urls = inject('mockUrls');
const ROUNDS = 15;
const DIGEST = 'sha256:8f97cbaf0ddba1458508c6269a5a26f542100ac8bff64a47b4350a38c739fdf6';

interface Exchange {
  status: number;
  violations: string | null;
  body: string;
}

/** An SDK client on `baseUrl` whose requests carry `Prefer` and whose responses are recorded. */
function sdk(baseUrl: string, prefer: string | undefined, log: Exchange[] = []): Vercel {
  const httpClient = new HTTPClient({
    fetcher: async (input, init) => {
      const request = new Request(input, init);
      if (prefer !== undefined) request.headers.set('Prefer', prefer);
      const response = await fetch(request);
      log.push({ status: response.status, violations: response.headers.get('sl-violations'), body: await response.clone().text() });
      return response;
    },
  });
  return new Vercel({ bearerToken: 'test-vercel-token', serverURL: baseUrl, httpClient });
}

/** An SDK client that gets `body` (200, JSON) for any request (checked against the spec of the operation called). */
function replaying(body: string): Vercel {
  const httpClient = new HTTPClient({ fetcher: conformingFetch(async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } })) });
  return new Vercel({ bearerToken: 'test-vercel-token', serverURL: 'http://replay.invalid', httpClient });
}

interface Operation {
  id: string;
  path: string;
  call(client: Vercel): Promise<unknown>;
}

const OPERATIONS: Operation[] = [
  {
    id: 'getRepositoryImage (by digest)',
    path: '/v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}',
    call: (v) => v.vcr.getRepositoryImage({ projectId: 'prj_1', idOrName: 'my-app', imageIdOrDigest: DIGEST }),
  },
  {
    id: 'getRepositoryTag',
    path: '/v1/vcr/repository/{idOrName}/tags/{tag}',
    call: (v) => v.vcr.getRepositoryTag({ projectId: 'prj_1', idOrName: 'my-app', tag: 'latest', teamId: 'team_1' }),
  },
  {
    id: 'listRepositories',
    path: '/v1/vcr/repository',
    call: (v) => v.vcr.listRepositories({ projectId: 'prj_1', limit: 20, cursor: 'eyJpZCI6InJlcG9fYjdjOGQ5ZTBmMWEyIn0' }),
  },
  {
    id: 'getRepository',
    path: '/v1/vcr/repository/{idOrName}',
    call: (v) => v.vcr.getRepository({ projectId: 'prj_1', idOrName: 'my-app', slug: 'my-team' }),
  },
  {
    id: 'listRepositoryImages',
    path: '/v1/vcr/repository/{idOrName}/images',
    call: (v) => v.vcr.listRepositoryImages({ projectId: 'prj_1', idOrName: 'my-app', limit: 50, untagged: false }),
  },
  {
    id: 'listRepositoryTags',
    path: '/v1/vcr/repository/{idOrName}/tags',
    call: (v) => v.vcr.listRepositoryTags({ projectId: 'prj_1', idOrName: 'my-app', sortBy: 'tag', sortOrder: 'asc' }),
  },
];

/** Whether any `status` in the body is `errored`. */
const hasErrored = (body: string) => /"status":\s*"errored"/.test(body);
const withoutErrored = (body: string) => JSON.stringify(JSON.parse(body), (key, value) => (key === 'status' && value === 'errored' ? 'ready' : value));

/** The body paths the SDK's zod validation objected to (`image.layers.0`, `tags.2.status`). */
function rejectedPaths(error: unknown): string[] {
  const issues = (error as { cause?: { issues?: { path: (string | number)[] }[] } }).cause?.issues ?? [];
  return issues.map((issue) => issue.path.join('.'));
}

async function outcome(promise: Promise<unknown>): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

const tally: string[] = [];
afterAll(() => {
  // The numbers behind the dynamic rounds, once per run.
  console.info(`@vercel/sdk against specs/vercel, ${ROUNDS} generated bodies per operation:\n${tally.join('\n')}`);
});

for (const op of OPERATIONS) describe(`@vercel/sdk vcr.${op.id} against the Prism mock`, () => {
  const examples = declaredResponses('vercel', op.path).find((r) => r.status === 200)!.examples;

  for (const { name, value } of examples) {
    it(`accepts the static 200 example ${name}`, async () => {
      const log: Exchange[] = [];
      const result = await op.call(sdk(urls.vercel, `example=${name}`, log));
      expect(log).toHaveLength(1);
      expect(log[0]!.violations).toBeNull();
      expect(result).toEqual(value);
    });
  }

  it(`accepts every schema-generated 200 body (${ROUNDS} rounds), but for the status this SDK release predates`, async () => {
    let accepted = 0;
    let erroredOnly = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const log: Exchange[] = [];
      const result = await outcome(op.call(sdk(urls.vercel, 'dynamic=true', log)));
      expect(log).toHaveLength(1);
      const [exchange] = log as [Exchange];
      expect(exchange.status).toBe(200);
      expect(exchange.violations).toBeNull(); // the request the SDK sent, and Prism's body, are what the spec says
      if (result.ok) {
        // Everything the SDK returns is in the body (Prism adds random extra properties, which the SDK drops).
        expect(JSON.parse(exchange.body)).toMatchObject(result.value as object);
        accepted++;
        continue;
      }
      const paths = rejectedPaths(result.error);
      const why = `round ${round}: ${String(result.error)} at ${paths.join(', ')}\n${exchange.body}`;
      expect(result.error, why).toBeInstanceOf(ResponseValidationError);
      expect(hasErrored(exchange.body), why).toBe(true);
      expect(paths.length, why).toBeGreaterThan(0);
      for (const path of paths) expect(path, why).toMatch(/(^|\.)status$/);
      const replayed = await outcome(op.call(replaying(withoutErrored(exchange.body))));
      expect(replayed.ok, `round ${round}: still rejected with errored → ready:\n${replayed.ok ? '' : String(replayed.error)}`).toBe(true);
      erroredOnly++;
    }
    tally.push(`  ${op.id}: ${accepted} accepted, ${erroredOnly} rejected only for status "errored"`);
    expect(accepted + erroredOnly).toBe(ROUNDS);
  });

  it('surfaces every declared error status as its own error with the body', async () => {
    for (const { status, examples: errorExamples } of declaredResponses('vercel', op.path).filter((r) => r.status >= 400)) {
      const result = await outcome(op.call(sdk(urls.vercel, `code=${status}`)));
      expect(result.ok).toBe(false);
      const error = (result as { error: unknown }).error;
      expect(error).toBeInstanceOf(VercelError);
      expect((error as VercelError).statusCode).toBe(status);
      expect(JSON.parse((error as VercelError).body)).toEqual(errorExamples[0]!.value);
    }
  });
});

describe('the check can fail', () => {
  let dir: string;
  let untyped: PrismMock;

  beforeAll(async () => {
    // The committed spec with the layer items as they were before the vendor typed them: an open object.
    const spec = parse(readFileSync(new URL('../../specs/vercel/openapi.yaml', import.meta.url), 'utf8'));
    spec.components.schemas.VcrImageLayer = { type: 'object', additionalProperties: true };
    dir = await mkdtemp(join(tmpdir(), 'cic-vercel-sdk-'));
    const file = join(dir, 'openapi.yaml');
    await writeFile(file, stringify(spec));
    untyped = await startPrism(file, 'the Vercel spec with untyped layers', 60_000);
  }, 90_000);

  afterAll(async () => {
    await untyped?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(`with untyped layer items, the SDK rejects generated image bodies for their layers`, async () => {
    const image = OPERATIONS[0]!;
    let rejectedForLayers = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const log: Exchange[] = [];
      const result = await outcome(image.call(sdk(untyped.url, 'dynamic=true', log)));
      if (!result.ok && result.error instanceof ResponseValidationError && rejectedPaths(result.error).some((path) => path.startsWith('image.layers'))) rejectedForLayers++;
    }
    tally.push(`  (spec with untyped layers) getRepositoryImage: ${rejectedForLayers} of ${ROUNDS} rejected for their layers`);
    expect(rejectedForLayers).toBeGreaterThan(0);
  });
});
