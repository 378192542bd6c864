import { sql } from 'kysely';
import type { Db } from './schema.js';

/**
 * The versions of the tables (ledger_version, migrations 0018–0020): every statement that writes one of them gives
 * its version a new number, drawn from a sequence, in the writing transaction. 'books': employer and obligation;
 * 'payments'; 'positions': arrears_position and ladder_position; 'actions': enforcement_action; 'assignments';
 * 'offices'; 'rules': rule_set.
 */
export type VersionName = 'books' | 'payments' | 'positions' | 'actions' | 'assignments' | 'offices' | 'rules';

/** The versions of the tables as read now, one row each: a name without its row reads as 'none'. */
export type Versions = ReadonlyMap<string, string>;

/** Every version, in one statement of one row per name: a few rows, read by primary key order. */
export async function readVersions(db: Db): Promise<Versions> {
  const { rows } = await sql<{ name: string; version: string }>`
    SELECT name, version::text AS version FROM ledger_version`.execute(db);
  return new Map(rows.map((r) => [r.name, r.version]));
}

/** The versions of the tables an answer reads, as one text to keep the answer under and compare. */
export function versionOf(versions: Versions, names: readonly VersionName[]): string {
  return names.map((name) => versions.get(name) ?? 'none').join(':');
}

interface Kept<V> {
  version: string;
  value: V;
  weight: number;
}

/**
 * Answers kept while the versions of the tables they were read from stand, the least recently used dropped first once
 * their weights (rows, most often) pass `maxWeight`. An answer is kept under the versions read before it was read:
 * a write committed in between gives the tables newer versions, so the next request misses and reads again, and an
 * answer is never given under versions its rows are older than. The versions only grow, never coming back to one an
 * answer was kept under.
 */
export class KeptAnswers<V> {
  private readonly kept = new Map<string, Kept<V>>();
  private weight = 0;

  constructor(private readonly maxWeight: number) {}

  /** The answer kept under `key` if it was read at `version`; an older one is dropped. */
  get(key: string, version: string): V | undefined {
    const held = this.kept.get(key);
    if (!held) return undefined;
    this.kept.delete(key);
    if (held.version !== version) {
      this.weight -= held.weight;
      return undefined;
    }
    // Most recently used last, so the first in the map is the first to go.
    this.kept.set(key, held);
    return held.value;
  }

  /** Keeps an answer; one heavier than the whole allowance is not kept. */
  set(key: string, version: string, value: V, weight: number): void {
    const held = this.kept.get(key);
    if (held) {
      this.kept.delete(key);
      this.weight -= held.weight;
    }
    if (weight > this.maxWeight) return;
    this.kept.set(key, { version, value, weight });
    this.weight += weight;
    for (const [oldest, entry] of this.kept) {
      if (this.weight <= this.maxWeight) break;
      this.kept.delete(oldest);
      this.weight -= entry.weight;
    }
  }
}

/**
 * One KeptAnswers per database handle: a transaction's handle reads its own uncommitted writes under versions the
 * others do not see yet, so what it reads is kept apart (and goes with the handle).
 */
export function keptPerDatabase<V>(maxWeight: number): (db: Db) => KeptAnswers<V> {
  const byDb = new WeakMap<Db, KeptAnswers<V>>();
  return (db) => {
    let kept = byDb.get(db);
    if (!kept) byDb.set(db, (kept = new KeptAnswers<V>(maxWeight)));
    return kept;
  };
}
