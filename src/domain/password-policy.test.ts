import { describe, expect, it } from 'vitest';
import { judgePassword, MAX_LENGTH } from './password-policy.js';

const owner = { username: 'cb.hni', fullName: 'Hoàng Thị Cán' };
const common = new Set(['password', 'qwertyuiop', 'matkhau', 'iloveyou', 'dragon']);
const weakness = (password: string, set: ReadonlySet<string> = common) => {
  const verdict = judgePassword(password, owner, set);
  return verdict.ok ? 'ok' : verdict.weakness;
};

describe('password policy', () => {
  it('accepts twelve characters or more that are neither common nor the owner’s name', () => {
    expect(weakness('tra-sua-tran-chau')).toBe('ok');
    expect(weakness('Mua thu Ha Noi 1975')).toBe('ok');
    expect(weakness('k7#vQ9x!mZ2p')).toBe('ok');
  });

  it('refuses anything shorter than twelve characters that is not a passphrase of four words', () => {
    expect(weakness('k7#vQ9x!mZ2')).toBe('too_short');
    expect(weakness('ba con meo')).toBe('too_short');
  });

  it('accepts a passphrase of four different words even under twelve characters', () => {
    expect(weakness('an do ve mo')).toBe('ok');
    expect(weakness('an an an an')).toBe('too_short');
  });

  it('refuses more than the maximum length', () => {
    expect(weakness('x'.repeat(MAX_LENGTH) + 'y')).toBe('too_long');
  });

  it('refuses a common password, also with digits or symbols stuck on either end or another case', () => {
    expect(weakness('password1234')).toBe('common');
    expect(weakness('2024!!QWERTYUIOP')).toBe('common');
    expect(weakness('MậtKhẩu@2025')).toBe('common');
  });

  it('refuses a password made of one or a few characters repeated', () => {
    expect(weakness('aaaaaaaaaaaaaaa')).toBe('repetitive');
    expect(weakness('abababababab')).toBe('repetitive');
  });

  it('refuses passwords derived from the username or the full name, with or without diacritics', () => {
    expect(weakness('cb.hni-2025-10-15')).toBe('personal');
    expect(weakness('HoangThiCan!!')).toBe('personal');
    expect(weakness('hoàng thị cán 1990')).toBe('personal');
    expect(weakness('Can@Hoang#1990')).toBe('personal');
  });
});
