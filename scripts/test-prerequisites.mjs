// What the test suite needs beyond node_modules: PostgreSQL 15 binaries (the harness starts its own server) and
// Debian's Chromium (browser tests). `npm test` runs this first; on a machine where we are root with apt-get, it
// installs what is missing; anywhere else it stops with the command to run. It never lets the suite start without
// them: a silently skipped half of the suite would hide real breakage.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const needed = [
  { pkg: 'postgresql-15', file: `${process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin'}/initdb` },
  { pkg: 'chromium', file: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
];

const missing = () => needed.filter((n) => !existsSync(n.file));
const packages = missing().map((n) => n.pkg);
if (packages.length > 0) {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error(
      `test: thiếu / missing ${packages.join(', ')}. Cài / install: sudo apt-get install -y ${packages.join(' ')}`,
    );
    process.exit(1);
  }
  console.log(`test: cài / installing ${packages.join(', ')} (apt-get)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
  const still = missing();
  if (still.length > 0) {
    console.error(`test: cài đặt không thành công / install did not provide ${still.map((n) => n.file).join(', ')}`);
    process.exit(1);
  }
}
