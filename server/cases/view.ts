import type { CaseRow } from '../db/schema.ts';
import { type Journey, STAGES } from '../domain/journey.ts';
import type * as repo from './repository.ts';

export type CaseView = {
  ref: string;
  version: number;
  status: 'draft' | 'submitted' | 'closed';
  withdrawn: boolean;
  withdrawnReason: string | null;
  title: string;
  narrative: string;
  learning: string | null;
  source: string;
  department: string;
  modality: string;
  bodyArea: string | null;
  setting: string;
  urgency: string | null;
  alertCategory: string | null;
  harm: string;
  ageBand: string | null;
  eventMonth: string;
  themes: { theme: string; factors: string[] }[];
  journey: Journey;
  repeats: string[];
  repeatedBy: string[];
  createdAt: string;
  updatedAt: string;
};

export type CaseTags = Awaited<ReturnType<typeof repo.tagsOf>>;

export function toView(r: CaseRow, tags: CaseTags): CaseView {
  const journey: Journey = {};
  for (const s of STAGES) {
    const d = r[`day_${s}`];
    if (d !== null) journey[s] = d;
  }
  return {
    ref: r.ref,
    version: r.version,
    status: r.status,
    withdrawn: r.withdrawn_at !== null,
    withdrawnReason: r.withdrawn_reason,
    title: r.title,
    narrative: r.narrative,
    learning: r.learning,
    source: r.source,
    department: r.department,
    modality: r.modality,
    bodyArea: r.body_area,
    setting: r.setting,
    urgency: r.urgency,
    alertCategory: r.alert_category,
    harm: r.harm,
    ageBand: r.age_band,
    eventMonth: r.event_month,
    themes: tags.themes.map((theme) => ({ theme, factors: tags.factors.filter((f) => f.startsWith(`${theme}.`)) })),
    journey,
    repeats: tags.repeats,
    repeatedBy: tags.repeatedBy,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

