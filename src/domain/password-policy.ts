/**
 * Chính sách mật khẩu: what a password chosen by a person must be (OWASP ASVS L2, NIST 800-63B): long rather than
 * complicated, not among the passwords attackers try first, and not made of the account's own name. No rule on
 * character classes: they push people to "Password1!" and add nothing a length rule does not.
 */

export const MIN_LENGTH = 12;
export const MIN_PASSPHRASE_WORDS = 4;
/** Long enough for any passphrase; the bound keeps a hash of megabytes from being asked for. */
export const MAX_LENGTH = 200;

export type PasswordWeakness = 'too_short' | 'too_long' | 'common' | 'personal' | 'repetitive';

/** The weakness names what to fix; its message is the API's error catalogue's (weak_password). */
export type PasswordVerdict = { ok: true } | { ok: false; weakness: PasswordWeakness };

export interface PasswordOwner {
  username: string;
  fullName: string;
}

/** Lower case, no diacritics (đ → d): "Nguyễn" and "nguyen" are the same guess to an attacker. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

const lettersAndDigits = (text: string) => text.replace(/[^a-z0-9]/g, '');

/** Words of a passphrase: runs of letters or digits between spaces, dashes, dots or underscores. */
function passphraseWords(folded: string): string[] {
  return folded.split(/[\s\-_.,;]+/).filter((w) => w.length >= 2);
}

/** "password2024!", "!!qwerty123": a common password with digits or symbols stuck on either end. */
function core(folded: string): string {
  return folded.replace(/^[^a-z]+/, '').replace(/[^a-z]+$/, '');
}

/**
 * Judges a new password for its owner. `common` is the bundled list of common passwords, folded to lower case.
 * The first weakness found is reported, in the order a person would fix them.
 */
export function judgePassword(password: string, owner: PasswordOwner, common: ReadonlySet<string>): PasswordVerdict {
  const weak = (weakness: PasswordWeakness): PasswordVerdict => ({ ok: false, weakness });
  if ([...password].length > MAX_LENGTH) return weak('too_long');
  const folded = fold(password);
  const words = passphraseWords(folded);
  const longEnough = [...password].length >= MIN_LENGTH || new Set(words).size >= MIN_PASSPHRASE_WORDS;
  if (!longEnough) return weak('too_short');

  const compact = lettersAndDigits(folded);
  if (new Set(compact).size < 4) return weak('repetitive');
  if (common.has(folded) || common.has(compact) || common.has(core(folded)) || common.has(core(compact))) {
    return weak('common');
  }

  // What is left once the username and every part of the full name are taken out must still be a password.
  const username = lettersAndDigits(fold(owner.username));
  const nameParts = fold(owner.fullName)
    .split(/\s+/)
    .map(lettersAndDigits)
    .filter((p) => p.length >= 2);
  const fullName = nameParts.join('');
  if ((username.length >= 3 && compact.includes(username)) || (fullName.length >= 3 && compact.includes(fullName))) {
    return weak('personal');
  }
  let rest = compact;
  for (const part of [username, ...nameParts].sort((a, b) => b.length - a.length)) {
    if (part.length >= 2) rest = rest.split(part).join('');
  }
  if (rest.length < compact.length && (rest.length < 8 || common.has(core(rest)))) return weak('personal');
  return { ok: true };
}
