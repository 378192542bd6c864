import { seedDemoActions, seedDemoCampaign } from './seed.js';
import { vietnamDate } from '../domain/calendar.js';
import { addMonths, lastDayOf, periodOfDay } from '../domain/periods.js';
import { finishDemoLoad } from './install.js';
import { backfillSnapshots } from '../ledger/snapshots.js';
import { readInstallation } from '../features/system/queries.js';
import { closeLadder, DAILY_CLOSE } from '../jobs/daily-close.js';
import { doneFor } from '../jobs/queries.js';
import type { JobDefinition } from '../jobs/runner.js';

export const DEMO_HISTORY = 'demo-history';

/**
 * The last part of a demo load, which needs the first close's positions: the urging history, twelve month-ends of
 * arrears snapshots for the dashboards, a campaign under way, the ladder again with all of that, and only then the
 * marker that the demo is complete. A crash before the marker makes the next start load the demo again.
 */
export const demoHistory: JobDefinition = {
  name: DEMO_HISTORY,
  everyMs: 60_000,
  async due({ db, clock }) {
    const installation = await readInstallation(db);
    return (
      installation?.purpose === 'demo' &&
      installation.state === 'loading' &&
      (await doneFor(db, DAILY_CLOSE)) === vietnamDate(clock.now())
    );
  },
  async run(context) {
    const { db, clock, handle } = context;
    const today = vietnamDate(clock.now());
    const seeded = await seedDemoActions(db, clock);
    await context.checkpoint();
    const monthEnds = Array.from({ length: 12 }, (_, k) => lastDayOf(addMonths(periodOfDay(today), -12 + k)));
    await backfillSnapshots(db, monthEnds, context.checkpoint);
    await context.checkpoint();
    const campaign = await seedDemoCampaign(db, clock, context.checkpoint);
    const moves = await closeLadder(context);
    await context.checkpoint();
    await finishDemoLoad(handle, clock);
    return {
      summary:
        `demo arrears history: ${seeded.actions} actions, ${seeded.promises} promises, 12 month-ends, ` +
        `campaign ${campaign.actions} actions, ${campaign.reports} reports, ${moves} ladder moves`,
    };
  },
};
