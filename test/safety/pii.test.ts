import { describe, expect, it } from 'vitest';
import { detectPersonalData, PiiFindingSchema, type PiiFinding } from '../../src/safety/index.js';

const ids = (text: string, allow?: string): string[] => detectPersonalData(text, allow === undefined ? {} : { allow }).map((f) => f.id);
const spanned = (text: string, f: PiiFinding): string => text.slice(f.start, f.end);

/** SECURITY.md §3 F synthetic vectors: generated, checksum-valid, not real people. */
const VECTORS: Array<[string, string, string]> = [
  ['P1', 'national register number', '90.01.15-123.63'],
  ['P1', 'national register number', '05.07.12-234.74'],
  ['P1', 'national register number', '85.07.30-033.28'],
  ['P1', 'national register number', '00012556777'],
  ['P1', 'national register number', '88022999990'],
  ['P1', 'BIS number', '90.22.15-037.05'],
  ['P1', 'BIS number', '88222999936'],
  ['P2', 'identity card or residence card number', '590-7845612-84'],
  ['P3', 'IBAN', 'BE68 5390 0754 7034'],
  ['P3', 'IBAN', 'BE71 0961 2345 6769'],
];

const LEGAL_LOOKALIKES = ['Loi 1980 art. 40 §4', 'Directive 2004/38', 'RD 8 octobre 1981', 'EUR 200', '1 September 2025', 'annex 19ter'];

describe('F2: synthetic identifier vectors and legal look-alikes', () => {
  for (const [id, category, value] of VECTORS) {
    it(`F2/${id}: catches ${category} ${value} inside a sentence`, () => {
      const text = `For the file: ${value}, thanks.`;
      const f = detectPersonalData(text);
      expect(f).toHaveLength(1);
      expect(f[0]).toMatchObject({ id, category });
      expect(spanned(text, f[0] as PiiFinding)).toBe(value);
      PiiFindingSchema.parse(f[0]);
    });
  }

  it('F2/P3: BE69 5390 0754 7034 (bad check digits) is not counted as an IBAN', () => {
    expect(ids('Account BE69 5390 0754 7034')).not.toContain('P3');
  });

  for (const text of LEGAL_LOOKALIKES) {
    it(`F2: the legal reference "${text}" passes`, () => {
      expect(detectPersonalData(`As stated in ${text}, the commune decides.`)).toEqual([]);
    });
  }

  it('F2: "1000 Brussel" in a skill-quoted office address passes', () => {
    const skill = 'The population office is at Rue Royale 2, 1000 Brussel (open 9–12).';
    expect(detectPersonalData('I went to Rue Royale 2, 1000 Brussel on Monday.', { allow: skill })).toEqual([]);
    expect(detectPersonalData('The office in 1000 Brussel was busy.')).toEqual([]);
  });
});

describe('F2: realistic observations without personal data pass', () => {
  const skill = 'Call 09 266 71 00. Office: Botermarkt 1, 9000 Gent.';
  const observations = [
    'The commune of Leuven now asks for the lease at the first appointment; the fee was EUR 25 (2025-10-03).',
    'Appointment lead time in Schaerbeek was 5 weeks in October 2025. The counter closes at 12:30.',
    'Step 3 is outdated: since 1 September 2025 the commune refuses incomplete files (Loi 1980 art. 40 §4).',
    'Card E costs EUR 20,60 at Gent; payment by Bancontact only. Section 2.3.1 of the skill should say so.',
    'The DVZ decision took 4 months; the skill says 6 months max (RD 8 octobre 1981 art. 50).',
    'Version 0.1.0 of the skill lists 3 documents; the commune also wanted a photo (ICAO 19794-5).',
    'Phone line 09 266 71 00 did not answer; the skill says to call it.',
    'Office moved to Botermarkt 1, 9000 Gent according to the website.',
  ];
  for (const text of observations) {
    it(`F2: passes "${text.slice(0, 50)}…"`, () => {
      expect(detectPersonalData(text, { allow: skill })).toEqual([]);
    });
  }
});

describe('F1: detectors run after NFKC and invisible-character removal', () => {
  it('F1: a zero-width-split national number is caught and its span covers the original characters', () => {
    const text = 'nr 90.01.\u200B15-123.\u200D63 ok';
    const f = detectPersonalData(text);
    expect(f).toMatchObject([{ id: 'P1' }]);
    expect(spanned(text, f[0] as PiiFinding)).toBe('90.01.\u200B15-123.\u200D63');
  });

  it('F1: full-width digits are caught', () => {
    expect(ids('ｎｒ ９０.０１.１５-１２３.６３')).toEqual(['P1']);
    expect(ids('call ０４７８ １２ ３４ ５６')).toEqual(['P4']);
  });

  it('F1: a soft-hyphen-split IBAN is caught', () => {
    expect(ids('IBAN BE68 53\u00AD90 0754 7034')).toEqual(['P3']);
  });
});

describe('detectors', () => {
  it('P1: an invalid checksum passes unless a keyword is near; with "rijksregisternummer" it is rejected', () => {
    expect(ids('code 90.01.15-123.64')).toEqual([]);
    expect(ids('mijn rijksregisternummer is 90.01.15-123.64')).toEqual(['P1']);
    expect(ids('NISS 90011512364')).toEqual(['P1']);
  });

  it('P1: month 00 (unknown date of birth) and BIS month +40 are valid forms', () => {
    const make = (first9: string, post2000 = false): string => {
      const r = Number(BigInt((post2000 ? '2' : '') + first9) % 97n);
      return first9 + String(97 - r).padStart(2, '0');
    };
    expect(ids(`x ${make('850015001')} y`)).toEqual(['P1']);
    expect(ids(`x ${make('854215001')} y`)).toEqual(['P1']);
    expect(ids(`x ${make('100315001', true)} y`)).toEqual(['P1']);
    expect(ids(`x ${make('851315001')} y`)).toEqual([]); // month 13 is not a date
  });

  it('P2: eID card number with mod-97 check, 0 written as 97', () => {
    expect(ids('card 5907845612 84')).toEqual([]);
    expect(ids('card 590784561284')).toEqual(['P2']);
    expect(ids('card 590-7845612-85')).toEqual([]);
    // first10 divisible by 97 → check digits 97
    const first10 = String(97 * 50000001).padStart(10, '0');
    expect(ids(`card ${first10.slice(0, 3)}-${first10.slice(3)}-97`)).toEqual(['P2']);
  });

  it('P3: IBANs of other countries and lower case are caught via ibantools', () => {
    expect(ids('Rekening NL91 ABNA 0417 1643 00 graag')).toEqual(['P3']);
    expect(ids('iban de89370400440532013000')).toEqual(['P3']);
  });

  it('P4: Belgian mobiles are always rejected, even when the skill lists them', () => {
    expect(detectPersonalData('bel me op 0478 12 34 56')).toMatchObject([{ id: 'P4', category: 'mobile phone number' }]);
    expect(ids('+32 478 12 34 56', 'Call +32 478 12 34 56')).toEqual(['P4']);
    expect(ids('+33 6 12 34 56 78')).toEqual(['P4']);
  });

  it('P4: landlines pass only when the skill lists them (compared as numbers)', () => {
    expect(ids('I called 011 23 45 67 twice')).toEqual(['P4']);
    expect(ids('I called +32 11 23 45 67 twice', 'Tel. 011 23 45 67')).toEqual([]);
    expect(ids('0800 12 345 was free', 'Free line 0800 12 345')).toEqual([]);
  });

  it('P4: dates and years are not phone numbers', () => {
    expect(ids('appointment on 01/09/2025 at 10:30')).toEqual([]);
  });

  it('P5: e-mail addresses pass only when the skill lists them', () => {
    expect(detectPersonalData('write to jan.peeters@gmail.com')).toMatchObject([{ id: 'P5', category: 'e-mail address' }]);
    expect(ids('write to burgerzaken@tongeren-borgloon.be', 'Mail burgerzaken@tongeren-borgloon.be')).toEqual([]);
    expect(ids('ask @esim1088 on Telegram')).toEqual([]);
  });

  it('P6: passport numbers only within 50 characters of a passport keyword', () => {
    expect(ids('my passport EH123456 expires')).toEqual(['P6']);
    expect(ids('paspoortnummer: EJ654321')).toEqual(['P6']);
    expect(ids('form EH123456 was sent')).toEqual([]);
  });

  it('P7: a full date near born / geboren / né / geb. and stated ages', () => {
    for (const t of ['born on 12 March 1990', 'geboren op 12/03/1990', 'née le 3 mars 1985', 'geb. 03.05.1979', 'Geburtsdatum: 1979-05-03', 'leeftijd: 34', "I'm 34 years old"]) {
      expect(ids(t), t).toEqual(['P7']);
    }
    expect(ids('children born after 1 January 2020 are exempt')).toEqual([]);
    expect(ids('children under the age of 15')).toEqual([]);
  });

  it('P8: street addresses in Dutch, French and German; allowed when quoted from the skill', () => {
    expect(ids('ik woon in de Kerkstraat 12 bus 3, 3700 Tongeren')).toEqual(['P8']);
    expect(ids("j'habite rue de la Loi 16, 1000 Bruxelles")).toEqual(['P8']);
    expect(ids('Avenue Louise 231')).toEqual(['P8']);
    expect(ids('Ich wohne Hauptstraße 5 in Eupen')).toEqual(['P8']);
    expect(ids('Kerkstraat 12', 'Het loket is in de Kerkstraat 12.')).toEqual([]);
    expect(ids('the place to go is the commune, not the police')).toEqual([]);
  });

  it('P9: names after first-person phrases, honorifics and sign-offs', () => {
    expect(ids('My name is Jan Peeters')).toEqual(['P9']);
    expect(ids("je m'appelle Marie Dubois")).toEqual(['P9']);
    expect(ids('Ich heiße Anna Schmidt')).toEqual(['P9']);
    expect(ids('Mevr. Janssens helped us')).toEqual(['P9']);
    expect(ids('Thanks,\nMaria Lopez')).toEqual(['P9']);
    expect(ids('Monsieur le Bourgmestre signs the decision')).toEqual([]);
  });

  it('P10: payment card (Luhn), IP addresses, plates, file numbers, enterprise numbers', () => {
    expect(detectPersonalData('card 4111 1111 1111 1111')).toMatchObject([{ id: 'P10', category: 'payment card number' }]);
    expect(ids('card 4111 1111 1111 1112')).toEqual([]);
    expect(detectPersonalData('from 81.246.12.7')).toMatchObject([{ id: 'P10', category: 'IP address' }]);
    expect(detectPersonalData('ip 2a02:a03f:1234:5600::1')).toMatchObject([{ id: 'P10', category: 'IP address' }]);
    expect(detectPersonalData('my car 1-ABC-123')).toMatchObject([{ id: 'P10', category: 'licence plate' }]);
    expect(detectPersonalData('dossiernummer: 8123456')).toMatchObject([{ id: 'P10', category: 'file or case number' }]);
    expect(detectPersonalData('DVZ ref 1234567/AB')).toMatchObject([{ id: 'P10', category: 'file or case number' }]);
    expect(detectPersonalData('KBO 0403.170.701')).toMatchObject([{ id: 'P10', category: 'enterprise number' }]);
    expect(ids('KBO 0403.170.702')).toEqual([]);
    expect(ids('at 10:30:00 on version 1.2.3')).toEqual([]);
  });

  it('P11: first-person special categories in EN, NL, FR and DE', () => {
    const cases: Array<[string, string]> = [
      ['I am pregnant, can I still register?', 'pregnancy'],
      ['I have HIV and need a mutualité', 'health information'],
      ['ik ben moslim', 'religion or belief'],
      ['ik heb een strafblad', 'criminal record'],
      ['je suis enceinte de 5 mois', 'pregnancy'],
      ["j'ai un casier judiciaire", 'criminal record'],
      ['ich bin schwul', 'sexual orientation'],
      ['ich habe Krebs', 'health information'],
      ['I am of Moroccan origin', 'ethnic origin'],
    ];
    for (const [text, category] of cases) expect(detectPersonalData(text), text).toMatchObject([{ id: 'P11', category }]);
    expect(ids('a certificate of no criminal record is required')).toEqual([]);
    expect(ids('pregnant applicants may ask for an earlier appointment')).toEqual([]);
  });

  it('findings never contain the value: only id, category and offsets', () => {
    const text = 'Jan, 90.01.15-123.63, BE68 5390 0754 7034, jan@example.org, 0478 12 34 56';
    const f = detectPersonalData(text);
    expect(f.map((x) => x.id)).toEqual(['P1', 'P3', 'P5', 'P4']);
    for (const x of f) {
      expect(Object.keys(x).sort()).toEqual(['category', 'end', 'id', 'start']);
      expect(JSON.stringify(x)).not.toMatch(/\d{4}/);
    }
  });
});
