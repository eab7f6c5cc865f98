/** P7: dates of birth and ages. */
import { B, E, type Hit, each } from './shared.js';

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|januari|februari|maart|mei|juni|juli|augustus|oktober|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|januar|februar|märz|oktober|dezember';
const DATE = `(?:\\d{1,2}[./-]\\d{1,2}[./-](?:19|20)?\\d{2}|(?:19|20)\\d{2}-\\d{1,2}-\\d{1,2}|\\d{1,2}(?:st|nd|rd|th|er|e|\\.)? {0,2}(?:${MONTHS})\\.? {1,2}(?:19|20)\\d{2}|(?:${MONTHS})\\.? {1,2}\\d{1,2}(?:st|nd|rd|th)?,? {1,2}(?:19|20)\\d{2})`;
const BIRTH = `(?:born|geboren|n[ée]e?|n[ée]\\(e\\)|geb\\.|date of birth|birth ?date|birthday|dob|d\\.o\\.b\\.|geboortedatum|geboorte|date de naissance|geburtsdatum|geburtstag)`;
const DOB_RE = new RegExp(`${B}${BIRTH}(?:[ \\t]{1,3}(?:on|op|le|am|the|:))?[ \\t:]{0,3}(?:the )?${DATE}${E}`, 'giu');
const AGE_RE = new RegExp(`${B}(?:(?:age|leeftijd|âge|alter) {0,2}[:=] {0,2}\\d{1,3}|(?:i am|i'm|i’m|ik ben|je suis|j'ai|j’ai|ich bin) {1,3}\\d{1,3} {1,3}(?:years? old|yo|jaar(?: oud)?|ans|jahre(?: alt)?))${E}`, 'giu');

/** Adds the P7 hits of `text` to `hits`. */
export function detectBirthDates(text: string, hits: Hit[]): void {
  each(DOB_RE, text, (m) => hits.push({ id: 'P7', category: 'date of birth', start: m.index, end: m.index + m[0].length }));
  each(AGE_RE, text, (m) => hits.push({ id: 'P7', category: 'age', start: m.index, end: m.index + m[0].length }));
}
