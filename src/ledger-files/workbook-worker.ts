import { serveReading } from './reading-side.js';
import { readWorkbook } from './workbook-reading.js';

/** The module of a thread unpacking a workbook to CSV (see read-thread.ts). */
void serveReading(readWorkbook);
