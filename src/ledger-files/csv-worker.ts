import { readFile } from './file-reading.js';
import { serveReading } from './reading-side.js';

/** The module of a thread reading a CSV file (see read-thread.ts). */
void serveReading(readFile);
