/**
 * Long work at start-up (building, restoring, writing the index) gives requests a turn every
 * SLICE_MS. better-sqlite3 answers synchronously, so awaiting the database never does.
 */
export const SLICE_MS = 20;

/**
 * Background tasks waiting for a turn, resumed one per turn of the event loop: two tasks resumed by
 * their own setImmediate in the same turn ran back to back (taking a snapshot, then the trend
 * counts' first slice: 80-120 ms), with no request let in between.
 */
const waiting: (() => void)[] = [];
let scheduled = false;

function resumeNext(): void {
  scheduled = false;
  waiting.shift()?.();
  if (waiting.length) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(resumeNext);
}

export const yieldToEventLoop = (): Promise<void> =>
  new Promise<void>((resolve) => {
    waiting.push(resolve);
    schedule();
  });

/** A pause to await in a loop: it lets requests in only once the current slice is used up. */
export function slicer(): () => Promise<void> | undefined {
  let slice = performance.now();
  return () => {
    if (performance.now() - slice <= SLICE_MS) return undefined;
    return yieldToEventLoop().then(() => {
      slice = performance.now();
    });
  };
}

/** Runs the steps, letting requests in whenever a slice is used up; resolves to what the last returns. */
export async function inSlices<T>(steps: Generator<void, T, void>): Promise<T> {
  const pause = slicer();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}
