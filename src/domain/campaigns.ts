import { vietnamInstant } from './calendar.js';
import type { Day } from './ledger.js';
import { addDays, dayNumber } from './periods.js';
import { shareOf, type Share } from './share.js';

/**
 * Đợt cao điểm: a campaign of daily reports from the provinces. Each reporting day's figures are due at a wall-clock
 * time in Việt Nam, some days after the day itself: in the December 2023 drive the first day's figures were due at
 * 08:30 the next morning and every later day's at 18:30 the same day. The rules are campaign data.
 */
export interface DeadlineRule {
  /** Days after the reporting day: 0 the same day, 1 the next. */
  dayOffset: number;
  /** Local time in Asia/Ho_Chi_Minh, 'HH:MM'. */
  time: string;
}

export interface CampaignSchedule {
  firstDay: Day;
  lastDay: Day;
  firstDayDeadline: DeadlineRule;
  dailyDeadline: DeadlineRule;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export type ScheduleProblem = 'last_before_first' | 'deadline_time' | 'deadline_offset';

/** Why a schedule cannot be used, or null (the messages are the API's). */
export function scheduleProblem(s: CampaignSchedule): ScheduleProblem | null {
  if (s.lastDay < s.firstDay) return 'last_before_first';
  for (const rule of [s.firstDayDeadline, s.dailyDeadline]) {
    if (!TIME.test(rule.time)) return 'deadline_time';
    if (!Number.isInteger(rule.dayOffset) || rule.dayOffset < 0 || rule.dayOffset > 7) return 'deadline_offset';
  }
  return null;
}

export function reportingDays(s: CampaignSchedule): Day[] {
  const days: Day[] = [];
  for (let d = s.firstDay; d <= s.lastDay; d = addDays(d, 1)) days.push(d);
  return days;
}

/** The instant a reporting day's figures are due. */
export function reportDeadline(s: CampaignSchedule, day: Day): Date {
  if (day < s.firstDay || day > s.lastDay) throw new RangeError(`${day} is not a reporting day of the campaign`);
  const rule = day === s.firstDay ? s.firstDayDeadline : s.dailyDeadline;
  const [, hour, minute] = TIME.exec(rule.time)!;
  return vietnamInstant(addDays(day, rule.dayOffset), Number(hour), Number(minute));
}

/**
 * Đúng hạn / trễ hạn / không báo cáo. A report submitted at or before the deadline is on time; after it, late;
 * none by the deadline is missing (open until then). An amendment keeps the time of the first submission: a province
 * that corrects its figures later was still on time.
 */
export type Timeliness = 'on_time' | 'late' | 'missing' | 'open';

export function timeliness(deadline: Date, firstSubmittedAt: Date | null, now: Date): Timeliness {
  if (firstSubmittedAt) return firstSubmittedAt.getTime() <= deadline.getTime() ? 'on_time' : 'late';
  return now.getTime() > deadline.getTime() ? 'missing' : 'open';
}

/** Tỷ lệ báo cáo đúng hạn over the days whose deadline has passed: reports on time ÷ reports due, exact. */
export function timelinessRate(statuses: readonly Timeliness[]): {
  onTime: number;
  late: number;
  missing: number;
  rate: Share | null;
} {
  const onTime = statuses.filter((s) => s === 'on_time').length;
  const late = statuses.filter((s) => s === 'late').length;
  const missing = statuses.filter((s) => s === 'missing').length;
  return { onTime, late, missing, rate: shareOf(onTime, onTime + late + missing) };
}

/**
 * Số tiền thu được từ đơn vị chậm đóng: money received from the employers late at the baseline, each counted up to its
 * late amount at the baseline (what goes beyond pays current contributions, not the debt the campaign targets). Gives
 * the day's amount and the cumulative amount since the first day, for `day`.
 */
export function recoveredFromLate(
  baselineLate: ReadonlyMap<number, number>,
  payments: readonly { employerId: number; date: Day; amount: number }[],
  firstDay: Day,
  day: Day,
): { day: number; cumulative: number } {
  const sorted = payments
    .filter((p) => p.date >= firstDay && p.date <= day && baselineLate.has(p.employerId))
    .sort((a, b) => dayNumber(a.date) - dayNumber(b.date));
  const remaining = new Map(baselineLate);
  let cumulative = 0;
  let today = 0;
  for (const p of sorted) {
    const left = remaining.get(p.employerId)!;
    const counted = Math.min(left, p.amount);
    if (counted <= 0) continue;
    remaining.set(p.employerId, left - counted);
    cumulative += counted;
    if (p.date === day) today += counted;
  }
  return { day: today, cumulative };
}
