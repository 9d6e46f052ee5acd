import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { createRenderer } from '../../../server/web/view-engine.ts';
import { checkFixtures, loadFixtures, markSafe, normaliseHtml } from '../../support/nhsuk-fixtures.ts';

type WithCallBlock = { name: string; description?: string; context: Record<string, unknown>; callBlock?: string; html: string };

const callBlockFixtures = (loadFixtures('action-link') as WithCallBlock[]).filter((f) => f.callBlock !== undefined);
const label = (f: WithCallBlock): string => (f.description ? `${f.name} — ${f.description}` : f.name);

checkFixtures(
  'action-link',
  Object.fromEntries(callBlockFixtures.map((f) => [label(f), 'Nunjucks caller() content: checked below as html'])),
);

// The partial takes caller() content as html, which renders in the same place.
describe('nhsuk/action-link partial matches nhsuk-frontend call-block fixtures given the content as html', () => {
  for (const fixture of callBlockFixtures) {
    it(label(fixture), async () => {
      const hbs = await createRenderer();
      const context = markSafe(fixture.context) as Record<string, unknown>;
      const content = new Handlebars.SafeString(fixture.callBlock ?? '');
      context.html = content;
      const html = hbs.compile('{{> nhsuk/action-link this}}')(context);
      // Nunjucks spells an escaped apostrophe &#39;, handlebars &#x27;: the same character.
      expect(normaliseHtml(html).replaceAll('&#x27;', '&#39;')).toBe(normaliseHtml(fixture.html));
    });
  }
});
