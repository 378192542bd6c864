import { describe, expect, it } from 'vitest';
import { signatureOf } from './signing.js';

describe('who signs for the issuing office', () => {
  it('is the head when the office signs itself', () => {
    expect(signatureOf({ headName: 'Lê Thị Hà', deputyName: 'Trần Văn Bình', byDeputy: false }, 'Đỗ Văn Giám')).toEqual(
      { title: 'GIÁM ĐỐC', name: 'Lê Thị Hà' },
    );
  });

  it('is the deputy on behalf of the head when the office delegates it', () => {
    expect(signatureOf({ headName: 'Lê Thị Hà', deputyName: 'Trần Văn Bình', byDeputy: true }, undefined)).toEqual({
      title: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC',
      name: 'Trần Văn Bình',
    });
  });

  it("is the office's director account when nothing is set, else the head's title for a name typed on signing", () => {
    expect(signatureOf(undefined, 'Đỗ Văn Giám')).toEqual({ title: 'GIÁM ĐỐC', name: 'Đỗ Văn Giám' });
    expect(signatureOf(undefined, undefined)).toEqual({ title: 'GIÁM ĐỐC', name: '' });
  });
});
