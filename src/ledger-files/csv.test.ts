import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvBlocks, CsvParser, CsvSyntaxError } from './csv.js';

const parse = (chunks: string[]) => {
  const records: [number, string[]][] = [];
  const parser = new CsvParser((fields, line) => records.push([line, fields]));
  for (const c of chunks) parser.push(c);
  parser.end();
  return records;
};

describe('CsvParser', () => {
  it('splits plain records and numbers their lines, skipping blank lines', () => {
    expect(parse(['a,b\r\n1,2\n\n3,\n'])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [4, ['3', '']],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and newlines', () => {
    const records = parse(['code,name\nX1,"Công ty ""A"", chi nhánh\nHà Nội",5\n']);
    expect(records).toEqual([
      [1, ['code', 'name']],
      [2, ['X1', 'Công ty "A", chi nhánh\nHà Nội', '5']],
    ]);
  });

  it('gives the same records whatever the chunk boundaries, and drops a byte-order mark', () => {
    const text = '\uFEFFa,b\n"x\ny",z\n1,2';
    const whole = parse([text]);
    for (let cut = 1; cut < text.length; cut++) expect(parse([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    expect(whole[0]![1]).toEqual(['a', 'b']);
    expect(whole[2]).toEqual([4, ['1', '2']]);
  });

  it('reports an unclosed quote with its line', () => {
    const error = (() => {
      try {
        parse(['a,b\n"open,1\n']);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect((error as CsvSyntaxError).line).toBe(2);
  });
});

describe('csvBlocks', () => {
  const read = async (bytes: Buffer) => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-test-'));
    try {
      writeFileSync(join(dir, 'f.csv'), bytes);
      const records: [number, string[]][] = [];
      for await (const block of csvBlocks(join(dir, 'f.csv'))) for (const r of block) records.push([r.line, r.fields]);
      return records;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('numbers records by spreadsheet row: a blank line is a row, a line break inside quotes is not', async () => {
    expect(await read(Buffer.from('a,b\n"x\ny",z\n\n1,2\n'))).toEqual([
      [1, ['a', 'b']],
      [2, ['x\ny', 'z']],
      [4, ['1', '2']],
    ]);
  });

  it('takes the separator from the header line: semicolons from a Vietnamese Excel, tabs from its Unicode text', async () => {
    expect(await read(Buffer.from('employer;amount\nHN1;"1.000,00"\n'))).toEqual([
      [1, ['employer', 'amount']],
      [2, ['HN1', '1.000,00']],
    ]);
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('employer\tamount\r\nHN1\t1,000\r\n', 'utf16le'),
    ]);
    expect(await read(utf16)).toEqual([
      [1, ['employer', 'amount']],
      [2, ['HN1', '1,000']],
    ]);
  });
});
