import { describe, expect, it } from 'vitest';
import { computeArrears } from '../domain/arrears.js';
import { DEFAULT_RULES, parseRuleSet } from '../domain/rules.js';
import { generateDataset, generateEmployerHistory, type GeneratorOptions } from './generator.js';
import { demoOffices, PROVINCES } from './offices.js';

const options: GeneratorOptions = { employers: 2000, months: 24, seed: 7, asOf: '2026-11-24' };
const sample = [...generateDataset(options)];

describe('demo offices', () => {
  it('has the 34 provinces in force since 1 Jul 2025, each with grassroots offices, parents first', () => {
    const offices = demoOffices();
    const provinces = offices.filter((o) => o.kind === 'province');
    expect(provinces).toHaveLength(34);
    expect(new Set(offices.map((o) => o.code)).size).toBe(offices.length);
    const seen = new Set<string>();
    for (const o of offices) {
      if (o.parentCode !== null) expect(seen.has(o.parentCode)).toBe(true);
      seen.add(o.code);
    }
    for (const p of provinces) expect(offices.some((o) => o.parentCode === p.code && o.kind === 'grassroots')).toBe(true);
    expect(provinces.map((p) => p.name)).toContain('Bảo hiểm xã hội Thành phố Hồ Chí Minh');
    expect(new Set(PROVINCES.map((p) => p.taxPrefix)).size).toBe(34);
  });
});

describe('demo generator', () => {
  it('is deterministic, and employer i does not depend on how many are generated', () => {
    const again = generateEmployerHistory(options, 1234);
    expect(again).toEqual(sample[1234]);
    expect(generateEmployerHistory({ ...options, employers: 10 }, 5)).toEqual(sample[5]);
    expect(generateEmployerHistory({ ...options, seed: 8 }, 5)).not.toEqual(sample[5]);
  });

  it('gives unique employer codes and tax codes', () => {
    expect(new Set(sample.map((h) => h.employer.code)).size).toBe(sample.length);
    expect(new Set(sample.map((h) => h.employer.taxCode)).size).toBe(sample.length);
    for (const h of sample) expect(h.employer.taxCode).toMatch(/^\d{10}$/);
  });

  it('charges each fund its rate of one payroll: 25%, 0.5%, 2% and 4.5%, in whole VND', () => {
    for (const { obligations } of sample.slice(0, 200)) {
      for (let i = 0; i < obligations.length; i += 4) {
        const [bhxh, bhtnld, bhtn, bhyt] = obligations.slice(i, i + 4).map((o) => o.amount) as [number, number, number, number];
        const payroll = bhxh * 4; // 25%
        expect(Math.abs(bhtnld - payroll * 0.005)).toBeLessThanOrEqual(1);
        expect(Math.abs(bhtn - payroll * 0.02)).toBeLessThanOrEqual(1);
        expect(Math.abs(bhyt - payroll * 0.045)).toBeLessThanOrEqual(1);
        for (const a of [bhxh, bhtnld, bhtn, bhyt]) expect(Number.isInteger(a)).toBe(true);
      }
    }
  });

  it('covers the months before asOf and pays nothing after it, with unique references', () => {
    for (const { obligations, payments } of sample) {
      for (const o of obligations) expect(o.period >= '2024-11' && o.period <= '2026-10').toBe(true);
      for (const p of payments) {
        expect(p.date <= options.asOf).toBe(true);
        expect(Number.isInteger(p.amount) && p.amount > 0).toBe(true);
      }
      expect(new Set(payments.map((p) => p.reference)).size).toBe(payments.length);
    }
  });

  it('mixes behaviours roughly as documented', () => {
    const share = (b: string) => sample.filter((h) => h.employer.behaviour === b).length / sample.length;
    expect(share('onTime')).toBeGreaterThan(0.65);
    expect(share('occasionallyLate')).toBeGreaterThan(0.08);
    expect(share('chronicallyLate')).toBeGreaterThan(0.03);
    expect(share('stopped')).toBeGreaterThan(0.01);
    expect(sample.some((h) => h.employer.paymentCycle === 3)).toBe(true);
  });

  it('leaves on-time payers with nothing late, and most chronic payers late, by the arrears engine', () => {
    const rules = parseRuleSet(DEFAULT_RULES);
    const position = (h: (typeof sample)[number]) =>
      computeArrears({ paymentCycle: h.employer.paymentCycle, obligations: h.obligations, payments: h.payments }, rules, options.asOf);
    const onTime = sample.filter((h) => h.employer.behaviour === 'onTime');
    for (const h of onTime) expect(position(h).lateAmount).toBe(0);
    const chronic = sample.filter((h) => h.employer.behaviour === 'chronicallyLate');
    expect(chronic.filter((h) => position(h).lateAmount > 0).length / chronic.length).toBeGreaterThan(0.8);
  });

  it('leaves employers that stopped paying with a debt, and marks them no longer active', () => {
    const stopped = sample.filter((h) => h.employer.behaviour === 'stopped');
    expect(stopped.length).toBeGreaterThan(10);
    for (const h of stopped) {
      expect(h.employer.status).not.toBe('active');
      // A suspended employer owes nothing after suspension; the others keep owing until the account is closed.
      if (h.employer.status === 'suspended') continue;
      const due = h.obligations.reduce((s, o) => s + o.amount, 0);
      const paid = h.payments.reduce((s, p) => s + p.amount, 0);
      expect(due).toBeGreaterThan(paid);
    }
  });
});
