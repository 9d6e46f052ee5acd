/**
 * A labelled corpus for measuring the identifier scanner: anonymised-style imaging case
 * narratives with identifiers inserted at known offsets, hard negatives (clinical look-alikes)
 * mixed in, and clean texts that must not be flagged. Deterministic: the same seed gives the
 * same corpus, so a change in the figures is a change in the scanner. All text is invented.
 */
import { findIdentifiers, severity } from '../server/domain/identifiers.ts';
import type { Finding, IdentifierKind } from '../server/domain/identifiers.ts';
import { mulberry32 } from './corpus.ts';

export type LabelledText = { text: string; expected: Finding[] };
export type KindScore = { expected: number; found: number; recall: number; falsePositives: number };
export type Evaluation = {
  /** Exact kind-and-offset recall over the blocking kinds. */
  recall: number;
  /** Recall over dates and names, which the user may confirm rather than remove. */
  confirmRecall: number;
  /** Share of clean texts with any finding at all. */
  cleanFlaggedRate: number;
  perKind: Record<string, KindScore>;
};


type Rng = () => number;
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const digits = (r: Rng, n: number) => Array.from({ length: n }, () => String(int(r, 0, 9))).join('');
const letter = (r: Rng, from: string) => from[Math.floor(r() * from.length)]!;
const pad2 = (n: number) => String(n).padStart(2, '0');

/** An inserted identifier: context words around it are part of the sentence, not of the finding. */
type Sample = { kind: IdentifierKind; before?: string; value: string; after?: string };

const FIRST = ['Margaret', 'David', 'Priya', 'Mohammed', 'Siobhan', 'Gareth', 'Chidi', 'Agnieszka', 'Fatima', 'Andrew', 'Eilidh', 'Kwame', 'Helen', 'Rajesh', 'Joanne', 'Piotr', 'Aisha', 'Trevor', 'Niamh', 'Olumide'];
const SURNAMES = ['Okafor', 'Thompson', 'Patel', 'Khan', "O'Neill", 'McAllister', 'Kowalski', 'Evans', 'Hughes', 'Begum', 'Nguyen', 'Fraser', 'Adeyemi', 'Clarke', 'Shah', 'Wright', 'Mensah', 'Ahmed', 'Jenkins', 'Murray', 'Lindqvist', 'Da Silva'];

function nhsNumber(r: Rng): string {
  for (;;) {
    const body = String(int(r, 4, 7)) + digits(r, 8);
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(body[i]) * (10 - i);
    const check = (11 - (sum % 11)) % 11;
    if (check === 10) continue;
    const d = body + String(check);
    const sep = pick(r, ['', ' ', ' ', '-']);
    return `${d.slice(0, 3)}${sep}${d.slice(3, 6)}${sep}${d.slice(6)}`;
  }
}

function niNumber(r: Rng): string {
  for (;;) {
    const a = letter(r, 'ABCEGHJKLMNOPRSTWXYZ');
    const b = letter(r, 'ABCEGHJKLMNPRSTWXYZ');
    if (['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(a + b)) continue;
    const d = digits(r, 6);
    const s = letter(r, 'ABCD');
    return r() < 0.5 ? `${a}${b} ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)} ${s}` : `${a}${b}${d}${s}`;
  }
}

function postcode(r: Rng): string {
  const area1 = 'ABCDEFGHIJKLMNOPRSTUWYZ';
  const area2 = 'ABCDEFGHKLMNOPQRSTUVWXY';
  const inward = `${int(r, 0, 9)}${letter(r, 'ABDEFGHJLNPQRSTUWXYZ')}${letter(r, 'ABDEFGHJLNPQRSTUWXYZ')}`;
  const outward = pick(r, [
    () => `${letter(r, area1)}${int(r, 1, 9)}`,
    () => `${letter(r, area1)}${int(r, 10, 99)}`,
    () => `${letter(r, area1)}${letter(r, area2)}${int(r, 1, 9)}`,
    () => `${letter(r, area1)}${letter(r, area2)}${int(r, 10, 99)}`,
    () => `${letter(r, area1)}${int(r, 1, 9)}${letter(r, 'ABCDEFGHJKPSTUW')}`,
    () => `${letter(r, area1)}${letter(r, area2)}${int(r, 1, 9)}${letter(r, 'ABEHMNPRVWXY')}`,
  ])();
  const pc = r() < 0.8 ? `${outward} ${inward}` : `${outward}${inward}`;
  return r() < 0.15 ? pc.toLowerCase() : pc;
}

function phone(r: Rng): string {
  return pick(r, [
    () => `0113 ${digits(r, 3)} ${digits(r, 4)}`,
    () => `020 ${int(r, 3, 8)}${digits(r, 3)} ${digits(r, 4)}`,
    () => `01${digits(r, 3)} ${digits(r, 6)}`,
    () => `07700 900${digits(r, 3)}`,
    () => `07${int(r, 4, 9)}${digits(r, 2)} ${digits(r, 6)}`,
    () => `07${int(r, 4, 9)}${digits(r, 8)}`,
    () => `+44 7${int(r, 4, 9)}${digits(r, 2)} ${digits(r, 6)}`,
    () => `+44 (0)1${digits(r, 2)} ${digits(r, 3)} ${digits(r, 4)}`,
    () => `0044 20 ${digits(r, 4)} ${digits(r, 4)}`,
    () => `(01632) 960${digits(r, 3)}`,
    () => `0800 ${digits(r, 3)} ${digits(r, 4)}`,
    () => `0800 ${digits(r, 3)} ${digits(r, 3)}`,
    () => `0161-${digits(r, 3)}-${digits(r, 4)}`,
  ])();
}

function email(r: Rng): string {
  const f = pick(r, FIRST).toLowerCase();
  const s = pick(r, SURNAMES).toLowerCase().replace(/[^a-z]/g, '');
  const local = pick(r, [`${f}.${s}`, `${f}${s}${int(r, 1, 99)}`, `${f[0]}${s}`, `${s}_${f}`]);
  return `${local}@${pick(r, ['nhs.net', 'gmail.com', 'hotmail.co.uk', 'outlook.com', 'example-trust.nhs.uk', 'btinternet.com'])}`;
}

function hospitalNumber(r: Rng): Sample {
  const value = pick(r, [
    () => digits(r, int(r, 6, 9)),
    () => `${letter(r, 'KMRSTJ')}${digits(r, int(r, 6, 7))}`,
    () => `${digits(r, 3)} ${digits(r, 3)} ${digits(r, 4)}`,
    () => `ACC${digits(r, 8)}`,
  ])();
  if (r() < 0.15) return { kind: 'hospital_number', value: `R${letter(r, 'ABCDHJKLMNPQRTVWXY')}${letter(r, 'A0123456789X')}${digits(r, 7)}` };
  const label = pick(r, ['hospital number', 'Hospital No.', 'hosp no', 'MRN', 'MRN:', 'unit number', 'unit no.', 'accession number', 'acc no.', 'Accession', 'patient ID', 'RIS accession no.', 'case notes number']);
  return { kind: 'hospital_number', before: `${label} `, value };
}

function staffNumber(r: Rng): Sample {
  const nmc = `${digits(r, 2)}${letter(r, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')}${digits(r, 4)}${letter(r, 'ABCDEFGHJKLMNOPQRSTUVWXYZ')}`;
  return pick(r, [
    (): Sample => ({ kind: 'staff_number', before: pick(r, ['GMC number ', 'GMC ', 'GMC no. ', 'GMC reference number: ']), value: digits(r, 7) }),
    (): Sample => ({ kind: 'staff_number', before: pick(r, ['NMC PIN ', 'NMC number ', '']), value: nmc }),
    (): Sample => ({ kind: 'staff_number', before: pick(r, ['HCPC registration ', 'HCPC number ', 'registration number ', '']), value: `RA${digits(r, int(r, 5, 6))}` }),
    (): Sample => ({ kind: 'staff_number', before: pick(r, ['staff number ', 'ESR number ', 'employee ID ']), value: digits(r, 8) }),
  ])();
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function fullDate(r: Rng): string {
  const d = int(r, 1, 28);
  const m = int(r, 1, 12);
  const y = int(r, 1925, 2025);
  const month = MONTH_NAMES[m - 1]!;
  const ord = d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th';
  return pick(r, [
    () => `${pad2(d)}/${pad2(m)}/${y}`,
    () => `${pad2(d)}-${pad2(m)}-${y}`,
    () => `${d} ${month} ${y}`,
    () => `${d}${ord} ${month.slice(0, 3)} ${y}`,
    () => `${month} ${d}, ${y}`,
    () => `${y}-${pad2(m)}-${pad2(d)}`,
    () => `${pad2(d)}.${pad2(m)}.${String(y).slice(2)}`,
    () => `${d}/${m}/${String(y).slice(2)}`,
  ])();
}

function personName(r: Rng): Sample {
  const f = pick(r, FIRST);
  const s = pick(r, SURNAMES);
  return pick(r, [
    (): Sample => ({ kind: 'person_name', before: `${pick(r, ['Dr', 'Mr', 'Mrs', 'Ms', 'Miss', 'Prof.', 'Sister', 'Dr.'])} `, value: s }),
    (): Sample => ({ kind: 'person_name', value: `${f} ${s}` }),
    (): Sample => ({ kind: 'person_name', before: `${pick(r, ['her husband', 'his wife', 'the patient', 'her daughter', 'his son', 'the radiologist,', 'the consultant', 'the GP,', 'a radiographer called', 'her mother'])} `, value: f }),
    (): Sample => ({ kind: 'person_name', before: 'Dr ', value: `${f[0]}. ${s}` }),
  ])();
}

const SAMPLERS: Record<IdentifierKind, (r: Rng) => Sample> = {
  nhs_number: (r) => ({ kind: 'nhs_number', before: pick(r, ['', '', 'NHS number ', 'NHS no. ', 'NHS No: ']), value: nhsNumber(r) }),
  ni_number: (r) => ({ kind: 'ni_number', before: pick(r, ['', 'NI number ', 'National Insurance number ']), value: niNumber(r) }),
  postcode: (r) => ({ kind: 'postcode', before: pick(r, ['', 'postcode ', 'Leeds ', 'Flat 2, 14 Acacia Road, ']), value: postcode(r) }),
  phone: (r) => ({ kind: 'phone', before: pick(r, ['', 'tel ', 'mobile ', 'on ']), value: phone(r) }),
  email: (r) => ({ kind: 'email', value: email(r) }),
  hospital_number: hospitalNumber,
  staff_number: staffNumber,
  date: (r) => ({ kind: 'date', before: pick(r, ['', 'DOB ', 'born ', 'on ']), value: fullDate(r) }),
  person_name: personName,
};

/** Sentences that carry an identifier; `{}` is replaced by the sample with its context words. */
const CARRIERS = [
  'The referral letter scanned into PACS showed {} in the header.',
  'A screenshot attached to the complaint included {}.',
  'The free-text box on the request form read "{}".',
  'During the review it was noticed that {} had been typed into the incident summary.',
  'The complainant wrote: please contact me about {} as soon as possible.',
  'Details on the discharge summary ({}) did not match the imaging request.',
  'The reporting worklist still listed {} after the report was verified.',
  'The letter to the GP referred to {} and the CT result.',
  'Information recorded: {}; no further action was documented.',
  'It was confirmed that {} appeared on the alert email.',
  '{} was written on the request card in the patient comments section.',
  'Contact details: {}.',
];

/**
 * Clinical look-alikes from the style of radiology reports, RCR and NICE guidance and incident
 * reviews: durations, scores, staging, spinal levels, doses, codes, eponyms and organisations.
 */
const HARD_NEGATIVES = [
  'CT chest, abdomen and pelvis on day 45 showed a 12 x 9 mm nodule in the right upper lobe.',
  'The report was verified 6/52 after the scan, beyond the 28-day standard set in August 2023.',
  'Staging was T2N0M0 on the first MDT and revised to T3aN1bM0 after the PET-CT.',
  'Mammography was graded BI-RADS 4 and the ultrasound U5/R5/M5.',
  'MRI prostate was reported as PI-RADS 5 with a Gleason 4+3=7 on biopsy.',
  'The LI-RADS category was LR-4 and AFP was 12 kU/L.',
  'A Bosniak IIF cyst was noted incidentally; Fleischner 2017 criteria were applied to the nodule.',
  'GCS was 14/15 on arrival and the CT head was reported at 14:30.',
  'Disc prolapse at L4-L5 with compression of the traversing nerve root; mild canal stenosis at C5/6.',
  'A T12 wedge fracture was described as stable.',
  'The diagnosis was coded as ICD-10 C34.1 with the SNOMED CT concept 254637007.',
  'The referral met NICE NG12 criteria for a suspected cancer pathway referral.',
  'The patient was moved from ward 7, bed 12 to bay 3 on the acute medical unit.',
  'The alert was sent at 2pm and acknowledged 36 hours later.',
  'About 18% of reports in the audit sample were outside the 28-day target.',
  'The trust had introduced electronic requesting in 2019 and fail-safe tracking in 2021.',
  'This case (CB-2026-00012) was discussed at REALM in March 2024.',
  'The patient was in the 65–79 age band and lived alone.',
  'Factor T2.03 (handover between departments) was selected by the reviewer.',
  'Contrast dose was 100 ml of iohexol 300 and 1200 ml of oral water.',
  'Heparin 10 000 units was given before the interventional procedure.',
  'The DLP was 480 mGy.cm and the effective dose about 7.2 mSv.',
  'Tube settings were 120 kV and 250 mAs with a 0.625 mm slice reconstruction.',
  'Morphine 2.5 mg/kg was prescribed in error; the correct dose was 50 mg daily.',
  'Hodgkin lymphoma was considered but histology confirmed non-Hodgkin lymphoma.',
  "Crohn's disease was known and the MR enterography showed active terminal ileitis.",
  "Parkinson's disease limited positioning; Alzheimer's dementia affected consent.",
  "A Bankart lesion and a Hill-Sachs defect were missed on the initial shoulder films.",
  "The radiograph showed a Colles fracture, not a Smith's fracture as first reported.",
  "A Salter-Harris II fracture of the distal radius was reported on the follow-up film.",
  "Perthes disease and Osgood-Schlatter changes were in the differential for the knee pain.",
  "Paget's disease of the pelvis was an incidental finding on the CT.",
  "A Baker's cyst was seen on the ultrasound; no deep vein thrombosis was present.",
  "Barrett's oesophagus was under surveillance; Bell's palsy was a past history.",
  "Murphy's sign was positive in ED and the ultrasound showed acute cholecystitis.",
  "The Glasgow Coma Scale was recorded every hour on the ward.",
  "The patient was transferred to St Thomas' Hospital for specialist review.",
  "Images were shared with Guy's and the Royal Marsden through the image exchange portal.",
  "Addenbrooke's and King's College Hospital provided second opinions.",
  "The Christie agreed to take over oncology follow-up.",
  'NHS England, the CQC, HSSIB and the PHSO have all published on missed findings.',
  'RCR standards for the communication of radiological reports were used as the benchmark.',
  'A Lung-RADS 4A nodule measured 9 mm; the previous scan was 6 months earlier.',
  'Follow-up was planned at 3/12 and a repeat scan at 6/52; discharge after 2/7.',
  'Pain started D+12 after the procedure and resolved by day 30.',
  'Ultrasound showed a 4.5cm simple cyst and a 1.2 cm echogenic focus.',
  'Down syndrome was noted on the request and the child was scanned on the paediatric list.',
  "Wilson's disease and Hashimoto's thyroiditis were listed in the past medical history.",
  'The ejection fraction was 45% and eGFR was 38 mL/min/1.73m2.',
  'HSSIB report I2020/017 discussed handover of imaging results.',
  'The Breslow thickness was 2.1 mm and the TNM stage was pT2a N0.',
  'The consultant radiologist reviewed the study on 03/2021 worklists and again in 2021-03.',
  'An Ewing sarcoma was suspected; Kaposi sarcoma was excluded.',
  'The patient was reviewed by the GP within 2 weeks and by the urology team within 14 days.',
  "Meckel's diverticulum was suspected on the technetium scan.",
  "Dupuytren's contracture was noted on the hand radiograph requested for trauma.",
  'The radiologist recommended CT in 3 months and the MDT agreed.',
  'The request was vetted by the duty radiologist and protocolled as a CT KUB.',
  'The sonographer escalated the finding to the reporting radiologist the same afternoon.',
  'Blood pressure was 145/90 and heart rate 110 bpm; oxygen saturation was 94% on air.',
  'A 10 mm polyp was seen at 25 cm; Kawasaki disease was in the history.',
  'Cushing\'s syndrome and Addison\'s disease were considered in the adrenal MDT.',
  'The patient was assessed under the Mental Capacity Act 2005.',
  'Nodule volume doubled from 120 mm3 to 245 mm3 in 3 months.',
  'The Pancoast tumour was not described and Virchow\'s node was not commented on.',
  'PSA was 7.2 ng/mL and prostate volume 45 cc.',
  'The HbA1c was 48 mmol/mol and creatinine 112 umol/L.',
  'Images from 2018, 2019 and 2020 were not available for comparison.',
  'Reporting turnaround in quarter 3 was 12 days for GP requests and 21 days for outpatients.',
];

/** Randomised look-alikes, so the clean texts are not just the fixed sentences above. */
const LOOK_ALIKES: ((r: Rng) => string)[] = [
  (r) => `a ${int(r, 2, 40)} x ${int(r, 2, 30)} mm lesion`,
  (r) => `${int(r, 1, 9)}.${int(r, 0, 9)}cm cyst`,
  (r) => `${int(r, 1, 20)}.${int(r, 0, 9)} mSv`,
  (r) => `${pick(r, [80, 100, 120, 140])} kV`,
  (r) => `${pick(r, [2.5, 5, 10, 50, 500])} mg${pick(r, ['', '/kg', ' bd', ' od'])}`,
  (r) => `${pick(r, ['C', 'T', 'L'])}${int(r, 1, 7)}/${int(r, 2, 8)}`,
  (r) => `${pick(r, ['L', 'T'])}${int(r, 1, 4)}-${pick(r, ['L', 'T'])}${int(r, 2, 5)}`,
  (r) => `T${int(r, 1, 4)}${pick(r, ['', 'a', 'b'])}N${int(r, 0, 3)}M${int(r, 0, 1)}`,
  (r) => `${pick(r, ['BI-RADS', 'PI-RADS', 'LI-RADS', 'O-RADS', 'TI-RADS'])} ${int(r, 1, 5)}`,
  (r) => `Gleason ${int(r, 3, 5)}+${int(r, 3, 5)}`,
  (r) => `GCS ${int(r, 3, 15)}/15`,
  (r) => `${int(r, 1, 12)}/${pick(r, [7, 12, 52])}`,
  (r) => `day ${int(r, 1, 90)}`,
  (r) => `D+${int(r, 1, 30)}`,
  (r) => `${int(r, 2, 36)} months`,
  (r) => `${pad2(int(r, 0, 23))}:${pad2(int(r, 0, 59))}`,
  (r) => `${int(r, 1, 12)}${pick(r, ['am', 'pm'])}`,
  (r) => `${int(r, 1, 99)}%`,
  (r) => `in ${int(r, 2005, 2026)}`,
  (r) => `${MONTH_NAMES[int(r, 0, 11)]} ${int(r, 2010, 2026)}`,
  (r) => `${pad2(int(r, 1, 12))}/${int(r, 2010, 2026)}`,
  (r) => `${int(r, 2010, 2026)}-${pad2(int(r, 1, 12))}`,
  (r) => `CB-${int(r, 2024, 2027)}-${String(int(r, 1, 99999)).padStart(5, '0')}`,
  (r) => `${pick(r, ['ward', 'bed', 'bay', 'room'])} ${int(r, 1, 40)}`,
  (r) => `aged ${pick(r, ['18–39', '40–64', '65–79', '80+'])}`,
  (r) => `T${int(r, 1, 12)}.${pad2(int(r, 1, 20))}`,
  (r) => `${int(r, 100, 2000)} ml`,
  (r) => `${int(r, 1, 20)} 000 units`,
  (r) => `SNOMED CT ${int(r, 100000, 999999)}${digits(r, 3)}`,
  (r) => `ICD-10 ${pick(r, ['C34.1', 'C50.9', 'C18.7', 'I26.9', 'S72.0'])}`,
  (r) => `NICE ${pick(r, ['NG12', 'NG136', 'CG95', 'NG158', 'QS124'])}`,
  (r) => `eGFR ${int(r, 15, 90)}`,
  (r) => `BP ${int(r, 90, 180)}/${int(r, 50, 110)}`,
  (r) => `Bosniak ${pick(r, ['I', 'II', 'IIF', 'III', 'IV'])}`,
  (r) => `U${int(r, 1, 5)}/R${int(r, 1, 5)}/M${int(r, 1, 5)}`,
  (r) => `HU ${int(r, -20, 60)}`,
  (r) => `section ${int(r, 1, 9)}.${int(r, 1, 9)}.${int(r, 1, 12)}`,
];

function lookAlikeSentence(r: Rng): string {
  const parts = Array.from({ length: int(r, 2, 4) }, () => pick(r, LOOK_ALIKES)(r));
  return `${pick(r, ['Notes:', 'Review recorded', 'Summary:', 'Findings included'])} ${parts.join('; ')}.`;
}

export type CorpusOptions = { seed?: number; labelled?: number; clean?: number };

function assemble(r: Rng, samples: Sample[]): LabelledText {
  const pieces: ({ sample: Sample; carrier: string } | string)[] = [];
  for (let i = int(r, 1, 4); i > 0; i--) pieces.push(r() < 0.3 ? lookAlikeSentence(r) : pick(r, HARD_NEGATIVES));
  for (const sample of samples) pieces.splice(int(r, 0, pieces.length), 0, { sample, carrier: pick(r, CARRIERS) });
  let text = '';
  const expected: Finding[] = [];
  for (const p of pieces) {
    if (text) text += ' ';
    if (typeof p === 'string') {
      text += p;
      continue;
    }
    const [head, tail] = p.carrier.split('{}') as [string, string];
    text += head + (p.sample.before ?? '');
    expected.push({ kind: p.sample.kind, start: text.length, end: text.length + p.sample.value.length });
    text += p.sample.value + (p.sample.after ?? '') + tail;
  }
  return { text, expected };
}

/** Labelled texts (one to three identifiers each) followed by clean texts (no identifiers). */
export function buildIdentifierCorpus(options: CorpusOptions = {}): LabelledText[] {
  const r = mulberry32(options.seed ?? 20261123);
  const kinds = Object.keys(SAMPLERS) as IdentifierKind[];
  const corpus: LabelledText[] = [];
  for (let i = 0; i < (options.labelled ?? 900); i++) {
    const samples = Array.from({ length: int(r, 1, 3) }, (_, j) => SAMPLERS[kinds[(i + j * 4) % kinds.length]!](r));
    corpus.push(assemble(r, samples));
  }
  for (let i = 0; i < (options.clean ?? 400); i++) corpus.push(assemble(r, []));
  return corpus;
}

type Scanner = (text: string) => { kind: string; start: number; end: number }[];

export function evaluateScanner(corpus: readonly LabelledText[], scan: Scanner = findIdentifiers): Evaluation {
  const perKind: Record<string, KindScore> = {};
  const score = (kind: string) => (perKind[kind] ??= { expected: 0, found: 0, recall: 0, falsePositives: 0 });
  let cleanTexts = 0;
  let cleanFlagged = 0;
  for (const { text, expected } of corpus) {
    const found = scan(text);
    const key = (f: { kind: string; start: number; end: number }) => `${f.kind}:${f.start}:${f.end}`;
    const foundKeys = new Set(found.map(key));
    const expectedKeys = new Set(expected.map(key));
    for (const e of expected) {
      const s = score(e.kind);
      s.expected++;
      if (foundKeys.has(key(e))) s.found++;
    }
    for (const f of found) if (!expectedKeys.has(key(f))) score(f.kind).falsePositives++;
    if (expected.length === 0) {
      cleanTexts++;
      if (found.length > 0) cleanFlagged++;
    }
  }
  let blockExpected = 0;
  let blockFound = 0;
  let confirmExpected = 0;
  let confirmFound = 0;
  for (const [kind, s] of Object.entries(perKind)) {
    s.recall = s.expected ? s.found / s.expected : 1;
    if (severity(kind) === 'block') {
      blockExpected += s.expected;
      blockFound += s.found;
    } else {
      confirmExpected += s.expected;
      confirmFound += s.found;
    }
  }
  return {
    recall: blockExpected ? blockFound / blockExpected : 1,
    confirmRecall: confirmExpected ? confirmFound / confirmExpected : 1,
    cleanFlaggedRate: cleanTexts ? cleanFlagged / cleanTexts : 0,
    perKind,
  };
}
