import { parentPort, workerData } from 'node:worker_threads';
import { computePartition, type PartitionTask } from './partition.js';

/** One partition of employers in a worker thread (see partition.ts); the result's arrays are moved, not copied. */
const result = computePartition(workerData as PartitionTask);
parentPort!.postMessage(
  result,
  result.ok
    ? [...Object.values(result.positions.columns), ...(result.rows ? [result.rows.bytes, result.rows.ends] : [])].map(
        (column) => column.buffer as ArrayBuffer,
      )
    : [],
);
