import { classifyNationality, isCountryError, type Nationality } from './countries.js';
import { addDays, addMonths, daysBetween, type IsoDate, isIsoDate } from './dates.js';
import { computeDeadline, isDeadlineError } from './deadlines.js';
import { cite, type GuidanceCitation } from './sources.js';

/**
 * find_procedure decision rules: which commune procedure a person needs, by when, and why, from a few facts about
 * them. Pure and deterministic (`today` is an argument). Every procedure, deadline, window and exemption carries
 * citations; notes cite inline as `[id, locator]`, the same tag syntax as the skills.
 *
 * Scope: short stays (annex 3, annex 3ter), EU registration (annex 19) and residence-card renewal. Long stays of
 * non-EU nationals (visa D, work, study, family reunification) and asylum are outside it: the answer then has no
 * procedure, an `out_of_scope` entry pointing to the `arrival-in-belgium` skill, and a note. A pointer in
 * `procedures[]` would read as a procedure to carry out, which it is not.
 */

/** Where the person sleeps; hotels, campsites, hospitals and prisons report or hold the person themselves. */
export const ACCOMMODATIONS = ['private-address', 'hotel', 'campsite', 'hospital', 'detention'] as const;
export type Accommodation = (typeof ACCOMMODATIONS)[number];

/**
 * Residence-card types: current letters plus the pre-2021 ones still in circulation until they expire
 * (C → K, D → L, E → EU, E+ → EU+).
 */
export const CARD_TYPES = ['A', 'B', 'K', 'L', 'EU', 'EU+', 'F', 'F+', 'H', 'I', 'J', 'M', 'M+', 'N', 'C', 'D', 'E', 'E+'] as const;
export type CardType = (typeof CARD_TYPES)[number];

/** Problems with a card that change the procedure. */
export const CARD_PROBLEMS = ['lost', 'stolen', 'expired'] as const;
export type CardProblem = (typeof CARD_PROBLEMS)[number];

/** Skills the route finder can point to. */
export const PROCEDURE_SKILLS = [
  'arrival-in-belgium',
  'annex-3-arrival-declaration',
  'annex-3ter-presence-declaration',
  'annex-19-eu-registration',
  'residence-card-renewal',
] as const;
export type ProcedureSkill = (typeof PROCEDURE_SKILLS)[number];

/** Longest intended stay accepted, in days (a hundred years). */
export const MAX_STAY_DAYS = 36_500;

/** Facts about the person. Only `nationality` and `today` are required; missing facts come back in `needs`. */
export interface ProcedureRequest {
  /** ISO 3166-1 alpha-2 code of the nationality. */
  nationality: string;
  intended_stay_days?: number;
  accommodation?: Accommodation;
  /** Day of entry into Belgium. */
  arrival_date?: IsoDate;
  /** The person is the family member of an EU/EEA/Swiss citizen whom they accompany or join. */
  family_of_eu_citizen?: boolean;
  residence_card?: { type: CardType; expires_on: IsoDate; student?: boolean };
  card_problem?: CardProblem;
  today: IsoDate;
}

/** A due date with the rule that produced it. */
export interface ProcedureDeadline {
  date: IsoDate;
  rule: string;
  /** An earlier date that is safe under every reading (Saturday convention, office closed on the last day). */
  safe_date?: IsoDate;
  citations: GuidanceCitation[];
}

/** A period in which an application must be made. */
export interface ProcedureWindow {
  opens: IsoDate;
  closes: IsoDate;
  citations: GuidanceCitation[];
}

/** One procedure to carry out. */
export interface Procedure {
  skill: ProcedureSkill;
  /** `skill://<skill>/SKILL.md` */
  uri: string;
  title: string;
  /** The document the commune issues or the form involved. */
  document: string;
  why: string;
  deadline?: ProcedureDeadline;
  window?: ProcedureWindow;
  citations: GuidanceCitation[];
}

/** The answer of {@link findProcedure}. */
export interface ProcedureAnswer {
  nationality: Nationality;
  procedures: Procedure[];
  /** Set when the person is exempt from the reporting duty (and for Belgians, who need none of this). */
  exempt?: { reason: string; citations: GuidanceCitation[] };
  /** Set when the situation is not covered here; names the skill that explains where to go. */
  out_of_scope?: { reason: string; skill: 'arrival-in-belgium'; uri: string; citations: GuidanceCitation[] };
  /** Input names of facts that would make the answer more precise. */
  needs: string[];
  /** Contested or practical points, citing inline as `[id, locator]`. */
  notes: string[];
}

/** Error value with a stable code and a message that says what to fix. */
export interface ProcedureError {
  code: 'unknown-country' | 'invalid-date' | 'invalid-input';
  message: string;
}

/** Whether `x` is an error value from {@link findProcedure}. */
export function isProcedureError(x: ProcedureAnswer | ProcedureError): x is ProcedureError {
  return !('procedures' in x);
}

/** The resource URI of a skill's main file. */
export function skillUri(skill: ProcedureSkill): string {
  return `skill://${skill}/SKILL.md`;
}

const EXEMPT_ACCOMMODATION: Readonly<Record<Exclude<Accommodation, 'private-address'>, string>> = {
  hotel:
    'Staying in a hotel or guest house covered by the traveller-control legislation: the establishment records its guests, so no declaration at the commune is needed.',
  campsite:
    'Staying at a campsite: commune pages list campsites (and youth hostels) with hotels as accommodation covered by the traveller-control legislation, which records its guests, so no declaration at the commune is needed.',
  hospital: 'Admitted for treatment in a hospital or similar care institution: no declaration at the commune is needed during that stay.',
  detention: 'Detained in a prison or a social-defence institution: no declaration at the commune is needed.',
};

const NOTE_EIGHT_DAYS =
  'Some commune pages still say "8 days"; that was the pre-2008 rule for EC nationals. The Law counts 3 working days for annex 3 and 10 working days for annex 3ter [loi-1980-12-15-etrangers, art. 5] [loi-1980-12-15-etrangers, art. 41bis].';
const NOTE_EES =
  'Annex 3 is being revised: since the Entry/Exit System started (12 October 2025) passports are no longer stamped, and the national arrival-declaration procedure is under revision. Check with the commune before going [dofi-short-stay-arrival-declaration].';
const NOTE_90_180 =
  'Annex 3 is valid for at most 90 days from entry, fewer if the visa allows less or days were already spent elsewhere in the Schengen area (90 days in any 180) [regulation-2016-399-schengen-borders-code, art. 6(1)].';
const NOTE_90_180_FAMILY =
  'A non-EU family member may still need a short-stay visa, and a short stay counts towards 90 days in any 180 [regulation-2016-399-schengen-borders-code, art. 6(1)].';
const NOTE_FINE_EU =
  'The Immigration Office can impose a EUR 200 administrative fine for a late declaration of presence (annex 3ter) or a late registration request (annex 19) [dofi-faq-administrative-fine].';
const NOTE_B_WINDOW =
  'Sources disagree on when the renewal window of B, K and L cards opens: the 45th day before expiry (vreemdelingenrecht.be on annex 15) or the 40th day (Agii) [agii-annex15]. The window given opens on the 40th day, when both readings agree it is open, and closes on the 30th day.';
const NOTE_CONVOCATION =
  'Communes in principle send a convocation letter before expiry for every electronic card except the A card, but the holder must take the initiative: no letter does not excuse a late renewal [rd-1981-10-08-etrangers, art. 33].';
const NOTE_TRAVEL =
  'An expired card, even with an annex 15, does not allow re-entry into Belgium after travelling abroad [agii-annex15].';

function procedureEntry(
  skill: ProcedureSkill,
  fields: Omit<Procedure, 'skill' | 'uri'>,
): Procedure {
  return { skill, uri: skillUri(skill), ...fields };
}

/** Deadline counted in working days from arrival, with the Saturday-safe date when the readings differ. */
function workingDayDeadline(arrival: IsoDate, days: number, ruleText: string, citations: GuidanceCitation[]): ProcedureDeadline {
  const d = computeDeadline({ from: arrival, amount: days, unit: 'working-days' });
  if (isDeadlineError(d)) throw new Error(d.message);
  return {
    date: d.due,
    rule: `${ruleText} The day of entry is not counted; Saturdays, Sundays and federal public holidays are not working days.`,
    ...(d.safe_due ? { safe_date: d.safe_due } : {}),
    citations: [...citations, ...d.citations],
  };
}

function checkInput(req: ProcedureRequest): ProcedureError | undefined {
  const dates: [string, string | undefined][] = [
    ['today', req.today],
    ['arrival_date', req.arrival_date],
    ['residence_card.expires_on', req.residence_card?.expires_on],
  ];
  for (const [name, value] of dates) {
    if (value !== undefined && !isIsoDate(value)) {
      return { code: 'invalid-date', message: `${name} "${value}" is not a real date: write it as YYYY-MM-DD, e.g. 2026-03-02` };
    }
    if (value !== undefined && (value < '1900-01-01' || value > '9899-12-31')) {
      return { code: 'invalid-date', message: `${name} must be between 1900-01-01 and 9899-12-31, got ${value}` };
    }
  }
  const days = req.intended_stay_days;
  if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > MAX_STAY_DAYS)) {
    return { code: 'invalid-input', message: `intended_stay_days must be a whole number of days from 1 to ${MAX_STAY_DAYS}, got ${days}` };
  }
  return undefined;
}

/**
 * Finds the commune procedures for a person. Returns an error value for an unknown nationality code or a malformed
 * date; otherwise an answer whose `needs` lists the facts that would make it more precise.
 */
export function findProcedure(req: ProcedureRequest): ProcedureAnswer | ProcedureError {
  const invalid = checkInput(req);
  if (invalid) return invalid;
  const nationality = classifyNationality(req.nationality);
  if (isCountryError(nationality)) return nationality;

  const answer: ProcedureAnswer = { nationality, procedures: [], needs: [], notes: [] };

  if (nationality.regime === 'belgian') {
    answer.exempt = {
      reason:
        'Belgian nationals are not foreigners under the Law of 15 December 1980: they need none of these procedures (arrival declaration, declaration of presence, EU registration, residence card). Belgians deal with the commune for their identity card and change of address instead.',
      citations: [cite('loi-1980-12-15-etrangers', 'art. 1')],
    };
    return answer;
  }

  if (req.card_problem === 'lost' || req.card_problem === 'stolen') {
    lostOrStolen(answer, req.card_problem);
    return answer;
  }
  if (req.residence_card !== undefined || req.card_problem === 'expired') {
    cardRenewal(answer, req);
    return answer;
  }
  arrival(answer, req);
  return answer;
}

function lostOrStolen(answer: ProcedureAnswer, problem: 'lost' | 'stolen'): void {
  answer.procedures.push(
    procedureEntry('residence-card-renewal', {
      title: `Replace a ${problem} residence card`,
      document: 'New residence card (duplicate), applied for with the police loss or theft attestation',
      why:
        `A ${problem} card must be blocked and replaced: (1) block it through DOCSTOP on 00800 2123 2123 (+32 2 518 2123 from abroad); ` +
        `(2) report the ${problem === 'stolen' ? 'theft' : 'loss'} to the police, who give an attestation; (3) apply for a new card at the commune with a recent photo and that attestation. ` +
        'A card found again after it was reported is no longer valid.',
      citations: [cite('rd-1981-10-08-etrangers', 'arts 31–35/1')],
    }),
  );
  answer.notes.push(
    problem === 'lost'
      ? 'Several communes ask for a police attestation for a lost residence card too, not only for a theft; check with the commune.'
      : 'For a theft, the police report is always required.',
  );
}

type CardFamily = 'A' | 'BKL' | 'EU' | 'F' | 'other';

function cardFamily(type: CardType): CardFamily {
  switch (type) {
    case 'A':
      return 'A';
    case 'B':
    case 'K':
    case 'L':
    case 'C':
    case 'D':
      return 'BKL';
    case 'EU':
    case 'EU+':
    case 'E':
    case 'E+':
      return 'EU';
    case 'F':
      return 'F';
    default:
      return 'other';
  }
}

const LEGACY: Partial<Record<CardType, string>> = { C: 'K', D: 'L', E: 'EU', 'E+': 'EU+' };

function cardRenewal(answer: ProcedureAnswer, req: ProcedureRequest): void {
  const card = req.residence_card;
  if (card === undefined) {
    answer.needs.push('residence_card');
    answer.procedures.push(
      procedureEntry('residence-card-renewal', {
        title: 'Renew an expired residence card',
        document: 'New residence card',
        why:
          'The card has expired. What happens next depends on the card type: an A card (limited stay) that expired without a timely renewal request ends the right to stay, while unlimited cards can still be renewed. Give residence_card {type, expires_on} for the exact rules.',
        citations: [cite('rd-1981-10-08-etrangers', 'art. 33')],
      }),
    );
    return;
  }

  const today = req.today;
  const family = cardFamily(card.type);
  const modern = LEGACY[card.type];
  if (modern !== undefined) {
    answer.notes.push(`${card.type} cards were replaced by ${modern} cards in 2021; an old ${card.type} card stays valid until it expires and is renewed as a ${modern} card.`);
  }
  if (card.student === true && family !== 'A') {
    answer.notes.push(`The student rule (at the latest 15 days before expiry) applies to A cards; it does not change the rule for a ${card.type} card.`);
  }
  const expired = today > card.expires_on;
  if (req.card_problem === 'expired' && !expired) {
    answer.notes.push(`card_problem says the card has expired, but expires_on (${card.expires_on}) is not before today (${today}); the answer follows expires_on.`);
  }
  if (expired) {
    expiredCard(answer, card, family, today);
    return;
  }

  const expiry = card.expires_on;
  const dayBefore = addDays(expiry, -1);
  if (family === 'A' && card.student === true) {
    const closes = addDays(expiry, -15);
    const citations = [cite('rd-1981-10-08-etrangers', 'art. 101'), cite('dofi-students-renewal')];
    answer.procedures.push(
      procedureEntry('residence-card-renewal', {
        title: 'Extend a student residence permit (A card)',
        document: 'Renewed A card (annex 15 valid 45 days if the Immigration Office has not decided in time)',
        why: 'A student with an A card applies for the extension at the commune at the latest 15 days before the card expires; a later request is inadmissible (annex 29).',
        window: { opens: addDays(expiry, -45), closes, citations: [cite('myria-family-reunification-renewal'), ...citations] },
        deadline: { date: closes, rule: 'At the latest 15 days before the expiry date of the A card.', citations },
        citations,
      }),
    );
    answer.notes.push(
      'The student rule fixes only the last day (15 days before expiry); the window opens on the 45th day before expiry as for other A cards [myria-family-reunification-renewal]. If documents are missing, they are due within 15 days [dofi-students-renewal].',
    );
    lateWindowNote(answer, today, closes, expiry);
    return;
  }
  if (family === 'A') {
    const citations = [cite('myria-family-reunification-renewal'), cite('rd-1981-10-08-etrangers', 'art. 33')];
    const closes = addDays(expiry, -30);
    answer.procedures.push(
      procedureEntry('residence-card-renewal', {
        title: 'Extend a limited stay (A card)',
        document: 'Renewed A card (annex 15 if the Immigration Office has not decided before expiry)',
        why: 'An A card (limited stay) is extended on request at the commune between the 45th and the 30th day before it expires; the Immigration Office decides for most statuses. Holders of a single permit (work) renew through their Region.',
        window: { opens: addDays(expiry, -45), closes, citations },
        citations,
      }),
    );
    answer.notes.push('Communes do not send a convocation for A cards: the holder must go on their own initiative [myria-family-reunification-renewal].');
    lateWindowNote(answer, today, closes, expiry);
    return;
  }
  if (family === 'BKL') {
    const citations = [cite('rd-1981-10-08-etrangers', 'art. 33 §1'), cite('agii-annex15')];
    const closes = addDays(expiry, -30);
    answer.procedures.push(
      procedureEntry('residence-card-renewal', {
        title: `Renew a ${modern ?? card.type} card (unlimited stay)`,
        document: `New ${modern ?? card.type} card`,
        why: 'Holders of an unlimited-stay card must themselves apply to the commune for a new card before the old one expires, in the window before expiry.',
        window: { opens: addDays(expiry, -40), closes, citations },
        citations,
      }),
    );
    answer.notes.push(NOTE_B_WINDOW, NOTE_CONVOCATION);
    lateWindowNote(answer, today, closes, expiry);
    return;
  }
  if (family === 'EU') {
    const citations = [cite('rd-1981-10-08-etrangers', 'arts 31–33'), cite('dofi-eu-citizens-long-stay')];
    answer.procedures.push(
      procedureEntry('residence-card-renewal', {
        title: `Renew an ${modern ?? card.type} card`,
        document: `New ${modern ?? card.type} card`,
        why: 'The commune renews the EU card (for 5 years, unless the right of residence was lost or permanent residence was requested) and the EU+ card; apply before the card expires.',
        deadline: { date: dayBefore, rule: 'Before the card expires: at the latest the day before its expiry date.', citations },
        citations,
      }),
    );
    answer.notes.push(
      'No fixed opening day was found for renewing EU and EU+ cards; the commune usually sends a convocation letter [rd-1981-10-08-etrangers, arts 31–33].',
    );
    return;
  }
  if (family === 'F') {
    const citations = [cite('directive-2004-38-libre-circulation', 'arts 16 and 20'), cite('rd-1981-10-08-etrangers', 'arts 31–35/1')];
    answer.procedures.push(
      procedureEntry('residence-card-renewal', {
        title: 'Apply for permanent residence (F card → F+ card)',
        document: 'Annex 22 (application for permanent residence), leading to the F+ card',
        why: 'An F card cannot simply be renewed: at the end of its 5 years, the family member of an EU citizen applies for permanent residence on annex 22 and then receives the F+ card.',
        deadline: { date: dayBefore, rule: 'Before the F card expires: at the latest the day before its expiry date.', citations },
        citations,
      }),
    );
    answer.notes.push('Some communes accept the permanent-residence request from 5 months before the F card ends (Anderlecht); ask the commune when to come.');
    return;
  }
  const citations = [cite('rd-1981-10-08-etrangers', 'arts 31–33')];
  answer.procedures.push(
    procedureEntry('residence-card-renewal', {
      title: `Renew a ${card.type} card`,
      document: `New ${card.type} card`,
      why: `A ${card.type} card is renewed at the commune before it expires. The renewal window for this card type is not covered here; ask the commune.`,
      deadline: { date: dayBefore, rule: 'Before the card expires: at the latest the day before its expiry date.', citations },
      citations,
    }),
  );
}

function lateWindowNote(answer: ProcedureAnswer, today: IsoDate, closes: IsoDate, expiry: IsoDate): void {
  if (today > closes) {
    answer.notes.push(
      `The renewal window closed on ${closes}. Go to the commune now, before the card expires on ${expiry}: an annex 15 covering the wait is only issued when the request was made in time [agii-annex15].`,
    );
  }
}

function expiredCard(
  answer: ProcedureAnswer,
  card: NonNullable<ProcedureRequest['residence_card']>,
  family: CardFamily,
  today: IsoDate,
): void {
  const citations = [cite('rd-1981-10-08-etrangers', 'art. 33'), cite('agii-annex15')];
  if (family === 'A') {
    answer.procedures.push(
      procedureEntry('residence-card-renewal', {
        title: 'Expired A card (limited stay)',
        document: 'Annex 15 if a renewal request was made in time; otherwise no new card without a new right of stay',
        why:
          `The A card expired on ${card.expires_on}. Without a renewal request made in time, the holder is no longer authorised to stay and is struck off the register as of ${addDays(card.expires_on, 1)}. ` +
          'If a request was made in time and the Immigration Office has not yet decided, the commune issues an annex 15 and there is no strike-off. Go to the commune at once.',
        citations,
      }),
    );
    answer.notes.push(
      'The Immigration Office asked communes to wait one month before striking a holder off, in case the late renewal is an oversight; this is practice, not a right [rd-1981-10-08-etrangers, art. 33].',
      NOTE_TRAVEL,
    );
    return;
  }
  const what = family === 'F' ? 'an annex 22 application for permanent residence (F+ card)' : 'a new card';
  answer.procedures.push(
    procedureEntry('residence-card-renewal', {
      title: `Expired ${card.type} card`,
      document: family === 'F' ? 'Annex 22 (permanent residence), leading to the F+ card' : `New ${LEGACY[card.type] ?? card.type} card`,
      why:
        `The ${card.type} card expired on ${card.expires_on}. The right of stay it shows does not end with the card, and the commune can still issue ${what}; go to the commune as soon as possible. ` +
        'Until then the card cannot be used to travel.',
      citations,
    }),
  );
  if (daysBetween(addMonths(card.expires_on, 3), today) > 0) {
    answer.notes.push(
      'The card expired more than 3 months ago: communes may ask for proof that you did not leave Belgium for longer than your status allows and that the conditions of stay are still met; a long absence can lead to deregistration from the register (afvoering van ambtswege), after which a right of return must be invoked.',
    );
  }
  answer.notes.push(NOTE_TRAVEL);
}

function arrival(answer: ProcedureAnswer, req: ProcedureRequest): void {
  const euRegime = answer.nationality.regime === 'eu';
  const familyOfEu = req.family_of_eu_citizen === true;
  const days = req.intended_stay_days;
  if (days === undefined) {
    answer.needs.push('intended_stay_days');
    answer.notes.push(
      euRegime
        ? 'A stay of up to 90 days needs a declaration of presence (annex 3ter) unless you stay in a hotel or similar; a longer stay needs registration (annex 19) within 3 months of arrival [ibz-sdg-registration-reporting].'
        : 'A stay of up to 90 days at a private address needs an arrival declaration (annex 3, or annex 3ter for the family member of an EU citizen); longer stays follow other procedures [dofi-short-stay-arrival-declaration].',
    );
    if (!euRegime && req.family_of_eu_citizen === undefined) answer.needs.push('family_of_eu_citizen');
    return;
  }

  if (days > 90) {
    if (euRegime) {
      euRegistration(answer, req);
      return;
    }
    outOfScope(answer, familyOfEu);
    return;
  }

  if (req.accommodation !== undefined && req.accommodation !== 'private-address') {
    const useTer = euRegime || familyOfEu;
    answer.exempt = {
      reason: EXEMPT_ACCOMMODATION[req.accommodation],
      citations: useTer
        ? [cite('ibz-sdg-registration-reporting'), cite('agii-annex3ter')]
        : [cite('dofi-short-stay-arrival-declaration'), cite('rd-1981-10-08-etrangers', 'arts 18–20')],
    };
    answer.notes.push(
      `The exemption lasts while you stay there: moving to a private address during the stay brings back the duty to report (${useTer ? 'annex 3ter' : 'annex 3'}).`,
    );
    if (req.accommodation === 'campsite') {
      answer.notes.push(
        'The official list speaks of accommodation covered by the traveller-control legislation; campsites are added by commune pages. Ask the campsite whether it records you [dofi-short-stay-arrival-declaration].',
      );
    }
    if (!euRegime) answer.notes.push(NOTE_90_180);
    return;
  }

  if (req.accommodation === undefined) answer.needs.push('accommodation');
  const unlessExempt =
    req.accommodation === undefined
      ? ' Not needed if you stay in a hotel, campsite, hospital or detention centre; give accommodation to check.'
      : '';

  if (euRegime || familyOfEu) {
    const citations = [
      cite('loi-1980-12-15-etrangers', 'art. 41bis'),
      cite('directive-2004-38-libre-circulation', 'art. 5(5)'),
      cite('ibz-sdg-registration-reporting'),
      cite('agii-annex3ter'),
    ];
    const why = euRegime
      ? `As a national of ${answer.nationality.group === 'EU' ? 'an EU member state' : answer.nationality.group === 'CH' ? 'Switzerland' : 'an EEA state'} staying up to 3 months at a private address, you declare your presence at the commune where you stay.`
      : 'As the non-EU family member of an EU citizen whom you accompany or join, you declare your presence on annex 3ter, not annex 3, at the commune where you stay.';
    const procedure = procedureEntry('annex-3ter-presence-declaration', {
      title: 'Declaration of presence (annex 3ter)',
      document: 'Annex 3ter — declaration of presence (déclaration de présence / melding van aanwezigheid)',
      why: why + unlessExempt,
      citations,
    });
    if (req.arrival_date !== undefined) {
      procedure.deadline = workingDayDeadline(req.arrival_date, 10, 'Within 10 working days of entry into Belgium.', citations.slice(0, 2));
    } else {
      answer.needs.push('arrival_date');
    }
    answer.procedures.push(procedure);
    if (!euRegime) answer.notes.push(NOTE_90_180_FAMILY);
    answer.notes.push(NOTE_EIGHT_DAYS, NOTE_FINE_EU);
    deadlinePassed(answer, procedure, req.today);
    saturdayNote(answer, procedure);
    return;
  }

  const citations = [
    cite('loi-1980-12-15-etrangers', 'art. 5'),
    cite('rd-1981-10-08-etrangers', 'arts 18–20'),
    cite('dofi-short-stay-arrival-declaration'),
    cite('agii-annex3-tcn'),
  ];
  const procedure = procedureEntry('annex-3-arrival-declaration', {
    title: 'Arrival declaration (annex 3)',
    document: 'Annex 3 — arrival declaration (déclaration d’arrivée / aankomstverklaring); not a residence permit or an ID',
    why: `As a non-EU national staying up to 90 days at a private address, you report your arrival at the commune where you stay.${unlessExempt}`,
    citations,
  });
  if (req.arrival_date !== undefined) {
    procedure.deadline = workingDayDeadline(req.arrival_date, 3, 'Within 3 working days of entry into Belgium.', citations.slice(0, 2));
  } else {
    answer.needs.push('arrival_date');
  }
  answer.procedures.push(procedure);
  if (req.family_of_eu_citizen === undefined) {
    answer.needs.push('family_of_eu_citizen');
    answer.notes.push(
      'If you are the family member of an EU, EEA or Swiss citizen whom you accompany or join, annex 3ter applies instead of annex 3; set family_of_eu_citizen [agii-annex3ter].',
    );
  }
  answer.notes.push(NOTE_EES, NOTE_EIGHT_DAYS, NOTE_90_180);
  deadlinePassed(answer, procedure, req.today);
  saturdayNote(answer, procedure);
}

function euRegistration(answer: ProcedureAnswer, req: ProcedureRequest): void {
  const citations = [
    cite('loi-1980-12-15-etrangers', 'art. 42'),
    cite('rd-1981-10-08-etrangers', 'art. 50'),
    cite('directive-2004-38-libre-circulation', 'art. 8'),
    cite('dofi-eu-citizens-long-stay'),
  ];
  const procedure = procedureEntry('annex-19-eu-registration', {
    title: 'Registration as an EU citizen (annex 19)',
    document: 'Annex 19 — application for a registration certificate (attestation d’enregistrement / verklaring van inschrijving), leading to the EU card',
    why: 'An EU, EEA or Swiss national staying more than 3 months applies for registration at the commune of residence, as a worker, self-employed person, jobseeker, student, person with sufficient resources or family member.',
    citations: [...citations, cite('dofi-news-eu-registration-2025')],
  });
  if (req.arrival_date !== undefined) {
    const d = computeDeadline({ from: req.arrival_date, amount: 3, unit: 'months' });
    if (isDeadlineError(d)) throw new Error(d.message);
    procedure.deadline = {
      date: d.due,
      rule: 'At the latest at the end of the three-month period from the date of arrival in Belgium (same day number three months later, or the last day of a shorter month).',
      ...(d.safe_due ? { safe_date: d.safe_due } : {}),
      citations: [...citations.slice(0, 3), cite('dofi-eu-citizens-long-stay')],
    };
  } else {
    answer.needs.push('arrival_date');
  }
  answer.procedures.push(procedure);
  answer.notes.push(
    'Since 1 September 2025 all supporting documents must be brought at the first visit; an incomplete application is not taken into consideration. Older pages still describe 3 months to complete the file [dofi-news-eu-registration-2025].',
    'Annex 3ter covers stays of up to 3 months; for a longer stay the registration (annex 19) is the procedure [ibz-sdg-registration-reporting].',
    NOTE_FINE_EU,
  );
  if (req.family_of_eu_citizen === true) {
    answer.notes.push('An EU-national family member registers on the same annex 19 as a family member; non-EU family members use annex 19ter (F card) instead [vreemdelingenrecht-free-movement-procedure].');
  }
  if (procedure.deadline?.safe_date) {
    answer.notes.push(`The last day, ${procedure.deadline.date}, is not a working day; the safe date is ${procedure.deadline.safe_date}.`);
  }
  deadlinePassed(answer, procedure, req.today);
}

function outOfScope(answer: ProcedureAnswer, familyOfEu: boolean): void {
  answer.out_of_scope = familyOfEu
    ? {
        reason:
          'A non-EU family member of an EU citizen staying more than 3 months applies for a residence card (annex 19ter, leading to the F card); that procedure is not covered here.',
        skill: 'arrival-in-belgium',
        uri: skillUri('arrival-in-belgium'),
        citations: [cite('directive-2004-38-libre-circulation', 'art. 10'), cite('vreemdelingenrecht-free-movement-procedure')],
      }
    : {
        reason:
          'A non-EU national staying more than 90 days needs a long-stay visa (type D) or another residence procedure (work, study, family reunification), or applies for international protection (asylum) with the Immigration Office; none of these is a commune arrival formality covered here.',
        skill: 'arrival-in-belgium',
        uri: skillUri('arrival-in-belgium'),
        citations: [cite('loi-1980-12-15-etrangers'), cite('ibz-sdg-registration-reporting')],
      };
  answer.notes.push('Out of scope here: see the arrival-in-belgium skill for where to go [ibz-sdg-registration-reporting].');
}

function deadlinePassed(answer: ProcedureAnswer, procedure: Procedure, today: IsoDate): void {
  const due = procedure.deadline?.date;
  if (due !== undefined && today > due) {
    answer.notes.push(`The deadline for ${procedure.title.toLowerCase()} passed on ${due}: go to the commune as soon as possible.`);
  }
}

function saturdayNote(answer: ProcedureAnswer, procedure: Procedure): void {
  const d = procedure.deadline;
  if (d?.safe_date !== undefined) {
    answer.notes.push(
      `Whether Saturday counts as a working day is not settled: not counting Saturdays gives ${d.date}, counting them gives ${d.safe_date}. Go by ${d.safe_date} to be safe [ar-1974-04-18-jours-feries].`,
    );
  }
}
