import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { viewsDir } from '../../server/paths.ts';

const partials = readdirSync(path.join(viewsDir, 'partials'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.hbs'));

describe('view partials', () => {
  it('are found', () => {
    expect(partials.length).toBeGreaterThan(50);
  });

  // Each run of a template holding an inline partial copies the whole table of partials
  // (view-engine.ts): in a table cell that was a third of a small page's rendering.
  it.each(partials)('%s declares no inline partial', (file) => {
    expect(readFileSync(path.join(viewsDir, 'partials', file), 'utf8')).not.toContain('{{#*inline');
  });
});
