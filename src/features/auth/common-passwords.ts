import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Shipped beside this module (copied next to the compiled code by the build). */
export const COMMON_PASSWORDS_FILE = fileURLToPath(new URL('./common-passwords.txt', import.meta.url));

let loaded: ReadonlySet<string> | undefined;

/** The bundled list of common passwords, read once, lower case; lines starting with # are notes. */
export function commonPasswords(): ReadonlySet<string> {
  loaded ??= new Set(
    readFileSync(COMMON_PASSWORDS_FILE, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return loaded;
}
