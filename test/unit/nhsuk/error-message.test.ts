import { describe, expect, it } from 'vitest';
import { createRenderer } from '../../../server/web/view-engine.ts';
import { checkFixtures, loadFixtures, markSafe, normaliseHtml } from '../../support/nhsuk-fixtures.ts';

// The shared harness has no way to pass a fixture's `callBlock`; those fixtures are checked below.
const callBlockFixtures = loadFixtures('error-message').filter((f): f is typeof f & { callBlock: string } => 'callBlock' in f);
const asBlock = 'rendered as a partial block below';

checkFixtures('error-message', Object.fromEntries(callBlockFixtures.map((f) => [f.description ? `${f.name} — ${f.description}` : f.name, asBlock])));

describe('nhsuk/error-message called as a block, for the macro caller', () => {
  callBlockFixtures.forEach((fixture) => {
    it(fixture.description ? `${fixture.name} — ${fixture.description}` : fixture.name, async () => {
      const hbs = await createRenderer();
      const template = hbs.compile(`{{#> nhsuk/error-message this}}${fixture.callBlock}{{/nhsuk/error-message}}`);
      expect(normaliseHtml(template(markSafe(fixture.context)))).toBe(normaliseHtml(fixture.html));
    });
  });
});
