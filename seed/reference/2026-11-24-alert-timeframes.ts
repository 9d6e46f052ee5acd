import type { Timeframe } from './2026-11-23.ts';

// Frozen: migration 0015 loads this list. Later changes go through the admin pages or a new file.

const SOURCE =
  'RCR (2016) fail-safe alert notification: the alert goes with the verified report; AoMRC and RCR (2022) time limits per category unconfirmed, local default';

/** Report to alert: with no row for it, an alert sent weeks after the report was never measured. */
export const REPORT_TO_ALERT: Timeframe[] = ['routine', 'urgent', 'cancer_2ww', 'inpatient'].map((urgency) => ({ urgency, fromStage: 'report', toStage: 'alert', maxDays: 1, source: SOURCE, local: true }));
