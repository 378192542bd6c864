/**
 * COPY input cut into slices for the embedded database, where each slice is one statement and a request waits behind
 * the statement under way: the slice's size is what bounds that wait, whatever the size of the chunks the input
 * arrives in (a reader's 4 MB made statements of seconds). A slice ends at the first record end past `sliceBytes`, so
 * every statement holds whole records, and a record longer than `sliceBytes` makes a slice of its own length.
 */

const NL = 0x0a;
const QUOTE = 0x22;

/**
 * `text`: COPY's text format, where a line break inside a value is escaped, so every line break ends a record.
 * `csv`: a line break inside a quoted field is part of the field. Quotes are counted from the first byte: a doubled
 * quote inside a field counts twice and leaves the state as it was.
 */
export type CopyFormat = 'text' | 'csv';

/** Whether an odd number of quotes lies in bytes[from, to). */
function oddQuotes(bytes: Uint8Array, from: number, to: number): boolean {
  let odd = false;
  for (let q = bytes.indexOf(QUOTE, from); q >= 0 && q < to; q = bytes.indexOf(QUOTE, q + 1)) odd = !odd;
  return odd;
}

/**
 * The bytes of `chunks` in slices of whole records. Each slice is a fresh array of exactly its bytes, owned by no one
 * else, so it can be transferred to the database's thread rather than copied (a view into a larger buffer would be
 * cloned with all of that buffer). The input is not required to break at record ends.
 */
export async function* copySlices(
  chunks: AsyncIterable<Uint8Array | string>,
  format: CopyFormat,
  sliceBytes: number,
): AsyncGenerator<Uint8Array> {
  let pieces: Uint8Array[] = [];
  let size = 0;
  // Whether the bytes already taken end inside a quoted field.
  let quoted = false;
  const slice = () => {
    const out = new Uint8Array(size);
    let at = 0;
    for (const piece of pieces) {
      out.set(piece, at);
      at += piece.length;
    }
    pieces = [];
    size = 0;
    return out;
  };
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    // bytes[from…] is not in a slice yet; bytes before `scanned` have been counted into `quoted`.
    let from = 0;
    let scanned = 0;
    for (;;) {
      // The earliest line break that may end this slice: the one at which it reaches sliceBytes.
      const earliest = Math.max(scanned, from + sliceBytes - size - 1);
      if (earliest >= bytes.length) break;
      const nl = bytes.indexOf(NL, earliest);
      const end = nl < 0 ? bytes.length : nl;
      if (format === 'csv' && oddQuotes(bytes, scanned, end)) quoted = !quoted;
      scanned = end;
      if (nl < 0) break;
      scanned = nl + 1;
      if (quoted) continue;
      pieces.push(bytes.subarray(from, nl + 1));
      size += nl + 1 - from;
      from = nl + 1;
      yield slice();
    }
    if (format === 'csv' && oddQuotes(bytes, scanned, bytes.length)) quoted = !quoted;
    if (from < bytes.length) {
      pieces.push(bytes.subarray(from));
      size += bytes.length - from;
    }
  }
  if (size > 0) yield slice();
}
