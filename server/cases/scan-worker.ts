/** The worker thread of batch-scan.ts: scans batches of cases' free text for identifiers. */
import { parentPort, workerData } from 'node:worker_threads';
import { scanFields } from './identifier-check.ts';
import type { ScanReply, ScanRequest, ScanWorkerData } from './batch-scan.ts';

const port = parentPort!;
port.on('message', ({ id, batch }: ScanRequest) => {
  let reply: ScanReply;
  try {
    reply = { id, findings: batch.map(scanFields) };
  } catch (err) {
    reply = { id, error: String(err) };
  }
  port.postMessage(reply);
});
const { ready } = workerData as ScanWorkerData;
Atomics.store(ready, 0, 1);
Atomics.notify(ready, 0);
