import { delays, type Timeframe } from '../domain/journey.ts';
import { monthLabel } from '../domain/months.ts';
import type { Term, Vocabularies } from '../vocabularies/service.ts';
import type { CaseView } from './service.ts';

const labelOf = (terms: Term[], code: string | null): string => (code === null ? 'Not recorded' : (terms.find((t) => t.code === code)?.label ?? code));

const STATUS_TAGS = {
  draft: { text: 'Draft', colour: 'grey' },
  submitted: { text: 'Submitted', colour: 'blue' },
  closed: { text: 'Closed', colour: 'green' },
} as const;

/** Everything the case page shows, with codes turned into today's labels. */
export function presentCase(c: CaseView, v: Vocabularies, timeframes: Timeframe[]) {
  const stageLabel = (code: string) => labelOf(v.journeyStages, code);
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  return {
    ref: c.ref,
    title: c.title,
    narrative: c.narrative,
    learning: c.learning,
    withdrawnReason: c.withdrawn ? c.withdrawnReason : null,
    status: c.withdrawn ? { text: 'Withdrawn', colour: 'red' } : STATUS_TAGS[c.status],
    rows: [
      row('Reference', c.ref),
      row('Source', labelOf(v.sources, c.source)),
      row('Department', labelOf(v.departments, c.department)),
      row('Modality', labelOf(v.modalities, c.modality)),
      row('Body area', labelOf(v.bodyAreas, c.bodyArea)),
      row('Care setting', labelOf(v.settings, c.setting)),
      row('Urgency of the request', labelOf(v.urgencies, c.urgency)),
      row('Alert category of the finding', labelOf(v.alertCategories, c.alertCategory)),
      row('Harm (LFPSE physical harm)', labelOf(v.harms, c.harm)),
      row('Age band', labelOf(v.ageBands, c.ageBand)),
      row('Month of the event', monthLabel(c.eventMonth)),
    ],
    themes: c.themes.map((t) => {
      const theme = v.themes.find((x) => x.code === t.theme);
      return { code: t.theme, label: theme?.label ?? t.theme, factors: t.factors.map((f) => ({ code: f, label: labelOf(theme?.factors ?? [], f) })) };
    }),
    journey: Object.entries(c.journey).map(([stage, day]) => ({ stage: stageLabel(stage), day })),
    delays: delays(c.journey, c.urgency, timeframes).map((d) => ({
      ...d,
      from: stageLabel(d.fromStage),
      to: stageLabel(d.toStage),
      ...(d.skipped ? { skippedText: `no ${d.skipped.map((s) => stageLabel(s).toLowerCase()).join(' or ')} recorded` } : {}),
    })),
    repeats: c.repeats,
    repeatedBy: c.repeatedBy,
  };
}
