import { describe, expect, it } from 'vitest';
import {
  nhsukNotificationBannerClasses,
  nhsukSummaryListClasses,
  nhsukSummaryListHasActions,
  nhsukSummaryListRowClasses,
  nhsukTagClasses,
  nhsukWidthClasses,
} from '../../../server/web/helpers/nhsuk-classes.ts';
import { render } from '../../support/nhsuk-fixtures.ts';

describe('nhsukTagClasses', () => {
  it('adds an allowed colour, then the caller classes', () => {
    expect(nhsukTagClasses({ colour: 'red', classes: 'app-x' })).toBe('nhsuk-tag nhsuk-tag--red app-x');
    expect(nhsukTagClasses({ colour: 'tartan' })).toBe('nhsuk-tag');
  });

  it('lets a colour class in classes override the colour option', () => {
    expect(nhsukTagClasses({ colour: 'green', classes: 'nhsuk-tag--red' })).toBe('nhsuk-tag nhsuk-tag--red');
  });

  it('removes colour and border when they are false', () => {
    expect(nhsukTagClasses({ colour: false, border: false })).toBe('nhsuk-tag nhsuk-tag--no-colour nhsuk-tag--no-border');
  });

  it('is escaped where a partial prints it', async () => {
    expect(await render('{{nhsukTagClasses this}}', { classes: '"><script>' })).toBe('nhsuk-tag &quot;&gt;&lt;script&gt;');
  });
});

describe('nhsukNotificationBannerClasses', () => {
  it('put the banner success modifier after the caller classes, as the template does', () => {
    expect(nhsukNotificationBannerClasses({ type: 'success', classes: 'app-x' })).toBe(
      'nhsuk-notification-banner app-x nhsuk-notification-banner--success',
    );
  });
});

describe('summary list classes', () => {
  it('prefer no-border over no-last-row-border', () => {
    expect(nhsukSummaryListClasses({ border: false, lastRowBorder: false })).toBe('nhsuk-summary-list nhsuk-summary-list--no-border');
    expect(nhsukSummaryListClasses({ lastRowBorder: false })).toBe('nhsuk-summary-list nhsuk-summary-list--no-last-row-border');
  });

  it('mark rows without actions when another row has some', () => {
    const withActions = { key: 'a', actions: { items: [{ text: 'Change' }] } };
    const without = { key: 'b' };
    expect(nhsukSummaryListHasActions([withActions, without])).toBe(true);
    expect(nhsukSummaryListRowClasses(without, false, true, {})).toBe('nhsuk-summary-list__row nhsuk-summary-list__row--no-actions');
    expect(nhsukSummaryListRowClasses(withActions, false, true, {})).toBe('nhsuk-summary-list__row');
  });

  it('drop a row border only where the list has not already dropped it', () => {
    expect(nhsukSummaryListRowClasses({ border: false }, false, false, {})).toBe('nhsuk-summary-list__row nhsuk-summary-list__row--no-border');
    expect(nhsukSummaryListRowClasses({ border: false }, true, false, { lastRowBorder: false })).toBe('nhsuk-summary-list__row');
  });

  it('add a width class unless classes sets it', () => {
    expect(nhsukWidthClasses('nhsuk-summary-list__key', { width: 'one-third' })).toBe('nhsuk-summary-list__key nhsuk-u-width-one-third');
    expect(nhsukWidthClasses('nhsuk-summary-list__key', { width: 'one-third', classes: 'nhsuk-u-width-one-third' })).toBe(
      'nhsuk-summary-list__key nhsuk-u-width-one-third',
    );
  });
});
