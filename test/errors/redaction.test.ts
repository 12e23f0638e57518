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
  // The window: four times the field limit plus the longest spelling of a secret (hex: two characters a byte).
  const windowFor = (max: number, secret: string) => max * 4 + Math.max(encodeURIComponent(secret).length, JSON.stringify(secret).length - 2, 2 * Buffer.byteLength(secret));

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

describe('encoded and split spellings of a known secret', () => {
  const token = 'vercel_live_Q7w3zX9kLm2Pq8Rt4Vy6';
  const long = longToken(3_000);
  const redact = createRedactor([token, long]);
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  const b64url = (text: string) => Buffer.from(text).toString('base64url');
  const hex = (text: string) => Buffer.from(text).toString('hex');
  const spaced = (text: string, every: number, gap = ' ') => text.match(new RegExp(`.{1,${every}}`, 'g'))?.join(gap) ?? text;

  it.each([
    ['base64', b64(token)],
    ['base64url', b64url(token)],
    ['base64 at byte offset 1 (inside a longer value)', b64(`x${token}`)],
    ['base64 at byte offset 2 (a Basic header of user:token)', b64(`user:${token}`)],
    ['base64 at byte offset 0, more after it', b64(`${token}:more`)],
    ['URL-safe base64 at offset 1', b64url(`!${token}`)],
    ['hex', hex(token)],
    ['HEX', hex(token).toUpperCase()],
    ['split by spaces every 4 characters', spaced(token, 4)],
    ['wrapped by line breaks', spaced(token, 7, '\n  ')],
    ['hex, a space between the bytes', spaced(hex(token), 2)],
    ['base64 of a long token, wrapped at 76 columns', spaced(b64(long), 76, '\r\n')],
    ['a long token split in two', `${long.slice(0, 1_500)} ${long.slice(1_500)}`],
  ])('%s: redacted, no 16-character piece of it left', (_name, spelling) => {
    const out = redact(`server said: "${spelling}" (echo)`);
    expect(out).toContain(REDACTED);
    expect(out.startsWith('server said: "')).toBe(true);
    expect(out.endsWith('" (echo)')).toBe(true);
    const compact = spelling.replace(/\s/g, '');
    expect(shownFragment(out.replace(/\s/g, ''), compact, SECRET_FRAGMENT_LENGTH)).toBeUndefined();
    for (const secret of [token, long]) expect(shownFragment(out, secret, SECRET_FRAGMENT_LENGTH)).toBeUndefined();
  });

  it('a secret of 8 to 16 characters is matched whole in base64 and hex', () => {
    const short = 'Zq7kP2mW9x';
    const r = createRedactor([short]);
    expect(r(`a ${b64(short)} b ${hex(short)} c ${b64url(short)} d`)).toBe(`a ${REDACTED} b ${REDACTED} c ${REDACTED} d`);
  });

  it('ordinary text, digests and other tokens stay', () => {
    const text = 'sha256:8f97cbaf0ddba1458508c6269a5a26f542100ac8bff64a47b4350a38c739fdf6 image img_123 in my-repo, dGhpcyBpcyBub3QgYSBzZWNyZXQ=';
    expect(redact(text)).toBe(text);
  });

  it('through a client: an echo in base64, hex and split by spaces reaches neither the message nor the body snippet', async () => {
    const body = JSON.stringify({
      error_code: 'APIGW.0301',
      error_msg: `token ${spaced(long, 64, ' ')} is invalid`,
      echo: { basic: b64(`user:${long}`), hex: hex(long).slice(0, 400) },
    });
    const client = createHuaweiClient({
      token: long,
      baseUrl: 'https://hss.example.test',
      retries: 0,
      throwOnError: true,
      fetch: async () => new Response(body, { status: 401, headers: { 'content-type': 'application/json' } }),
    });
    const error = await client.GET(HUAWEI_BASIC, { params: { path: { project_id: 'p', image_id: 'i' }, query: { image_type: 'cicd' } } }).then(
      () => undefined,
      (e: unknown) => e as ApiError,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error?.message).toBe(`token ${REDACTED} is invalid`);
    for (const text of [...renderings(error as ApiError), String(error?.bodySnippet)]) {
      for (const spelling of [long, b64(`user:${long}`).slice(8), hex(long)]) expect(shownFragment(text.replace(/\s/g, ''), spelling, SECRET_FRAGMENT_LENGTH)).toBeUndefined();
    }
  });

  it('a split echo across the end of the window is not shown in part', () => {
    const redactLong = createRedactor([long]);
    const window = MAX_SNIPPET * 4 + 2 * long.length;
    // Copies of the token fill the window and shrink to REDACTED, so its end comes into view; the split echo
    // straddles it with 10 of its characters inside: too few to be a fragment on their own.
    const filler = long.repeat(3).slice(0, window - 14);
    const echo = spaced(long.slice(100, 160), 5);
    const text = `${filler}pp${echo}${'z'.repeat(100)}`;
    expect(text.indexOf(echo)).toBe(window - 12);
    const out = safeText(text, MAX_SNIPPET, redactLong);
    expect(out).toMatch(/^(\[REDACTED\])+pp/);
    expect(out).not.toContain(long.slice(100, 105));
  });
});
