// Redaction without gaps: a secret longer than a field's limit, a long fragment of a secret, a secret that a
// bounded window would cut in two. Each test here fails when redaction runs after the cut, when fragments are
// not redacted, or when the window may split a secret.
import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHuaweiClient } from '../../src/huawei.js';
import { ApiError } from '../../src/errors.js';
import { MAX_MESSAGE, MAX_SNIPPET, REDACTED, SECRET_FRAGMENT_LENGTH, createRedactor, safeText } from '../../src/safe-text.js';
import { renderings } from '../support/error-renderings.js';
import { longToken, shownFragment } from '../support/long-secret.js';
import { conformingFetch } from '../support/spec-conformance.js';

const HUAWEI_BASIC = '/v5/{project_id}/image/{image_id}/basic-image';

describe('secrets longer than a field', () => {
  it('a 6,000-character IAM token echoed in a 401 body: no 32-character piece of it in any rendering', async () => {
    const token = longToken(6_000);
    const body = JSON.stringify({
      error_code: 'APIGW.0301',
      error_msg: `Incorrect IAM authentication information: token ${token} is invalid`,
      echo: { 'x-auth-token': token },
    });
    const client = createHuaweiClient({
      token,
      baseUrl: 'https://hss.example.test',
      retries: 0,
      throwOnError: true,
      fetch: conformingFetch(async () => new Response(body, { status: 401, headers: { 'content-type': 'application/json', 'x-request-id': 'r-1' } })),
    });
    let err: unknown;
    try {
      await client.GET(HUAWEI_BASIC, { params: { path: { project_id: 'p', image_id: 'i' }, query: { image_type: 'cicd' } } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e).toMatchObject({ status: 401, code: 'APIGW.0301' });
    expect(e.message).toBe(`Incorrect IAM authentication information: token ${REDACTED} is invalid`);
    expect(e.bodySnippet).toContain(REDACTED);
    for (const text of [...renderings(e), inspect(e), JSON.stringify(e), String(e.bodySnippet)]) {
      expect(shownFragment(text, token)).toBeUndefined();
    }
  });

  it('a secret far longer than four times the limit is redacted whole before the field is cut', () => {
    const token = longToken(20_000);
    const redact = createRedactor([token]);
    const out = safeText(`prefix ${token} suffix`, MAX_MESSAGE, redact);
    expect(out).toBe(`prefix ${REDACTED} suffix`);
  });

  it('a 10 MiB body of repeated secrets stays bounded and shows none of them', () => {
    const token = longToken(6_000);
    const redact = createRedactor([token]);
    const text = `${token}\n`.repeat(Math.ceil((10 * 1024 * 1024) / 6_001));
    const out = safeText(text, MAX_SNIPPET, redact);
    expect(out.length).toBeLessThanOrEqual(MAX_SNIPPET + 40);
    expect(out.startsWith(REDACTED)).toBe(true);
    expect(shownFragment(out, token, 8)).toBeUndefined();
  });
});

describe('fragments of a known secret', () => {
  const token = longToken(6_000);
  const redact = createRedactor([token]);

  it(`any run of ${SECRET_FRAGMENT_LENGTH}+ characters taken from a secret is redacted`, () => {
    const cut40 = token.slice(100, 140);
    const cut16 = token.slice(3_000, 3_000 + SECRET_FRAGMENT_LENGTH);
    const head = token.slice(0, 2_000);
    const tail = token.slice(-700);
    const out = redact(`first 40: ${cut40}; 16 in a word (brackets are not in the token's alphabet, so the run is exactly 16): (${cut16}); echo cut by the server: ${head}…; last: ${tail}.`);
    expect(out).toBe(`first 40: ${REDACTED}; 16 in a word (brackets are not in the token's alphabet, so the run is exactly 16): (${REDACTED}); echo cut by the server: ${REDACTED}…; last: ${REDACTED}.`);
  });

  it('shorter pieces and ordinary text stay', () => {
    const piece = token.slice(10, 10 + SECRET_FRAGMENT_LENGTH - 1);
    expect(redact(`id ${piece} kept`)).toBe(`id ${piece} kept`);
    expect(redact('Image img_123 not found in repository my-repo')).toBe('Image img_123 not found in repository my-repo');
  });

  it('URL-encoded and JSON-escaped fragments too', () => {
    const odd = `${'k/+"'.repeat(10)}${longToken(40)}`;
    const r = createRedactor([odd]);
    const fragment = odd.slice(2, 30);
    for (const text of [encodeURIComponent(fragment), JSON.stringify(fragment).slice(1, -1)]) {
      expect(r(`x=${text}&y`)).toBe(`x=${REDACTED}&y`);
    }
  });

  it('property: no fragment of 16+ characters of a long secret survives, whatever surrounds it', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary-ascii', minLength: 32, maxLength: 200 }),
        fc.nat(),
        fc.integer({ min: SECRET_FRAGMENT_LENGTH, max: 200 }),
        fc.string({ maxLength: 50 }),
        fc.string({ maxLength: 50 }),
        (secret, start, length, before, after) => {
          const from = start % (secret.length - SECRET_FRAGMENT_LENGTH + 1);
          const fragment = secret.slice(from, from + length);
          const out = createRedactor([secret])(before + fragment + after);
          expect(shownFragment(out, secret, SECRET_FRAGMENT_LENGTH)).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the bounded window never splits a secret', () => {
  // The window: four times the field limit plus the longest spelling of a secret (URL-encoding lengthens `+` and `/`).
  const windowFor = (max: number, secret: string) => max * 4 + Math.max(secret.length, encodeURIComponent(secret).length, JSON.stringify(secret).length - 2);

  it('a short secret across the end of the window is not shown in part', () => {
    // The long secrets shrink to REDACTED, so the window's end comes into view; a short secret straddles it.
    const long = longToken(6_000);
    const medium = longToken(2_040);
    const short = 'Zq7-kP2_mW';
    const redact = createRedactor([long, medium, short]);
    const window = windowFor(MAX_SNIPPET, long);
    const pad = 'p'.repeat(window - long.length - medium.length - 3 - 5);
    const text = `${long}${medium}${pad}abc${short}${'z'.repeat(5_000)}`;
    expect(text.indexOf(short)).toBeLessThan(window);
    expect(text.indexOf(short) + short.length).toBeGreaterThan(window);
    const out = safeText(text, MAX_SNIPPET, redact);
    expect(out.startsWith(`${REDACTED}${REDACTED}p`)).toBe(true);
    expect(out).not.toContain(short.slice(0, 4));
    expect(out).toMatch(/…\[\d+ more chars\]$/);
  });

  it('a fragment across the end of the window is not shown in part', () => {
    const long = longToken(6_000);
    const medium = longToken(2_040);
    const redact = createRedactor([long, medium]);
    const window = windowFor(MAX_SNIPPET, long);
    // 10 of the fragment's 30 characters fall inside the window: too few to be a fragment on their own.
    const pad = 'p'.repeat(window - long.length - medium.length - 10);
    const text = `${long}${medium}${pad}${long.slice(50, 80)}${'z'.repeat(100)}`;
    const out = safeText(text, MAX_SNIPPET, redact);
    expect(out.startsWith(`${REDACTED}${REDACTED}p`)).toBe(true);
    expect(out).not.toContain(long.slice(50, 56));
  });
});
