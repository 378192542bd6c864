// Builds the server (tsc → dist/server, with the SQL migrations and the common-password list beside it) and the web UI (vite → dist/web).
// With --if-stale it does nothing when the build is newer than every source file, so `npm start` stays fast.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const stamp = join(root, 'dist', '.build-stamp');
const sources = ['src', 'web', 'package.json', 'tsconfig.json', 'package-lock.json'];

function newestMtime(path) {
  const full = join(root, path);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(full).map((name) => newestMtime(join(path, name))));
}

if (process.argv.includes('--if-stale') && existsSync(stamp)) {
  const built = statSync(stamp).mtimeMs;
  if (Math.max(...sources.map(newestMtime)) <= built) process.exit(0);
}

const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (file, args) => execFileSync(file, args, { cwd: root, stdio: 'inherit' });
console.log('dondoc: build…');
// Built afresh: a module moved or removed in the sources must not linger in dist (a stale import could still find
// it), nor a removed migration, which the loader would count.
rmSync(join(root, 'dist', 'server'), { recursive: true, force: true });
run(bin('tsc'), ['-p', 'tsconfig.json']);
for (const data of ['migrations', 'seed']) {
  cpSync(join(root, 'src', 'db', data), join(root, 'dist', 'server', 'db', data), { recursive: true });
}
cpSync(
  join(root, 'src', 'features', 'auth', 'common-passwords.txt'),
  join(root, 'dist', 'server', 'features', 'auth', 'common-passwords.txt'),
);
run(bin('vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
writeFileSync(stamp, new Date().toISOString());
