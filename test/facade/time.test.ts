// Time normalization: every vendor time → ISO-8601 UTC with milliseconds, or null; never Invalid Date.
// The whole suite runs once in UTC and once in each of three zones far from it (half-hour and 45-minute
// offsets, one with daylight saving time): a local-time setter or `Date.parse` of a naive value passes
// in UTC, where CI machines usually run, and fails in the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { epochMsToIso, isoToUtcIso } from '../../src/summary/time.js';

/** Zone and its offset on 2024-01-01 as getTimezoneOffset() reports it (UTC minus local, in minutes). */
const ZONES: [string, number][] = [
  ['UTC', 0],
  ['America/St_Johns', 210],
  ['Asia/Kathmandu', -345],
  ['Pacific/Kiritimati', -840],
];

describe.each(ZONES)('in time zone %s', (zone, januaryOffset) => {
  const saved = process.env['TZ'];
  beforeAll(() => {
    process.env['TZ'] = zone;
    // The zone really applies to Date in this process (Node re-reads TZ when it is assigned).
    expect(new Date(2024, 0, 1).getTimezoneOffset()).toBe(januaryOffset);
  });
  afterAll(() => {
    if (saved === undefined) delete process.env['TZ'];
    else process.env['TZ'] = saved;
  });

  describe('isoToUtcIso', () => {
    it.each([
      // Gcore: naive datetimes mean UTC; microseconds are truncated to milliseconds (never rounded up)
      ['2024-05-05T14:51:26.570866', '2024-05-05T14:51:26.570Z'],
      ['2024-05-05T14:51:26.999999', '2024-05-05T14:51:26.999Z'],
      ['2024-12-31T23:59:59.9999', '2024-12-31T23:59:59.999Z'],
      ['2024-05-05T14:51:26', '2024-05-05T14:51:26.000Z'],
      ['2024-05-05T14:51:26.5', '2024-05-05T14:51:26.500Z'],
      ['2024-05-05T14:51', '2024-05-05T14:51:00.000Z'],
      ['2024-05-05', '2024-05-05T00:00:00.000Z'],
      ['2024-05-05 14:51:26', '2024-05-05T14:51:26.000Z'],
      // Vercel: ISO strings with a zone, normalized to toISOString()
      ['2026-06-30T10:00:00.000Z', '2026-06-30T10:00:00.000Z'],
      ['2026-06-30T10:00:00z', '2026-06-30T10:00:00.000Z'],
      ['2026-06-30T12:00:00+02:00', '2026-06-30T10:00:00.000Z'],
      ['2026-06-30T05:30:00-0430', '2026-06-30T10:00:00.000Z'],
      ['2026-01-01T01:00:00+05:00', '2025-12-31T20:00:00.000Z'],
      ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
      ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00.000Z'],
      ['0050-01-01T00:00:00Z', '0050-01-01T00:00:00.000Z'],
      ['  2024-05-05T14:51:26Z  ', '2024-05-05T14:51:26.000Z'],
    ])('%s → %s', (input, expected) => {
      expect(isoToUtcIso(input)).toBe(expected);
    });

    it.each([
      [''],
      ['not a date'],
      ['2024-13-01T00:00:00'],
      ['2023-02-29T00:00:00'],
      ['1900-02-29T00:00:00'],
      ['2024-04-31T00:00:00'],
      ['2024-05-05T24:00:00'],
      ['2024-05-05T14:60:00'],
      ['2024-05-05T14:51:60'],
      ['2024-05-05T14:51:26+25:00'],
      ['2024-05-05T14:51:26.'],
      ['May 5, 2024'],
      ['1714920686570'],
      ['2024-05-05T14:51:26ZZ'],
      ['+002024-05-05T14:51:26Z'],
    ])('%j → null', (input) => {
      expect(isoToUtcIso(input)).toBeNull();
    });

    it.each([[null], [undefined], [1714920686570], [{}], [[]], [true]])('non-string %j → null', (input) => {
      expect(isoToUtcIso(input)).toBeNull();
    });

    it('does not depend on the machine time zone (naive values are UTC, not local)', () => {
      const naive = '2024-05-05T14:51:26.570866';
      expect(isoToUtcIso(naive)).toBe(new Date(Date.UTC(2024, 4, 5, 14, 51, 26, 570)).toISOString());
    });
  });

  describe('epochMsToIso', () => {
    it.each([
      [1711928488000, '2024-03-31T23:41:28.000Z'],
      [0, '1970-01-01T00:00:00.000Z'],
      [1711928488123.9, '2024-03-31T23:41:28.123Z'],
      ['1711928488000', '2024-03-31T23:41:28.000Z'],
      [8.64e15, '+275760-09-13T00:00:00.000Z'],
    ])('%j → %s', (input, expected) => {
      expect(epochMsToIso(input)).toBe(expected);
    });

    it.each([[null], [undefined], [Number.NaN], [Number.POSITIVE_INFINITY], [8.64e15 + 1], ['12abc'], [''], ['1.5e12'], [{}], [true]])('%j → null', (input) => {
      expect(epochMsToIso(input)).toBeNull();
    });
  });
});
