/**
 * The identifier scan of a batch of cases, on a worker thread, so that an import writes its rows on
 * the request thread meanwhile: on two cores the scan was a third of an import's time. Smaller
 * batches, and every batch until the worker has started, are scanned in line; so is every batch
 * after the worker fails, and any batch it was holding then. The answer is the same either way.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../threads.ts';
import { type IdentifierFinding, scanFields } from './identifier-check.ts';

export type ScanText = Record<string, string | undefined | null>;
export type ScanRequest = { id: number; batch: ScanText[] };
export type ScanReply = { id: number; findings: IdentifierFinding[][] } | { id: number; error: string };
/** Shared with the worker, which sets it to 1 once it takes batches. */
export type ScanWorkerData = { ready: Int32Array };

/** Below this many cases a batch is scanned in line: the trip to the worker costs more than it saves. */
export const WORKER_MIN_BATCH = 50;

/**
 * How long the worker may take over a batch before it is given up for stuck: far beyond the 70 µs
 * a case takes, as an import waits for the answer with its transaction open.
 */
export const scanTimeoutMs = (cases: number): number => 10_000 + cases * 5;

/** A worker not taking batches this long after it was started is given up: scanning goes on in line. */
export const START_TIMEOUT_MS = 30_000;

type Job = { batch: ScanText[]; resolve: (findings: IdentifierFinding[][]) => void; reject: (err: unknown) => void; timer: NodeJS.Timeout };

export type BatchScannerOptions = {
  /** Starts the worker; tests pass their own. */
  start?: (data: ScanWorkerData) => Worker;
  /** Told when the worker fails; batches are scanned in line from then on. */
  onFailure?: (err: unknown) => void;
  timeoutMs?: (cases: number) => number;
  startTimeoutMs?: number;
};

const scanInline = (batch: ScanText[]) => batch.map(scanFields);

export class BatchScanner {
  private worker?: Worker;
  private state: 'idle' | 'starting' | 'ready' | 'failed' = 'idle';
  // Read without waiting for a message: an import is a run of promises that resolve at once, so a
  // message from the worker would not be heard until the import had finished without it.
  private readonly readyFlag = new Int32Array(new SharedArrayBuffer(4));
  private readonly jobs = new Map<number, Job>();
  private nextId = 0;

  private readonly start: (data: ScanWorkerData) => Worker;
  private readonly onFailure: (err: unknown) => void;
  private readonly timeoutMs: (cases: number) => number;
  private readonly startTimeoutMs: number;

  constructor(options: BatchScannerOptions = {}) {
    this.start = options.start ?? ((workerData) => startWorker(new URL('./scan-worker.ts', import.meta.url), { workerData }));
    this.onFailure = options.onFailure ?? ((err) => console.error('The identifier scan thread failed; scanning on the request thread from now on:', err));
    this.timeoutMs = options.timeoutMs ?? scanTimeoutMs;
    this.startTimeoutMs = options.startTimeoutMs ?? START_TIMEOUT_MS;
  }

  /** Findings per case, in the batch's order. */
  scan(batch: ScanText[]): Promise<IdentifierFinding[][]> {
    if (this.state === 'starting' && Atomics.load(this.readyFlag, 0) === 1) this.state = 'ready';
    if (batch.length < WORKER_MIN_BATCH || this.state !== 'ready') {
      if (batch.length >= WORKER_MIN_BATCH) this.boot();
      try {
        return Promise.resolve(scanInline(batch));
      } catch (err) {
        return Promise.reject(err);
      }
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new Error(`The scan thread did not answer within ${this.timeoutMs(batch.length)} ms`)), this.timeoutMs(batch.length)).unref();
      this.jobs.set(id, { batch, resolve, reject, timer });
      // Held open while it holds work, or a script awaiting the answer could exit first.
      this.worker!.ref();
      this.worker!.postMessage({ id, batch } satisfies ScanRequest);
    });
  }

  /** Starts the worker if need be; true once it takes batches, false if it cannot. */
  async ready(): Promise<boolean> {
    this.boot();
    const since = performance.now();
    while (this.state === 'starting') {
      if (Atomics.load(this.readyFlag, 0) === 1) this.state = 'ready';
      else if (performance.now() - since > this.startTimeoutMs) this.fail(new Error(`The scan thread did not start within ${this.startTimeoutMs} ms`));
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return this.state === 'ready';
  }

  private boot(): void {
    if (this.state !== 'idle') return;
    this.state = 'starting';
    let worker: Worker;
    try {
      worker = this.start({ ready: this.readyFlag });
    } catch (err) {
      this.fail(err);
      return;
    }
    this.worker = worker;
    worker.unref();
    worker.on('message', (reply: ScanReply) => this.received(reply));
    worker.on('error', (err) => this.fail(err));
    worker.on('exit', (code) => this.fail(new Error(`The scan thread exited with code ${code}`)));
  }

  private received(reply: ScanReply): void {
    const job = this.jobs.get(reply.id);
    if (!job) return;
    this.jobs.delete(reply.id);
    clearTimeout(job.timer);
    if (this.jobs.size === 0) this.worker?.unref();
    if ('findings' in reply) job.resolve(reply.findings);
    else this.finishInline(job);
  }

  private fail(err: unknown): void {
    if (this.state === 'failed') return;
    this.state = 'failed';
    this.worker?.removeAllListeners();
    void this.worker?.terminate();
    this.worker = undefined;
    this.onFailure(err);
    for (const job of this.jobs.values()) this.finishInline(job);
    this.jobs.clear();
  }

  private finishInline(job: Job): void {
    clearTimeout(job.timer);
    try {
      job.resolve(scanInline(job.batch));
    } catch (err) {
      job.reject(err);
    }
  }

  /** Stops the worker; later batches are scanned in line. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.state = 'failed';
    for (const job of this.jobs.values()) this.finishInline(job);
    this.jobs.clear();
    worker?.removeAllListeners();
    await worker?.terminate();
  }
}

/** The process's one scan thread: it holds no state, so every app and script in the process shares it. */
export const batchScanner = new BatchScanner();
