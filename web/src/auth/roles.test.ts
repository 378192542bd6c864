import { describe, expect, it } from 'vitest';
import { ROLE_CODES } from '../../../src/domain/organisation';
import { fixedLanding, landingOnCampaign, mayOpen } from './roles';

const campaign = { id: 7, firstDay: '2025-10-01', lastDay: '2025-10-31' };

describe('pages by role', () => {
  it('offers the import page only to the roles the server lets import', () => {
    expect(mayOpen({ role: 'grassroots_officer' }, '/imports')).toBe(false);
    expect(mayOpen({ role: 'province_officer' }, '/imports')).toBe(true);
    expect(mayOpen({ role: 'collection_board' }, '/imports')).toBe(false);
  });

  it('offers the accounts page only to account managers, and public lists only to those who assemble them', () => {
    expect(ROLE_CODES.filter((role) => mayOpen({ role }, '/users'))).toEqual(['national_admin', 'province_director']);
    expect(ROLE_CODES.filter((role) => mayOpen({ role }, '/disclosure'))).toEqual([
      'national_admin',
      'inspection',
      'communication',
      'province_director',
    ]);
  });

  it('lands every role on a page it may open', () => {
    for (const role of ROLE_CODES) {
      const landing = fixedLanding({ role }) ?? landingOnCampaign({ role, office: { id: 3 } }, [], '2025-10-15');
      expect(mayOpen({ role }, landing), role).toBe(true);
    }
  });
});

describe('where a director and the collection board start', () => {
  it("opens today's report of the running campaign for a director, the national board for the collection board", () => {
    const director = { role: 'province_director', office: { id: 3 } };
    expect(landingOnCampaign(director, [campaign], '2025-10-15')).toBe('/campaigns/7/reports/3/2025-10-15');
    expect(landingOnCampaign({ ...director, role: 'collection_board' }, [campaign], '2025-10-15')).toBe(
      '/campaigns/7/board?day=2025-10-15',
    );
  });

  it('opens the overview outside a campaign', () => {
    expect(landingOnCampaign({ role: 'province_director', office: { id: 3 } }, [campaign], '2025-11-01')).toBe(
      '/oversight',
    );
  });
});
