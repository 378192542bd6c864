import type { ReadMessage, ReadTask } from './file-reading.js';
import { xlsxToCsv } from './xlsx.js';

/**
 * The ReadTask of a workbook: its first worksheet written as CSV, then the end. Apart from file-reading.ts, so that a
 * thread reading a CSV file does not load the spreadsheet library. Throws WorkbookRefused for a workbook refused
 * while it is unpacked.
 */
export async function* readWorkbook(task: Extract<ReadTask, { job: 'xlsx' }>): AsyncGenerator<ReadMessage> {
  await xlsxToCsv(task.path, task.csvPath, task.maxRows);
  yield { type: 'end', rows: 0, headerRead: false, touched: [], errors: [], errorCount: 0 };
}
