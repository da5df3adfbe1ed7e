// Dates and durations the Chinese way, always in China Standard Time.
// China has used a fixed +08:00 offset with no daylight saving since 1991, so we
// shift by eight hours and read UTC fields: the result does not depend on the
// machine's time zone setting (intranet PCs are often set wrong).

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const WEEKDAYS = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"] as const;

/** Calendar fields of an instant as seen on a clock in Beijing. */
export type ChinaClock = {
  year: number;
  month: number; // 1–12
  day: number;
  weekday: (typeof WEEKDAYS)[number];
  hour: number;
  minute: number;
};

export function chinaClock(instant: Date): ChinaClock {
  const shifted = new Date(instant.getTime() + CHINA_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    weekday: WEEKDAYS[shifted.getUTCDay()] ?? "星期日",
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** "2026年11月23日" */
export function formatDate(instant: Date): string {
  const c = chinaClock(instant);
  return `${c.year}年${c.month}月${c.day}日`;
}

/** "2026年11月23日 星期一" */
export function formatDateWithWeekday(instant: Date): string {
  return `${formatDate(instant)} ${chinaClock(instant).weekday}`;
}

/** "2026年11月23日 星期一 14:05" */
export function formatDateTime(instant: Date): string {
  const c = chinaClock(instant);
  return `${formatDateWithWeekday(instant)} ${pad2(c.hour)}:${pad2(c.minute)}`;
}

/**
 * A timestamp string from Rust (RFC 3339) shown as "2026年11月23日 星期一 14:05";
 * a string that does not parse is shown as it is rather than hidden.
 */
export function formatTimestamp(value: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : formatDateTime(new Date(ms));
}

/** "2026年10月09日 星期五 18:00": fixed width (zero-padded), for deadlines that are compared by eye. */
export function formatDateTimeFixed(instant: Date): string {
  const c = chinaClock(instant);
  return `${c.year}年${pad2(c.month)}月${pad2(c.day)}日 ${c.weekday} ${pad2(c.hour)}:${pad2(c.minute)}`;
}

/** A deadline from Rust (RFC 3339) as "2026年10月09日 星期五 18:00"; `null` is 按需 (no deadline). */
export function formatDeadline(value: string | null): string {
  if (value === null) return "按需";
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : formatDateTimeFixed(new Date(ms));
}

/** "14:05" in Beijing of an RFC 3339 timestamp; unparsable text is returned as it is. */
export function formatTimeOfDay(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value;
  const c = chinaClock(new Date(ms));
  return `${pad2(c.hour)}:${pad2(c.minute)}`;
}

/** The value a datetime field starts with: Beijing wall time of `instant`, "YYYY-MM-DDTHH:mm:00". */
export function chinaDateTimeValue(instant: Date): string {
  const c = chinaClock(instant);
  return `${chinaIsoDate(instant)}T${pad2(c.hour)}:${pad2(c.minute)}:00`;
}

/** The year it is now in Beijing. */
export function chinaYear(instant: Date): number {
  return chinaClock(instant).year;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a "YYYY-MM-DD" calendar date, or null if malformed. */
function isoDateToDayNumber(iso: string): number | null {
  const m = ISO_DATE.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    return null;
  }
  return ms / DAY_MS;
}

/** "2026-01-05" → "2026年1月5日"; anything else is returned unchanged. */
export function formatIsoDate(iso: string): string {
  const m = ISO_DATE.exec(iso);
  if (!m || isoDateToDayNumber(iso) === null) return iso;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

/** Day of the week of a "YYYY-MM-DD" date, Monday = 0 … Sunday = 6 (calendar columns), or null. */
export function isoDateMondayIndex(iso: string): number | null {
  const day = isoDateToDayNumber(iso);
  // 1970-01-01 was a Thursday (index 3).
  return day === null ? null : (((day + 3) % 7) + 7) % 7;
}

/** "2026-10-01" → "2026年10月1日 星期四"; anything else is returned unchanged. */
export function formatIsoDateWithWeekday(iso: string): string {
  const index = isoDateMondayIndex(iso);
  if (index === null) return iso;
  return `${formatIsoDate(iso)} ${WEEKDAYS[(index + 1) % 7]}`;
}

/** Today's calendar date in Beijing as "YYYY-MM-DD". */
export function chinaIsoDate(instant: Date): string {
  const c = chinaClock(instant);
  return `${c.year}-${pad2(c.month)}-${pad2(c.day)}`;
}

/** Whole days from `fromIso` to `toIso` (negative if `toIso` is earlier), or null if either is malformed. */
export function daysBetween(fromIso: string, toIso: string): number | null {
  const from = isoDateToDayNumber(fromIso);
  const to = isoDateToDayNumber(toIso);
  return from === null || to === null ? null : to - from;
}

/** Where today stands in the contract period, computed from the real settings. */
export type ContractStanding =
  | { kind: "notStarted"; daysUntilStart: number }
  | { kind: "running"; daysRemaining: number } // 0 = the last day is today
  | { kind: "ended"; daysSinceEnd: number }
  | { kind: "unknown" };

export function contractStanding(contractStart: string, contractEnd: string, now: Date): ContractStanding {
  const today = chinaIsoDate(now);
  const untilStart = daysBetween(today, contractStart);
  const untilEnd = daysBetween(today, contractEnd);
  if (untilStart === null || untilEnd === null) return { kind: "unknown" };
  if (untilStart > 0) return { kind: "notStarted", daysUntilStart: untilStart };
  if (untilEnd < 0) return { kind: "ended", daysSinceEnd: -untilEnd };
  return { kind: "running", daysRemaining: untilEnd };
}

/**
 * A length of time in whole minutes, rounded down: "12分", "1小时05分"; from one
 * day on the minutes are dropped as noise: "2天3小时".
 */
export function formatDuration(ms: number): string {
  const totalMinutes = Math.floor(Math.abs(ms) / MINUTE_MS);
  const days = Math.floor(totalMinutes / (24 * 60));
  const hours = Math.floor((totalMinutes % (24 * 60)) / 60);
  const minutes = totalMinutes % 60;
  if (days > 0) return `${days}天${hours}小时`;
  if (hours > 0) return `${hours}小时${pad2(minutes)}分`;
  return `${minutes}分`;
}

/** Time left until a deadline: "剩余 1小时05分", or past it: "已超时 12分". */
export function formatCountdown(deadline: Date, now: Date): string {
  const left = deadline.getTime() - now.getTime();
  return left >= 0 ? `剩余 ${formatDuration(left)}` : `已超时 ${formatDuration(-left)}`;
}

/** Greeting for the hour of day in Beijing. */
export function greeting(instant: Date): string {
  const { hour } = chinaClock(instant);
  if (hour < 5) return "夜深了";
  if (hour < 11) return "早上好";
  if (hour < 13) return "中午好";
  if (hour < 18) return "下午好";
  return "晚上好";
}

/**
 * A deadline for a crowded list: "11月23日 14:15" within the current Beijing year,
 * otherwise "2027年1月4日 09:00"; unparsable text is returned as it is.
 */
export function formatDeadlineShort(value: string, now: Date = new Date()): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value;
  const c = chinaClock(new Date(ms));
  const time = `${pad2(c.hour)}:${pad2(c.minute)}`;
  return c.year === chinaYear(now) ? `${c.month}月${c.day}日 ${time}` : `${c.year}年${c.month}月${c.day}日 ${time}`;
}

/** `instant` to the minute as Rust takes it: "2026-11-23T14:05:00+08:00" (Beijing time). */
export function chinaMinuteRfc3339(instant: Date): string {
  return `${chinaDateTimeValue(instant).slice(0, 16)}:00+08:00`;
}
