/**
 * The engine's thread: computes positions of ledgers sent by engine-thread.ts, one request at a time. Bulk work (a
 * close, the refresh after an import, a report over a province, snapshots of past days) decodes and computes thousands
 * of ledgers: here it takes no turn from the thread that answers requests.
 */
import { getPriority, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { computeArrears } from '../domain/arrears.js';
import { parseRuleSet, type RuleSet, type RuleSetJson } from '../domain/rules.js';
import type { EngineReply, EngineRequest, LateFigures } from './engine-protocol.js';
import { decodeLedger } from './ledger-text.js';

/**
 * On Linux the nice value belongs to each thread (setpriority of 0 is the calling thread): this one, 10 below the
 * process it runs in (itself perhaps started with nice), gives way on a busy machine to the process's other threads,
 * which answer requests. Elsewhere it would lower the whole process, so it is left alone.
 */
const BACKGROUND_NICE = 10;
if (process.platform === 'linux') {
  try {
    setPriority(0, Math.min(19, getPriority(0) + BACKGROUND_NICE));
  } catch {
    // Not allowed here (a sandbox): the thread keeps the process's priority.
  }
}

/** Rule sets parsed, by their JSON text: the engine keeps its tables per rule set object. */
const parsed = new Map<string, RuleSet>();
function ruleSetOf(json: RuleSetJson): RuleSet {
  const key = JSON.stringify(json);
  let rules = parsed.get(key);
  if (!rules) {
    rules = parseRuleSet(json);
    if (parsed.size >= 16) parsed.delete(parsed.keys().next().value!);
    parsed.set(key, rules);
  }
  return rules;
}

function answer(request: EngineRequest): EngineReply {
  const at = request.at.map(({ day, rules }) => ({ day, rules: ruleSetOf(rules) }));
  const results = request.ledgers.map((text) => {
    const ledger = decodeLedger(text);
    return at.map(({ day, rules }) => {
      const p = computeArrears(ledger, rules, day);
      if (request.want === 'position') return p;
      const late: LateFigures = {
        lateAmount: p.lateAmount,
        overdueMonths: p.overdueMonths,
        band: p.band,
        charge: p.charge,
      };
      return late;
    });
  });
  return { id: request.id, ok: true, results };
}

const port = parentPort!;
port.on('message', (request: EngineRequest) => {
  let reply: EngineReply;
  try {
    reply = answer(request);
  } catch (error) {
    reply = { id: request.id, ok: false, message: String((error as Error)?.stack ?? error) };
  }
  port.postMessage(reply);
});
