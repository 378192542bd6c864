import { type Insertable, sql } from 'kysely';
import type { Database, Db } from '../../db/schema.js';
import { bandOf, stepOf } from '../../db/employer-list.js';
import { withinScope } from '../../db/scope.js';
import type { Day } from '../../domain/ledger.js';
import type { ReportTemplate } from '../../domain/report-figures.js';

/** Stores the template version unless it is stored already. */
export async function insertTemplateIfAbsent(db: Db, template: ReportTemplate): Promise<void> {
  await db
    .insertInto('report_template')
    .values({ id: template.id, version: template.version, body: JSON.stringify(template) })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The campaign with the body of its report template, or undefined. */
export function findCampaign(db: Db, id: number) {
  return db
    .selectFrom('campaign as c')
    .innerJoin('report_template as t', (j) =>
      j.onRef('t.id', '=', 'c.template_id').onRef('t.version', '=', 'c.template_version'),
    )
    .selectAll('c')
    .select('t.body as template')
    .where('c.id', '=', id)
    .executeTakeFirst();
}

/** The provinces taking part in the campaign, by id. */
export function listCampaignProvinces(db: Db, campaignId: number) {
  return db
    .selectFrom('campaign_province as cp')
    .innerJoin('office as o', 'o.id', 'cp.office_id')
    .select(['o.id', 'o.code', 'o.name', 'o.path'])
    .where('cp.campaign_id', '=', campaignId)
    .orderBy('o.id')
    .execute();
}

/** The provinces of the scope; only those of `ids` when given. */
export function listProvincesInScope(db: Db, scope: string, ids: number[] | undefined) {
  let provinces = db
    .selectFrom('office')
    .select(['id', 'path'])
    .where('kind', '=', 'province')
    .where(withinScope('path', scope));
  if (ids) provinces = provinces.where('id', 'in', ids);
  return provinces.execute();
}

/** Adds a campaign; answers its id. */
export async function insertCampaign(db: Db, campaign: Insertable<Database['campaign']>): Promise<number> {
  const { id } = await db.insertInto('campaign').values(campaign).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Enrols the provinces in the campaign. */
export async function insertCampaignProvinces(db: Db, campaignId: number, provinceIds: number[]): Promise<void> {
  await db
    .insertInto('campaign_province')
    .values(provinceIds.map((officeId) => ({ campaign_id: campaignId, office_id: officeId })))
    .execute();
}

/** Campaigns in which some province of the scope takes part, the latest first. */
export function listCampaignsInScope(db: Db, scope: string) {
  return db
    .selectFrom('campaign as c')
    .select(['c.id', 'c.name', 'c.legal_basis', 'c.first_day', 'c.last_day', 'c.baseline_date', 'c.target_late_ratio'])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('campaign_province as cp')
          .innerJoin('office as o', 'o.id', 'cp.office_id')
          .select('cp.office_id')
          .whereRef('cp.campaign_id', '=', 'c.id')
          .where(withinScope('o.path', scope)),
      ),
    )
    .orderBy('c.first_day', 'desc')
    .execute();
}

/** Every frozen version of a province's report for a day, with who submitted it, oldest first. */
export function listReportVersions(db: Db, campaignId: number, provinceId: number, day: Day) {
  return db
    .selectFrom('campaign_report as r')
    .innerJoin('app_user as u', 'u.id', 'r.submitted_by')
    .select([
      'r.version',
      'r.figures',
      'r.notes',
      'r.amendment_reason',
      'r.submitted_at',
      'u.id as user_id',
      'u.full_name',
    ])
    .where('r.campaign_id', '=', campaignId)
    .where('r.office_id', '=', provinceId)
    .where('r.report_day', '=', day)
    .orderBy('r.version')
    .execute();
}

/** Locks the campaign's row until the transaction ends. */
export async function lockCampaign(db: Db, id: number): Promise<void> {
  await db.selectFrom('campaign').select('id').where('id', '=', id).forUpdate().execute();
}

/** Stores a version of a province's report. */
export async function insertReport(db: Db, report: Insertable<Database['campaign_report']>): Promise<void> {
  await db.insertInto('campaign_report').values(report).execute();
}

/** Every version of the reports of these provinces up to the day, oldest version first. */
export function listReportsUpTo(db: Db, campaignId: number, provinceIds: number[], day: Day) {
  return db
    .selectFrom('campaign_report')
    .select(['office_id', 'report_day', 'version', 'figures', 'submitted_at'])
    .where('campaign_id', '=', campaignId)
    .where('office_id', 'in', provinceIds)
    .where('report_day', '<=', day)
    .orderBy('version')
    .execute();
}

/** The code and name of each of these employers (at most 10,000). */
/** The code and name of employers, with their band and step as the lists show them now. */
export function listEmployerNames(db: Db, ids: number[]) {
  return db
    .selectFrom('employer as e')
    .leftJoin('arrears_position as ap', 'ap.employer_id', 'e.id')
    .leftJoin('ladder_position as lp', 'lp.employer_id', 'e.id')
    .select(['e.id', 'e.code', 'e.name', bandOf.as('band'), stepOf.as('step')])
    .where('e.id', 'in', ids)
    .execute();
}

/** Campaigns that have begun by `begunBy` and have not ended before `endedFrom`. */
export function listCampaignsRunning(db: Db, begunBy: Day, endedFrom: Day) {
  return db
    .selectFrom('campaign')
    .select('id')
    .where('first_day', '<=', begunBy)
    .where('last_day', '>=', endedFrom)
    .execute();
}

/** True when the province has submitted its report for the day. */
export async function hasReport(db: Db, campaignId: number, provinceId: number, day: Day): Promise<boolean> {
  const row = await db
    .selectFrom('campaign_report')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .where('office_id', '=', provinceId)
    .where('report_day', '=', day)
    .executeTakeFirst();
  return !!row;
}

/** The active directors of the province. */
export function listActiveDirectors(db: Db, provinceId: number) {
  return db
    .selectFrom('app_user')
    .select('id')
    .where('office_id', '=', provinceId)
    .where('role', '=', 'province_director')
    .where('active', '=', true)
    .execute();
}

/** Sends the notices, skipping any whose key the user already has; answers how many were new. */
export async function insertNoticesOnce(db: Db, notices: Insertable<Database['notice']>[]): Promise<number> {
  const result = await db
    .insertInto('notice')
    .values(notices)
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .returning('id')
    .execute();
  return result.length;
}

/** The province's id and path; throws when there is none. */
export function findProvince(db: Db, provinceId: number) {
  return db.selectFrom('office').select(['id', 'path']).where('id', '=', provinceId).executeTakeFirstOrThrow();
}

/** The newest import batch, action and payment: which data a report's figures came from. */
export async function latestDataIds(db: Db) {
  const { rows } = await sql<{ import_batch: number | null; action: number | null; payment: number | null }>`
    SELECT (SELECT max(id) FROM import_batch) AS import_batch, (SELECT max(id) FROM enforcement_action) AS action,
           (SELECT max(id) FROM payment) AS payment`.execute(db);
  return rows[0]!;
}

/** Actions on the province's employers from the first day to the day, not cancelled. */
export function campaignActions(db: Db, provinceId: number, firstDay: Day, day: Day) {
  return db
    .selectFrom('enforcement_action as a')
    .innerJoin('employer as e', 'e.id', 'a.employer_id')
    .select(['a.id', 'a.employer_id', 'a.kind', 'a.action_date', 'a.document_number'])
    .where('e.province_id', '=', provinceId)
    .where('a.cancelled_at', 'is', null)
    .where('a.action_date', '>=', firstDay)
    .where('a.action_date', '<=', day)
    .orderBy('a.action_date')
    .orderBy('a.id')
    .execute();
}

/** Payments from the first day to the day by the employers late at the baseline. */
export async function campaignPayments(db: Db, employerIds: number[], firstDay: Day, day: Day) {
  const rows: { employer_id: number; paid_on: Day; amount: number; reference: string }[] = [];
  for (let i = 0; i < employerIds.length; i += 10_000) {
    rows.push(
      ...(await db
        .selectFrom('payment')
        .select(['employer_id', 'paid_on', 'amount', 'reference'])
        .where('employer_id', 'in', employerIds.slice(i, i + 10_000))
        .where('paid_on', '>=', firstDay)
        .where('paid_on', '<=', day)
        .execute()),
    );
  }
  return rows;
}
