import { describe, expect, it } from 'vitest';
import { indexTerms, parseQuery, queryText, scanWordsByPattern, stem, tokenize } from '../../server/domain/search-query.ts';
import { generateCorpus } from '../../seed/corpus.ts';
import { compileSynonyms, DEFAULT_SYNONYMS, expandQuery } from '../../server/domain/synonyms.ts';

const shape = (q: string) => {
  const p = parseQuery(q);
  return {
    clauses: p.clauses.map((c) => ({ alts: c.alts.map((a) => (a.quoted ? `"${a.words.join(' ')}"` : a.terms.join(' '))), prefix: c.prefix })),
    exclude: p.exclude.map((a) => (a.quoted ? `"${a.words.join(' ')}"` : a.terms.join(' '))),
  };
};
const alts = (q: string) => shape(q).clauses.map((c) => c.alts.join('|'));

describe('tokenizer', () => {
  it('lower-cases, keeps digits and letters together, and splits on punctuation', () => {
    expect(tokenize('2WW referral; T2N0 tumour, L4/5').map((t) => t.term)).toEqual(['2ww', 'referral', 't2n0', 'tumour', 'l4', '5']);
  });

  it('treats X-ray, x ray, xray and X-rays as one word', () => {
    for (const text of ['X-ray', 'x ray', 'xray', 'X-rays', 'X‐Ray']) expect(indexTerms(text)).toEqual(['xray']);
    expect(indexTerms('chest X-ray report')).toEqual(['chest', 'xray', 'report']);
    expect(indexTerms('x raised')).toEqual(['x', 'rais']);
  });

  it('indexes no word of a placeholder the identifier scan left, and keeps the words around it', () => {
    expect(indexTerms('Mrs [name], born [date], NHS number [NHS number], seen at [postcode] [removed]')).toEqual(['mrs', 'born', 'nhs', 'number', 'seen']);
    // A placeholder's word typed as a word is still a word.
    expect(indexTerms('the date of the scan [Date]')).toEqual(['date', 'scan', 'date']);
  });

  it('keeps A&E whole and drops possessive s', () => {
    expect(indexTerms("A&E patient's")).toEqual(['ae', 'patient']);
  });

  it('gives offsets into the original text', () => {
    const text = 'The CXR, then an X-ray.';
    for (const t of tokenize(text)) expect(text.slice(t.start, t.end).toLowerCase().replace(/-/, '')).toBe(t.surface);
  });

  it('stems plurals, -ed and -ing so word forms meet', () => {
    expect(new Set(['outsourcing', 'outsourced', 'outsource'].map(stem)).size).toBe(1);
    expect(new Set(['delay', 'delays', 'delayed', 'delaying'].map(stem)).size).toBe(1);
    expect(new Set(['scan', 'scans', 'scanned', 'scanning'].map(stem)).size).toBe(1);
    expect(new Set(['study', 'studies'].map(stem)).size).toBe(1);
    expect(stem('diagnosis')).toBe('diagnosis');
    expect(stem('mass')).toBe('mass');
    expect(stem('us')).toBe('us');
    expect(stem('2ww')).toBe('2ww');
  });

  // The snippet relies on this to skip stemming words that cannot match.
  it('keeps the first two letters of every word it stems', () => {
    const words = ['abies', 'ties', 'lilies', 'classes', 'things', 'hopped', 'fizzing', 'stored', 'rate', 'used', 'xray', 'x', 'ct', 'mri', 'patient’s', 'ærial', 'études'];
    for (const word of [...words, ...tokenize(CORPUS_SAMPLE).map((t) => t.surface)]) expect(stem(word).slice(0, 2)).toBe(word.slice(0, 2));
  });

  it('leaves stop words out of the index', () => {
    expect(indexTerms('the report of the scan was not read')).toEqual(['report', 'scan', 'not', 'read']);
  });
});

const CORPUS_SAMPLE =
  'Ultrasound of the abdomen reported incidental renal masses; the radiologist flagged them but the referrer was never notified. ' +
  'Studies were outsourced, delayed and re-reported; rescanning applied the wrong guidelines; lessons shared at the discrepancy meeting.';

describe('the ASCII scanner', () => {
  const byPattern = (text: string) => {
    const out: string[] = [];
    scanWordsByPattern(text, (surface, start, end) => out.push(`${surface}@${start}-${end}`));
    return out;
  };
  const fast = (text: string) => tokenize(text).map((t) => `${t.surface}@${t.start}-${t.end}`);

  it('finds the words the general pattern finds, at the same offsets', () => {
    const cases = [
      "X-ray, x ray and X-RAYS; an x-rayed film, x-raying, x -ray, x--ray, xray's, x rays2 and a lone x.",
      "The patient's GP at A&E said 'no' -- it's fine; a&&e, o'', rock'n'roll, 's, &b, 14mm, 3.5cm, R/L.",
      'x', 'x-ray', 'x ray', 'x-rays', 'x-rayz', "x'ray", '', ' \t\n', 'a', "a'", "ab's", "ab'sx", 'ab&c&', 'X-Ray!',
    ];
    for (const text of cases) expect(fast(text), text).toEqual(byPattern(text));
  });

  it('agrees on a generated corpus and on random strings of the tricky characters', () => {
    for (const c of generateCorpus({ size: 200, seed: 5, endMonth: '2026-10' })) {
      for (const text of [c.title, c.narrative, c.learning ?? '']) expect(fast(text)).toEqual(byPattern(text));
    }
    let seed = 3;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const alphabet = "xXrRaAyYsS- '&09.\n";
    for (let i = 0; i < 3000; i++) {
      const text = Array.from({ length: 1 + Math.floor(rand() * 14) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      expect(fast(text), JSON.stringify(text)).toEqual(byPattern(text));
    }
  });
});

describe('parseQuery', () => {
  it('makes one clause per plain word and marks the last word for completion', () => {
    expect(shape('missed lung nodule')).toEqual({
      clauses: [{ alts: ['miss'], prefix: false }, { alts: ['lung'], prefix: false }, { alts: ['nodul'], prefix: true }],
      exclude: [],
    });
  });

  it('does not complete a word followed by a space, or shorter than three letters', () => {
    expect(shape('lung ').clauses[0]!.prefix).toBe(false);
    expect(shape('ct').clauses[0]!.prefix).toBe(false);
  });

  it('reads quoted phrases, keeping stop words for the phrase check', () => {
    expect(shape('"not read by the GP" delay')).toEqual({
      clauses: [{ alts: ['"not read by the gp"'], prefix: false }, { alts: ['delay'], prefix: true }],
      exclude: [],
    });
  });

  it('reads exclusions of words and phrases', () => {
    expect(shape('nodule -lung -"chest film"')).toEqual({ clauses: [{ alts: ['nodul'], prefix: false }], exclude: ['lung', '"chest film"'] });
  });

  it('joins alternatives with OR', () => {
    expect(alts('lung OR "chest film" nodule')).toEqual(['lung|"chest film"', 'nodul']);
    expect(alts('a OR b')).toEqual(['b']);
  });

  it('degrades stray operators to nothing or plain words', () => {
    expect(alts('OR lung OR')).toEqual(['lung']);
    expect(alts('lung OR OR nodule')).toEqual(['lung|nodul']);
    expect(alts('- lung')).toEqual(['lung']);
    expect(alts('lung OR -nodule')).toEqual(['lung']);
    expect(shape('lung OR -nodule').exclude).toEqual(['nodul']);
    expect(alts('lung or nodule')).toEqual(['lung', 'nodul']);
  });

  it('treats an unbalanced quote as plain text', () => {
    expect(alts('"missed lung nodule')).toEqual(['miss', 'lung', 'nodul']);
    expect(alts('missed "lung" "nodule')).toEqual(['miss', '"lung"', 'nodul']);
    expect(alts('"')).toEqual([]);
    expect(alts('""')).toEqual([]);
  });

  it('drops words that are only stop words, and never throws on odd input', () => {
    expect(alts('the of and')).toEqual([]);
    for (const q of ['', '   ', '-', '--', '-"', '"-"', 'OR', '(lung)', '***', 'lung)(', '🙂 x-ray', 'a'.repeat(2000)]) {
      expect(() => parseQuery(q)).not.toThrow();
    }
  });

  it('hyphenated words stay one part', () => {
    expect(alts('follow-up')).toEqual(['follow up']);
  });

  it('prints a query back', () => {
    expect(queryText(parseQuery('lung OR "chest film" -nodule'))).toBe('lung OR "chest film" -nodule');
  });
});

describe('expandQuery', () => {
  const table = compileSynonyms(DEFAULT_SYNONYMS);
  const expanded = (q: string) => expandQuery(parseQuery(q), table).clauses.map((c) => c.alts.map((a) => a.raw));

  it('adds the group of a single word', () => {
    expect(expanded('cxr missed')[0]).toEqual(['cxr', 'CXR', 'chest X-ray', 'chest radiograph', 'chest film', 'chest XR'].filter((x, i) => i === 0 || x !== 'CXR'));
  });

  it('merges consecutive words that spell a multi-word member into one clause', () => {
    expect(expanded('missed chest x-ray')).toEqual([['missed', 'overlooked'], ['chest x-ray', 'CXR', 'chest radiograph', 'chest film', 'chest XR']]);
    expect(expanded('alert not acknowledged GP')).toEqual([
      ['alert', 'notification'],
      ['not acknowledged', 'unacknowledged', 'not read', 'unread'],
      ['GP', 'general practitioner', 'family doctor'],
    ]);
    expect(expanded('A&E two week wait').at(-1)).toContain('2WW');
  });

  it('leaves quoted phrases and exclusions exactly as typed', () => {
    const q = expandQuery(parseQuery('"cxr" -ct'), table);
    expect(q.clauses[0]!.alts.map((a) => a.raw)).toEqual(['cxr']);
    expect(q.exclude.map((a) => a.raw)).toEqual(['ct']);
  });

  it('takes groups as data', () => {
    const custom = compileSynonyms([['SUFE', 'slipped upper femoral epiphysis']]);
    expect(expandQuery(parseQuery('sufe'), custom).clauses[0]!.alts.map((a) => a.raw)).toEqual(['sufe', 'slipped upper femoral epiphysis']);
  });

  it('has realistic default groups', () => {
    expect(DEFAULT_SYNONYMS.length).toBeGreaterThanOrEqual(25);
    for (const g of DEFAULT_SYNONYMS) expect(g.length).toBeGreaterThanOrEqual(2);
  });
});
