import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';

/**
 * The attachments folder: files live at `attachments/YYYY/MM/<uuid>` under the files folder, the database row
 * holding that path with the name, type, size and sha256. Uploads arrive in `incoming/` of the same folder, so
 * keeping one is a rename, never a copy; a file there that no row names is an upload that failed or was cut off.
 */
export class AttachmentFiles {
  constructor(private readonly root: string) {}

  /** A new path to receive an upload into. */
  async incomingPath(): Promise<string> {
    const dir = join(this.root, 'incoming');
    await mkdir(dir, { recursive: true });
    return join(dir, `${randomUUID()}.part`);
  }

  /** Moves a received file to its place; returns the path the row keeps (relative, with forward slashes). */
  async keep(incoming: string, at: Date): Promise<string> {
    const stored = `attachments/${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}`;
    await mkdir(join(this.root, stored, '..'), { recursive: true });
    await rename(incoming, this.absolute(stored));
    return stored;
  }

  async discard(stored: string): Promise<void> {
    await rm(this.absolute(stored), { force: true });
  }

  /** The stored file, opened; null when it is not there (a folder restored without it). */
  async open(stored: string): Promise<FileHandle | null> {
    try {
      return await open(this.absolute(stored), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** A stored path inside the folder; one that would lead outside it is a damaged row, refused loudly. */
  private absolute(stored: string): string {
    const path = resolve(this.root, stored);
    if (relative(this.root, path).split(sep)[0] === '..')
      throw new Error(`attachment path outside the files folder: ${stored}`);
    return path;
  }
}
