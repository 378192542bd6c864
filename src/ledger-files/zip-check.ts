import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';

/** Why a workbook is refused before it is opened: too large once unpacked (413) or not a plain zip file (415). */
export class WorkbookRefused extends Error {
  constructor(
    readonly reason: 'too_large' | 'malformed',
    message: string,
  ) {
    super(message);
    this.name = 'WorkbookRefused';
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 10_000;
const MAX_CENTRAL_BYTES = 16 * 1024 * 1024;

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressed: number;
  unpacked: number;
  offset: number;
}

const malformed = (what: string) => new WorkbookRefused('malformed', `is not a readable .xlsx workbook (${what})`);

/**
 * Checks an .xlsx (a zip file) before anything expands it — a zip bomb of a few hundred KB would otherwise unpack
 * to gigabytes while the reader holds the server: the central directory's sizes must add up to at most
 * `maxUnpacked`; the entries must follow one another with nothing hidden between them (a streaming reader, as
 * ExcelJS's is, reads the local entries, not the directory); and each entry is inflated once into nothing to prove
 * it unpacks to no more than it declares. The inflating runs on libuv's threads, so other requests go on meanwhile.
 */
export async function checkWorkbookZip(path: string, maxUnpacked: number): Promise<void> {
  const file = await open(path, 'r');
  let entries: Entry[];
  let directoryAt: number;
  try {
    const { size } = await file.stat();
    const tailLength = Math.min(size, 22 + 65_535);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw malformed('no zip directory');
    const count = tail.readUInt16LE(eocd + 10);
    const directorySize = tail.readUInt32LE(eocd + 12);
    directoryAt = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || directoryAt === 0xffffffff || directorySize === 0xffffffff) {
      throw new WorkbookRefused('too_large', 'is a ZIP64 workbook, larger than an import may be');
    }
    if (count > MAX_ENTRIES || directorySize > MAX_CENTRAL_BYTES) throw malformed(`${count} entries`);
    if (directoryAt + directorySize > size - tailLength + eocd) throw malformed('the directory lies outside the file');
    const directory = Buffer.alloc(directorySize);
    await file.read(directory, 0, directorySize, directoryAt);
    entries = [];
    let total = 0;
    for (let p = 0, k = 0; k < count; k++) {
      if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL) throw malformed('a damaged directory');
      const nameLength = directory.readUInt16LE(p + 28);
      const entry: Entry = {
        flags: directory.readUInt16LE(p + 8),
        method: directory.readUInt16LE(p + 10),
        compressed: directory.readUInt32LE(p + 20),
        unpacked: directory.readUInt32LE(p + 24),
        offset: directory.readUInt32LE(p + 42),
        name: directory.toString('utf8', p + 46, p + 46 + nameLength),
      };
      if (entry.compressed === 0xffffffff || entry.unpacked === 0xffffffff || entry.offset === 0xffffffff) {
        throw new WorkbookRefused('too_large', 'is a ZIP64 workbook, larger than an import may be');
      }
      if (entry.method !== 0 && entry.method !== 8)
        throw malformed(`entry ${entry.name} uses compression method ${entry.method}`);
      if (entry.flags & 1) throw malformed(`entry ${entry.name} is encrypted`);
      total += entry.unpacked;
      if (total > maxUnpacked) {
        throw new WorkbookRefused('too_large', `unpacks to more than ${maxUnpacked} bytes (the limit of an import)`);
      }
      entries.push(entry);
      p += 46 + nameLength + directory.readUInt16LE(p + 30) + directory.readUInt16LE(p + 32);
    }
    // The entries tile the file from its start to the directory: no local entry the directory does not list.
    entries.sort((a, b) => a.offset - b.offset);
    let expected = 0;
    const local = Buffer.alloc(30);
    for (const entry of entries) {
      if (entry.offset !== expected) throw malformed(`unlisted bytes before entry ${entry.name}`);
      await file.read(local, 0, 30, entry.offset);
      if (local.readUInt32LE(0) !== LOCAL) throw malformed(`entry ${entry.name} has no local header`);
      const descriptor = (local.readUInt16LE(6) & 8) !== 0;
      if (!descriptor && local.readUInt32LE(18) !== entry.compressed)
        throw malformed(`entry ${entry.name} has two sizes`);
      const dataAt = entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      (entry as Entry & { dataAt: number }).dataAt = dataAt;
      expected = dataAt + entry.compressed;
      if (descriptor) {
        const sig = Buffer.alloc(4);
        await file.read(sig, 0, 4, expected);
        expected += sig.readUInt32LE(0) === 0x08074b50 ? 16 : 12;
      }
    }
    if (expected !== directoryAt) throw malformed('unlisted bytes before the directory');
  } finally {
    await file.close();
  }
  for (const entry of entries as (Entry & { dataAt: number })[]) {
    if (entry.method === 0 || entry.compressed === 0) continue;
    await inflateAtMost(path, entry.dataAt, entry.compressed, entry.unpacked, entry.name);
  }
}

/** Inflates one entry's bytes into nothing, refusing it the moment it yields more than it declared. */
async function inflateAtMost(path: string, start: number, length: number, declared: number, name: string) {
  let produced = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      produced += chunk.length;
      callback(
        produced > declared ? new WorkbookRefused('too_large', `entry ${name} unpacks to more than it declares`) : null,
      );
    },
  });
  try {
    await pipeline(createReadStream(path, { start, end: start + length - 1 }), createInflateRaw(), sink);
  } catch (error) {
    if (error instanceof WorkbookRefused) throw error;
    throw malformed(`entry ${name} is damaged`);
  }
}
