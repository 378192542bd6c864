import { isUtf8 } from 'node:buffer';

/**
 * The character encodings a CSV file from an office arrives in: UTF-8 (Excel's "CSV UTF-8", with a byte-order mark,
 * or without one from other programs), UTF-16 (Excel's "Unicode Text") and Windows-1258 (Excel's plain "CSV" on a
 * Vietnamese Windows). Decided once per file from its first bytes; the decoder then refuses any byte the encoding
 * does not allow, so a file is never read as garbled text.
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258';

export class EncodingRefused extends Error {
  constructor(
    /** Spreadsheet row (1-based) where the first undecodable byte was met, 0 when decided from the file's start. */
    readonly row: number,
    readonly detected: TextEncoding | 'unknown',
  ) {
    super(`the file is not readable as ${detected === 'unknown' ? 'UTF-8, UTF-16 or Windows-1258' : detected} text`);
    this.name = 'EncodingRefused';
  }
}

/**
 * The encoding of a file from its first bytes (a few kilobytes suffice; the caller gives up to 64 KiB). Throws
 * EncodingRefused when the bytes fit none of them or read as Windows-1258 text that is not Vietnamese (a TCVN3 or
 * VNI file, whose letters would come out as symbols).
 */
export function detectEncoding(head: Buffer): TextEncoding {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // UTF-16 without a mark: ASCII text leaves every other byte zero.
  let evenZeros = 0;
  let oddZeros = 0;
  const sample = Math.min(head.length, 4096);
  for (let i = 0; i < sample; i++) if (head[i] === 0) i % 2 === 0 ? evenZeros++ : oddZeros++;
  if (oddZeros > sample / 4 && evenZeros === 0) return 'utf-16le';
  if (evenZeros > sample / 4 && oddZeros === 0) return 'utf-16be';
  if (isUtf8(withoutCutSequence(head))) return 'utf-8';
  let text: string;
  try {
    text = new TextDecoder('windows-1258', { fatal: true }).decode(head);
  } catch {
    throw new EncodingRefused(0, 'unknown');
  }
  if (!looksVietnamese(text.normalize('NFC'))) throw new EncodingRefused(0, 'unknown');
  return 'windows-1258';
}

/** The head without a UTF-8 sequence cut by the end of the sample. */
function withoutCutSequence(head: Buffer): Buffer {
  let end = head.length;
  // At most three continuation bytes and their lead byte can be cut.
  for (let k = 1; k <= 4 && end - k >= 0; k++) {
    const b = head[end - k]!;
    if (b < 0x80) break;
    if (b >= 0xc0) {
      end -= k;
      break;
    }
  }
  return head.subarray(0, end);
}

/** Vietnamese letters with their marks: a Latin letter or đ, then tone and vowel marks only. */
function isVietnameseLetter(ch: string): boolean {
  const parts = ch.normalize('NFD');
  const base = parts.charCodeAt(0);
  const latin = (base >= 65 && base <= 90) || (base >= 97 && base <= 122) || base === 0x111 || base === 0x110;
  if (!latin) return false;
  for (let i = 1; i < parts.length; i++) {
    const c = parts.charCodeAt(i);
    if (
      !(
        c === 0x300 ||
        c === 0x301 ||
        c === 0x303 ||
        c === 0x309 ||
        c === 0x323 ||
        c === 0x302 ||
        c === 0x306 ||
        c === 0x31b
      )
    )
      return false;
  }
  return true;
}

/** Text whose letters beyond ASCII are Vietnamese ones (a few symbols such as '№' or '°' aside). */
function looksVietnamese(text: string): boolean {
  let other = 0;
  let letters = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) continue;
    if (isVietnameseLetter(ch)) letters++;
    else other++;
  }
  return other <= letters / 10;
}

/**
 * Decodes a file's chunks in the encoding found, refusing undecodable bytes. Windows-1258 writes tone marks as
 * separate characters, so its text is composed (NFC) to match what UTF-8 files hold; a letter at the end of a chunk
 * waits for the marks that may begin the next one.
 */
export class ChunkDecoder {
  private readonly decoder: InstanceType<typeof TextDecoder>;
  private pending = '';

  constructor(readonly encoding: TextEncoding) {
    this.decoder = new TextDecoder(encoding, { fatal: true });
  }

  /** The text of the next chunk; `row` tells the row reached, for the message when a byte is refused. */
  decode(chunk: Buffer, row: () => number): string {
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      throw new EncodingRefused(row(), this.encoding);
    }
    if (this.encoding !== 'windows-1258') return text;
    const whole = this.pending + text;
    let cut = whole.length;
    while (cut > 0 && isCombining(whole.charCodeAt(cut - 1))) cut--;
    cut = Math.max(0, cut - 1);
    this.pending = whole.slice(cut);
    return whole.slice(0, cut).normalize('NFC');
  }

  /** What is left once the file has ended. */
  end(row: () => number): string {
    let text: string;
    try {
      text = this.decoder.decode();
    } catch {
      throw new EncodingRefused(row(), this.encoding);
    }
    const rest = this.pending + text;
    this.pending = '';
    return this.encoding === 'windows-1258' ? rest.normalize('NFC') : rest;
  }
}

const isCombining = (c: number) => c >= 0x300 && c <= 0x36f;
