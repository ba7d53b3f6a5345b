/**
 * A five-field cron schedule as the CronJob controller accepts it (lists, ranges, steps, names, `?`, the
 * @hourly-style macros and an optional `TZ=`/`CRON_TZ=` prefix, read as UTC); hand-written because it is
 * a few dozen lines and no cron library is among the project's dependencies.
 */
export interface CronSchedule {
  /** The first scheduled minute strictly after `afterMs`, in ms since the epoch. */
  next(afterMs: number): number;
}

const macros: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const dayNames = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function field(text: string, min: number, max: number, names: string[] = [], nameBase = 0): Set<number> {
  const out = new Set<number>();
  const value = (s: string) => {
    const i = names.indexOf(s.toLowerCase());
    const n = i >= 0 ? i + nameBase : Number(s);
    if (!Number.isInteger(n) || n < min || n > max + (max === 6 ? 1 : 0))
      throw new Error(`bad cron value "${s}"`);
    return max === 6 && n === 7 ? 0 : n;
  };
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`bad cron step "${part}"`);
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') [lo, hi] = [min, max];
    else if (range.includes('-')) {
      const [a, b] = range.split('-') as [string, string];
      [lo, hi] = [value(a), value(b)];
    } else [lo, hi] = [value(range), stepText === undefined ? value(range) : max];
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

/** Parses a schedule; throws an Error saying what is wrong. */
export function parseCron(schedule: string): CronSchedule {
  const text = schedule.replace(/^(CRON_)?TZ=\S+\s+/, '').trim();
  const fields = (macros[text] ?? text).split(/\s+/);
  if (fields.length !== 5) throw new Error(`expected exactly 5 fields, found ${fields.length}: ${schedule}`);
  const [mi, ho, dm, mo, dw] = fields as [string, string, string, string, string];
  const minutes = field(mi, 0, 59);
  const hours = field(ho, 0, 23);
  const days = field(dm, 1, 31);
  const months = field(mo, 1, 12, monthNames, 1);
  const weekdays = field(dw, 0, 6, dayNames);
  const anyDay = dm === '*' || dm === '?';
  const anyWeekday = dw === '*' || dw === '?';
  return {
    next(afterMs: number): number {
      const t = new Date(Math.floor(afterMs / 60_000) * 60_000 + 60_000);
      // Five years of minutes bounds the search for schedules like Feb 30 that never fire.
      for (let i = 0; i < 5 * 366 * 24 * 60; ) {
        if (!months.has(t.getUTCMonth() + 1)) {
          t.setUTCMonth(t.getUTCMonth() + 1, 1);
          t.setUTCHours(0, 0, 0, 0);
          i += 28 * 24 * 60;
          continue;
        }
        const dayOk =
          anyDay || anyWeekday
            ? days.has(t.getUTCDate()) && weekdays.has(t.getUTCDay())
            : days.has(t.getUTCDate()) || weekdays.has(t.getUTCDay());
        if (!dayOk) {
          t.setUTCDate(t.getUTCDate() + 1);
          t.setUTCHours(0, 0, 0, 0);
          i += 24 * 60;
          continue;
        }
        if (!hours.has(t.getUTCHours())) {
          t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
          i += 60;
          continue;
        }
        if (!minutes.has(t.getUTCMinutes())) {
          t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
          i++;
          continue;
        }
        return t.getTime();
      }
      return Number.POSITIVE_INFINITY;
    },
  };
}
