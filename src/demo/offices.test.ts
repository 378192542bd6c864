import { describe, expect, it } from 'vitest';
import { demoOffices, PROVINCES } from './offices.js';

const offices = demoOffices();

describe('the demo office hierarchy', () => {
  it('has the national office and its three departments', () => {
    expect(offices[0]).toEqual({ code: 'VN', name: 'Bảo hiểm xã hội Việt Nam', kind: 'national', parentCode: null });
    expect(offices.filter((o) => o.kind === 'department').map((o) => [o.code, o.name, o.parentCode])).toEqual([
      ['VN-BT', 'Ban Quản lý Thu - Sổ, Thẻ', 'VN'],
      ['VN-TT', 'Vụ Thanh tra - Kiểm tra', 'VN'],
      ['VN-TTT', 'Trung tâm Truyền thông', 'VN'],
    ]);
  });

  it('has the 34 provincial offices in force since 1 Jul 2025, with unique codes', () => {
    const provinces = offices.filter((o) => o.kind === 'province');
    expect(provinces).toHaveLength(34);
    expect(new Set(provinces.map((p) => p.code)).size).toBe(34);
    expect(new Set(offices.map((o) => o.code)).size).toBe(offices.length);
    for (const p of provinces) {
      expect(p.parentCode).toBe('VN');
      expect(p.code).toMatch(/^[A-Z]{3}$/);
    }
    const names = provinces.map((p) => p.name);
    expect(names).toContain('Bảo hiểm xã hội Thành phố Hồ Chí Minh');
    expect(names).toContain('Bảo hiểm xã hội thành phố Hà Nội');
    expect(names).toContain('Bảo hiểm xã hội tỉnh Tuyên Quang');
    expect(names.filter((n) => /thành phố/i.test(n))).toHaveLength(6);
  });

  it('puts every office after its parent, and 2 to 5 grassroots offices under each province', () => {
    const seen = new Map<string, string>();
    for (const o of offices) {
      if (o.parentCode !== null) expect(seen.has(o.parentCode)).toBe(true);
      seen.set(o.code, o.kind);
    }
    for (const g of offices.filter((o) => o.kind === 'grassroots')) {
      expect(seen.get(g.parentCode!)).toBe('province');
      expect(g.code).toMatch(new RegExp(`^${g.parentCode}-\\d{2}$`));
      expect(g.name).toMatch(/^Bảo hiểm xã hội cơ sở \S/);
    }
    for (const p of offices.filter((o) => o.kind === 'province')) {
      const children = offices.filter((o) => o.parentCode === p.code).length;
      expect(children).toBeGreaterThanOrEqual(2);
      expect(children).toBeLessThanOrEqual(5);
    }
    expect(offices.find((o) => o.code === 'TQG-02')?.name).toBe('Bảo hiểm xã hội cơ sở Hà Giang');
  });

  it('gives each province a distinct two-digit tax prefix, and each former province one province only', () => {
    expect(new Set(PROVINCES.map((p) => p.taxPrefix)).size).toBe(PROVINCES.length);
    const owner = new Map<string, string>();
    for (const p of PROVINCES) {
      expect(p.taxPrefix).toMatch(/^\d{2}$/);
      expect(p.areas.map((a) => a.taxPrefix)).toContain(p.taxPrefix);
      for (const a of p.areas) {
        expect(owner.get(a.taxPrefix) ?? p.code).toBe(p.code);
        owner.set(a.taxPrefix, p.code);
      }
    }
    expect(PROVINCES.find((p) => p.code === 'HNI')?.taxPrefix).toBe('01');
    expect(PROVINCES.find((p) => p.code === 'HCM')?.taxPrefix).toBe('03');
  });

  it('has wards with their kind and streets for every area, for addresses', () => {
    for (const p of PROVINCES) {
      expect(p.streets.length).toBeGreaterThan(2);
      expect(p.weight).toBeGreaterThan(0);
      for (const a of p.areas) {
        expect(a.wards.length).toBeGreaterThan(0);
        for (const w of a.wards) expect(w).toMatch(/^(phường|xã|đặc khu) \S/);
        expect([1, 2, 3, 4]).toContain(a.wageRegion);
      }
    }
  });
});
