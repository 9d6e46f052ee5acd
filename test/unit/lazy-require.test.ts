import { describe, expect, it } from 'vitest';
import { lazyRequire } from '../../server/lazy-require.ts';

describe('lazyRequire', () => {
  it('loads a package on first use only, and hands out the same module after', () => {
    const load = lazyRequire<{ stringify: (rows: string[][]) => string }>('csv-stringify/sync');
    const first = load();
    expect(first.stringify([['a', 'b']])).toBe('a,b\n');
    expect(load()).toBe(first);
  });

  it('fails on use, not when declared, for a package that is not there', () => {
    const load = lazyRequire('no-such-package-casebook');
    expect(load).toThrow(/Cannot find module 'no-such-package-casebook'/);
  });
});
