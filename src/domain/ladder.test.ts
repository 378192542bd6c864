import { describe, expect, it } from 'vitest';
import type { ActionKind } from './actions.js';
import { DEFAULT_ESCALATION, evaluateLadder, type LadderFacts } from './ladder.js';

const rules = DEFAULT_ESCALATION;
const TWO_MONTHS = ['2026-09-30', '2026-10-31']; // periods 2026-08 and 2026-09 of a monthly payer
const THREE_MONTHS = ['2026-08-31', ...TWO_MONTHS];
const SIX_MONTHS = ['2026-05-31', '2026-06-30', '2026-07-31', ...THREE_MONTHS];

const act = (kind: ActionKind, date: string) => ({ kind, date });
const facts = (over: Partial<LadderFacts>): LadderFacts => ({
  asOf: '2026-11-25',
  lateAmount: 30_000_000,
  overdueDeadlines: TWO_MONTHS,
  workers: 8,
  actions: [],
  lastPaymentOn: null,
  promises: [],
  ...over,
});

describe('evaluateLadder', () => {
  it('puts an employer with nothing overdue on no step, with nothing due', () => {
    expect(evaluateLadder(facts({ lateAmount: 0, overdueDeadlines: [], lastPaymentOn: '2026-11-20' }), rules)).toEqual({
      step: 'current',
      since: '2026-11-20',
      due: [],
      referralClause: null,
      brokenPromise: false,
    });
  });

  it('makes a late employer due a monthly urging letter within the first 10 days of the month (Decree 274)', () => {
    const p = evaluateLadder(facts({}), rules);
    expect(p.step).toBe('late');
    expect(p.since).toBe('2026-10-01');
    expect(p.due).toEqual([{ action: 'urging_letter', by: '2026-11-10', reason: 'monthly_reminder' }]);
  });

  it('never counts a C12 notice as urging', () => {
    const p = evaluateLadder(facts({ actions: [act('c12_notice', '2026-11-01')] }), rules);
    expect(p.step).toBe('late');
    expect(p.due.map((d) => d.action)).toEqual(['urging_letter']);
  });

  it('ignores actions taken before the current debt fell due', () => {
    expect(evaluateLadder(facts({ actions: [act('urging_letter', '2026-09-05')] }), rules).step).toBe('late');
  });

  it('asks for an invitation 15 days after an urging letter that got neither payment nor promise', () => {
    const p = evaluateLadder(facts({ actions: [act('urging_letter', '2026-11-03')] }), rules);
    expect(p.step).toBe('urged');
    expect(p.since).toBe('2026-11-03');
    expect(p.due).toEqual([{ action: 'invitation', by: '2026-11-18', reason: 'no_response' }]);
  });

  it('asks for no invitation when the employer answered the letter with a payment or a promise', () => {
    const paid = evaluateLadder(
      facts({ actions: [act('urging_letter', '2026-11-03')], lastPaymentOn: '2026-11-10' }),
      rules,
    );
    expect(paid.due).toEqual([]);
    const promised = evaluateLadder(
      facts({
        actions: [act('urging_letter', '2026-11-03')],
        promises: [
          {
            kind: 'promise',
            madeOn: '2026-11-12',
            state: { status: 'pending', next: { dueOn: '2026-11-30', outstanding: 30_000_000 } },
          },
        ],
      }),
      rules,
    );
    expect(promised.due).toEqual([]);
  });

  it('moves an invited employer to the invited step and asks for the working session within 10 days', () => {
    const p = evaluateLadder(
      facts({ actions: [act('urging_letter', '2026-11-03'), act('invitation', '2026-11-20')] }),
      rules,
    );
    expect(p.step).toBe('invited');
    expect(p.since).toBe('2026-11-20');
    expect(p.due).toEqual([{ action: 'working_session', by: '2026-11-30', reason: 'invited' }]);
  });

  it('makes an employer 3 months late a candidate for a surprise inspection from the day it reached 3 months', () => {
    const p = evaluateLadder(facts({ overdueDeadlines: THREE_MONTHS }), rules);
    expect(p.step).toBe('inspection_candidate');
    expect(p.since).toBe('2026-11-01');
    expect(p.due).toEqual([
      { action: 'urging_letter', by: '2026-11-10', reason: 'monthly_reminder' },
      { action: 'surprise_inspection', by: '2026-12-01', reason: 'months_late' },
    ]);
    const inspected = evaluateLadder(
      facts({ overdueDeadlines: THREE_MONTHS, actions: [act('surprise_inspection', '2026-11-20')] }),
      rules,
    );
    expect(inspected.due.map((d) => d.action)).toEqual(['urging_letter']);
  });

  it('flags evasion once an urged amount is unpaid more than 60 days after its deadline', () => {
    const urged = [act('urging_letter', '2026-09-05')];
    // Deadline 31/08: day 60 after it is 30/10, still late; day 61 is evasion.
    expect(
      evaluateLadder(
        facts({ asOf: '2026-10-30', overdueDeadlines: ['2026-08-31', '2026-09-30'], actions: urged }),
        rules,
      ).step,
    ).toBe('urged');
    const p = evaluateLadder(
      facts({ asOf: '2026-10-31', overdueDeadlines: ['2026-08-31', '2026-09-30'], actions: urged }),
      rules,
    );
    expect(p.step).toBe('evasion');
    expect(p.since).toBe('2026-10-31');
    expect(p.due).toContainEqual({ action: 'sanction', by: '2026-11-30', reason: 'evasion' });
  });

  it('does not call unurged arrears evasion, however old', () => {
    expect(evaluateLadder(facts({ overdueDeadlines: SIX_MONTHS }), rules).step).toBe('inspection_candidate');
  });

  it('makes a sanctioned evader 6+ months late above the Art. 216 threshold a referral candidate, with its clause', () => {
    const actions = [act('urging_letter', '2026-06-05'), act('sanction', '2026-08-15')];
    const p = evaluateLadder(facts({ overdueDeadlines: SIX_MONTHS, lateAmount: 120_000_000, actions }), rules);
    expect(p.step).toBe('referral_candidate');
    // Evasion from 31/07, sanction 15/08, six months reached 01/11: the latest of the three.
    expect(p.since).toBe('2026-11-01');
    expect(p.referralClause).toBe(1);
    expect(p.due).toContainEqual({ action: 'prosecution_referral', by: '2026-12-01', reason: 'penal_code_216' });
    expect(
      evaluateLadder(facts({ overdueDeadlines: SIX_MONTHS, lateAmount: 120_000_000, workers: 60, actions }), rules)
        .referralClause,
    ).toBe(2);
  });

  it('keeps an evader below every Art. 216 threshold, or never sanctioned, at evasion', () => {
    const urged = [act('urging_letter', '2026-06-05')];
    expect(
      evaluateLadder(
        facts({
          overdueDeadlines: SIX_MONTHS,
          lateAmount: 49_999_999,
          workers: 9,
          actions: [...urged, act('sanction', '2026-08-15')],
        }),
        rules,
      ).step,
    ).toBe('evasion');
    expect(
      evaluateLadder(facts({ overdueDeadlines: SIX_MONTHS, lateAmount: 120_000_000, actions: urged }), rules).step,
    ).toBe('evasion');
  });

  it('stops at referred once the dossier went to the investigation agency, with nothing more due', () => {
    const actions = [
      act('urging_letter', '2026-06-05'),
      act('sanction', '2026-08-15'),
      act('prosecution_referral', '2026-11-10'),
    ];
    const p = evaluateLadder(facts({ overdueDeadlines: SIX_MONTHS, lateAmount: 120_000_000, actions }), rules);
    expect(p).toMatchObject({ step: 'referred', since: '2026-11-10', due: [], referralClause: 1 });
  });

  it('pauses escalation while an instalment agreement holds, following its next instalment instead', () => {
    const p = evaluateLadder(
      facts({
        overdueDeadlines: THREE_MONTHS,
        actions: [act('urging_letter', '2026-11-03')],
        promises: [
          {
            kind: 'instalment',
            madeOn: '2026-11-08',
            state: { status: 'pending', next: { dueOn: '2026-12-15', outstanding: 5_000_000 } },
          },
        ],
      }),
      rules,
    );
    expect(p.step).toBe('instalment');
    expect(p.since).toBe('2026-11-08');
    expect(p.due).toEqual([{ action: 'instalment_check', by: '2026-12-15', reason: 'instalment_due' }]);
  });

  it('puts an employer with a broken promise back on the list until an officer acts on it', () => {
    const broken = {
      kind: 'promise' as const,
      madeOn: '2026-11-05',
      state: { status: 'broken' as const, brokenOn: '2026-11-16', shortfall: 1, missedDueOn: '2026-11-15' },
    };
    const p = evaluateLadder(facts({ actions: [act('urging_letter', '2026-11-03')], promises: [broken] }), rules);
    expect(p.brokenPromise).toBe(true);
    expect(p.due).toEqual([{ action: 'invitation', by: '2026-11-25', reason: 'promise_broken' }]);
    const met = evaluateLadder(
      facts({
        actions: [act('urging_letter', '2026-11-03'), act('working_session', '2026-11-20')],
        promises: [broken],
      }),
      rules,
    );
    expect(met.brokenPromise).toBe(false);
  });
});
