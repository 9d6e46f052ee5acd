import { describe, expect, it } from 'vitest';
import { createRenderer } from '../../../server/web/view-engine.ts';
import { checkFixtures, loadFixtures, markSafe, normaliseHtml } from '../../support/nhsuk-fixtures.ts';

// The shared harness has no way to pass a fixture's `callBlock`; those fixtures are checked below.
const callBlockFixtures = loadFixtures('hint').filter((f): f is typeof f & { callBlock: string } => 'callBlock' in f);
const asBlock = 'rendered as a partial block below';

checkFixtures('hint', Object.fromEntries(callBlockFixtures.map((f) => [f.description ? `${f.name} — ${f.description}` : f.name, asBlock])));

describe('nhsuk/hint called as a block, for the macro caller', () => {
  callBlockFixtures.forEach((fixture) => {
    it(fixture.description ? `${fixture.name} — ${fixture.description}` : fixture.name, async () => {
      const hbs = await createRenderer();
      const template = hbs.compile(`{{#> nhsuk/hint this}}${fixture.callBlock}{{/nhsuk/hint}}`);
      expect(normaliseHtml(template(markSafe(fixture.context)))).toBe(normaliseHtml(fixture.html));
    });
  });
});
