import { describe, expect, it } from 'vitest';
import { computeArrears } from '../domain/arrears.js';
import { DEFAULT_RULES, deadlineOf, parseRuleSet } from '../domain/rules.js';
import {
  generateDataset,
  generateEmployerHistory,
  type GeneratedEmployerHistory,
  type GeneratorOptions,
} from './generator.js';
import { demoOffices, PROVINCES } from './offices.js';

const options: GeneratorOptions = { employers: 20_000, months: 24, seed: 20231213, asOf: '2026-05-10' };
const sample = [...generateDataset(options)];
const rules = parseRuleSet(DEFAULT_RULES);
const share = (predicate: (h: GeneratedEmployerHistory) => boolean, of = sample) =>
  of.filter(predicate).length / of.length;
const sum = (xs: readonly { amount: number }[]) => xs.reduce((s, x) => s + x.amount, 0);

/** Dues grouped by deadline (the engine's rule), oldest first, with running totals. */
function duesByDeadline(h: GeneratedEmployerHistory) {
  const byDeadline = new Map<string, number>();
  for (const o of h.obligations) {
    const d = deadlineOf(rules, o.period, h.employer.paymentCycle);
    byDeadline.set(d, (byDeadline.get(d) ?? 0) + o.amount);
  }
  let running = 0;
  return [...byDeadline]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([deadline, due]) => ({ deadline, due, cumulative: (running += due) }));
}
const paidBy = (h: GeneratedEmployerHistory, day: string) => sum(h.payments.filter((p) => p.date <= day));

const TAX_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];
const validTaxCode = (code: string) => {
  const s = [...code.slice(0, 9)].reduce((acc, c, i) => acc + Number(c) * TAX_WEIGHTS[i]!, 0);
  return 10 - (s % 11) === Number(code[9]);
};

describe('the demo generator', () => {
  it('is deterministic, and employer i does not depend on how many are generated', () => {
    expect(generateEmployerHistory(options, 1234)).toEqual(sample[1234]);
    expect([...generateDataset({ ...options, employers: 10 })]).toEqual(sample.slice(0, 10));
    const small = [...generateDataset({ ...options, employers: 1000 })];
    expect(small[999]).toEqual(sample[999]);
    expect(generateEmployerHistory({ ...options, seed: options.seed + 1 }, 5)).not.toEqual(sample[5]);
  });

  it('refuses a malformed asOf, month count or index', () => {
    expect(() => generateEmployerHistory({ ...options, asOf: '2026-02-30' }, 0)).toThrow(RangeError);
    expect(() => generateEmployerHistory({ ...options, months: 0 }, 0)).toThrow(RangeError);
    expect(() => generateEmployerHistory(options, -1)).toThrow(RangeError);
    expect(() => generateEmployerHistory(options, 1.5)).toThrow(RangeError);
  });

  it('gives unique employer codes and valid, unique tax codes with the prefix of a former province of the employer', () => {
    expect(new Set(sample.map((h) => h.employer.code)).size).toBe(sample.length);
    expect(new Set(sample.map((h) => h.employer.taxCode)).size).toBe(sample.length);
    const prefixes = new Map(PROVINCES.map((p) => [p.code, new Set(p.areas.map((a) => a.taxPrefix))]));
    const wrong = sample
      .map((h) => h.employer)
      .filter(
        (e) =>
          !/^[A-Z]{2}\d{7}$/.test(e.code) ||
          e.code.slice(0, 2) !== e.provinceCode.slice(0, 2) ||
          !/^\d{10}$/.test(e.taxCode) ||
          !validTaxCode(e.taxCode) ||
          !prefixes.get(e.provinceCode)?.has(e.taxCode.slice(0, 2)),
      );
    expect(wrong).toEqual([]);
  });

  it('places employers in a grassroots office of their province, or the provincial office for large ones', () => {
    const offices = new Map(demoOffices().map((o) => [o.code, o]));
    for (const { employer: e } of sample) {
      const office = offices.get(e.officeCode)!;
      expect(office.code === e.provinceCode || office.parentCode === e.provinceCode).toBe(true);
      // Chosen at registration at 500 or more; the headcount drifts afterwards.
      if (office.kind === 'province') expect(e.headcount).toBeGreaterThanOrEqual(250);
    }
    const large = sample.filter((h) => h.employer.headcount >= 1000);
    expect(share((h) => h.employer.officeCode === h.employer.provinceCode, large)).toBeGreaterThan(0.5);
  });

  it('spreads employers over every province by economic weight', () => {
    const count = new Map<string, number>();
    for (const { employer: e } of sample) count.set(e.provinceCode, (count.get(e.provinceCode) ?? 0) + 1);
    expect(count.size).toBe(34);
    const ranked = [...count].sort((a, b) => b[1] - a[1]).map(([code]) => code);
    expect(ranked.slice(0, 2).sort()).toEqual(['HCM', 'HNI']);
    expect(count.get('HCM')! / sample.length).toBeGreaterThan(0.25);
    expect(count.get('LCU')! / sample.length).toBeLessThan(0.01);
    expect(count.get('BNH')!).toBeGreaterThan(count.get('CBG')! * 5);
  });

  it('mixes ownership with mostly private firms, and FDI employers larger', () => {
    expect(share((h) => h.employer.ownership === 'private')).toBeGreaterThan(0.74);
    expect(share((h) => h.employer.ownership === 'private')).toBeLessThan(0.84);
    for (const o of ['fdi', 'state', 'public', 'cooperative', 'household', 'other']) {
      expect(share((h) => h.employer.ownership === o)).toBeGreaterThan(0.005);
    }
    const median = (o: string) => {
      const xs = sample
        .filter((h) => h.employer.ownership === o)
        .map((h) => h.employer.headcount)
        .sort((a, b) => a - b);
      return xs[Math.floor(xs.length / 2)]!;
    };
    expect(median('fdi')).toBeGreaterThan(median('private') * 5);
  });

  it('draws heavy-tailed headcounts: mostly 3 to 50, some hundreds, a few thousands', () => {
    expect(share((h) => h.employer.headcount >= 3 && h.employer.headcount <= 50)).toBeGreaterThan(0.65);
    expect(share((h) => h.employer.headcount >= 200)).toBeGreaterThan(0.01);
    expect(sample.filter((h) => h.employer.headcount >= 2000).length).toBeGreaterThan(5);
    for (const { employer: e } of sample) expect(Number.isInteger(e.headcount) && e.headcount >= 1).toBe(true);
  });

  it('names employers by ownership, with diacritics and a lot of variety', () => {
    const patterns: Record<string, RegExp> = {
      private: /^(Công ty (TNHH|TNHH MTV|Cổ phần)|Doanh nghiệp tư nhân|Chi nhánh Công ty) /,
      fdi: /^Công ty TNHH /,
      state: /^(Công ty (TNHH MTV|Cổ phần)|Tổng công ty|Chi nhánh Tổng công ty) /,
      public: /^(Trường|Ủy ban nhân dân|Trạm Y tế|Trung tâm|Bệnh viện|Ban Quản lý) /,
      cooperative: /^(Hợp tác xã|Quỹ tín dụng nhân dân) /,
      household: /^Hộ kinh doanh /,
      other: /^(Văn phòng|Hội|Hiệp hội) /,
    };
    for (const { employer: e } of sample) expect(e.name).toMatch(patterns[e.ownership]!);
    expect(new Set(sample.map((h) => h.employer.name)).size).toBeGreaterThan(sample.length * 0.8);
    expect(sample.some((h) => /Hà Nội|Bắc Ninh|Đồng Nai/.test(h.employer.name))).toBe(true);
  });

  it('writes addresses in the province with a ward or commune', () => {
    const labels = new Map(
      demoOffices()
        .filter((o) => o.kind === 'province')
        .map((o) => [o.code, o.name.replace('Bảo hiểm xã hội ', '')]),
    );
    for (const { employer: e } of sample) {
      expect(e.address.endsWith(`, ${labels.get(e.provinceCode)}`)).toBe(true);
      expect(e.address).toMatch(/, (phường|xã|đặc khu) [^,]+, /);
    }
    expect(share((h) => h.employer.address.startsWith('Số '))).toBeGreaterThan(0.6);
    expect(sample.some((h) => h.employer.address.includes('Khu công nghiệp'))).toBe(true);
  });

  it('records one obligation per fund for every month from registration to the month before asOf', () => {
    const next = (period: string) => {
      const [y, m] = period.split('-').map(Number) as [number, number];
      return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    };
    const wrong: string[] = [];
    for (const { employer: e, obligations } of sample) {
      const periods: string[] = [];
      for (let i = 0; i < obligations.length; i += 4) {
        const period = obligations[i]!.period;
        const rows = obligations.slice(i, i + 4);
        if (
          rows.map((o) => `${o.period} ${o.fund}`).join() !==
          ['BHXH', 'BHTNLD', 'BHTN', 'BHYT'].map((f) => `${period} ${f}`).join()
        ) {
          wrong.push(`${e.code}: funds of ${period}`);
        }
        if (periods.length > 0 && period !== next(periods.at(-1)!))
          wrong.push(`${e.code}: ${period} after ${periods.at(-1)}`);
        periods.push(period);
      }
      if (obligations.length === 0 || obligations.length % 4 !== 0) wrong.push(`${e.code}: ${obligations.length} rows`);
      if (periods[0]! < '2024-05') wrong.push(`${e.code}: starts ${periods[0]}`);
      if (e.behaviour !== 'stopped' && periods.at(-1) !== '2026-04') wrong.push(`${e.code}: ends ${periods.at(-1)}`);
    }
    expect(wrong).toEqual([]);
    expect(share((h) => h.obligations[0]!.period === '2024-05')).toBeGreaterThan(0.85);
  });

  it('charges each fund its rate of one whole-VND payroll, 32% in all, rounded half up', () => {
    const roundHalfUp = (payroll: number, perThousand: number) => Math.floor((payroll * perThousand + 500) / 1000);
    const wrong: string[] = [];
    for (const { employer: e, obligations } of sample) {
      for (let i = 0; i < obligations.length; i += 4) {
        const [bhxh, bhtnld, bhtn, bhyt] = obligations.slice(i, i + 4).map((o) => o.amount) as [
          number,
          number,
          number,
          number,
        ];
        // The payrolls that round to this BHXH amount; one of them must give the other three.
        let payroll: number | undefined;
        for (let p = Math.ceil((bhxh * 1000 - 500) / 250); p <= Math.floor((bhxh * 1000 + 499) / 250); p++) {
          if (
            roundHalfUp(p, 250) === bhxh &&
            roundHalfUp(p, 5) === bhtnld &&
            roundHalfUp(p, 20) === bhtn &&
            roundHalfUp(p, 45) === bhyt
          )
            payroll = p;
        }
        const total = bhxh + bhtnld + bhtn + bhyt;
        if (
          payroll === undefined ||
          ![bhxh, bhtnld, bhtn, bhyt].every((a) => Number.isInteger(a) && a > 0) ||
          Math.abs(total - payroll * 0.32) > 2
        ) {
          wrong.push(`${e.code} ${obligations[i]!.period}: ${bhxh} ${bhtnld} ${bhtn} ${bhyt}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('insures salaries at no less than the regional minimum wage, typically 5 to 15 million VND', () => {
    const salaries = sample.map(({ employer: e, obligations }) => {
      const last = obligations.at(-4)!;
      return { period: last.period, salary: (last.amount * 4) / e.headcount };
    });
    // Region IV minimum: 3,450,000 VND from 2024-07, 3,700,000 from 2026-01; BHXH is 25%, rounded to the đồng.
    for (const s of salaries)
      expect(s.salary).toBeGreaterThanOrEqual(s.period >= '2026-01' ? 3_700_000 - 1 : 3_450_000 - 1);
    const typical = salaries.filter((s) => s.salary >= 5_000_000 && s.salary <= 15_000_000).length;
    expect(typical / salaries.length).toBeGreaterThan(0.6);
  });

  it('pays whole VND on or before asOf, in date order, with unique bank-like references', () => {
    const wrong: string[] = [];
    for (const { employer: e, payments } of sample) {
      let previous = '';
      for (const p of payments) {
        const compact = `${p.date.slice(2, 4)}${p.date.slice(5, 7)}${p.date.slice(8, 10)}`;
        if (
          p.date > options.asOf ||
          p.date < previous ||
          !/^\d{4}-\d{2}-\d{2}$/.test(p.date) ||
          !Number.isInteger(p.amount) ||
          p.amount <= 0 ||
          !new RegExp(`^UNC-${compact}-\\d{6}$`).test(p.reference)
        ) {
          wrong.push(`${e.code}: ${JSON.stringify(p)}`);
        }
        previous = p.date;
      }
      if (new Set(payments.map((p) => p.reference)).size !== payments.length)
        wrong.push(`${e.code}: duplicate reference`);
    }
    expect(wrong).toEqual([]);
    expect(sample.reduce((n, h) => n + h.payments.length, 0)).toBeGreaterThan(sample.length * 15);
  });

  it('mixes behaviours as documented: 75% on time, 15% occasionally late, 7% chronically late, 3% stopped', () => {
    const target = { onTime: 0.75, occasionallyLate: 0.15, chronicallyLate: 0.07, stopped: 0.03 };
    for (const [behaviour, expected] of Object.entries(target)) {
      expect(Math.abs(share((h) => h.employer.behaviour === behaviour) - expected)).toBeLessThan(0.015);
    }
    const publicUnits = sample.filter((h) => h.employer.ownership === 'public');
    expect(share((h) => h.employer.behaviour === 'onTime', publicUnits)).toBeGreaterThan(0.9);
  });

  it('has mostly monthly payers, and 3- or 6-monthly ones only among agricultural kinds of employer', () => {
    expect(share((h) => h.employer.paymentCycle === 1)).toBeGreaterThan(0.89);
    expect(share((h) => h.employer.paymentCycle === 1)).toBeLessThan(0.95);
    expect(sample.some((h) => h.employer.paymentCycle === 6)).toBe(true);
    for (const { employer: e } of sample) {
      if (e.paymentCycle !== 1) expect(['private', 'cooperative', 'household']).toContain(e.ownership);
    }
  });

  it('has on-time payers pay every period by its deadline, counted by the engine’s deadline rules', () => {
    const onTime = sample.filter((h) => h.employer.behaviour === 'onTime');
    const wrong: string[] = [];
    for (const h of onTime) {
      for (const { deadline, cumulative } of duesByDeadline(h)) {
        if (deadline <= options.asOf && paidBy(h, deadline) < cumulative)
          wrong.push(`${h.employer.code} by ${deadline}`);
      }
    }
    expect(wrong).toEqual([]);
    // Quarterly payers pay per cycle: one or two transfers a quarter.
    const quarterly = onTime.filter((x) => x.employer.paymentCycle === 3);
    expect(quarterly.length).toBeGreaterThan(100);
    expect(quarterly.filter((h) => h.payments.length > 2 * duesByDeadline(h).length)).toEqual([]);
  });

  it('has occasionally late payers miss at least one deadline that has passed', () => {
    for (const h of sample.filter((x) => x.employer.behaviour === 'occasionallyLate')) {
      const passed = duesByDeadline(h).filter((d) => d.deadline < options.asOf);
      if (passed.length === 0) continue;
      expect(passed.some(({ deadline, cumulative }) => paidBy(h, deadline) < cumulative)).toBe(true);
    }
  });

  it('has stopped employers pay their first cycles in full, then nothing, and no longer active', () => {
    const stopped = sample.filter((h) => h.employer.behaviour === 'stopped');
    expect(stopped.length).toBeGreaterThan(300);
    for (const h of stopped) {
      expect(h.employer.status).not.toBe('active');
      const groups = duesByDeadline(h);
      const paid = sum(h.payments);
      // The payments are exactly the dues of the cycles up to the stop …
      const stop = paid === 0 ? -1 : groups.findIndex((g) => g.cumulative === paid);
      expect(paid === 0 || stop >= 0).toBe(true);
      // … none after that cycle's deadline, and at least one later cycle is overdue.
      if (stop >= 0) for (const p of h.payments) expect(p.date <= groups[stop]!.deadline).toBe(true);
      expect(groups[stop + 1]!.deadline < options.asOf).toBe(true);
      // Nothing is due long after the stop: 1–3 periods when suspended, up to 6 when closed.
      const lastPaidDeadline = stop < 0 ? '' : groups[stop]!.deadline;
      const unpaidPeriods = new Set(
        h.obligations
          .filter((o) => deadlineOf(rules, o.period, h.employer.paymentCycle) > lastPaidDeadline)
          .map((o) => o.period),
      ).size;
      expect(unpaidPeriods).toBeGreaterThanOrEqual(1);
      expect(unpaidPeriods).toBeLessThanOrEqual(h.employer.status === 'suspended' ? 3 : 6);
    }
    expect(share((h) => h.employer.status !== 'suspended', stopped)).toBeGreaterThan(0.6);
    for (const h of sample.filter((x) => x.employer.behaviour !== 'stopped')) expect(h.employer.status).toBe('active');
  });

  it('leaves on-time payers with nothing late and chronically late payers months behind, by the arrears engine', () => {
    const position = (h: GeneratedEmployerHistory) =>
      computeArrears(
        { paymentCycle: h.employer.paymentCycle, obligations: h.obligations, payments: h.payments },
        rules,
        options.asOf,
      );
    for (const h of sample.slice(0, 4000).filter((x) => x.employer.behaviour === 'onTime')) {
      expect(position(h).lateAmount).toBe(0);
    }
    const chronic = sample.filter((h) => h.employer.behaviour === 'chronicallyLate').map(position);
    expect(chronic.filter((p) => p.lateAmount > 0).length / chronic.length).toBeGreaterThan(0.9);
    const months = chronic.map((p) => p.overdueMonths).sort((a, b) => a - b);
    expect(months[Math.floor(months.length / 2)]).toBeGreaterThanOrEqual(3);
    expect(months.filter((m) => m >= 12).length).toBeGreaterThan(0);
  });
});
