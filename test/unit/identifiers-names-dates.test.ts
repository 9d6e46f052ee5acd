import { describe, expect, it } from 'vitest';
import { findIdentifiers } from '../../server/domain/identifiers.ts';

const found = (text: string) => findIdentifiers(text).map((f) => [f.kind, text.slice(f.start, f.end)]);
const names = (text: string) => found(text).filter(([k]) => k === 'person_name').map(([, v]) => v);
const clean = (texts: string[]) => {
  for (const text of texts) expect(found(text), text).toEqual([]);
};

describe('dates', () => {
  it.each([
    '12/03/1957',
    '12-03-1957',
    '3 March 1957',
    '3rd Mar 1957',
    '3rd of March 1957',
    'March 3, 1957',
    'Mar 3rd 1957',
    '1957-03-12',
    '12.03.57',
    '12/3/57',
    '03-Mar-1957',
    '29 february 2020',
    '12/31/1957',
  ])('flags %s', (value) => {
    const text = `Date of birth ${value} was on the request.`;
    const start = text.indexOf(value);
    expect(findIdentifiers(text)).toEqual([{ kind: 'date', start, end: start + value.length }]);
  });

  it('ignores month-year, durations, offsets, times, ranges and impossible dates', () => {
    clean([
      'The scan was in March 2021 and reported in 03/2021 (or 2021-03).',
      'Follow-up at 3/12, repeat at 6/52, discharge after 2/7.',
      'Pain from day 45; D+12 review; POD 2.',
      'Reported at 14:30, alert at 2pm.',
      'Sizes 10-12-15 mm were compared.',
      'Financial year 2023/24 and quarter 3 2021/22.',
      'Invalid 31/02/2020 and 45/13/1999 were typed.',
      'Version 2.1.3 of the protocol; section 4.2.10.',
      'The scans may 3 2019 be compared.',
      'NICE NG12 (2015, updated 2023).',
    ]);
  });
});

describe('person names after titles', () => {
  it.each([
    ['Dr Okafor reviewed it.', 'Okafor'],
    ['Seen by Dr. Okafor.', 'Okafor'],
    ['Mrs J. Smith attended.', 'J. Smith'],
    ['Letter from Mr McAllister.', 'McAllister'],
    ["Sister O'Neill-Hughes escalated.", "O'Neill-Hughes"],
    ['Prof Chris Whitty wrote.', 'Chris Whitty'],
    ['Professor Patel agreed.', 'Patel'],
    ['Nurse Begum called.', 'Begum'],
    ['Miss Kowalski complained.', 'Kowalski'],
    ['Ms Da Silva rang.', 'Da Silva'],
    ['Dr van der Berg reported.', 'van der Berg'],
    ['Report by Dr A. B. Shah.', 'A. B. Shah'],
    ["Mr Smith's report.", 'Smith'],
    ['DR OKAFOR signed.', 'OKAFOR'],
  ])('flags the name in "%s"', (text, name) => {
    const start = text.indexOf(name);
    expect(findIdentifiers(text)).toEqual([{ kind: 'person_name', start, end: start + name.length }]);
  });

  it('ignores titles followed by a role or nothing name-like', () => {
    clean(['The Dr on call was busy.', 'A Nurse Specialist reviewed.', 'Professor Emeritus of radiology.', 'We will miss the deadline.']);
  });
});

describe('person names after role and relation words', () => {
  it.each([
    ['Her husband John was present.', 'John'],
    ['His wife, Margaret Evans, complained.', 'Margaret Evans'],
    ['The radiologist, Ahmed Khan, reported it.', 'Ahmed Khan'],
    ['The patient Keith Fraser attended.', 'Keith Fraser'],
    ['My mother, Joan, was scanned.', 'Joan'],
    ['A radiographer called Okonkwo helped.', 'Okonkwo'],
    ['The GP, Lindqvist, was informed.', 'Lindqvist'],
    ['Her son Jack drove her.', 'Jack'],
    ['It was seen by Priya in ED.', 'Priya'],
    ['I spoke to Gareth at 14:00.', 'Gareth'],
  ])('flags the name in "%s"', (text, name) => {
    expect(names(text)).toEqual([name]);
  });

  it('ignores departments, roles and stray capitals after role words', () => {
    clean([
      'The GP Practice was informed.',
      'The consultant Radiologist reviewed it.',
      'Her husband, who was present, asked.',
      'The patient called Switchboard and then called 999.',
      'The named Consultant was away.',
      'The radiologist Reported it late.',
      'The patient was seen by Radiology within 2 weeks.',
      'The patient had a PE.',
    ]);
  });
});

describe('first names from the list', () => {
  it('flags unambiguous first names in any case, with a capitalised surname', () => {
    expect(names('Margaret attended. margaret jones rang. DAVID SMITH came. Priya Shah and Mohammed Ali.')).toEqual([
      'Margaret',
      'margaret',
      'DAVID SMITH',
      'Priya Shah',
      'Mohammed Ali',
    ]);
    expect(names('Jean-Pierre Dubois and Maria de Souza attended.')).toEqual(['Jean-Pierre Dubois', 'Maria de Souza']);
  });

  it('needs a surname mid-sentence for names that are also words', () => {
    expect(names('The letter from Mark Taylor and May Jones arrived.')).toEqual(['Mark Taylor', 'May Jones']);
    clean([
      'Mark the request as urgent.',
      'Will Radiology confirm the time?',
      'A grace period of 2 days applies; Grace was not involved.',
      'In May Radiology changed the rota.',
      'Summer holidays caused delays.',
      'The Amber alert was raised.',
      'We hope the pathway improves; Faith in the system fell.',
      'Rose bengal, Iris clips and a Jack knife position were mentioned.',
      'Frank haematuria was reported; Ray artefact on ultrasound.',
      'Joy and Dawn were words in the patient story.',
      'He will pay the bill in June.',
    ]);
  });

  it('ignores acronyms that spell first names', () => {
    clean(['SAM was seen on echo.', 'ALI on CT; ED attendance.', 'The ADA guidance was cited.']);
  });
});

describe('eponyms, organisations and hospitals are not names', () => {
  it('ignores clinical eponyms', () => {
    clean([
      'Hodgkin lymphoma was considered; non-Hodgkin lymphoma was confirmed.',
      "Crohn's disease, Graves' disease, Parkinson's disease and Alzheimer's dementia.",
      'Wilms tumour, Bankart lesion, Hill-Sachs defect and Down syndrome.',
      "Baker's cyst, Barrett's oesophagus and Bell's palsy.",
      "A Colles fracture, not a Smith's fracture; Monteggia and Galeazzi fractures.",
      'Salter-Harris II; Perthes disease; Osgood-Schlatter disease.',
      "Paget's disease, Cushing's syndrome, Addison's disease and Hashimoto's thyroiditis.",
      "Kawasaki disease, Kaposi sarcoma, Ewing's sarcoma and Wilson's disease.",
      "Hirschsprung's disease, Meckel's diverticulum, Morton's neuroma and Dupuytren's contracture.",
      "A Pancoast tumour, Virchow's node, Murphy's sign and McBurney's point.",
      'Glasgow Coma Scale 14; Bosniak IIF; Fleischner criteria; Lung-RADS 4A; TNM 8; Gleason 7; Breslow 2 mm.',
      'Ann Arbor stage IIA; Ivor Lewis oesophagectomy; Sister Mary Joseph nodule.',
    ]);
  });

  it('ignores organisations and hospitals named after people', () => {
    clean([
      "Transferred to St Thomas' Hospital, then Guy's, then Addenbrooke's.",
      'The Royal Marsden, The Christie and King\'s College Hospital gave opinions.',
      'NHS England, the RCR, the CQC, HSSIB, the PHSO and NICE have published guidance.',
      'St. Mary\'s, St George\'s and St James\'s University Hospital took part.',
      'The John Radcliffe, Queen Elizabeth Hospital and Princess Alexandra Hospital.',
      'William Harvey Hospital and Alexandra Wing.',
    ]);
  });
});
