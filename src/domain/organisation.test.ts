import { describe, expect, it } from 'vitest';
import { can, isInScope, mayGrantRole, roleFitsOffice, scopePath } from './organisation.js';

describe('scopePath', () => {
  it('gives national departments the whole country', () => {
    expect(scopePath({ kind: 'department', path: '/1/3/' })).toBe('/1/');
    expect(scopePath({ kind: 'national', path: '/1/' })).toBe('/1/');
  });

  it('keeps a provincial user inside the province subtree', () => {
    const scope = scopePath({ kind: 'province', path: '/1/7/' });
    expect(isInScope(scope, '/1/7/')).toBe(true);
    expect(isInScope(scope, '/1/7/80/')).toBe(true);
    expect(isInScope(scope, '/1/8/')).toBe(false);
  });

  it('does not let province 7 match province 70 by a shared digit prefix', () => {
    expect(isInScope(scopePath({ kind: 'province', path: '/1/7/' }), '/1/70/')).toBe(false);
  });

  it('keeps a grassroots officer inside the own office', () => {
    const scope = scopePath({ kind: 'grassroots', path: '/1/7/80/' });
    expect(isInScope(scope, '/1/7/80/')).toBe(true);
    expect(isInScope(scope, '/1/7/81/')).toBe(false);
    expect(isInScope(scope, '/1/7/')).toBe(false);
  });
});

describe('roles', () => {
  it('lets only directors and the national admin assign officials', () => {
    expect(can('province_director', 'assignment.write')).toBe(true);
    expect(can('national_admin', 'assignment.write')).toBe(true);
    expect(can('province_officer', 'assignment.write')).toBe(false);
    expect(can('inspection', 'employer.write')).toBe(false);
  });

  it('places provincial roles in provincial offices only', () => {
    expect(roleFitsOffice('province_director', 'province')).toBe(true);
    expect(roleFitsOffice('province_director', 'grassroots')).toBe(false);
    expect(roleFitsOffice('collection_board', 'department')).toBe(true);
  });
});

describe('account management', () => {
  it('is for the national administrator and the province directors only', () => {
    expect(can('national_admin', 'user.manage')).toBe(true);
    expect(can('province_director', 'user.manage')).toBe(true);
    expect(can('collection_board', 'user.manage')).toBe(false);
    expect(can('province_officer', 'user.manage')).toBe(false);
  });

  it('lets a director give provincial and grassroots roles but no national one', () => {
    expect(mayGrantRole('province_director', 'province_director')).toBe(true);
    expect(mayGrantRole('province_director', 'grassroots_officer')).toBe(true);
    expect(mayGrantRole('province_director', 'collection_board')).toBe(false);
    expect(mayGrantRole('province_director', 'national_admin')).toBe(false);
    expect(mayGrantRole('national_admin', 'national_admin')).toBe(true);
  });
});
