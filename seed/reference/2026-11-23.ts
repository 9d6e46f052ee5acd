/**
 * Casebook's first reference data, frozen as loaded by migration 2026_11_23_0004. Codes are stable
 * identifiers stored on cases; labels may later change through the admin pages or a new migration,
 * never by editing this file.
 */

export type Term = { code: string; label: string };
export type Theme = Term & { summary: string; factors: Term[] };

export const THEMES: Theme[] = [
  {
    code: 'T1',
    label: 'Not following national guidelines on reporting unexpected findings',
    summary: 'No alert raised, wrong urgency, unclear wording, finding buried in the report',
    factors: [
      { code: 'T1.01', label: 'No alert raised for an unexpected significant finding' },
      { code: 'T1.02', label: 'Wrong alert category or urgency' },
      { code: 'T1.03', label: 'Finding not in the report conclusion' },
      { code: 'T1.04', label: 'Report wording unclear or hedged' },
      { code: 'T1.05', label: 'Alert not sent to the right person or team' },
      { code: 'T1.06', label: 'Finding missed or not reported (perceptual or interpretive error)' },
      { code: 'T1.07', label: 'Recommendation for follow-up imaging not made' },
      { code: 'T1.08', label: 'Comparison with earlier imaging not made' },
    ],
  },
  {
    code: 'T2',
    label: 'Not acting on important unexpected findings',
    summary: 'Report filed unread, no acknowledgement, follow-up never booked, handover lost',
    factors: [
      { code: 'T2.01', label: 'Report not read or acknowledged by the referrer' },
      { code: 'T2.02', label: 'Result filed without action' },
      { code: 'T2.03', label: 'Follow-up imaging or referral not booked' },
      { code: 'T2.04', label: 'Handover between teams lost' },
      { code: 'T2.05', label: 'Patient not told of the finding' },
      { code: 'T2.06', label: 'Referrer left or changed (no responsible clinician)' },
      { code: 'T2.07', label: 'Fail-safe or tracking system not used' },
      { code: 'T2.08', label: 'Result sent to primary care without clear request for action' },
    ],
  },
  {
    code: 'T3',
    label: 'Delays in reporting',
    summary: 'Vetting, scanning, reporting or verification backlog; outsourcing delay',
    factors: [
      { code: 'T3.01', label: 'Vetting or justification delay' },
      { code: 'T3.02', label: 'Scan appointment delay' },
      { code: 'T3.03', label: 'Reporting backlog' },
      { code: 'T3.04', label: 'Outsourced report delay' },
      { code: 'T3.05', label: 'Verification or authorisation delay' },
      { code: 'T3.06', label: 'IT or PACS failure' },
      { code: 'T3.07', label: 'Request lost or not received' },
      { code: 'T3.08', label: 'Urgency of the request not recognised' },
    ],
  },
  {
    code: 'T4',
    label: 'Not learning from past mistakes',
    summary: 'The same failure happens again; actions from an earlier review never done',
    factors: [
      { code: 'T4.01', label: 'Repeat of an earlier case' },
      { code: 'T4.02', label: 'Earlier action not implemented' },
      { code: 'T4.03', label: 'Learning not shared with staff' },
      { code: 'T4.04', label: 'No review or learning meeting held' },
      { code: 'T4.05', label: 'Organisation did not recognise that something went wrong' },
      { code: 'T4.06', label: 'Learning not shared across departments or organisations' },
    ],
  },
];

export const SOURCES: Term[] = [
  { code: 'phso', label: 'PHSO complaint' },
  { code: 'local_complaint', label: 'Local complaint' },
  { code: 'incident', label: 'Patient safety incident (LFPSE)' },
  { code: 'real', label: 'REAL or discrepancy meeting' },
  { code: 'hssib_coroner_claim', label: 'HSSIB, coroner or claim' },
  { code: 'other', label: 'Other' },
];

export const MODALITIES: Term[] = [
  { code: 'xr', label: 'Plain X-ray' },
  { code: 'ct', label: 'CT' },
  { code: 'mri', label: 'MRI' },
  { code: 'us', label: 'Ultrasound' },
  { code: 'mammo', label: 'Mammography' },
  { code: 'fluoro', label: 'Fluoroscopy' },
  { code: 'nm', label: 'Nuclear medicine' },
  { code: 'petct', label: 'PET-CT' },
  { code: 'ir', label: 'Interventional radiology' },
];

export const BODY_AREAS: Term[] = [
  { code: 'head', label: 'Head and brain' },
  { code: 'neck', label: 'Neck' },
  { code: 'chest', label: 'Chest' },
  { code: 'breast', label: 'Breast' },
  { code: 'abdomen', label: 'Abdomen' },
  { code: 'pelvis', label: 'Pelvis' },
  { code: 'spine', label: 'Spine' },
  { code: 'upper_limb', label: 'Upper limb' },
  { code: 'lower_limb', label: 'Lower limb' },
  { code: 'vascular', label: 'Vascular' },
  { code: 'whole_body', label: 'Whole body or several areas' },
];

export const SETTINGS: Term[] = [
  { code: 'ed', label: 'Emergency department' },
  { code: 'inpatient', label: 'Inpatient' },
  { code: 'outpatient', label: 'Outpatient' },
  { code: 'gp', label: 'GP direct access' },
  { code: 'screening', label: 'Screening' },
];

export const URGENCIES: Term[] = [
  { code: 'routine', label: 'Routine' },
  { code: 'urgent', label: 'Urgent' },
  { code: 'cancer_2ww', label: 'Suspected cancer (2WW)' },
  { code: 'inpatient', label: 'Inpatient' },
];

export const ALERT_CATEGORIES: Term[] = [
  { code: 'critical', label: 'Critical' },
  { code: 'urgent', label: 'Urgent' },
  { code: 'significant', label: 'Significant unexpected' },
  { code: 'cancer', label: 'Cancer' },
  { code: 'none', label: 'None' },
];

export const HARMS: Term[] = [
  { code: 'no', label: 'No harm' },
  { code: 'low', label: 'Low harm' },
  { code: 'moderate', label: 'Moderate harm' },
  { code: 'severe', label: 'Severe harm' },
  { code: 'fatal', label: 'Fatal' },
];

export const AGE_BANDS: Term[] = [
  { code: '0-15', label: '0 to 15' },
  { code: '16-39', label: '16 to 39' },
  { code: '40-64', label: '40 to 64' },
  { code: '65-79', label: '65 to 79' },
  { code: '80+', label: '80 and over' },
];

export const JOURNEY_STAGES: Term[] = [
  { code: 'request', label: 'Request' },
  { code: 'vetting', label: 'Vetting' },
  { code: 'scan', label: 'Scan' },
  { code: 'report', label: 'Report' },
  { code: 'alert', label: 'Alert or communication' },
  { code: 'acknowledgement', label: 'Acknowledgement' },
  { code: 'action', label: 'Action' },
];

export type Timeframe = { urgency: string; fromStage: string; toStage: string; maxDays: number; source: string; local: boolean };

const NHSE_2023 = 'NHS England (2023), diagnostic imaging reporting turnaround times: no examination should wait more than 28 days for a verified report';
const LOCAL = 'Local default: national per-pathway targets are not yet set; edit to match your trust';

/** Expected maximum days between two journey stages, per urgency of the request. */
export const TIMEFRAMES: Timeframe[] = [
  // One row per urgency and interval. NHS England's 28 days is the outer bound for every pathway.
  { urgency: 'routine', fromStage: 'scan', toStage: 'report', maxDays: 28, source: NHSE_2023, local: false },
  { urgency: 'urgent', fromStage: 'scan', toStage: 'report', maxDays: 2, source: LOCAL, local: true },
  { urgency: 'cancer_2ww', fromStage: 'scan', toStage: 'report', maxDays: 3, source: LOCAL, local: true },
  { urgency: 'inpatient', fromStage: 'scan', toStage: 'report', maxDays: 1, source: LOCAL, local: true },
  { urgency: 'routine', fromStage: 'request', toStage: 'vetting', maxDays: 7, source: LOCAL, local: true },
  { urgency: 'urgent', fromStage: 'request', toStage: 'vetting', maxDays: 2, source: LOCAL, local: true },
  { urgency: 'cancer_2ww', fromStage: 'request', toStage: 'vetting', maxDays: 1, source: LOCAL, local: true },
  { urgency: 'inpatient', fromStage: 'request', toStage: 'vetting', maxDays: 1, source: LOCAL, local: true },
  { urgency: 'routine', fromStage: 'request', toStage: 'scan', maxDays: 42, source: 'NHS constitution diagnostic standard: tests within 6 weeks of referral', local: false },
  { urgency: 'cancer_2ww', fromStage: 'request', toStage: 'scan', maxDays: 14, source: LOCAL, local: true },
  { urgency: 'urgent', fromStage: 'request', toStage: 'scan', maxDays: 14, source: LOCAL, local: true },
  { urgency: 'inpatient', fromStage: 'request', toStage: 'scan', maxDays: 2, source: LOCAL, local: true },
  ...['routine', 'urgent', 'cancer_2ww', 'inpatient'].map((urgency) => ({ urgency, fromStage: 'alert', toStage: 'acknowledgement', maxDays: 7, source: 'AoMRC and RCR (2022) alerts and notification: time limits per category unconfirmed, local default', local: true })),
  ...['routine', 'urgent', 'cancer_2ww', 'inpatient'].map((urgency) => ({ urgency, fromStage: 'acknowledgement', toStage: 'action', maxDays: 14, source: LOCAL, local: true })),
];

/** Demo organisational units, seeded only with the demo data. */
export const DEMO_DEPARTMENTS: Term[] = [
  { code: 'north', label: 'North General Hospital imaging' },
  { code: 'south', label: 'South Community Diagnostic Centre' },
  { code: 'east', label: 'East Infirmary radiology' },
  { code: 'west', label: 'West District Hospital imaging' },
];
