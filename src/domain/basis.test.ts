import { describe, expect, it } from 'vitest';
import { closeFigures, distinctRuleSets, liveFigures, ruleSetsWording } from './basis.js';

describe('the basis of a figure', () => {
  it('says live figures are live, whatever their date, and a close its day', () => {
    expect(liveFigures('2026-12-01')).toEqual({ kind: 'live', asOf: '2026-12-01', label: 'số liệu trực tiếp' });
    expect(closeFigures('2026-12-01')).toEqual({ kind: 'close', asOf: '2026-12-01', label: 'chốt ngày 01/12/2026' });
  });
});

describe('the rules a report is computed under, in words', () => {
  const v2 = { id: 'v2', name: 'Quy tắc v2', allocation: 'by-fund' as const };
  const v1 = { id: 'theo-ky', name: 'Theo kỳ', allocation: 'by-period' as const };

  it('names one rule set when baseline and day share it, both when they differ, none for an older version', () => {
    expect(ruleSetsWording({ baseline: v2, day: v2 })).toBe(
      'Số liệu tính theo: phân bổ theo từng quỹ, trả cả tiền chậm đóng (quy tắc v2) — bộ quy tắc "Quy tắc v2".',
    );
    expect(ruleSetsWording({ baseline: v2, day: v1 })).toBe(
      'Số liệu tại thời điểm mốc tính theo: phân bổ theo từng quỹ, trả cả tiền chậm đóng (quy tắc v2) — bộ quy tắc ' +
        '"Quy tắc v2"; trong ngày và lũy kế: phân bổ theo kỳ, chỉ trả tiền gốc (quy tắc v1) — bộ quy tắc "Theo kỳ".',
    );
    expect(ruleSetsWording(undefined)).toBeNull();
  });

  it('keeps each distinct pair once, in order, and skips versions without rules', () => {
    const a = { baseline: v2, day: v2 };
    const b = { baseline: v2, day: v1 };
    expect(distinctRuleSets([a, undefined, { ...a }, b, { baseline: v2, day: { ...v1 } }])).toEqual([a, b]);
    expect(distinctRuleSets([undefined])).toEqual([]);
  });
});
