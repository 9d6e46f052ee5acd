import { describe, expect, it } from 'vitest';
import { checkFixtures, normaliseHtml, render } from '../../support/nhsuk-fixtures.ts';

checkFixtures('input');

describe('nhsuk/input in use', () => {
  it('draws a labelled field with its hint, error and the value the user gave', async () => {
    const html = await render(
      '{{> nhsuk/input (params label=(params text="Email address" size="s") hint="We will only use this to reply" errorMessage=errors.email name="email" type="email" autocomplete="email" value=values.email)}}',
      { errors: { email: 'Enter an email address in the correct format' }, values: { email: 'jo@example' } },
    );
    expect(normaliseHtml(html)).toBe(
      '<div class="nhsuk-form-group nhsuk-form-group--error"><label class="nhsuk-label nhsuk-label--s" for="email">Email address</label>' +
        '<div class="nhsuk-hint" id="email-hint">We will only use this to reply</div>' +
        '<span class="nhsuk-error-message" id="email-error"><span class="nhsuk-u-visually-hidden">Error:</span>Enter an email address in the correct format</span>' +
        '<input class="nhsuk-input nhsuk-input--error" id="email" name="email" type="email" value="jo@example" aria-describedby="email-hint email-error" autocomplete="email"></div>',
    );
  });
});
