import { describe, expect, it } from 'vitest';
import { inSlices, yieldToEventLoop } from '../../server/search/slices.ts';

/** Counts turns of the event loop until stopped. */
function turnCounter() {
  let turn = 0;
  let running = true;
  const tick = () => {
    turn++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  return { now: () => turn, stop: () => (running = false) };
}

describe('background slices', () => {
  it('resumes tasks that yield together in different turns of the event loop, so requests get in between', async () => {
    const turns = turnCounter();
    const resumed: number[] = [];
    await Promise.all([1, 2, 3].map(async () => {
      await yieldToEventLoop();
      resumed.push(turns.now());
    }));
    turns.stop();
    expect(new Set(resumed).size).toBe(3);
  });

  it('runs every step of a task and gives back what its last step returns', async () => {
    function* steps(): Generator<void, string, void> {
      for (let i = 0; i < 5; i++) yield;
      return 'done';
    }
    expect(await inSlices(steps())).toBe('done');
  });
});
