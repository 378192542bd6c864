import { describe, expect, it } from 'vitest';
import { judgePassword } from '../../domain/password-policy.js';
import { commonPasswords } from './common-passwords.js';

const owner = { username: 'cb.hni', fullName: 'Hoàng Thị Cán' };
const weakness = (password: string) => {
  const verdict = judgePassword(password, owner, commonPasswords());
  return verdict.ok ? 'ok' : verdict.weakness;
};

describe('the bundled common passwords', () => {
  it('ships a list of thousands of common passwords that the policy uses', () => {
    expect(commonPasswords().size).toBeGreaterThan(5000);
    expect(weakness('iloveyou2025!')).toBe('common');
    expect(weakness('baseball12345')).toBe('common');
    expect(weakness('anhyeuem@123456')).toBe('common');
    expect(weakness('tra-sua-tran-chau')).toBe('ok');
  });
});
