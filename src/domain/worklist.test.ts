import { describe, expect, it } from 'vitest';
import {
  compareWorklist,
  matchesWorklist,
  worklistComparator,
  worklistTier,
  type WorklistCandidate,
  type WorklistEntry,
} from './worklist.js';

const asOf = '2026-11-25';
const item = (code: string, over: Partial<WorklistCandidate>): WorklistCandidate => ({
  code,
  lateAmount: 10_000_000,
  overdueMonths: 1,
  brokenPromise: false,
  nextDueOn: null,
  followUpOn: null,
  ...over,
});

describe('worklist order', () => {
  it('puts broken promises and tasks due today or overdue first, then the week, then the rest', () => {
    expect(worklistTier(item('A', { brokenPromise: true, nextDueOn: '2027-01-01' }), asOf)).toBe('today');
    expect(worklistTier(item('A', { nextDueOn: '2026-11-25' }), asOf)).toBe('today');
    expect(worklistTier(item('A', { followUpOn: '2026-11-10', nextDueOn: '2026-12-30' }), asOf)).toBe('today');
    expect(worklistTier(item('A', { nextDueOn: '2026-12-02' }), asOf)).toBe('this_week');
    expect(worklistTier(item('A', { nextDueOn: '2026-12-03' }), asOf)).toBe('later');
    expect(worklistTier(item('A', {}), asOf)).toBe('later');
  });

  it('orders within a tier by amount at stake, then months late, then the earliest date, then code', () => {
    const list = [
      item('E', { nextDueOn: '2026-12-20', lateAmount: 900_000_000, overdueMonths: 12 }),
      item('D', { nextDueOn: '2026-11-30', lateAmount: 5_000_000 }),
      item('C', { nextDueOn: '2026-11-20', lateAmount: 5_000_000, overdueMonths: 4 }),
      item('B', { nextDueOn: '2026-11-21', lateAmount: 5_000_000, overdueMonths: 4 }),
      item('A', { brokenPromise: true, lateAmount: 1_000_000 }),
      item('F', { nextDueOn: '2026-11-24', lateAmount: 80_000_000 }),
      item('G', { nextDueOn: '2026-11-20', lateAmount: 5_000_000, overdueMonths: 4 }),
    ];
    const ordered = [...list].sort((a, b) => compareWorklist(a, b, asOf)).map((x) => x.code);
    // Today: F (80m), then C and G (5m, 4 months, 20/11: by code), B (21/11), A (1m, broken promise).
    // This week: D. Later: E, however large.
    expect(ordered).toEqual(['F', 'C', 'G', 'B', 'A', 'D', 'E']);
  });
});

describe('a worklist filtered and sorted', () => {
  const entry = (code: string, over: Partial<WorklistEntry>): WorklistEntry => ({
    ...item(code, {}),
    name: `Công ty ${code}`,
    taxCode: '0100000000',
    officeName: 'Bảo hiểm xã hội cơ sở Ba Đình',
    officePath: '/1/2/3/',
    step: 'late',
    band: '1-2',
    tier: 'today',
    ...over,
  });

  it('matches every word of a search without diacritics, and each filter given', () => {
    const e = entry('HN1', { name: 'Công ty TNHH Đức Thành', lateAmount: 150_000_000 });
    expect(matchesWorklist(e, { q: 'duc THANH' })).toBe(true);
    expect(matchesWorklist(e, { q: 'đức hòa' })).toBe(false);
    expect(matchesWorklist(e, { minAmount: 150_000_000, maxAmount: 150_000_000 })).toBe(true);
    expect(matchesWorklist(e, { minAmount: 150_000_001 })).toBe(false);
    expect(matchesWorklist(e, { officePath: '/1/2/' })).toBe(true);
    expect(matchesWorklist(e, { officePath: '/1/4/' })).toBe(false);
    expect(matchesWorklist(e, { tier: 'later' })).toBe(false);
    expect(matchesWorklist(e, { step: 'urged' })).toBe(false);
    expect(matchesWorklist(e, { band: '3-5' })).toBe(false);
  });

  it("sorts by a column either way, ties in the list's own order, missing days last", () => {
    const list = [
      entry('A', { lateAmount: 5, followUpOn: null }),
      entry('B', { lateAmount: 7, followUpOn: '2026-12-01' }),
      entry('C', { lateAmount: 5, followUpOn: '2026-11-30', overdueMonths: 3 }),
    ];
    const codes = (sort: Parameters<typeof worklistComparator>[0], order: 'asc' | 'desc') =>
      [...list].sort(worklistComparator(sort, order, asOf)).map((e) => e.code);
    expect(codes('lateAmount', 'asc')).toEqual(['C', 'A', 'B']);
    expect(codes('lateAmount', 'desc')).toEqual(['B', 'C', 'A']);
    expect(codes('followUpOn', 'asc')).toEqual(['C', 'B', 'A']);
    expect(codes('followUpOn', 'desc')).toEqual(['B', 'C', 'A']);
    expect(codes('priority', 'asc')).toEqual(['B', 'C', 'A']);
    expect(codes('priority', 'desc')).toEqual(['A', 'C', 'B']);
  });
});
