import { describe, expect, it } from 'vitest';
import { BLOCKING_KINDS } from '../../server/domain/identifiers.ts';
import { buildIdentifierCorpus, evaluateScanner } from '../../seed/identifier-corpus.ts';

describe('identifier corpus', () => {
  const corpus = buildIdentifierCorpus();

  it('is deterministic and labels offsets that point at the inserted values', () => {
    expect(buildIdentifierCorpus({ labelled: 20, clean: 5 })).toEqual(buildIdentifierCorpus({ labelled: 20, clean: 5 }));
    expect(buildIdentifierCorpus({ seed: 2, labelled: 20, clean: 0 })).not.toEqual(buildIdentifierCorpus({ labelled: 20, clean: 0 }));
    for (const { text, expected } of corpus) {
      for (const e of expected) {
        const value = text.slice(e.start, e.end);
        expect(value.trim()).toBe(value);
        expect(value.length).toBeGreaterThan(0);
      }
    }
    expect(corpus.filter((c) => c.expected.length === 0).length).toBeGreaterThanOrEqual(300);
  });

  it('finds at least 97% of blocking identifiers and flags at most 2% of clean texts', () => {
    const result = evaluateScanner(corpus);
    const rows = Object.entries(result.perKind).map(([kind, s]) => ({
      kind,
      expected: s.expected,
      recall: s.recall.toFixed(3),
      falsePositives: s.falsePositives,
    }));
    console.table(rows);
    console.log(
      `blocking recall ${result.recall.toFixed(4)}, confirm recall ${result.confirmRecall.toFixed(4)}, ` +
        `clean texts flagged ${result.cleanFlaggedRate.toFixed(4)}`,
    );
    expect(result.recall).toBeGreaterThanOrEqual(0.97);
    expect(result.cleanFlaggedRate).toBeLessThanOrEqual(0.02);
    for (const kind of BLOCKING_KINDS) expect(result.perKind[kind]!.recall, kind).toBeGreaterThanOrEqual(0.97);
  });

  it('scores a scanner that finds nothing as zero recall and no clean flags', () => {
    const result = evaluateScanner(corpus.slice(0, 50), () => []);
    expect(result.recall).toBe(0);
    expect(result.cleanFlaggedRate).toBe(0);
  });
});
