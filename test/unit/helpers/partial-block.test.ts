import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { hasPartialBlock } from '../../../server/web/helpers/partial-block.ts';

describe('hasPartialBlock', () => {
  const hbs = Handlebars.create();
  hbs.registerHelper('hasPartialBlock', hasPartialBlock);
  hbs.registerPartial('probe', '{{#if (hasPartialBlock)}}block:{{> @partial-block}}{{else}}none{{/if}}');

  it('tells a partial called as a block from one called plainly', () => {
    expect(hbs.compile('{{#> probe}}in{{/probe}}')({})).toBe('block:in');
    expect(hbs.compile('{{> probe}}')({})).toBe('none');
  });

  it('does not render the block to find out', () => {
    let calls = 0;
    hbs.registerHelper('count', () => String((calls += 1)));
    hbs.compile('{{#> probe}}{{count}}{{/probe}}')({});
    expect(calls).toBe(1);
  });
});
