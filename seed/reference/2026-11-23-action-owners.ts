// Frozen: migration 0007 loads this list. Later changes go through the admin pages or a new file.

/** Who owns an action: a role or team, never a person (DESIGN.md section 3). */
export const ACTION_OWNERS = [
  { code: 'clinical-director', label: 'Radiology clinical director' },
  { code: 'reporting-radiologists', label: 'Reporting radiologists' },
  { code: 'reporting-radiographers', label: 'Reporting radiographers' },
  { code: 'imaging-manager', label: 'Imaging services manager' },
  { code: 'patient-safety-team', label: 'Patient safety team' },
  { code: 'pacs-ris-team', label: 'PACS and RIS team' },
  { code: 'governance-lead', label: 'Radiology governance lead' },
  { code: 'discrepancy-lead', label: 'REAL / discrepancy meeting lead' },
  { code: 'outsourcing-manager', label: 'Outsourced reporting contract manager' },
  { code: 'referring-team', label: 'Referring clinical team' },
  { code: 'cancer-pathway-team', label: 'Cancer pathway team' },
  { code: 'training-lead', label: 'Radiology training lead' },
] as const;
