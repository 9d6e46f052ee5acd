/**
 * Copies the write-ahead log back into the database file from a worker thread, off the thread that
 * serves requests. Left to SQLite, the commit that takes the log past 1,000 pages does that copy
 * itself: an import spent about a tenth of its time there, and any request could be the one that waits.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the worker checkpoints; a passive checkpoint of a log with nothing new costs microseconds. */
export const CHECKPOINT_EVERY_MS = 200;
/**
 * The request thread's own automatic checkpoint, kept as a backstop for a log the worker cannot
 * empty (a long read holding old pages): 10,000 pages is about 40 MB.
 */
export const BACKSTOP_PAGES = 10_000;
/** The log file's size kept between bursts: SQLite's usual 1,000 pages. */
export const WAL_KEPT_BYTES = 4 * 1024 * 1024;
/** SQLite's own threshold, for when the worker is gone. */
export const SQLITE_DEFAULT_PAGES = 1000;

// Plain CommonJS, so the worker needs no TypeScript loader and runs the same from source and bundle.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
// Never wait on a lock: a checkpoint that cannot run now runs on the next tick of the timer.
db.pragma('busy_timeout = 0');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // SQLITE_BUSY: the next tick tries again.
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  try {
    db.close();
  } catch {
    // The file may be gone already (a throw-away test database): nothing is left to keep.
  }
  Atomics.store(workerData.closed, 0, 1);
  Atomics.notify(workerData.closed, 0);
  parentPort.close();
});
`;

/** How long closing the database waits for the worker to let go of it. */
const STOP_WAIT_MS = 2000;

export type Checkpointer = { stop: () => void };

/** `onFailure` runs if the worker dies: the caller hands checkpoints back to SQLite. */
export function startCheckpointer(file: string, onFailure: (err: Error) => void, everyMs = CHECKPOINT_EVERY_MS): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const closed = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER, { eval: true, workerData: { file, driver, everyMs, closed } });
  // It never keeps the process alive.
  worker.unref();
  let exited = false;
  worker.once('exit', () => (exited = true));
  worker.on('error', onFailure);
  return {
    // Waits (briefly, synchronously) for the worker to close its connection first, so the caller's
    // connection is the last: closing the last one checkpoints everything and removes the log.
    stop: () => {
      if (exited || Atomics.load(closed, 0) === 1) return;
      worker.postMessage('stop');
      Atomics.wait(closed, 0, 0, STOP_WAIT_MS);
    },
  };
}
