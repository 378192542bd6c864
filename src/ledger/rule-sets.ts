import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Day } from '../domain/ledger.js';
import { DEFAULT_RULES, parseRuleSet, type RuleSet } from '../domain/rules.js';

/** Stores the rule set in force since 1 Jul 2025 if the database has none yet. */
export async function ensureDefaultRuleSet(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('rule_set')
    .values({
      id: DEFAULT_RULES.id,
      name: DEFAULT_RULES.name,
      effective_from: DEFAULT_RULES.effectiveFrom,
      body: JSON.stringify(DEFAULT_RULES),
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The rule set in force at a date: the latest effective on or before it, else the earliest there is. */
export async function ruleSetAt(db: Kysely<Database>, day: Day): Promise<RuleSet> {
  const row =
    (await db
      .selectFrom('rule_set')
      .select('body')
      .where('effective_from', '<=', day)
      .orderBy('effective_from', 'desc')
      .limit(1)
      .executeTakeFirst()) ??
    (await db.selectFrom('rule_set').select('body').orderBy('effective_from').limit(1).executeTakeFirst());
  return parseRuleSet(row ? row.body : DEFAULT_RULES);
}
