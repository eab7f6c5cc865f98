import type { GuidanceError } from './error.js';

/**
 * Nationality classes for Belgian commune procedures. EU citizens, nationals of the EEA states Iceland,
 * Liechtenstein and Norway, and Swiss nationals follow the free-movement regime (annex 3ter, annex 19); every other
 * nationality is a third country (annex 3); Belgians need none of these procedures.
 */

/** The 27 EU member states (ISO 3166-1 alpha-2; Greece is GR, not the EU's own "EL"). */
export const EU_MEMBER_STATES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU',
  'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
] as const;

/** EEA states outside the EU. */
export const EEA_NON_EU_STATES = ['IS', 'LI', 'NO'] as const;

/**
 * Every officially assigned ISO 3166-1 alpha-2 code (249). A code outside this list ("XX", "ZZ") is rejected
 * rather than treated as a third country, so a typo never silently becomes a legal answer.
 */
export const ISO_3166_ALPHA2 = [
  'AD', 'AE', 'AF', 'AG', 'AI', 'AL', 'AM', 'AO', 'AQ', 'AR', 'AS', 'AT', 'AU', 'AW', 'AX', 'AZ',
  'BA', 'BB', 'BD', 'BE', 'BF', 'BG', 'BH', 'BI', 'BJ', 'BL', 'BM', 'BN', 'BO', 'BQ', 'BR', 'BS', 'BT', 'BV', 'BW', 'BY', 'BZ',
  'CA', 'CC', 'CD', 'CF', 'CG', 'CH', 'CI', 'CK', 'CL', 'CM', 'CN', 'CO', 'CR', 'CU', 'CV', 'CW', 'CX', 'CY', 'CZ',
  'DE', 'DJ', 'DK', 'DM', 'DO', 'DZ',
  'EC', 'EE', 'EG', 'EH', 'ER', 'ES', 'ET',
  'FI', 'FJ', 'FK', 'FM', 'FO', 'FR',
  'GA', 'GB', 'GD', 'GE', 'GF', 'GG', 'GH', 'GI', 'GL', 'GM', 'GN', 'GP', 'GQ', 'GR', 'GS', 'GT', 'GU', 'GW', 'GY',
  'HK', 'HM', 'HN', 'HR', 'HT', 'HU',
  'ID', 'IE', 'IL', 'IM', 'IN', 'IO', 'IQ', 'IR', 'IS', 'IT',
  'JE', 'JM', 'JO', 'JP',
  'KE', 'KG', 'KH', 'KI', 'KM', 'KN', 'KP', 'KR', 'KW', 'KY', 'KZ',
  'LA', 'LB', 'LC', 'LI', 'LK', 'LR', 'LS', 'LT', 'LU', 'LV', 'LY',
  'MA', 'MC', 'MD', 'ME', 'MF', 'MG', 'MH', 'MK', 'ML', 'MM', 'MN', 'MO', 'MP', 'MQ', 'MR', 'MS', 'MT', 'MU', 'MV', 'MW', 'MX', 'MY', 'MZ',
  'NA', 'NC', 'NE', 'NF', 'NG', 'NI', 'NL', 'NO', 'NP', 'NR', 'NU', 'NZ',
  'OM',
  'PA', 'PE', 'PF', 'PG', 'PH', 'PK', 'PL', 'PM', 'PN', 'PR', 'PS', 'PT', 'PW', 'PY',
  'QA',
  'RE', 'RO', 'RS', 'RU', 'RW',
  'SA', 'SB', 'SC', 'SD', 'SE', 'SG', 'SH', 'SI', 'SJ', 'SK', 'SL', 'SM', 'SN', 'SO', 'SR', 'SS', 'ST', 'SV', 'SX', 'SY', 'SZ',
  'TC', 'TD', 'TF', 'TG', 'TH', 'TJ', 'TK', 'TL', 'TM', 'TN', 'TO', 'TR', 'TT', 'TV', 'TW', 'TZ',
  'UA', 'UG', 'UM', 'US', 'UY', 'UZ',
  'VA', 'VC', 'VE', 'VG', 'VI', 'VN', 'VU',
  'WF', 'WS',
  'YE', 'YT',
  'ZA', 'ZM', 'ZW',
] as const;

/**
 * Kosovo has no assigned ISO code; XK is the user-assigned code used by the EU and on Kosovar documents, so it is
 * accepted as a third country.
 */
const USER_ASSIGNED_ACCEPTED: Readonly<Record<string, string>> = { XK: 'Kosovo' };

/** Codes people often type that are not ISO 3166-1 alpha-2, with the code they mean. */
const COMMON_MISTAKES: Readonly<Record<string, string>> = {
  EL: 'GR (Greece)',
  UK: 'GB (United Kingdom)',
};

/** Which regime a nationality follows. */
export type NationalityRegime = 'belgian' | 'eu' | 'third-country';

/** A recognised nationality. */
export interface Nationality {
  /** Upper-case ISO 3166-1 alpha-2 code (or XK). */
  code: string;
  /** EU member, EEA state outside the EU, Switzerland, or other. */
  group: 'BE' | 'EU' | 'EEA' | 'CH' | 'third-country';
  /** EU, EEA and Swiss nationals share the free-movement regime; Belgians need none of these procedures. */
  regime: NationalityRegime;
}

/** An unknown or malformed country code, with a message that says what a valid code looks like. */
export type CountryError = GuidanceError<'unknown-country'>;

const ASSIGNED = new Set<string>(ISO_3166_ALPHA2);
const EU = new Set<string>(EU_MEMBER_STATES);
const EEA = new Set<string>(EEA_NON_EU_STATES);

/**
 * Classifies a nationality given as an ISO 3166-1 alpha-2 code (case and surrounding spaces ignored). Returns an
 * error value, never throws, for malformed or unassigned codes.
 */
export function classifyNationality(input: string): Nationality | CountryError {
  const code = input.trim().toUpperCase();
  const shown = JSON.stringify(input.length > 20 ? `${input.slice(0, 20)}…` : input);
  if (!/^[A-Z]{2}$/.test(code)) {
    return {
      code: 'unknown-country',
      message: `nationality ${shown} is not a country code: give the two-letter ISO 3166-1 alpha-2 code of the passport's country, e.g. "FR", "MA" or "US"`,
    };
  }
  const mistake = COMMON_MISTAKES[code];
  if (mistake !== undefined) {
    return {
      code: 'unknown-country',
      message: `nationality "${code}" is not an ISO 3166-1 alpha-2 code; use ${mistake}`,
    };
  }
  if (!ASSIGNED.has(code) && USER_ASSIGNED_ACCEPTED[code] === undefined) {
    return {
      code: 'unknown-country',
      message: `nationality "${code}" is not an assigned ISO 3166-1 alpha-2 code: give the two-letter code of the passport's country, e.g. "FR", "MA" or "US"`,
    };
  }
  if (code === 'BE') return { code, group: 'BE', regime: 'belgian' };
  if (EU.has(code)) return { code, group: 'EU', regime: 'eu' };
  if (EEA.has(code)) return { code, group: 'EEA', regime: 'eu' };
  if (code === 'CH') return { code, group: 'CH', regime: 'eu' };
  return { code, group: 'third-country', regime: 'third-country' };
}
