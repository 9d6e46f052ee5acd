import { describe, expect, it } from 'vitest';
import { checkFixtures, normaliseHtml, render } from '../../support/nhsuk-fixtures.ts';

checkFixtures('fieldset');

describe('nhsuk/fieldset block content', () => {
  it('reads page values directly when the options are hash arguments', async () => {
    const html = await render(
      '{{#> nhsuk/fieldset legend=(params text="Address" size="m")}}{{> nhsuk/input (params label="Town" name="town" value=town)}}{{/nhsuk/fieldset}}',
      { town: 'Leeds' },
    );
    expect(normaliseHtml(html)).toBe(
      '<fieldset class="nhsuk-fieldset"><legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Address</legend>' +
        '<div class="nhsuk-form-group"><label class="nhsuk-label" for="town">Town</label>' +
        '<input class="nhsuk-input" id="town" name="town" type="text" value="Leeds"></div></fieldset>',
    );
  });

  it('reads page values one level up when the options are a params object', async () => {
    const html = await render('{{#> nhsuk/fieldset (params legend="Address")}}<p>{{../town}}</p>{{/nhsuk/fieldset}}', {
      town: 'Leeds',
    });
    expect(normaliseHtml(html)).toContain('<p>Leeds</p></fieldset>');
  });

  it('does not hand its block to the legend inside it', async () => {
    const html = await render('{{#> nhsuk/fieldset (params legend=(params heading="Address"))}}<p>in</p>{{/nhsuk/fieldset}}');
    expect(normaliseHtml(html)).toBe(
      '<fieldset class="nhsuk-fieldset"><legend class="nhsuk-fieldset__legend"><h1 class="nhsuk-fieldset__heading">Address</h1></legend><p>in</p></fieldset>',
    );
  });
});
