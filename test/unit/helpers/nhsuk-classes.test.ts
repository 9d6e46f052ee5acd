import { describe, expect, it } from 'vitest';
import {
  nhsukNotificationBannerClasses,
  nhsukSummaryListClasses,
  nhsukSummaryListHasActions,
  nhsukSummaryListRowClasses,
  nhsukTagClasses,
  nhsukVariantClasses,
  nhsukWidthClasses,
} from '../../../server/web/helpers/nhsuk-classes.ts';
import { createRenderer } from '../../../server/web/view-engine.ts';

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
    const hbs = await createRenderer();
    expect(hbs.compile('{{nhsukTagClasses this}}')({ classes: '"><script>' })).toBe('nhsuk-tag &quot;&gt;&lt;script&gt;');
  });
});

describe('nhsukVariantClasses and nhsukNotificationBannerClasses', () => {
  it('add the one allowed variant unless classes already has it', () => {
    expect(nhsukVariantClasses('nhsuk-details', 'reverse', 'reverse', {})).toBe('nhsuk-details nhsuk-details--reverse');
    expect(nhsukVariantClasses('nhsuk-details', 'other', 'reverse', {})).toBe('nhsuk-details');
    expect(nhsukVariantClasses('nhsuk-panel', 'interruption', 'interruption', { classes: 'nhsuk-panel--interruption' })).toBe(
      'nhsuk-panel nhsuk-panel--interruption',
    );
  });

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
