import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// A tiny run of `npm run bench`, so the benchmark never rots. Figures are printed, never asserted:
// speed is judged by the benchmark itself, not by the test suite.
const FIGURES = [
  'import_db_per_s', 'import_indexed_per_s', 'index_build_ms', 'index_heap_kb_per_case', 'index_load_ms', 'startup_block_ms', 'startup_ms',
  'search_p50_ms', 'search_p95_ms', 'search_max_ms', 'http_search_p95_ms', 'fts5_search_p50_ms', 'fts5_search_p95_ms', 'search_p95_vs_fts5',
  'trends_all_ms', 'review_assemble_ms', 'case_page_rps', 'case_page_p99_ms', 'search_page_rps', 'page_rps_vs_bare',
  'scan_mb_per_s', 'scan_recall', 'scan_clean_flagged', 'rss_mb',
];

describe('npm run bench', () => {
  it('runs on 500 cases and prints one JSON object with every named figure', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/run.ts', '--cases', '500', '--quick', '--json'], { maxBuffer: 10_000_000, timeout: 170_000 });
    const figures = JSON.parse(stdout) as Record<string, unknown>;
    for (const name of FIGURES) expect(figures, name).toHaveProperty(name);
    expect(figures.cases).toBe(500);
    // Read back from the snapshot the build wrote, and the restart used it.
    expect(typeof figures.index_load_ms).toBe('number');
    expect(typeof figures.startup_ms).toBe('number');
  }, 180_000);
});
