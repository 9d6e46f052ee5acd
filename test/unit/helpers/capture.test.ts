import { describe, expect, it } from 'vitest';
import { render } from '../../support/nhsuk-fixtures.ts';

describe('capture helper', () => {
  it('hands its rendered block to its else part as @captured markup, not re-escaped', async () => {
    const html = await render('{{#capture}}<b>{{name}}</b>{{else}}[{{@captured}}]{{/capture}}', { name: '<i>' });
    expect(html).toBe('[<b>&lt;i&gt;</b>]');
  });

  it('lets a partial take the captured markup as an html option', async () => {
    const html = await render(
      '{{#*inline "boxed"}}<div>{{html}}</div>{{/inline}}{{#capture}}<p>{{text}}</p>{{else}}{{> boxed html=@captured}}{{/capture}}',
      { text: 'a & b' },
    );
    expect(html).toBe('<div><p>a &amp; b</p></div>');
  });
});
