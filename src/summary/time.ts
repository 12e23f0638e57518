// Time normalization for the summaries: every vendor time becomes an ISO-8601 string in UTC
// (`2024-05-05T14:51:26.570Z`, what `Date#toISOString` prints), or `null` when the value is missing or
// cannot be read. Never an Invalid Date, never a throw.

const MAX_EPOCH_MS = 8.64e15; // the largest magnitude a Date can hold

/**
 * Epoch milliseconds (NAVER `last_updated`) → ISO UTC. Accepts a finite number or a string of digits
 * (a tolerant reader: some gateways stringify int64); anything else → null.
 */
export function epochMsToIso(value: unknown): string | null {
  let ms: number;
  if (typeof value === 'number') ms = value;
  else if (typeof value === 'string' && /^-?\d{1,16}$/.test(value.trim())) ms = Number(value.trim());
  else return null;
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_EPOCH_MS) return null;
  return new Date(Math.trunc(ms)).toISOString();
}

// YYYY-MM-DD, optionally followed by THH:MM[:SS[.fraction]], optionally followed by Z or ±HH[:]MM.
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/**
 * An ISO-8601 date-time string → ISO UTC with millisecond precision.
 *
 * - A value WITHOUT a time zone is read as UTC. Gcore sends naive datetimes that mean UTC
 *   (`2024-05-05T14:51:26.570866`); `Date.parse` would read them as the machine's local time.
 * - Fractions finer than a millisecond are truncated, not rounded (`.570866` → `.570`): rounding could
 *   move a time into the next second, minute or day.
 * - Out-of-range fields (month 13, February 30, hour 24, offset +25:00) and any other format → null.
 *   `Date.parse` is deliberately not used: it accepts many non-ISO spellings and differs by engine.
 */
export function isoToUtcIso(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = ISO_8601.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zulu, sign, oh = '0', om = '0'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const offsetMinutes = sign === undefined || zulu !== undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || Number(oh) > 23 || Number(om) > 59) return null;
  const ms = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps the years 0–99 to 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute - offsetMinutes, second, ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
