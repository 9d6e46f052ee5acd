import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// Timestamps are ISO 8601 text and booleans 0/1 integers: what SQLite returns, and portable to PostgreSQL.

export type Role = 'safety' | 'director' | 'trainer' | 'admin';

export interface UsersTable {
  id: Generated<number>;
  email: string;
  role: Role;
  password_hash: string;
  active: ColumnType<number, number | undefined, number>;
  failed_attempts: ColumnType<number, number | undefined, number>;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  sid: string;
  sess: string;
  expires_at: string;
  user_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

export interface VocabularyTermsTable {
  vocabulary: string;
  code: string;
  label: string;
  position: number;
  retired: number;
}

export interface ThemesTable {
  code: string;
  label: string;
  summary: string;
  position: number;
}

export interface FactorsTable {
  code: string;
  theme_code: string;
  label: string;
  position: number;
  retired: number;
}

export interface DepartmentsTable {
  code: string;
  label: string;
  retired: ColumnType<number, number | undefined, number>;
}

export interface TimeframesTable {
  urgency: string;
  from_stage: string;
  to_stage: string;
  max_days: number;
  source: string;
  local: number;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  label: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CaseSequencesTable {
  year: number;
  last: number;
}

export interface CasesTable {
  id: Generated<number>;
  ref: string;
  title: string;
  narrative: string;
  learning: string | null;
  source: string;
  department: string;
  modality: string;
  body_area: string | null;
  setting: string;
  urgency: string | null;
  alert_category: string | null;
  harm: string;
  age_band: string | null;
  event_month: string;
  status: 'draft' | 'submitted' | 'closed';
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_by: number;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  closed_at: string | null;
  day_request: number | null;
  day_vetting: number | null;
  day_scan: number | null;
  day_report: number | null;
  day_alert: number | null;
  day_acknowledgement: number | null;
  day_action: number | null;
}

export interface CaseThemesTable {
  case_id: number;
  theme_code: string;
}

export interface CaseFactorsTable {
  case_id: number;
  factor_code: string;
}

export interface CaseLinksTable {
  case_id: number;
  repeats_case_id: number;
}

export interface CaseNotesTable {
  id: Generated<number>;
  case_id: number;
  body: string;
  author_id: number;
  author_role: Role;
  created_at: string;
}

export type ActionStatus = 'open' | 'done' | 'dropped';

export interface ActionsTable {
  id: Generated<number>;
  case_id: number | null;
  description: string;
  owner: string;
  due_date: string;
  status: ActionStatus;
  dropped_reason: string | null;
  evidence: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_by: number;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  review_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface TeachingSetsTable {
  id: Generated<number>;
  title: string;
  description: string;
  audience: string;
  version: ColumnType<number, number | undefined, number>;
  created_by: number;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export interface TeachingSetItemsTable {
  set_id: number;
  case_id: number;
  position: number;
  note: ColumnType<string, string | undefined, string>;
  added_at: string;
}

export interface SearchSynonymsTable {
  id: Generated<number>;
  terms: string;
  created_by: number;
  created_at: string;
  retired_at: string | null;
}

export interface SpcRebasesTable {
  id: Generated<number>;
  measure: string;
  scope: string;
  period: string;
  reason: string;
  created_by: number;
  created_at: string;
  removed_at: string | null;
  removed_reason: string | null;
}

export interface ReviewsTable {
  id: Generated<number>;
  quarter: string;
  scope: string;
  status: 'draft' | 'signed_off';
  version_no: ColumnType<number, number | undefined, number>;
  corrects_id: number | null;
  correction_reason: string | null;
  findings_json: string;
  attendance_json: string;
  discussions_json: string;
  version: ColumnType<number, number | undefined, number>;
  created_by: number;
  created_at: string;
  updated_at: string;
  signed_off_by: number | null;
  signed_off_at: string | null;
  snapshot_json: string | null;
  content_hash: string | null;
}

export interface Database {
  reviews: ReviewsTable;
  spc_rebases: SpcRebasesTable;
  teaching_sets: TeachingSetsTable;
  teaching_set_items: TeachingSetItemsTable;
  search_synonyms: SearchSynonymsTable;
  case_notes: CaseNotesTable;
  actions: ActionsTable;
  case_sequences: CaseSequencesTable;
  cases: CasesTable;
  case_themes: CaseThemesTable;
  case_factors: CaseFactorsTable;
  case_links: CaseLinksTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_events: AuditEventsTable;
  vocabulary_terms: VocabularyTermsTable;
  themes: ThemesTable;
  factors: FactorsTable;
  departments: DepartmentsTable;
  timeframes: TimeframesTable;
  api_tokens: ApiTokensTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type CaseRow = Selectable<CasesTable>;
export type NewCaseRow = Insertable<CasesTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type NewAuditEventRow = Insertable<AuditEventsTable>;
