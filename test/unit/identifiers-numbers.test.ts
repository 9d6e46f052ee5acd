import { describe, expect, it } from 'vitest';
import { findIdentifiers } from '../../server/domain/identifiers.ts';

/** Every finding as [kind, matched text], which checks offsets exactly and reads well in a diff. */
const found = (text: string) => findIdentifiers(text).map((f) => [f.kind, text.slice(f.start, f.end)]);
const only = (kind: string, value: string, text: string) => {
  const start = text.indexOf(value);
  expect(findIdentifiers(text)).toEqual([{ kind, start, end: start + value.length }]);
};
const clean = (texts: string[]) => {
  for (const text of texts) expect(found(text), text).toEqual([]);
};

describe('NHS numbers', () => {
  it.each(['9434765919', '943 476 5919', '943-476-5919', '401 023 2137', '4505577104'])('flags %s', (value) => {
    only('nhs_number', value, `The form showed ${value} in the header.`);
  });

  it('flags a number at the very start and end of the text', () => {
    expect(findIdentifiers('9434765919')).toEqual([{ kind: 'nhs_number', start: 0, end: 10 }]);
    expect(found('Ref: 943 476 5919')).toEqual([['nhs_number', '943 476 5919']]);
  });

  it('flags a ten-digit number after NHS or CHI words even if the check digit fails', () => {
    only('nhs_number', '1234567890', 'NHS number 1234567890 was on the card.');
    only('nhs_number', '123 456 7890', 'NHS no. 123 456 7890');
    only('nhs_number', '0101011234', 'CHI: 0101011234');
  });

  it('ignores ten-digit numbers that fail modulus 11 without context', () => {
    clean(['Batch 1234567890 was used.', 'The count was 9434765918.', 'Totals: 123 456 7890.']);
  });

  it('ignores numbers whose check digit would be 10, and repeated-digit blanks', () => {
    // 000000006 weights to a check of 10: no NHS number can start that way.
    clean(['Code 0000000060 was entered.', 'A blank 0000000000 or 1111111111 was typed.']);
  });

  it('ignores long codes labelled as another system', () => {
    clean(['SNOMED CT concept 9434765919 was used for the audit.', 'ICD-10 code list 9434765919.']);
  });

  it('does not read digits inside longer runs or decimals', () => {
    clean(['Serial 94347659190 logged.', 'Value 1.9434765919 recorded.', 'The total 19434765919 matched.']);
  });

  it.each(['943.476.5919', '9 4 3 4 7 6 5 9 1 9', '9-4-3-4-7-6-5-9-1-9', '943  476  5919', '943 - 476 - 5919', '943\t476\t5919'])('flags %s on its own', (value) => {
    only('nhs_number', value, `The request showed ${value} in the header.`);
  });

  it.each(['94 34 76 59 19', '9434 765 919', '9434765.919', '94.347.659.19'])('flags %s after NHS number words, however the digits are grouped', (value) => {
    only('nhs_number', value, `NHS no. ${value} on the request.`);
    expect(found(`The request showed ${value} in the header.`)).toEqual([]);
  });

  it('flags a number written straight after "No."', () => {
    only('nhs_number', '9434765919', 'NHS No.9434765919 on the form.');
    only('nhs_number', '943 476 5919', 'NHS No.943 476 5919 on the form.');
  });

  it('ignores counts, sizes, times, decimals and addresses that happen to hold ten digits', () => {
    clean([
      'Counts 1 2 3 4 5 6 7 8 9 0 by day.',
      'Scores 9 4 3 4 7 6 5 9 1 9 2 were logged.',
      'Scores 2 9 4 3 4 7 6 5 9 1 9 were logged.',
      'Sizes 12 34 56 78 90 mm.',
      'Nodules measured 12 14 16 22 31 mm.',
      'Incidents per quarter: 12 17 17 23 19.',
      'eGFR trend 4.2 5.4 6.1 7.2 8.3 over the year.',
      'Workstation 10.100.45.210 could not reach PACS.',
      'Slots at 09 30 14 15 16 45 were missed.',
      'Result 9434765.919 and value 943.4765919.',
    ]);
    // A date with a time stays a date, which the author may confirm, not a blocking number.
    expect(found('Scan on 1.2.2024 14.15 was delayed.').map(([kind]) => kind)).not.toContain('nhs_number');
    expect(found('Reported 17.03.24 10.45 by the outsourcer.').map(([kind]) => kind)).not.toContain('nhs_number');
  });
});

describe('text typed with look-alike characters', () => {
  it.each([
    ['full-width digits', '９４３４７６５９１９'],
    ['Arabic-Indic digits', '٩٤٣٤٧٦٥٩١٩'],
    ['non-breaking hyphens', '943\u2011476\u20115919'],
    ['en dashes', '943\u2013476\u20135919'],
    ['thin spaces', '943\u2009476\u20095919'],
    ['zero-width spaces', '943\u200b476\u200b5919'],
    ['two invisible characters at a time', '943\u200b\u200e476\u200b\u2066\u20695919'],
    ['a space and a direction mark', '943 \u200f476 \u200f5919'],
    ['katakana long-vowel dashes', '943\u30fc476\u30fc5919'],
    ['zero-width spaces inside a group', '9\u200b4\u200b3 476 5919'],
    ['soft hyphens between every digit', [...'9434765919'].join('\u00ad')],
    ['a byte-order mark and a word joiner inside groups', '94\ufeff3 4\u206076 5919'],
  ])('finds an NHS number in %s, at its place in the text as typed', (_, value) => {
    only('nhs_number', value, `Patient ${value} was seen.`);
  });

  it('finds a postcode typed with a no-break space or in full-width letters', () => {
    only('postcode', 'SW1A\u00a01AA', 'Lives at SW1A\u00a01AA now.');
    only('postcode', 'ＳＷ１Ａ １ＡＡ', 'Lives at ＳＷ１Ａ １ＡＡ now.');
  });

  it('finds names and postcodes with invisible characters inside, and keeps offsets of the text as typed', () => {
    only('person_name', 'Sha\u00adron Hig\u200bgins', 'Seen by Sha\u00adron Hig\u200bgins on the ward.');
    only('postcode', 'SW1A\u200d 1AA', 'Lives at SW1A\u200d 1AA now.');
    // Invisible characters just outside a finding stay outside it.
    only('nhs_number', '943 476 5919', 'Patient \u200b943 476 5919\u200b was seen.');
  });

  it('leaves other scripts and symbols as they are', () => {
    clean(['Dose 5 µg ×2 — “routine” follow-up ✓', 'Café résumé naïve', 'Emoji 😀 then 12 mm']);
  });
});

describe('National Insurance numbers', () => {
  it.each(['AB 12 34 56 C', 'AB123456C', 'ce123456d', 'JG 10 37 59 A', 'PZ 00 00 00 B'])('flags %s', (value) => {
    only('ni_number', value, `NI ${value} was on the letter.`);
  });

  it.each(['QQ 12 34 56 A', 'DA123456A', 'AD123456A', 'AO123456A', 'BG123456A', 'GB123456A', 'NK123456A', 'TN123456A', 'ZZ123456A', 'AB123456E'])(
    'rejects %s (HMRC prefix and suffix rules)',
    (value) => clean([`The example ${value} appears in HMRC guidance.`]),
  );
});

describe('postcodes', () => {
  it.each(['LS1 4AB', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'W1A 0AX', 'EC1A 1BB', 'SW1A 2AA', 'GIR 0AA', 'ls14ab', 'sw1a1aa', 'Bt7 1nn'])(
    'flags %s',
    (value) => only('postcode', value, `She lives at ${value}, near the clinic.`),
  );

  it('ignores partial outward codes and postcode-shaped clinical shorthand', () => {
    clean([
      'The patient lives in LS1 and was referred from the BD area.',
      'Stage T2 1st presentation; C5 2nd opinion; U5 3hr wait.',
      'Outward code SW1A only was recorded.',
      'Q1 2AB is not a postcode area; V1 2AB neither.',
    ]);
  });
});

describe('phone numbers', () => {
  it.each([
    '0113 243 3144',
    '01132433144',
    '020 7946 0958',
    '07700 900123',
    '07700900123',
    '+44 7700 900123',
    '+447700900123',
    '+44 (0)113 243 3144',
    '0044 20 7946 0958',
    '0161-496-0000',
    '(0113) 243 3144',
    '0800 123 4567',
    '0800 123 456',
    '01632 960983',
    '0300 123 1234',
  ])('flags %s', (value) => only('phone', value, `Please call ${value} if anything changes.`));

  it('keeps a bracket only when it belongs to the number', () => {
    expect(found('Details (0800 123 456) were given.')).toEqual([['phone', '0800 123 456']]);
  });

  it('ignores clinical numbers with phone-like digits', () => {
    clean([
      'The clinic runs 0900-1700 and 09:00-17:00 on weekdays.',
      'Give 0.5 mg/kg, then 1200 ml, then 10 000 units.',
      'Times 00:30 and 07:45 were recorded.',
      'Scores 0 1 2 3 4 5 6 7 8 9 were used.',
      'NHS 111 and 999 were both called.',
    ]);
  });
});

describe('email addresses', () => {
  it.each(['jane.doe@nhs.net', 'j.smith+complaints@example-trust.nhs.uk', "o'neill@gmail.com", 'a_b@x.co.uk'])('flags %s', (value) => {
    only('email', value, `Write to ${value}.`);
  });

  it('ignores @ signs that are not addresses', () => {
    clean(['Meet @ 14:00 in the seminar room.', 'Contrast given @ 3 ml/s.', 'Reply to the team@ later.']);
  });
});

describe('hospital and accession numbers', () => {
  it.each([
    ['hospital number 12345678', '12345678'],
    ['Hospital No. K123456', 'K123456'],
    ['hosp no: 9876543', '9876543'],
    ['MRN: 00123456', '00123456'],
    ['MRN number 1234567', '1234567'],
    ['unit number 654321', '654321'],
    ['unit no. A123456', 'A123456'],
    ['accession number ACC12345678', 'ACC12345678'],
    ['Accession 98765432', '98765432'],
    ['acc no. RAD-1234567', 'RAD-1234567'],
    ['patient ID 1234567', '1234567'],
    ['RIS accession no. 123 456 789', '123 456 789'],
    ['case notes number M1234567', 'M1234567'],
  ])('flags the value in "%s"', (text, value) => only('hospital_number', value, `The ${text} was visible.`));

  it('flags trust-prefixed numbers without a label', () => {
    only('hospital_number', 'RXX1234567', 'Number RXX1234567 on the worklist.');
  });

  it('prefers the hospital label over an NHS-shaped number', () => {
    only('hospital_number', '943 476 5919', 'hospital number 943 476 5919');
  });

  it('ignores short counts and case references', () => {
    clean([
      'Patient number 2 of 3 on the list.',
      'Exam no. 3 was repeated.',
      'Case CB-2026-00012 was discussed.',
      'Unit 4 was closed for refurbishment.',
      'The hospital number was missing from the request.',
    ]);
  });
});

describe('staff registration numbers', () => {
  it.each([
    ['GMC 1234567', '1234567'],
    ['GMC number 7654321', '7654321'],
    ['GMC no. 1234567', '1234567'],
    ['GMC reference number: 2345678', '2345678'],
    ['NMC PIN 71A2998E', '71A2998E'],
    ['NMC pin 71a2998e', '71a2998e'],
    ['HCPC registration RA12345', 'RA12345'],
    ['HCPC RA 123456', 'RA 123456'],
    ['staff number 12345678', '12345678'],
    ['ESR number 10234567', '10234567'],
  ])('flags the value in "%s"', (text, value) => only('staff_number', value, `Her ${text} was quoted.`));

  it('flags NMC PINs and HCPC radiographer numbers on their own', () => {
    only('staff_number', '71A2998E', 'PIN 71A2998E.');
    only('staff_number', 'RA12345', 'Reporting radiographer RA12345 signed the report.');
  });

  it('ignores seven-digit numbers without a GMC label and RA as a diagnosis', () => {
    clean(['The audit covered 1234567 examinations.', 'RA 12 years; seropositive RA was known.', 'GMC guidance on candour.']);
  });
});
