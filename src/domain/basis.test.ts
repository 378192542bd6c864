import { describe, expect, it } from 'vitest';
import { closeFigures, liveFigures } from './basis.js';

describe('the basis of a figure', () => {
  it('says live figures are live, whatever their date, and a close its day', () => {
    expect(liveFigures('2026-12-01')).toEqual({ kind: 'live', asOf: '2026-12-01', label: 'số liệu trực tiếp' });
    expect(closeFigures('2026-12-01')).toEqual({ kind: 'close', asOf: '2026-12-01', label: 'chốt ngày 01/12/2026' });
  });
});
