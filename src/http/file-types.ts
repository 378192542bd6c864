/**
 * File kinds told from their first bytes, never from what the uploader says: a file is stored and served as the
 * kind its content shows, or refused.
 */

const startsWith = (head: Buffer, bytes: number[]) => bytes.every((b, i) => head[i] === b);

export const isZip = (head: Buffer) => startsWith(head, [0x50, 0x4b, 0x03, 0x04]);
const isOle = (head: Buffer) => startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Starts of binary formats an office might upload by mistake; text never starts with them. */
const BINARY_MAGIC: number[][] = [
  [0x50, 0x4b],
  [0x25, 0x50, 0x44, 0x46],
  [0xd0, 0xcf, 0x11, 0xe0],
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  [0x1f, 0x8b],
  [0x42, 0x5a, 0x68],
  [0x37, 0x7a, 0xbc, 0xaf],
  [0x52, 0x61, 0x72, 0x21],
  [0x7f, 0x45, 0x4c, 0x46],
  [0x4d, 0x5a],
];

/** Text (CSV, a note): no NUL byte in the first bytes and not the start of a known binary format. */
export function isText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  return !BINARY_MAGIC.some((magic) => startsWith(head, magic));
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** What an attachment may be, with the only Content-Type it is served with. */
export interface AttachmentKind {
  type: string;
  /** The client may declare any of these (octet-stream is always accepted: the content decides). */
  declared: readonly string[];
}

const KINDS = {
  pdf: { type: 'application/pdf', declared: ['application/pdf'] },
  png: { type: 'image/png', declared: ['image/png'] },
  jpeg: { type: 'image/jpeg', declared: ['image/jpeg', 'image/jpg', 'image/pjpeg'] },
  gif: { type: 'image/gif', declared: ['image/gif'] },
  webp: { type: 'image/webp', declared: ['image/webp'] },
  tiff: { type: 'image/tiff', declared: ['image/tiff'] },
  docx: { type: DOCX_TYPE, declared: [DOCX_TYPE] },
  xlsx: { type: XLSX_TYPE, declared: [XLSX_TYPE] },
  odt: { type: 'application/vnd.oasis.opendocument.text', declared: ['application/vnd.oasis.opendocument.text'] },
  ods: {
    type: 'application/vnd.oasis.opendocument.spreadsheet',
    declared: ['application/vnd.oasis.opendocument.spreadsheet'],
  },
  doc: { type: 'application/msword', declared: ['application/msword'] },
  xls: { type: 'application/vnd.ms-excel', declared: ['application/vnd.ms-excel'] },
  text: { type: 'text/plain; charset=utf-8', declared: ['text/plain'] },
  csv: { type: 'text/csv; charset=utf-8', declared: ['text/csv', 'application/vnd.ms-excel'] },
  json: { type: 'application/json', declared: ['application/json'] },
} satisfies Record<string, AttachmentKind>;

/** Every type a client may declare for an attachment: anything else is refused before the body is read. */
export const ATTACHMENT_DECLARED_TYPES: ReadonlySet<string> = new Set([
  'application/octet-stream',
  ...Object.values(KINDS).flatMap((k) => k.declared),
]);

const extensionOf = (fileName: string) => /\.([a-z0-9]{1,5})$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';

/**
 * The kind of an attachment from its first bytes; the file name and the declared type only pick among formats
 * that share a start (the Office and OpenDocument formats are all zip files; text is text). Null: not a kind we keep.
 */
export function attachmentKind(head: Buffer, fileName: string, declared: string): AttachmentKind | null {
  const ext = extensionOf(fileName);
  const fits = (kind: AttachmentKind) => declared === 'application/octet-stream' || kind.declared.includes(declared);
  const pick = (kind: AttachmentKind) => (fits(kind) ? kind : null);
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return pick(KINDS.pdf);
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return pick(KINDS.png);
  if (startsWith(head, [0xff, 0xd8, 0xff])) return pick(KINDS.jpeg);
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return pick(KINDS.gif);
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && head.toString('latin1', 8, 12) === 'WEBP') return pick(KINDS.webp);
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return pick(KINDS.tiff);
  if (isZip(head)) {
    const zipKinds = { docx: KINDS.docx, xlsx: KINDS.xlsx, odt: KINDS.odt, ods: KINDS.ods } as const;
    const byName = zipKinds[ext as keyof typeof zipKinds];
    const kind = byName ?? Object.values(zipKinds).find((k) => k.declared.includes(declared));
    return kind ? pick(kind) : null;
  }
  if (isOle(head)) {
    const kind =
      ext === 'xls' || declared === KINDS.xls.type
        ? KINDS.xls
        : ext === 'doc' || declared === KINDS.doc.type
          ? KINDS.doc
          : null;
    return kind ? pick(kind) : null;
  }
  if (isText(head)) {
    if (declared === 'application/json' || (declared === 'application/octet-stream' && ext === 'json'))
      return KINDS.json;
    if (declared === 'text/csv' || ext === 'csv') return pick(KINDS.csv);
    if (declared === 'text/plain' || ext === 'txt' || (declared === 'application/octet-stream' && ext === ''))
      return pick(KINDS.text);
  }
  return null;
}

/** The type an attachment is served with: its stored kind's, or plain bytes for a row kept from before the check. */
export function servedType(stored: string): string {
  const base = stored.split(';')[0]!.trim().toLowerCase();
  const kind = Object.values(KINDS).find((k) => k.type.split(';')[0] === base);
  return kind ? kind.type : 'application/octet-stream';
}
