/**
 * Daily (`hh:mm-hh:mm`) and weekly (`ddd:hh:mm-ddd:hh:mm`) UTC windows as RDS and ElastiCache take them,
 * parsed to minutes of the week so backup/snapshot and maintenance windows can be checked for overlap.
 */
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEK = 7 * 24 * 60;
const DAILY_RE = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/;
const WEEKLY_RE = /^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):([0-5]\d)-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):([0-5]\d)$/;

/** A window as a start minute and a length in minutes, on a daily or weekly clock. */
export interface ParsedWindow {
  readonly start: number;
  readonly minutes: number;
  /** 1440 for daily windows, 10080 for weekly ones. */
  readonly period: number;
}

/** Parses `hh:mm-hh:mm` (UTC, may wrap past midnight); undefined when malformed. */
export function parseDailyWindow(text: string): ParsedWindow | undefined {
  const m = DAILY_RE.exec(text);
  if (!m) return undefined;
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  return { start, minutes: (end - start + 1440) % 1440, period: 1440 };
}

/** Parses `ddd:hh:mm-ddd:hh:mm` (UTC, lower-case days, may wrap past Sunday); undefined when malformed. */
export function parseWeeklyWindow(text: string): ParsedWindow | undefined {
  const m = WEEKLY_RE.exec(text.toLowerCase());
  if (!m || text !== text.toLowerCase()) return undefined;
  const start = DAYS.indexOf(m[1]) * 1440 + Number(m[2]) * 60 + Number(m[3]);
  const end = DAYS.indexOf(m[4]) * 1440 + Number(m[5]) * 60 + Number(m[6]);
  return { start, minutes: (end - start + WEEK) % WEEK, period: WEEK };
}

/** Minutes of the week a window covers (a daily window covers its slot on every day). */
function weekMinutes(w: ParsedWindow): Set<number> {
  const out = new Set<number>();
  for (let base = 0; base < WEEK; base += w.period) {
    for (let i = 0; i < w.minutes; i++) out.add((base + w.start + i) % WEEK);
  }
  return out;
}

/** True when the two windows share at least one minute of the week. */
export function windowsOverlap(a: ParsedWindow, b: ParsedWindow): boolean {
  const taken = weekMinutes(a);
  for (const m of weekMinutes(b)) if (taken.has(m)) return true;
  return false;
}
