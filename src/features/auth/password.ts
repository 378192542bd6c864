import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

// argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane): ~30 ms a login on this hardware.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when the username does not exist, so a wrong name costs as long as a wrong password.
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy password that no account has');
  return decoyHash;
}

// Letters and digits that cannot be misread for one another when read off a screen or paper (no 0/O, 1/l/I).
const READABLE = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A one-time password for a new account or a reset: 20 readable characters in groups of five (~100 bits). */
export function oneTimePassword(): string {
  const bytes = randomBytes(20);
  const chars = Array.from(bytes, (b) => READABLE[b % READABLE.length]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}
