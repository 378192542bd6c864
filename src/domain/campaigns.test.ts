import { describe, expect, it } from 'vitest';
import {
  recoveredFromLate,
  reportDeadline,
  reportingDays,
  scheduleProblem,
  timeliness,
  timelinessRate,
  type CampaignSchedule,
} from './campaigns.js';

// The December 2023 drive (4208/BHXH-TST): 11–31 Dec; 11 Dec due 08:30 on 12 Dec; from 12 Dec, 18:30 the same day.
const december: CampaignSchedule = {
  firstDay: '2023-12-11',
  lastDay: '2023-12-31',
  firstDayDeadline: { dayOffset: 1, time: '08:30' },
  dailyDeadline: { dayOffset: 0, time: '18:30' },
};
const at = (iso: string) => new Date(iso);

describe('campaign deadlines', () => {
  it('gives the special first day its next-morning deadline and every later day 18:30 local time', () => {
    expect(reportDeadline(december, '2023-12-11').toISOString()).toBe('2023-12-12T01:30:00.000Z');
    expect(reportDeadline(december, '2023-12-12').toISOString()).toBe('2023-12-12T11:30:00.000Z');
    expect(reportDeadline(december, '2023-12-31').toISOString()).toBe('2023-12-31T11:30:00.000Z');
    expect(() => reportDeadline(december, '2024-01-01')).toThrow(RangeError);
    expect(reportingDays(december)).toHaveLength(21);
  });

  it('counts 18:29:59 and 18:30:00 as on time and 18:30:01 as late', () => {
    const deadline = reportDeadline(december, '2023-12-15');
    expect(timeliness(deadline, at('2023-12-15T11:29:59+00:00'), at('2023-12-16T00:00:00Z'))).toBe('on_time');
    expect(timeliness(deadline, at('2023-12-15T18:30:00+07:00'), at('2023-12-16T00:00:00Z'))).toBe('on_time');
    expect(timeliness(deadline, at('2023-12-15T18:30:01+07:00'), at('2023-12-16T00:00:00Z'))).toBe('late');
  });

  it('calls a day without a report open until its deadline and missing after it', () => {
    const deadline = reportDeadline(december, '2023-12-11');
    expect(timeliness(deadline, null, at('2023-12-12T08:30:00+07:00'))).toBe('open');
    expect(timeliness(deadline, null, at('2023-12-12T08:30:01+07:00'))).toBe('missing');
    // Figures of the first day sent in the evening of the 11th, or at 08:29 on the 12th, are on time.
    expect(timeliness(deadline, at('2023-12-12T08:29:00+07:00'), at('2023-12-13T00:00:00Z'))).toBe('on_time');
  });

  it('rates timeliness over the days that are due, leaving open days out', () => {
    expect(timelinessRate(['on_time', 'on_time', 'late', 'missing', 'open'])).toEqual({
      onTime: 2,
      late: 1,
      missing: 1,
      rate: { numerator: 2, denominator: 4 },
    });
    expect(timelinessRate(['on_time', 'on_time', 'late'])).toMatchObject({ rate: { numerator: 2, denominator: 3 } });
    expect(timelinessRate(['open']).rate).toBeNull();
  });

  it('refuses malformed schedules', () => {
    expect(scheduleProblem(december)).toBeNull();
    expect(scheduleProblem({ ...december, lastDay: '2023-12-10' })).toBe('last_before_first');
    expect(scheduleProblem({ ...december, dailyDeadline: { dayOffset: 0, time: '18h30' } })).toBe('deadline_time');
  });
});

describe('recoveredFromLate', () => {
  it('counts money from employers late at the baseline, each up to what it owed then', () => {
    const baseline = new Map([
      [1, 10_000_000],
      [2, 3_000_000],
    ]);
    const payments = [
      { employerId: 1, date: '2023-12-10', amount: 5_000_000 }, // before the campaign
      { employerId: 1, date: '2023-12-11', amount: 6_000_000 },
      { employerId: 2, date: '2023-12-12', amount: 5_000_000 }, // 2.000.000 beyond its debt
      { employerId: 3, date: '2023-12-12', amount: 9_000_000 }, // not late at the baseline
      { employerId: 1, date: '2023-12-12', amount: 6_000_000 }, // only 4.000.000 of its debt is left
    ];
    expect(recoveredFromLate(baseline, payments, '2023-12-11', '2023-12-11')).toEqual({
      day: 6_000_000,
      cumulative: 6_000_000,
    });
    expect(recoveredFromLate(baseline, payments, '2023-12-11', '2023-12-12')).toEqual({
      day: 7_000_000,
      cumulative: 13_000_000,
    });
  });
});
