import { describe, expect, it } from 'vitest';
import { render } from '../../support/nhsuk-fixtures.ts';

describe('documentTitle helper', () => {
  it('starts the title with "Error: " while an error summary shows, once only', async () => {
    const errors = { list: [{ text: 'Enter a title', href: '#title' }] };
    expect(await render('{{documentTitle pageTitle errors}}', { pageTitle: 'Log a case', errors })).toBe('Error: Log a case');
    expect(await render('{{documentTitle pageTitle errors}}', { pageTitle: 'Error: Log a case', errors })).toBe('Error: Log a case');
  });

  it('leaves the title alone without errors, and keeps a page’s own prefix', async () => {
    expect(await render('{{documentTitle pageTitle errors}}', { pageTitle: 'Cases', errors: { list: [] } })).toBe('Cases');
    expect(await render('{{documentTitle pageTitle}}', { pageTitle: 'Error: CB-2026-00001: A case' })).toBe('Error: CB-2026-00001: A case');
  });

  it('escapes the title', async () => {
    expect(await render('{{documentTitle pageTitle}}', { pageTitle: 'A <b> title' })).toBe('A &lt;b&gt; title');
  });
});
