/** P11: special categories of personal data (health, religion, orientation, origin, criminal record) in the first person. */
import { B, E, type Hit, each } from './shared.js';

const FILL = "(?:[\\p{L}'’-]{1,20} {1,3}){0,3}?";
const FILL2 = "(?:[\\p{L}'’-]{1,20} {1,3}){0,2}?";
const SPECIAL: RegExp[] = [
  // EN
  new RegExp(`${B}(?:i am|i'm|i’m|i have been|i've been|i’ve been|i was|i identify as) {1,3}${FILL}(?:pregnant|expecting a baby|hiv[- ]positive|seropositive|diabetic|epileptic|disabled|handicapped|blind|deaf|autistic|bipolar|schizophrenic|depressed|muslim|jewish|christian|catholic|protestant|hindu|buddhist|sikh|atheist|gay|lesbian|bisexual|transgender|homosexual|queer|roma|convicted|in prison|incarcerated|on probation|a convicted|of [\\p{L}-]{2,20} (?:origin|descent|ethnicity))${E}`, 'giu'),
  new RegExp(`${B}i (?:have|had|suffer from|suffered from|was diagnosed with|am being treated for|take medication for|live with) {1,3}(?:a |an )?${FILL2}(?:hiv|aids|cancer|diabetes|epilepsy|depression|tuberculosis|hepatitis|criminal record|conviction|disability|mental illness|psychiatric|schizophrenia|bipolar|dementia|leukemia|leukaemia|sclerosis)${E}`, 'giu'),
  new RegExp(`${B}my (?:religion|faith|diagnosis|illness|disease|disability|pregnancy|sexual orientation|ethnicity|ethnic origin|hiv status|medical condition|criminal record|conviction) (?:is|was|shows|includes|means|requires)${E}`, 'giu'),
  // NL
  new RegExp(`${B}ik (?:ben|was) {1,3}${FILL}(?:zwanger|hiv[- ]positief|seropositief|diabeet|suikerpatiënt|epileptisch|gehandicapt|blind|doof|autistisch|depressief|moslim|islamitisch|joods|jood|christen|katholiek|protestant|hindoe|boeddhist|atheïst|homo|homoseksueel|lesbisch|biseksueel|transgender|veroordeeld|in de gevangenis|roma|van [\\p{L}-]{2,20} afkomst)${E}`, 'giu'),
  new RegExp(`${B}ik heb {1,3}(?:een |de )?${FILL2}(?:hiv|aids|kanker|diabetes|suikerziekte|epilepsie|depressie|tuberculose|hepatitis|strafblad|veroordeling|handicap|psychiatrische stoornis)${E}`, 'giu'),
  new RegExp(`${B}(?:ik zat in de gevangenis|mijn (?:geloof|religie|diagnose|ziekte|handicap|zwangerschap|seksuele geaardheid|afkomst|strafblad) (?:is|was|vermeldt|toont|bevat))${E}`, 'giu'),
  // FR
  new RegExp(`${B}(?:je suis|j['’]étais|j['’]ai été) {1,3}${FILL}(?:enceinte|séropositi(?:f|ve)|diabétique|épileptique|handicapée?|aveugle|sourde?|autiste|dépressi(?:f|ve)|musulmane?|juive?|chrétienne?|catholique|protestante?|hindoue?|bouddhiste|athée|homosexuel(?:le)?|gay|lesbienne|bisexuel(?:le)?|transgenre|condamnée?|en prison|incarcérée?|d['’]origine [\\p{L}-]{2,20}|rom)${E}`, 'giu'),
  new RegExp(`${B}j['’]ai {1,3}(?:un |une |le |la |l['’]|du |des )?${FILL2}(?:vih|sida|cancer|diabète|épilepsie|dépression|tuberculose|hépatite|casier judiciaire|handicap|condamnation)${E}`, 'giu'),
  new RegExp(`${B}(?:ma religion|ma foi|ma maladie|mon diagnostic|ma grossesse|mon handicap|mon orientation sexuelle|mon origine ethnique|mon casier judiciaire) (?:est|était|mentionne|contient|montre)${E}`, 'giu'),
  // DE
  new RegExp(`${B}ich (?:bin|war) {1,3}${FILL}(?:schwanger|hiv-positiv|diabetiker(?:in)?|epileptiker(?:in)?|behindert|blind|taub|autistisch|depressiv|muslim(?:a|in)?|jüdin|jude|jüdisch|christ(?:in)?|katholisch|evangelisch|hindu|buddhist(?:in)?|atheist(?:in)?|schwul|lesbisch|bisexuell|transgender|vorbestraft|verurteilt|im gefängnis|[\\p{L}-]{2,20}er herkunft)${E}`, 'giu'),
  new RegExp(`${B}ich habe {1,3}(?:eine |einen |ein )?${FILL2}(?:hiv|aids|krebs|diabetes|epilepsie|depressionen?|tuberkulose|hepatitis|vorstrafen?|behinderung)${E}`, 'giu'),
  new RegExp(`${B}meine (?:religion|diagnose|krankheit|behinderung|schwangerschaft|sexuelle orientierung|herkunft|vorstrafe) (?:ist|war)${E}`, 'giu'),
];

function specialCategory(s: string): string {
  const t = s.toLowerCase();
  if (/pregnan|expecting a baby|zwanger|enceinte|grossesse|schwanger/.test(t)) return 'pregnancy';
  if (/muslim|moslim|musulman|islam|jewish|joods|jood|juif|juive|jude|jüd|christ|catholi|katholi|protestant|evangelisch|hindu|hindoe|hindou|buddh|boeddh|bouddh|atheis|athée|atheïst|religi|geloof|faith|\bfoi\b|sikh/.test(t)) return 'religion or belief';
  if (/gay|lesbi|bisex|bisek|transg|homo|queer|schwul|sexual|seksuele|sexuelle/.test(t)) return 'sexual orientation';
  if (/origin|afkomst|herkunft|descent|ethnic|roma|\brom\b/.test(t)) return 'ethnic origin';
  if (/criminal|convict|prison|incarcer|probation|strafblad|veroordeel|veroordeling|gevangenis|casier|condamn|vorbestraft|verurteilt|gefängnis|vorstraf/.test(t)) return 'criminal record';
  return 'health information';
}

/** Adds the P11 hits of `text` to `hits`. */
export function detectSpecialCategories(text: string, hits: Hit[]): void {
  for (const re of SPECIAL) {
    each(re, text, (m) => hits.push({ id: 'P11', category: specialCategory(m[0]), start: m.index, end: m.index + m[0].length }));
  }
}
