/**
 * Synonyms for imaging language. Reports, referrals and complaints name the same thing in different
 * words ("CXR", "chest film"), and a trainer searching one form must find cases written in another.
 * Groups are data: admins add their own at run time and the engine compiles them with these.
 */
import { type ParsedQuery, type QueryClause, type QueryPart, partOf } from './search-query.ts';

export const DEFAULT_SYNONYMS: string[][] = [
  ['CXR', 'chest X-ray', 'chest radiograph', 'chest film', 'chest XR'],
  ['AXR', 'abdominal X-ray', 'abdominal radiograph', 'abdominal film'],
  ['US', 'USS', 'ultrasound', 'ultrasonography', 'sonography', 'sonogram'],
  ['ED', 'A&E', 'emergency department', 'accident and emergency', 'casualty'],
  ['MR', 'MRI', 'magnetic resonance', 'magnetic resonance imaging'],
  ['CT', 'computed tomography', 'CAT scan'],
  ['CTC', 'CT colonography', 'virtual colonoscopy'],
  ['PET-CT', 'PET', 'positron emission tomography'],
  ['nuclear medicine', 'NM', 'isotope scan', 'scintigraphy'],
  ['IR', 'interventional radiology'],
  ['mammogram', 'mammography', 'mammo'],
  ['2WW', 'two week wait', 'suspected cancer referral', 'urgent suspected cancer', 'USC', 'fast track referral'],
  ['PE', 'pulmonary embolism', 'pulmonary embolus', 'pulmonary emboli'],
  ['DVT', 'deep vein thrombosis'],
  ['AAA', 'abdominal aortic aneurysm'],
  ['SAH', 'subarachnoid haemorrhage', 'subarachnoid hemorrhage'],
  ['haemorrhage', 'hemorrhage', 'bleed'],
  ['oedema', 'edema'],
  ['oesophagus', 'esophagus'],
  ['cancer', 'carcinoma', 'malignancy'],
  ['metastases', 'metastatic disease', 'mets', 'secondaries'],
  ['GP', 'general practitioner', 'family doctor'],
  ['referrer', 'requester', 'referring clinician', 'requesting clinician'],
  ['PACS', 'picture archiving and communication system', 'picture archiving'],
  ['RIS', 'radiology information system'],
  ['not acknowledged', 'unacknowledged', 'not read', 'unread'],
  ['acknowledged', 'acknowledgement', 'acknowledgment'],
  ['alert', 'notification'],
  ['fail-safe', 'failsafe', 'safety net', 'safety netting'],
  ['follow-up', 'followup'],
  ['missed', 'overlooked'],
  ['outsourcing', 'outsourced reporting', 'teleradiology', 'external reporting company'],
  ['MDT', 'MDM', 'multidisciplinary team', 'multidisciplinary meeting'],
  ['REAL meeting', 'discrepancy meeting', 'radiology events and learning', 'learning from discrepancies'],
  ['PHSO', 'ombudsman', 'parliamentary and health service ombudsman'],
  ['PALS', 'patient advice and liaison service'],
  ['HSSIB', 'health services safety investigations body'],
  ['LFPSE', 'learning from patient safety events', 'Datix'],
  ['PSII', 'patient safety incident investigation'],
  ['PSIRF', 'patient safety incident response framework'],
  ['RCR', 'royal college of radiologists'],
  ['MSK', 'musculoskeletal'],
  ['OPD', 'outpatient department', 'outpatient clinic'],
];

export type SynonymTable = { members: Map<string, QueryPart[]>; longest: number };

const keyOf = (terms: string[]) => terms.join(' ');

/** Compiles groups once; every member maps to the whole group, the member itself first. */
export function compileSynonyms(groups: string[][]): SynonymTable {
  const members = new Map<string, QueryPart[]>();
  let longest = 1;
  for (const group of groups) {
    const parts = group.map((m) => partOf(m, false)).filter((p): p is QueryPart => p !== null);
    for (const p of parts) {
      const key = keyOf(p.terms);
      longest = Math.max(longest, p.terms.length);
      const list = members.get(key) ?? [];
      for (const q of parts) if (!list.some((x) => keyOf(x.terms) === keyOf(q.terms))) list.push(q);
      members.set(key, list);
    }
  }
  return { members, longest };
}

function withSynonyms(own: QueryPart, table: SynonymTable): QueryPart[] {
  const group = table.members.get(keyOf(own.terms));
  if (!group) return [own];
  const key = keyOf(own.terms);
  return [own, ...group.filter((p) => keyOf(p.terms) !== key).map((p) => ({ ...p, synonym: true }))];
}

const simple = (c: QueryClause) => c.alts.length === 1 && !c.alts[0]!.quoted;

/**
 * Adds synonyms to the unquoted words of a query. Consecutive plain words that spell a multi-word
 * member ("chest x-ray") become one clause, so the case that says "CXR" is not one word short.
 * Quoted phrases and exclusions stay exactly as typed: those are the strict parts of the language.
 */
export function expandQuery(parsed: ParsedQuery, table: SynonymTable): ParsedQuery {
  const out: QueryClause[] = [];
  const cs = parsed.clauses;
  for (let i = 0; i < cs.length; ) {
    const c = cs[i]!;
    if (!simple(c)) {
      out.push({ ...c, alts: c.alts.flatMap((a) => (a.quoted ? [a] : withSynonyms(a, table))) });
      i++;
      continue;
    }
    let taken = 1;
    for (let j = Math.min(cs.length, i + table.longest); j > i + 1; j--) {
      const run = cs.slice(i, j);
      if (!run.every(simple)) continue;
      const terms = run.flatMap((r) => r.alts[0]!.terms);
      if (terms.length > table.longest || !table.members.has(keyOf(terms))) continue;
      const own: QueryPart = {
        terms,
        words: run.flatMap((r) => r.alts[0]!.words),
        surface: run.flatMap((r) => r.alts[0]!.surface),
        quoted: false,
        raw: run.map((r) => r.alts[0]!.raw).join(' '),
      };
      out.push({ alts: withSynonyms(own, table), prefix: false });
      taken = j - i;
      break;
    }
    if (taken === 1) out.push({ alts: withSynonyms(c.alts[0]!, table), prefix: c.prefix });
    i += taken;
  }
  return { clauses: out, exclude: parsed.exclude };
}
