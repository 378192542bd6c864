import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATE, reportFigures, type FigureInputs } from './report-figures.js';

const inputs: FigureInputs = {
  longMonths: 3,
  day: '2023-12-12',
  firstDay: '2023-12-11',
  atDay: { employers: 40, amount: 900_000_000, employers3m: 12, amount3m: 600_000_000, denominator: 36_000_000_000 },
  atBaseline: {
    employers: 45,
    amount: 1_000_000_000,
    employers3m: 13,
    amount3m: 650_000_000,
    denominator: 36_000_000_000,
  },
  actions: [
    { employerId: 1, kind: 'c12_notice', date: '2023-12-12' },
    { employerId: 2, kind: 'urging_letter', date: '2023-12-11' },
    { employerId: 2, kind: 'invitation', date: '2023-12-12' },
    { employerId: 3, kind: 'urging_letter', date: '2023-12-12' },
    { employerId: 4, kind: 'urging_letter', date: '2023-12-10' }, // before the campaign
    { employerId: 3, kind: 'working_session', date: '2023-12-12' },
    { employerId: 5, kind: 'customer_conference', date: '2023-12-11' },
    { employerId: 6, kind: 'customer_conference', date: '2023-12-11' },
    { employerId: 6, kind: 'sanction', date: '2023-12-12' },
  ],
  recovered: { day: 70_000_000, cumulative: 100_000_000 },
  notes: { difficulties: 'Đơn vị giải thể, chủ bỏ trốn', proposals: '' },
};

describe('reportFigures', () => {
  const rows = Object.fromEntries(reportFigures(DEFAULT_TEMPLATE, inputs).map((r) => [r.indicator, r]));

  it('shows stock rows at the baseline and at the end of the day, the late ratio in percent', () => {
    expect(rows.late_employers).toMatchObject({ baseline: 45, day: 40, cumulative: null });
    expect(rows.late_amount_3m).toMatchObject({ baseline: 650_000_000, day: 600_000_000 });
    // 1.000.000.000 ÷ 36.000.000.000 = 2,78%; 900.000.000 ÷ 36.000.000.000 = 2,5%.
    expect(rows.late_ratio).toMatchObject({
      baseline: { numerator: 1_000_000_000, denominator: 36_000_000_000 },
      day: { numerator: 900_000_000, denominator: 36_000_000_000 },
    });
  });

  it('counts employers once per row, for the day and since the first day, and never a C12 notice as urging', () => {
    // Urged: employers 2 and 3 on the 12th; 2 (11th and 12th) and 3 since the start; employer 1 only had a C12.
    expect(rows.urged_employers).toMatchObject({ day: 2, cumulative: 2 });
    expect(rows.met_employers).toMatchObject({ day: 1, cumulative: 1 });
    expect(rows.conference_employers).toMatchObject({ day: 0, cumulative: 2 });
    expect(rows.sanctioned_employers).toMatchObject({ day: 1, cumulative: 1 });
    expect(rows.referred_employers).toMatchObject({ day: 0, cumulative: 0 });
    expect(rows.recovered_amount).toMatchObject({ day: 70_000_000, cumulative: 100_000_000 });
    expect(rows.difficulties!.text).toBe('Đơn vị giải thể, chủ bỏ trốn');
  });

  it('carries the C12 footnote', () => {
    expect(DEFAULT_TEMPLATE.footnotes[0]).toContain('C12');
  });
});
