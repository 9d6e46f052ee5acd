import { describe, expect, it } from 'vitest';
import { createRenderer } from '../../../server/web/view-engine.ts';
import { checkFixtures, loadFixtures, markSafe, normaliseHtml } from '../../support/nhsuk-fixtures.ts';

// The shared harness has no way to pass a fixture's `callBlock`; those fixtures are checked below.
const callBlockFixtures = loadFixtures('fieldset').filter((f): f is typeof f & { callBlock: string } => 'callBlock' in f);
const asBlock = 'rendered as a partial block below';

checkFixtures('fieldset', Object.fromEntries(callBlockFixtures.map((f) => [f.description ? `${f.name} — ${f.description}` : f.name, asBlock])));

describe('nhsuk/fieldset called as a block, for the macro caller', () => {
  callBlockFixtures.forEach((fixture) => {
    it(fixture.description ? `${fixture.name} — ${fixture.description}` : fixture.name, async () => {
      const hbs = await createRenderer();
      const template = hbs.compile(`{{#> nhsuk/fieldset this}}${fixture.callBlock}{{/nhsuk/fieldset}}`);
      expect(normaliseHtml(template(markSafe(fixture.context)))).toBe(normaliseHtml(fixture.html));
    });
  });
});

describe('nhsuk/fieldset block content', () => {
  it('reads page values directly when the options are hash arguments', async () => {
    const hbs = await createRenderer();
    const html = hbs.compile(
      '{{#> nhsuk/fieldset legend=(params text="Address" size="m")}}{{> nhsuk/input (params label="Town" name="town" value=town)}}{{/nhsuk/fieldset}}',
    )({ town: 'Leeds' });
    expect(normaliseHtml(html)).toBe(
      '<fieldset class="nhsuk-fieldset"><legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Address</legend>' +
        '<div class="nhsuk-form-group"><label class="nhsuk-label" for="town">Town</label>' +
        '<input class="nhsuk-input" id="town" name="town" type="text" value="Leeds"></div></fieldset>',
    );
  });

  it('reads page values one level up when the options are a params object', async () => {
    const hbs = await createRenderer();
    const html = hbs.compile('{{#> nhsuk/fieldset (params legend="Address")}}<p>{{../town}}</p>{{/nhsuk/fieldset}}')({
      town: 'Leeds',
    });
    expect(normaliseHtml(html)).toContain('<p>Leeds</p></fieldset>');
  });

  it('does not hand its block to the legend inside it', async () => {
    const hbs = await createRenderer();
    const html = hbs.compile('{{#> nhsuk/fieldset (params legend=(params heading="Address"))}}<p>in</p>{{/nhsuk/fieldset}}')({});
    expect(normaliseHtml(html)).toBe(
      '<fieldset class="nhsuk-fieldset"><legend class="nhsuk-fieldset__legend"><h1 class="nhsuk-fieldset__heading">Address</h1></legend><p>in</p></fieldset>',
    );
  });
});
