import { describe, expect, it } from 'vitest';
import { stem } from '../../server/domain/search-query.ts';
import { snippet } from '../../server/search/snippet.ts';

const terms = (...words: string[]) => new Set(words.map(stem));
const marked = (segments: ReturnType<typeof snippet>) => segments.filter((s) => s.mark).map((s) => s.text);
const whole = (segments: ReturnType<typeof snippet>) => segments.map((s) => s.text).join('');
const words = (n: number, word = 'filler') => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');

describe('snippet', () => {
  it('marks every form of a searched word, as written', () => {
    const s = snippet(['The scans were delayed; delaying the Scan again.'], terms('scan', 'delay'));
    expect(marked(s)).toEqual(['scans', 'delayed', 'delaying', 'Scan']);
    expect(whole(s)).toBe('The scans were delayed; delaying the Scan again.');
  });

  it('shows the field with the most distinct matched words, the earlier one on a tie', () => {
    const fields = ['A report was written.', 'The report was delayed.', 'Delayed report, delayed again.'];
    expect(whole(snippet(fields, terms('report', 'delay')))).toBe('The report was delayed.');
    expect(whole(snippet(fields, terms('report')))).toBe('A report was written.');
  });

  it('starts a few words before the densest window and marks where it cuts the text', () => {
    const text = `${words(50)} the missed nodule on the chest x-ray was missed again ${words(50, 'tail')}`;
    const s = snippet([text], terms('missed', 'nodule'));
    expect(s[0]!.mark).toBe(false);
    expect(whole(s)).toMatch(/ …$/);
    expect(marked(s)).toEqual(['missed', 'nodule', 'missed']);
    expect(whole(s)).toMatch(/^… filler47 filler48 filler49 the missed nodule/);
    expect(whole(s).split(' ').length).toBeLessThanOrEqual(32);
  });

  it('opens the first field with text when nothing matches, and skips empty fields', () => {
    const s = snippet(['', `${words(40)}`], terms('absent'));
    expect(marked(s)).toEqual([]);
    expect(whole(s)).toBe(`${words(30)} …`);
    expect(snippet(['', ''], terms('x'))).toEqual([]);
  });

  it('gives the same snippet however many fields were scanned before', () => {
    const fields = ['Report on the CT head.', 'Nothing here.'];
    const first = snippet(fields, terms('head'));
    snippet([words(500), 'head head head'], terms('head'));
    expect(snippet(fields, terms('head'))).toEqual(first);
  });
});
