import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { formatDay } from '../../domain/format.js';
import { COUNT_FORMAT, MONEY_FORMAT, styleHeadRow } from '../../http/spreadsheet.js';
import { entriesOf, type publicList } from './service.js';

type PublicList = Awaited<ReturnType<typeof publicList>>;

/** The public .xlsx of an approved list: title, date of the figures, then one row per employer. */
async function buildWorkbook(db: Kysely<Database>, list: PublicList): Promise<Buffer> {
  const { items } = await entriesOf(db, list.id, { page: 1, pageSize: 1_000_000 });
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Danh sách');
  sheet.columns = [
    { width: 6 },
    { width: 45 },
    { width: 16 },
    { width: 50 },
    { width: 12 },
    { width: 20 },
    { width: 14 },
  ];
  const title = sheet.addRow([list.title.toUpperCase()]);
  sheet.mergeCells(title.number, 1, title.number, 7);
  title.font = { bold: true, size: 13 };
  const dated = sheet.addRow([`Số liệu đến ngày ${formatDay(list.as_of)}`]);
  sheet.mergeCells(dated.number, 1, dated.number, 7);
  dated.font = { italic: true };
  sheet.addRow([]);
  const head = sheet.addRow([
    'STT',
    'Tên đơn vị',
    'Mã số thuế',
    'Địa chỉ',
    list.kind === 'commendation' ? 'Số lao động' : 'Số tháng chậm đóng',
    list.kind === 'commendation' ? '' : 'Số tiền (đồng)',
    'Ghi chú',
  ]);
  styleHeadRow(sheet, head);
  items.forEach((e, i) => {
    const row = sheet.addRow([
      i + 1,
      e.name,
      e.taxCode,
      e.address,
      list.kind === 'commendation' ? null : e.monthsLate,
      list.kind === 'commendation' ? null : e.amount,
      e.status === 'paid' ? 'Đã nộp' : '',
    ]);
    row.getCell(5).numFmt = COUNT_FORMAT;
    row.getCell(6).numFmt = MONEY_FORMAT;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * Built workbooks by list. An approved list never changes (an update is a new list that supersedes it, and a
 * withdrawn or superseded one is no longer public), so a workbook is built once and served until its list leaves the
 * public pages; the public cannot make the server rebuild a national list on every download. Concurrent first
 * downloads share one build. The oldest workbooks are dropped beyond `maxBytes`.
 */
export class PublicWorkbookCache {
  private readonly built = new Map<number, Promise<Buffer>>();
  private readonly sizes = new Map<number, number>();
  private bytes = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  workbook(list: PublicList): Promise<Buffer> {
    const cached = this.built.get(list.id);
    if (cached) return cached;
    const building = buildWorkbook(this.db, list).then(
      (buffer) => {
        this.sizes.set(list.id, buffer.length);
        this.bytes += buffer.length;
        this.evict(list.id);
        return buffer;
      },
      (error: unknown) => {
        this.built.delete(list.id);
        throw error;
      },
    );
    this.built.set(list.id, building);
    return building;
  }

  private evict(keep: number): void {
    for (const [id, size] of this.sizes) {
      if (this.bytes <= this.maxBytes) return;
      if (id === keep) continue;
      this.sizes.delete(id);
      this.built.delete(id);
      this.bytes -= size;
    }
  }
}
