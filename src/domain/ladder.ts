import { isMeeting, isUrging, type ActionKind } from './actions.js';
import type { Day } from './ledger.js';
import { addDays, firstDayOf, periodOfDay } from './periods.js';
import type { PromiseState } from './promises.js';

/**
 * Thang đôn đốc: the escalation ladder of a late employer. Each step has a condition on the employer's arrears and
 * the actions taken on its current debt; the employer stands on the highest step whose condition holds, since the
 * day that condition first held. Each step also says which action is due next and by when. The numbers are
 * rule-set data (EscalationRules); the logic is here.
 */
export interface EscalationRules {
  /** Decree 274/2025: the monthly written reminder goes out within the first N days of the month. */
  urgingLetterByDay: number;
  /** Days after an urging letter with neither payment nor promise before an invitation is due. */
  responseDays: number;
  /** Days after an invitation before the working session is due. */
  meetingDays: number;
  /** Overdue months that make an employer a candidate for a surprise specialised inspection (2279/BHXH-TTKT). */
  inspectionMonths: number;
  /** Days from becoming a candidate to the inspection. */
  inspectionDays: number;
  /** Law 41/2024 Art. 39: an urged, registered amount still unpaid more than N days after its deadline is evasion. */
  evasionDays: number;
  /** Days from evasion to the administrative sanction decision. */
  sanctionDays: number;
  /**
   * Penal Code Art. 216: evasion for at least minMonths, after a prior administrative sanction, at an amount or a
   * number of workers reaching a clause's threshold (highest clause first). Thresholds change: data, not code.
   */
  referral: { minMonths: number; days: number; clauses: { clause: number; minAmount: number; minWorkers: number }[] };
}

export const DEFAULT_ESCALATION: EscalationRules = {
  urgingLetterByDay: 10,
  responseDays: 15,
  meetingDays: 10,
  inspectionMonths: 3,
  inspectionDays: 30,
  evasionDays: 60,
  sanctionDays: 30,
  referral: {
    minMonths: 6,
    days: 30,
    clauses: [
      { clause: 3, minAmount: 1_000_000_000, minWorkers: 200 },
      { clause: 2, minAmount: 300_000_000, minWorkers: 50 },
      { clause: 1, minAmount: 50_000_000, minWorkers: 10 },
    ],
  },
};

/** In order of escalation; 'instalment' pauses it while an agreement to pay in instalments holds. */
export const LADDER_STEPS = [
  'current',
  'late',
  'urged',
  'invited',
  'inspection_candidate',
  'evasion',
  'referral_candidate',
  'referred',
  'instalment',
] as const;
export type LadderStep = (typeof LADDER_STEPS)[number];

/** What the ladder needs to know of one employer at `asOf`; actions are those not cancelled, dated ≤ asOf. */
export interface LadderFacts {
  asOf: Day;
  lateAmount: number;
  /** From the engine: the deadline of each overdue period, oldest first. */
  overdueDeadlines: readonly Day[];
  workers: number;
  actions: readonly { kind: ActionKind; date: Day }[];
  lastPaymentOn: Day | null;
  promises: readonly { kind: 'promise' | 'instalment'; madeOn: Day; state: PromiseState }[];
}

/** The actions the ladder makes due, and checking the next instalment of an agreement. */
export const DUE_ACTIONS = [
  'urging_letter',
  'invitation',
  'working_session',
  'surprise_inspection',
  'sanction',
  'prosecution_referral',
  'instalment_check',
] as const satisfies readonly (ActionKind | 'instalment_check')[];
export type DueAction = (typeof DUE_ACTIONS)[number];

/** Why a task is due: each names the rule of the escalation ladder that made it due. */
export const DUE_REASONS = [
  'monthly_reminder',
  'no_response',
  'invited',
  'months_late',
  'evasion',
  'penal_code_216',
  'instalment_due',
  'promise_broken',
] as const;
export type DueReason = (typeof DUE_REASONS)[number];

/** A task: an action (or, for an instalment agreement, checking the next instalment) due by a day. */
export interface Due {
  action: DueAction;
  by: Day;
  reason: DueReason;
}

export interface LadderPosition {
  step: LadderStep;
  /** The day the step's condition first held. */
  since: Day;
  /** Everything due, earliest first. */
  due: Due[];
  /** The Art. 216 clause whose threshold the employer reaches, when it is a referral candidate or referred. */
  referralClause: number | null;
  /** A promise broken since the last urging or meeting: the officer must act on it. */
  brokenPromise: boolean;
}

const later = (a: Day, b: Day) => (a > b ? a : b);

export function evaluateLadder(facts: LadderFacts, rules: EscalationRules): LadderPosition {
  const { asOf } = facts;
  const oldestDeadline = facts.overdueDeadlines[0];
  if (facts.lateAmount <= 0 || oldestDeadline === undefined) {
    return { step: 'current', since: facts.lastPaymentOn ?? asOf, due: [], referralClause: null, brokenPromise: false };
  }
  // Only what was done about the current debt counts: actions after its oldest deadline, in date order.
  const onDebt = facts.actions
    .filter((a) => a.date > oldestDeadline)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const first = (test: (kind: ActionKind) => boolean) => onDebt.find((a) => test(a.kind))?.date ?? null;
  const last = (test: (kind: ActionKind) => boolean) => onDebt.findLast((a) => test(a.kind))?.date ?? null;

  const lateSince = addDays(oldestDeadline, 1);
  const firstUrged = first(isUrging);
  const firstInvited = first((k) => k === 'invitation' || isMeeting(k));
  const reachedOn = (months: number) => {
    const deadline = facts.overdueDeadlines[months - 1];
    return deadline === undefined ? null : addDays(deadline, 1);
  };
  const inspectionOn = reachedOn(rules.inspectionMonths);
  // Evasion: urged about this debt, and the debt is more than evasionDays past its deadline.
  const evasionOn = firstUrged === null ? null : later(addDays(oldestDeadline, rules.evasionDays + 1), firstUrged);
  const isEvasion = evasionOn !== null && evasionOn <= asOf;
  const sanctionedOn = first((k) => k === 'sanction');
  const referredOn = first((k) => k === 'prosecution_referral');
  const clause =
    rules.referral.clauses.find((c) => facts.lateAmount >= c.minAmount || facts.workers >= c.minWorkers)?.clause ??
    null;
  const sixMonthsOn = reachedOn(rules.referral.minMonths);
  const referralOn =
    isEvasion && sanctionedOn !== null && sixMonthsOn !== null && clause !== null
      ? [evasionOn!, sanctionedOn, sixMonthsOn].reduce(later)
      : null;
  const instalment = facts.promises.find(
    (p) => p.kind === 'instalment' && p.state.status === 'pending' && p.madeOn > oldestDeadline,
  );

  let step: LadderStep;
  let since: Day;
  if (referredOn !== null) [step, since] = ['referred', referredOn];
  else if (instalment) [step, since] = ['instalment', instalment.madeOn];
  else if (referralOn !== null) [step, since] = ['referral_candidate', referralOn];
  else if (isEvasion) [step, since] = ['evasion', evasionOn!];
  else if (inspectionOn !== null) [step, since] = ['inspection_candidate', inspectionOn];
  else if (firstInvited !== null) [step, since] = ['invited', firstInvited];
  else if (firstUrged !== null) [step, since] = ['urged', firstUrged];
  else [step, since] = ['late', lateSince];
  // Escalation resumes where an instalment agreement stopped holding, not where the step's condition first held.
  if (step !== 'referred' && step !== 'instalment') {
    for (const p of facts.promises) {
      if (p.kind !== 'instalment' || p.madeOn <= oldestDeadline || p.state.status === 'pending') continue;
      since = later(since, p.state.status === 'broken' ? p.state.brokenOn : p.state.keptOn);
    }
  }

  const lastAttention = last((k) => isUrging(k) || isMeeting(k));
  const brokenPromise = facts.promises.some(
    (p) =>
      p.state.status === 'broken' &&
      p.madeOn > oldestDeadline &&
      (lastAttention === null || lastAttention < p.state.brokenOn),
  );

  const due: Due[] = [];
  if (step !== 'referred') {
    // Decree 274: every month, a written reminder to each late employer within the first days of the month.
    const monthStart = firstDayOf(periodOfDay(asOf));
    if (!onDebt.some((a) => a.kind === 'urging_letter' && a.date >= monthStart)) {
      due.push({
        action: 'urging_letter',
        by: later(addDays(monthStart, rules.urgingLetterByDay - 1), lateSince),
        reason: 'monthly_reminder',
      });
    }
  }
  if (step === 'instalment') {
    const next = instalment!.state.status === 'pending' ? instalment!.state.next.dueOn : asOf;
    due.push({ action: 'instalment_check', by: next, reason: 'instalment_due' });
  } else if (step !== 'referred') {
    const lastLetter = last((k) => k === 'urging_letter');
    const lastInvitation = last((k) => k === 'invitation');
    const lastMeeting = last(isMeeting);
    const pendingPromise = facts.promises.some((p) => p.state.status === 'pending' && p.madeOn > oldestDeadline);
    const answered = (since: Day) =>
      (facts.lastPaymentOn !== null && facts.lastPaymentOn >= since) || facts.promises.some((p) => p.madeOn >= since);
    if (brokenPromise) {
      due.push({ action: 'invitation', by: asOf, reason: 'promise_broken' });
    } else if (
      lastLetter !== null &&
      !pendingPromise &&
      !answered(lastLetter) &&
      (lastInvitation === null || lastInvitation < lastLetter) &&
      (lastMeeting === null || lastMeeting < lastLetter)
    ) {
      due.push({ action: 'invitation', by: addDays(lastLetter, rules.responseDays), reason: 'no_response' });
    }
    if (lastInvitation !== null && (lastMeeting === null || lastMeeting < lastInvitation)) {
      due.push({ action: 'working_session', by: addDays(lastInvitation, rules.meetingDays), reason: 'invited' });
    }
    if (inspectionOn !== null && first((k) => k === 'surprise_inspection') === null) {
      due.push({
        action: 'surprise_inspection',
        by: addDays(inspectionOn, rules.inspectionDays),
        reason: 'months_late',
      });
    }
    if (isEvasion && sanctionedOn === null) {
      due.push({ action: 'sanction', by: addDays(evasionOn!, rules.sanctionDays), reason: 'evasion' });
    }
    if (step === 'referral_candidate') {
      due.push({
        action: 'prosecution_referral',
        by: addDays(referralOn!, rules.referral.days),
        reason: 'penal_code_216',
      });
    }
  }
  due.sort((a, b) => (a.by < b.by ? -1 : a.by > b.by ? 1 : 0));
  return {
    step,
    since,
    due,
    referralClause: step === 'referral_candidate' || step === 'referred' ? clause : null,
    brokenPromise,
  };
}
