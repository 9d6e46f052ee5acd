import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { BatchScanner, type ScanText, type ScanWorkerData, WORKER_MIN_BATCH } from '../../server/cases/batch-scan.ts';
import { scanFields } from '../../server/cases/identifier-check.ts';

const clean = 'The report recommended CT for a nodule but no alert was raised to the referrer.';
/** A batch with an NHS number in row 8 and a name and phone number in the last row. */
const batch = (size: number): ScanText[] =>
  Array.from({ length: size }, (_, i) => ({
    title: `Case ${i}`,
    narrative: i === 7 ? `${clean} NHS number 943 476 5919.` : i === size - 1 ? `Mr John Smith rang on 07700 900123. ${clean}` : clean,
    learning: null,
  }));

/** A stand-in worker: CommonJS run with eval, told the shared ready flag. */
const fake = (body: string) => (data: ScanWorkerData) =>
  new Worker(`const { parentPort, workerData } = require('node:worker_threads'); Atomics.store(workerData.ready, 0, 1); ${body}`, { eval: true, workerData: data });

const scanners: BatchScanner[] = [];
const scanner = (options: ConstructorParameters<typeof BatchScanner>[0] = {}) => {
  const s = new BatchScanner({ onFailure: () => undefined, ...options });
  scanners.push(s);
  return s;
};
afterAll(async () => {
  for (const s of scanners) await s.close();
});

describe('batch scan', () => {
  it('finds on the worker thread exactly what scanning in line finds', async () => {
    const s = scanner();
    expect(await s.ready()).toBe(true);
    const b = batch(WORKER_MIN_BATCH + 10);
    const found = await s.scan(b);
    expect(found).toEqual(b.map(scanFields));
    expect(found[7]!.map((f) => f.kind)).toEqual(['nhs_number']);
    expect(found.at(-1)!.map((f) => f.kind).sort()).toEqual(['person_name', 'phone']);
    expect(found.filter((f) => f.length)).toHaveLength(2);
  });

  it('scans a small batch in line without starting a worker', async () => {
    const start = vi.fn(fake(''));
    const s = scanner({ start });
    const b = batch(WORKER_MIN_BATCH - 1);
    expect(await s.scan(b)).toEqual(b.map(scanFields));
    expect(start).not.toHaveBeenCalled();
  });

  it('scans in line while the worker starts, then sends batches to it', async () => {
    // This worker answers "nothing found" to everything, so its answers can be told from the real scan's.
    const start = vi.fn(fake(`parentPort.on('message', ({ id, batch }) => parentPort.postMessage({ id, findings: batch.map(() => []) }));`));
    const s = scanner({ start });
    const b = batch(WORKER_MIN_BATCH);
    expect(await s.scan(b)).toEqual(b.map(scanFields));
    expect(start).toHaveBeenCalledTimes(1);
    expect(await s.ready()).toBe(true);
    expect((await s.scan(b)).flat()).toEqual([]);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('scans in line from then on when the worker cannot start', async () => {
    const onFailure = vi.fn();
    const s = scanner({ start: () => { throw new Error('no threads here'); }, onFailure });
    const b = batch(WORKER_MIN_BATCH);
    expect(await s.scan(b)).toEqual(b.map(scanFields));
    expect(await s.ready()).toBe(false);
    expect(await s.scan(b)).toEqual(b.map(scanFields));
    expect(onFailure).toHaveBeenCalledTimes(1);
    expect(String(onFailure.mock.calls[0]![0])).toContain('no threads here');
  });

  it('scans a batch in line when the worker dies holding it', async () => {
    const onFailure = vi.fn();
    const s = scanner({ start: fake(`parentPort.on('message', () => process.exit(3));`), onFailure });
    expect(await s.ready()).toBe(true);
    const b = batch(WORKER_MIN_BATCH);
    expect(await s.scan(b)).toEqual(b.map(scanFields));
    expect(onFailure).toHaveBeenCalledTimes(1);
    expect(String(onFailure.mock.calls[0]![0])).toContain('exited with code 3');
  });

  it('gives up on a worker that does not answer, and scans in line', async () => {
    const onFailure = vi.fn();
    const s = scanner({ start: fake(`parentPort.on('message', () => undefined);`), onFailure, timeoutMs: () => 100 });
    expect(await s.ready()).toBe(true);
    const b = batch(WORKER_MIN_BATCH);
    expect(await s.scan(b)).toEqual(b.map(scanFields));
    expect(String(onFailure.mock.calls[0]![0])).toContain('did not answer within 100 ms');
  });

  it('gives up on a worker that never starts taking batches', async () => {
    const onFailure = vi.fn();
    const s = scanner({ start: () => new Worker('setInterval(() => undefined, 1000);', { eval: true }), onFailure, startTimeoutMs: 100 });
    expect(await s.ready()).toBe(false);
    expect(String(onFailure.mock.calls[0]![0])).toContain('did not start within 100 ms');
    const b = batch(WORKER_MIN_BATCH);
    expect(await s.scan(b)).toEqual(b.map(scanFields));
  });

  it('answers the same when the worker reports an error of its own', async () => {
    const s = scanner({ start: fake(`parentPort.on('message', ({ id }) => parentPort.postMessage({ id, error: 'broken' }));`) });
    expect(await s.ready()).toBe(true);
    const b = batch(WORKER_MIN_BATCH);
    expect(await s.scan(b)).toEqual(b.map(scanFields));
  });
});
