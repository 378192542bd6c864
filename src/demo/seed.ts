import type { Clock } from '../clock.js';
import type { DatabaseHandle } from '../db/connection.js';
import type { ActionKind } from '../domain/actions.js';
import { vietnamDate } from '../domain/calendar.js';
import { reportDeadline, reportingDays } from '../domain/campaigns.js';
import { addDays, addMonths, firstDayOf, periodOfDay } from '../domain/periods.js';
import { DEFAULT_TEMPLATE } from '../domain/report-figures.js';
import type { RoleCode } from '../domain/organisation.js';
import { foldForSearch } from '../domain/text.js';
import { demoOffices } from './offices.js';
import { generateDataset, type GeneratorOptions } from './generator.js';
import { recordAudit } from '../db/audit.js';
import { hashPassword } from '../features/auth/password.js';
import { computeReportFigures, type DenominatorCache, type ProvinceArrears } from '../features/campaigns/figures.js';
import { ensureDefaultTemplate } from '../features/campaigns/service.js';
import { insertCampaign, insertCampaignProvinces, insertReport } from '../features/campaigns/queries.js';
import { findRootOffice, insertOffice } from '../features/offices/queries.js';
import { provinceArrearsAt } from '../ledger/arrears-at.js';
import { ruleSetAt } from '../ledger/rule-sets.js';
import { insertUser } from '../features/users/queries.js';
import {
  analyze,
  continueEmployerIds,
  type DemoAction,
  insertActions,
  insertAssignments,
  insertCollectionPlans,
  insertSessionPromise,
  listLateEmployersWithOfficial,
  listProvincesWithDirector,
  userIdByUsername,
} from './queries.js';

export const DEMO_PASSWORD = 'dondoc@2026';
/** The accounts `dondoc start` lists when it serves the demo: the central ones, and those of Hà Nội and TP.HCM. */
export const DEMO_LOGINS = ['admin', 'banthu', 'thanhtra', 'truyenthong', 'gd.hni', 'cb.hni', 'cb.hni-01', 'gd.hcm'];
export const DEMO_SEED = 20231213; // the date of dispatch 4208/BHXH-TST

export interface DemoLogin {
  username: string;
  role: RoleCode;
  office: string;
}

export interface DemoSummary {
  offices: number;
  users: number;
  employers: number;
  obligations: number;
  payments: number;
  logins: DemoLogin[];
}

/** Rows of the national office, departments, provinces and grassroots offices, with the demo users on them. */
async function seedOfficesAndUsers(handle: DatabaseHandle) {
  const { db } = handle;
  const ids = new Map<string, number>();
  for (const office of demoOffices()) {
    const parentId = office.parentCode === null ? null : ids.get(office.parentCode)!;
    ids.set(office.code, (await insertOffice(db, { ...office, parentId })).id);
  }

  // One password for every demo account, hashed once: the demo prints it anyway.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const logins: DemoLogin[] = [];
  const user = async (username: string, fullName: string, role: RoleCode, officeCode: string) => {
    await insertUser(db, { username, fullName, passwordHash, role, officeId: ids.get(officeCode)! });
    logins.push({ username, role, office: officeCode });
  };
  await user('admin', 'Quản trị hệ thống', 'national_admin', 'VN');
  await user('banthu', 'Nguyễn Thị Thu', 'collection_board', 'VN-BT');
  await user('thanhtra', 'Trần Văn Kiểm', 'inspection', 'VN-TT');
  await user('truyenthong', 'Lê Thị Hương', 'communication', 'VN-TTT');
  const offices = demoOffices();
  for (const province of offices.filter((o) => o.kind === 'province')) {
    const code = province.code.toLowerCase();
    await user(
      `gd.${code}`,
      `Giám đốc ${province.name.replace('Bảo hiểm xã hội ', 'BHXH ')}`,
      'province_director',
      province.code,
    );
    await user(
      `cb.${code}`,
      `Cán bộ thu ${province.name.replace('Bảo hiểm xã hội ', 'BHXH ')}`,
      'province_officer',
      province.code,
    );
    const grassroots = offices.find((o) => o.parentCode === province.code && o.kind === 'grassroots');
    if (grassroots) {
      await user(
        `cb.${grassroots.code.toLowerCase()}`,
        `Cán bộ ${grassroots.name.replace('Bảo hiểm xã hội ', 'BHXH ')}`,
        'grassroots_officer',
        grassroots.code,
      );
    }
  }
  return { ids, logins };
}

/**
 * Loads the demo country into an empty database: offices, users, and `employers` employers with `months` months of
 * obligations and payments ending at today's date, generated deterministically from DEMO_SEED. Bulk rows go in by
 * COPY; the whole load is one audit entry.
 */
export async function seedDemo(
  handle: DatabaseHandle,
  clock: Clock,
  options: { employers: number; months: number } = { employers: 20_000, months: 24 },
): Promise<DemoSummary> {
  const { db } = handle;
  const { ids, logins } = await seedOfficesAndUsers(handle);

  const generator: GeneratorOptions = {
    employers: options.employers,
    months: options.months,
    seed: DEMO_SEED,
    asOf: vietnamDate(clock.now()),
  };
  const employerRows: (string | number)[][] = [];
  const obligationRows: (string | number)[][] = [];
  const paymentRows: (string | number)[][] = [];
  let id = 0;
  for (const { employer: e, obligations, payments } of generateDataset(generator)) {
    id++;
    employerRows.push([
      id,
      e.code,
      e.taxCode,
      e.name,
      e.address,
      ids.get(e.officeCode)!,
      ids.get(e.provinceCode)!,
      e.ownership,
      e.headcount,
      e.status,
      e.paymentCycle,
      foldForSearch(`${e.code} ${e.taxCode} ${e.name}`),
    ]);
    for (const o of obligations) obligationRows.push([id, o.period, o.fund, o.amount]);
    for (const p of payments) paymentRows.push([id, p.date, p.amount, p.reference]);
  }
  await handle.copyRows(
    'employer',
    [
      'id',
      'code',
      'tax_code',
      'name',
      'address',
      'office_id',
      'province_id',
      'ownership',
      'headcount',
      'status',
      'payment_cycle',
      'search_text',
    ],
    employerRows,
  );
  await handle.copyRows('obligation', ['employer_id', 'period', 'fund', 'amount'], obligationRows);
  await handle.copyRows('payment', ['employer_id', 'paid_on', 'amount', 'reference'], paymentRows);
  // The ids were given by the load; new employers continue after them.
  await continueEmployerIds(db);
  await insertCollectionPlans(db, Number(generator.asOf.slice(0, 4)), clock.now());
  await insertAssignments(db, generator.asOf);
  await analyze(db);

  const summary = {
    offices: ids.size,
    users: logins.length,
    employers: employerRows.length,
    obligations: obligationRows.length,
    payments: paymentRows.length,
  };
  await recordAudit(db, {
    at: clock.now(),
    userId: null,
    action: 'demo.seed',
    entity: 'database',
    entityId: null,
    officeId: ids.get('VN')!,
    after: { ...summary, seed: DEMO_SEED, asOf: generator.asOf },
  });
  return { ...summary, logins };
}

/**
 * A history of urging for the demo's late employers, as officers would have recorded it: this month's C12 notice,
 * a monthly urging letter (missing this month for some, so worklists have letters due), invitations, working
 * sessions with promises, surprise inspections and sanctions for the longest late. Needs the arrears positions;
 * deterministic from the employer id. Documents are not generated for this history.
 */
export async function seedDemoActions(
  db: DatabaseHandle['db'],
  clock: Clock,
): Promise<{ actions: number; promises: number }> {
  const at = clock.now();
  const today = vietnamDate(at);
  const late = await listLateEmployersWithOfficial(db, true);
  const actions: DemoAction[] = [];
  const promises: { employerId: number; madeOn: string; dueOn: string; amount: number; officialId: number }[] = [];
  const numbers = new Map<string, number>();
  const numbered = (symbol: string, day: string) => {
    const key = `${symbol}:${day.slice(0, 4)}`;
    const n = (numbers.get(key) ?? 0) + 1;
    numbers.set(key, n);
    return `${n}/${symbol}`;
  };
  const monthStart = today.slice(0, 8) + '01';
  for (const e of late) {
    const id = e.employer_id;
    const deadlines = e.overdue_deadlines;
    if (deadlines.length === 0) continue;
    const add = (kind: ActionKind, day: string, extra: Partial<DemoAction> = {}) => {
      if (day > today || day <= deadlines[0]!) return false;
      actions.push({
        employer_id: id,
        kind,
        action_date: day,
        official_id: e.user_id,
        document_number: null,
        outcome: '',
        follow_up_on: null,
        fine: null,
        ...extra,
      });
      return true;
    };
    add('c12_notice', monthStart);
    // Monthly letters for up to the last six months of the debt; three in ten have not had this month's yet.
    const letters: string[] = [];
    for (let back = 5; back >= 0; back--) {
      if (back === 0 && id % 10 >= 7) continue;
      const day = addDays(firstDayOf(addMonths(periodOfDay(today), -back)), 2 + (id % 6));
      if (add('urging_letter', day, { document_number: numbered('BHXH-QLT', day) })) letters.push(day);
    }
    if (letters.length === 0) continue;
    if (deadlines.length >= 2 && id % 3 !== 0) {
      const invited = addDays(letters[0]!, 12);
      if (add('invitation', invited, { document_number: numbered('TM-BHXH', invited) }) && id % 2 === 0) {
        const met = addDays(invited, 6);
        if (
          add('working_session', met, {
            outcome: 'Đơn vị thừa nhận số nợ, cam kết nộp dần',
            follow_up_on: addDays(met, 14),
          }) &&
          id % 4 === 0
        ) {
          promises.push({
            employerId: id,
            madeOn: met,
            dueOn: addDays(met, 20),
            officialId: e.user_id,
            amount: Math.max(1_000, Math.round(e.late_amount / 2_000) * 1_000),
          });
        }
      }
    }
    if (deadlines.length >= 3 && id % 5 === 0) {
      const inspected = addDays(deadlines[2]!, 21);
      if (
        add('surprise_inspection', inspected, {
          outcome: 'Lập biên bản thanh tra, yêu cầu nộp đủ số tiền chậm đóng',
        }) &&
        deadlines.length >= 4
      ) {
        const sanctioned = addDays(inspected, 15);
        add('sanction', sanctioned, {
          document_number: numbered('QĐ-XPHC', sanctioned),
          fine: Math.min(150_000_000, Math.max(1_000_000, Math.round((e.late_amount * 0.12) / 1_000) * 1_000)),
        });
      }
    }
  }
  await insertActions(db, actions, at);
  for (const p of promises) await insertSessionPromise(db, p, at);
  const root = await findRootOffice(db);
  if (!root) throw new Error('the demo has no root office');
  await recordAudit(db, {
    at,
    userId: null,
    action: 'demo.actions',
    entity: 'database',
    entityId: null,
    officeId: root.id,
    after: { actions: actions.length, promises: promises.length, asOf: today },
  });
  return { actions: actions.length, promises: promises.length };
}

/**
 * A campaign under way for the demo: started six days ago, ending in eight, over every province, with the actions of
 * the drive and the reports of the days gone by: most sent before the deadline, some after it, a few never
 * (deterministic by province and day). The figures are computed from the data as a submission would freeze them.
 * `between` runs before each province (a background job's safe point).
 */
export async function seedDemoCampaign(
  db: DatabaseHandle['db'],
  clock: Clock,
  between?: () => Promise<void>,
): Promise<{ reports: number; actions: number }> {
  await ensureDefaultTemplate(db);
  const now = clock.now();
  const today = vietnamDate(now);
  const boardId = await userIdByUsername(db, 'banthu');
  const schedule = {
    firstDay: addDays(today, -6),
    lastDay: addDays(today, 8),
    firstDayDeadline: { dayOffset: 1, time: '08:30' },
    dailyDeadline: { dayOffset: 0, time: '18:30' },
  };
  const provinces = await listProvincesWithDirector(db);
  const id = await insertCampaign(db, {
    name: `Đợt cao điểm đôn đốc thu, giảm số tiền chậm đóng tháng ${today.slice(5, 7)}/${today.slice(0, 4)}`,
    legal_basis: 'Công văn số 4208/BHXH-TST ngày 13/12/2023 của Bảo hiểm xã hội Việt Nam',
    first_day: schedule.firstDay,
    last_day: schedule.lastDay,
    first_day_deadline: JSON.stringify(schedule.firstDayDeadline),
    daily_deadline: JSON.stringify(schedule.dailyDeadline),
    baseline_date: addDays(schedule.firstDay, -1),
    target_late_ratio: 2.5,
    template_id: DEFAULT_TEMPLATE.id,
    template_version: DEFAULT_TEMPLATE.version,
    created_by: boardId,
    created_at: now,
  });
  await insertCampaignProvinces(
    db,
    id,
    provinces.map((p) => p.id),
  );
  // The drive itself: letters, invitations and sessions on the campaign's days for a share of the late employers.
  const late = await listLateEmployersWithOfficial(db, false);
  const drive: { employer_id: number; kind: ActionKind; action_date: string; official_id: number }[] = [];
  for (const e of late) {
    const id = e.employer_id;
    const on = (offset: number) => addDays(schedule.firstDay, offset);
    if (id % 3 === 0 && on(id % 6) <= today)
      drive.push({ employer_id: id, kind: 'urging_letter', action_date: on(id % 6), official_id: e.user_id });
    if (id % 9 === 0 && on(2 + (id % 5)) <= today)
      drive.push({ employer_id: id, kind: 'invitation', action_date: on(2 + (id % 5)), official_id: e.user_id });
    if (id % 18 === 0 && on(4 + (id % 3)) <= today)
      drive.push({ employer_id: id, kind: 'working_session', action_date: on(4 + (id % 3)), official_id: e.user_id });
  }
  await insertActions(
    db,
    drive.map((a) => ({ ...a, document_number: null, outcome: '', follow_up_on: null, fine: null })),
    now,
  );
  const frame = {
    firstDay: schedule.firstDay,
    baselineDate: addDays(schedule.firstDay, -1),
    template: DEFAULT_TEMPLATE,
  };
  let reports = 0;
  const denominators: DenominatorCache = new Map();
  const days: string[] = [];
  for (const day of reportingDays(schedule)) {
    if (reportDeadline(schedule, day).getTime() > now.getTime()) break;
    days.push(day);
  }
  const atDays = [frame.baselineDate, ...days];
  const rules = await Promise.all(atDays.map((day) => ruleSetAt(db, day)));
  for (const p of provinces) {
    if (p.director === null) continue;
    await between?.();
    // Every day of the province's reports from one reading of its ledgers, instead of one reading per report.
    const { employers } = await provinceArrearsAt(
      db,
      p.id,
      atDays.map((day, k) => ({ day, rules: rules[k]! })),
    );
    const arrears: ProvinceArrears = async (_db, _provinceId, asked) => ({
      employers: employers.map(({ employerId, at }) => ({
        employerId,
        at: asked.map((a) => at[atDays.indexOf(a.day)]!),
      })),
    });
    for (const day of days) {
      const deadline = reportDeadline(schedule, day);
      const roll = (p.id * 31 + Number(day.slice(8))) % 20;
      if (roll === 0) continue; // never sent
      // Minutes before the deadline; a few provinces send after it.
      const minutes = roll <= 2 ? -(roll * 37) : 5 + roll * 11;
      const submittedAt = new Date(deadline.getTime() - minutes * 60_000);
      const notes = {
        difficulties: roll % 7 === 0 ? 'Nhiều đơn vị gặp khó khăn về tài chính, chủ doanh nghiệp bỏ trốn.' : '',
        proposals: '',
      };
      const figures = await computeReportFigures(db, frame, p.id, day, notes, submittedAt, { denominators, arrears });
      await insertReport(db, {
        campaign_id: id,
        office_id: p.id,
        report_day: day,
        version: 1,
        figures: JSON.stringify(figures),
        notes: JSON.stringify({ ...notes, directorNote: '' }),
        data_version: JSON.stringify(figures.dataVersion),
        amendment_reason: null,
        submitted_by: p.director,
        submitted_at: submittedAt,
      });
      reports++;
    }
  }
  return { reports, actions: drive.length };
}
