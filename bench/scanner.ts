/** The identifier scanner: throughput on the corpus's narratives, and recall on the labelled corpus. */
import type { DemoCase } from '../seed/corpus.ts';
import { buildIdentifierCorpus, evaluateScanner } from '../seed/identifier-corpus.ts';
import { findIdentifiers } from '../server/domain/identifiers.ts';
import { median } from './stats.ts';

export type ScannerFigures = { mbPerS: number; mb: number; narratives: number; flaggedNarratives: number; recall: number; cleanFlagged: number };

export function scannerBench(corpus: readonly DemoCase[], maxNarratives = 20_000): ScannerFigures {
  const texts = corpus.slice(0, maxNarratives).map((c) => c.narrative);
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
  let flagged = 0;
  for (const t of texts.slice(0, 500)) findIdentifiers(t); // warm-up
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    flagged = 0;
    const start = performance.now();
    for (const t of texts) if (findIdentifiers(t).length) flagged++;
    runs.push(performance.now() - start);
  }
  const evaluation = evaluateScanner(buildIdentifierCorpus());
  const mb = bytes / 1024 ** 2;
  return { mbPerS: mb / (median(runs) / 1000), mb, narratives: texts.length, flaggedNarratives: flagged, recall: evaluation.recall, cleanFlagged: evaluation.cleanFlaggedRate };
}
