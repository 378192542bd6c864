import { strFromU8, unzipSync } from 'fflate';

/** Reading a generated .docx back in tests: its document XML, its text, its tables. */

export function documentXml(docx: Buffer): string {
  const files = unzipSync(new Uint8Array(docx));
  const xml = files['word/document.xml'];
  if (!xml) throw new Error('no word/document.xml in the .docx');
  return strFromU8(xml);
}

/** The text of the document, a line per paragraph. */
export function textOf(xml: string): string {
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Each table as its rows, each row as the text of its cells. */
export function tablesOf(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map(([table]) =>
    [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map(([row]) =>
      [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([cell]) => textOf(cell).trim()),
    ),
  );
}

/** The .docx files of a zip (a download of letters), in the zip's order: each one's name and document XML. */
export function docxInZip(zip: Buffer): { name: string; xml: string }[] {
  return Object.entries(unzipSync(new Uint8Array(zip))).map(([name, docx]) => ({
    name,
    xml: documentXml(Buffer.from(docx)),
  }));
}
