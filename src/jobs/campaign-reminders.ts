import { CampaignService } from '../features/campaigns/service.js';
import type { JobDefinition } from './runner.js';

/** Reminders an hour before each campaign deadline to the directors of provinces that have not reported. */
export const campaignReminders: JobDefinition = {
  name: 'campaign-reminders',
  everyMs: 60_000,
  frequent: true,
  async run({ db, clock }) {
    const sent = await new CampaignService(db, clock).sendReminders();
    return { summary: `${sent} reminders`, idle: sent === 0 };
  },
};
