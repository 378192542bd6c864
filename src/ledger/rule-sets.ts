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

/**
 * Rule sets already parsed, by the text of their stored body: the engine keeps its tables of deadlines and rates per
 * rule set object (domain/arrears prepare), so a page that parsed the body afresh on every request rebuilt them on
 * every request. Keyed by content, an edited body is parsed again; only a handful of rule sets ever exist.
 */
const parsed = new Map<string, RuleSet>();
const PARSED_KEPT = 16;

function parsedRuleSet(body: unknown): RuleSet {
  const key = JSON.stringify(body);
  let rules = parsed.get(key);
  if (!rules) {
    rules = parseRuleSet(body);
    if (parsed.size >= PARSED_KEPT) parsed.delete(parsed.keys().next().value!);
    parsed.set(key, rules);
  }
  return rules;
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
  return parsedRuleSet(row ? row.body : DEFAULT_RULES);
}
