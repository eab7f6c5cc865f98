/**
 * The text of one synthetic skill: SKILL.md and its procedure file, shaped like the shipped skills (see
 * `generate.ts`). The prose states every deadline and period of the procedure file with an event phrase of the
 * generated fact vocabulary, so the agreement check between prose and procedure file passes.
 */

/** Everything one skill is generated from. */
export interface SkillPlan {
  index: number;
  name: string;
  topic: readonly [slug: string, en: string, nl: string, fr: string, de: string];
  commune: string;
  next: readonly string[];
  today: string;
  vocab: readonly string[];
  references: readonly string[];
  rand: () => number;
}

/** The fact vocabulary of the synthetic corpus: three date facts with event phrases, enums, a boolean, two events. */
export const VOCABULARY = `# Fact vocabulary of a synthetic benchmark corpus.
facts:
  nationality:
    type: country
    required: true
    describe: Nationality as an ISO 3166-1 alpha-2 code
    ask: { en: What is your nationality?, nl: Wat is je nationaliteit?, fr: Quelle est votre nationalité ?, de: Welche Staatsangehörigkeit haben Sie? }
  moved_on:
    type: date
    describe: Day of the move into the new home, YYYY-MM-DD
    ask: { en: On which day did you move?, nl: Op welke dag ben je verhuisd?, fr: Quel jour avez-vous déménagé ?, de: An welchem Tag sind Sie umgezogen? }
    event: { en: [of the move, after the move, from the move] }
  arrival_date:
    type: date
    describe: Day of arrival in the commune, YYYY-MM-DD
    ask: { en: On which day did you arrive?, nl: Op welke dag kwam je aan?, fr: Quel jour êtes-vous arrivé ?, de: An welchem Tag sind Sie angekommen? }
    event: { en: [of arrival, after arrival, from arrival] }
  started_on:
    type: date
    describe: Day the situation started, YYYY-MM-DD
    ask: { en: On which day did it start?, nl: Op welke dag begon het?, fr: Quel jour cela a-t-il commencé ?, de: An welchem Tag hat es begonnen? }
    event: { en: [of the start, after the start, from the start] }
  region:
    type: enum
    values: [brussels, flanders, wallonia, german-speaking]
    describe: Region of the commune
    ask: { en: In which region do you live?, nl: In welk gewest woon je?, fr: Dans quelle région habitez-vous ?, de: In welcher Region wohnen Sie? }
  household:
    type: enum
    values: [single, couple, family, other]
    describe: Who lives in the home
    ask: { en: Who lives with you?, nl: Wie woont er bij je?, fr: Qui habite avec vous ?, de: Wer wohnt bei Ihnen? }
  has_card:
    type: boolean
    describe: True when the person holds a card of the commune
    ask: { en: Do you hold a card of the commune?, nl: Heb je een kaart van de gemeente?, fr: Avez-vous une carte de la commune ?, de: Haben Sie eine Karte der Gemeinde? }
events:
  application:
    describe: the day the application is lodged at the commune
    en: [of the application, after the application, from the application]
  notification:
    describe: the day a decision is notified
    en: [of the notification, after the notification, from the notification]
`;

const DATE_FACTS = [
  ['moved_on', 'of the move'],
  ['arrival_date', 'of arrival'],
  ['started_on', 'of the start'],
] as const;
const UNITS = [
  ['working-days', 'working days', [5, 8, 10, 15]],
  ['calendar-days', 'calendar days', [8, 14, 30, 45]],
  ['months', 'months', [2, 3, 6]],
] as const;
const REGIONS = ['brussels', 'flanders', 'wallonia', 'german-speaking'] as const;
const LOCATORS = ['art. 1', 'art. 3', 'art. 7', 'art. 12bis', 'art. 41', '§2', '§4', 'p. 3', 'p. 17', 'art. 7, §1', 'art. 33 §1, 2°'];
const AUDIENCES = ['resident', 'newcomer', 'eu-citizen', 'non-eu-national', 'student', 'employer', 'family-member', 'senior'];

/** Plain words of civic prose, drawn with a skewed distribution (common words repeat). */
const COMMON = (
  'commune office appointment counter form signature photo proof address register card certificate fee deadline ' +
  'application decision appeal copy original translation legalised notice letter visit police check household ' +
  'tenant landlord owner neighbour child parent partner employer school doctor hospital insurance tax payment ' +
  'receipt day week month year working calendar holiday exception renewal expiry online paper desk queue ' +
  'the the the the of of of a a and and in in for for at at with on by from your you can may must usually'
).split(' ');
/** Terms in the national languages, as the shipped skills gloss them (accents and all). */
const GLOSSES: ReadonlyArray<readonly [nl: string, fr: string, de: string]> = [
  ['gemeente', 'commune', 'Gemeinde'],
  ['loket', 'guichet', 'Schalter'],
  ['rijksregisternummer', 'numéro de registre national', 'Nationalregisternummer'],
  ['bevolkingsregister', 'registre de la population', 'Bevölkerungsregister'],
  ['wijkagent', 'agent de quartier', 'Revierbeamter'],
  ['ontvangstbewijs', 'accusé de réception', 'Empfangsbestätigung'],
  ['attest', 'attestation', 'Bescheinigung'],
  ['vreemdelingendienst', 'service des étrangers', 'Ausländeramt'],
];

/** The SKILL.md of one skill, and a local word used in queries. */
export function skillMarkdown(plan: SkillPlan): { text: string; local: string } {
  const { rand, vocab, topic, commune } = plan;
  const [, en, nl, fr, de] = topic;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const skew = <T>(items: readonly T[]): T => items[Math.floor(Math.pow(rand(), 2.2) * items.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  // A working set of references: a run starting at this skill's index covers the whole registry across skills.
  const refs = Array.from({ length: 20 }, (_, k) => plan.references[(plan.index * 20 + k) % plan.references.length]!);
  let forced = 0;
  const tag = () => {
    const id = forced < refs.length ? refs[forced++]! : skew(refs);
    return rand() < 0.45 ? `[${id}]` : `[${id}, ${pick(LOCATORS)}]`;
  };
  const tags = (n: number) => Array.from({ length: n }, tag).join(' ');
  const words = (n: number) => {
    const out: string[] = [];
    for (let k = 0; k < n; k++) out.push(rand() < 0.6 ? pick(COMMON) : skew(vocab));
    return out.join(' ');
  };
  const sentence = (n: number) => {
    const s = words(n);
    const gloss = rand() < 0.25 ? (([gnl, gfr, gde]) => ` (NL *${gnl}*, FR *${gfr}*, DE *${gde}*)`)(pick(GLOSSES)) : '';
    return `${s.charAt(0).toUpperCase()}${s.slice(1)}${gloss}`;
  };
  const cited = (n: number) => `${sentence(n)} ${tags(int(1, 3))}.`;
  const bullets = (n: number, label = false) =>
    Array.from({ length: n }, () => `- ${label ? `**${sentence(int(1, 3))}:** ` : ''}${cited(int(8, 14))}`).join('\n');

  const [factName, eventPhrase] = DATE_FACTS[plan.index % DATE_FACTS.length]!;
  const [, unitWords, amounts] = UNITS[plan.index % UNITS.length]!;
  const amount = amounts[plan.index % amounts.length]!;
  const periodDays = 15 + (plan.index % 4) * 5;
  void factName;

  const audience = [pick(AUDIENCES), pick(AUDIENCES)].filter((a, k, all) => all.indexOf(a) === k);
  const title = `${en.charAt(0).toUpperCase()}${en.slice(1)} in ${commune.charAt(0).toUpperCase()}${commune.slice(1)} (${nl} / ${fr})`;
  const local = skew(vocab);
  const aliases = [nl, fr, de, `${en} ${commune}`, `${local} ${commune}`, `${nl} ${commune}`];
  const description =
    `Walks a ${audience.join(' or ')} through the ${en} (${nl}, ${fr}, ${de}) at the commune of ${commune}: where to apply, ` +
    `the deadline of ${amount} ${unitWords} ${eventPhrase}, documents, fees, the decision and the usual surprises. Use it when someone ` +
    `in ${commune} needs the ${en} or asks about ${local}. Not for other communes, which have their own skill.`;

  const contested = Array.from({ length: int(2, 6) }, () =>
    `> **Contested:** ${sentence(int(12, 18))} ${tags(2)}; one reading says ${words(int(8, 14))} ${tags(1)}, the other says ${words(int(8, 14))} ${tags(1)}. What to do: ask the commune of ${commune} which reading it applies, and keep the earlier date.`,
  ).join('\n\n');
  const stageCount = int(6, 9);
  const stages = Array.from({ length: stageCount }, (_, s) => {
    const lines = [`### Stage ${s + 1} — ${sentence(int(3, 6))}`, '', bullets(int(4, 6)), ''];
    if (s === 1) lines.push(`Deadline: within ${amount} ${unitWords} ${eventPhrase} ${tags(2)}.`, '');
    else if (s === 2) lines.push(`Deadline: the commune decides within ${periodDays} calendar days of the application ${tags(1)}.`, '');
    else if (rand() < 0.3) lines.push(`Deadline: no fixed deadline; go as soon as the ${pick(COMMON)} is ready ${tags(1)}.`, '');
    lines.push(`Outcome: ${sentence(int(10, 16))} ${tags(int(1, 2))}.`, '');
    return lines.join('\n');
  });
  const nextSkill = plan.next[0];

  const text = [
    '---',
    `name: ${plan.name}`,
    `description: ${JSON.stringify(description)}`,
    'license: CC-BY-4.0',
    'metadata:',
    `  title: ${JSON.stringify(title)}`,
    `  version: "1.${plan.index % 7}.${plan.index % 3}"`,
    `  status: ${JSON.stringify(pick(['draft', 'alpha', 'beta', 'stable']))}`,
    `  last-verified: "${plan.today}"`,
    '  jurisdiction: "BE"',
    `  audience: ${JSON.stringify(audience.join(' '))}`,
    `  documents: ${JSON.stringify(`form-${plan.index % 40} annex-${plan.index % 12}`)}`,
    `  aliases: ${JSON.stringify(aliases.join(' | '))}`,
    ...(plan.next.length > 0 ? [`  next: ${JSON.stringify(plan.next.join(' '))}`] : []),
    '---',
    '',
    `# ${title}`,
    '',
    '## Scope',
    '',
    `This skill is for people in ${commune} who need the ${en} (NL *${nl}*, FR *${fr}*, DE *${de}*) ${tags(2)}. ${cited(int(18, 26))} ${cited(int(14, 22))}`,
    '',
    `${cited(int(16, 24))} ${cited(int(12, 20))}`,
    '',
    'It is not for:',
    '',
    `- people outside ${commune}, who need the ${en} skill of their own commune ${tags(1)};`,
    nextSkill ? `- the next step after this one, which is \`${nextSkill}\` ${tags(1)};` : `- situations the ${pick(COMMON)} handles elsewhere ${tags(1)};`,
    `- ${words(int(10, 16))} ${tags(1)}.`,
    '',
    '## Legal basis',
    '',
    bullets(int(4, 6)),
    '',
    '## Who and when',
    '',
    `- **Deadline:** apply within ${amount} ${unitWords} ${eventPhrase} ${tags(3)}. ${cited(int(10, 16))}`,
    `- **Decision:** the commune decides within ${periodDays} calendar days of the application ${tags(2)}.`,
    bullets(int(5, 8), true),
    '',
    contested,
    '',
    bullets(int(2, 3), true),
    '',
    '## Documents',
    '',
    bullets(int(5, 8)),
    '',
    '## Stages',
    '',
    ...stages,
    '## Fees',
    '',
    ...Array.from({ length: int(4, 7) }, () => `- ${pick(['City of', 'Commune of', 'Municipality of'])} ${pick(vocab)}: EUR ${int(5, 120)} ${pick(['per person', 'per family', 'at the counter', 'online'])} ${tags(int(1, 2))}.`),
    '',
    '## Known surprises',
    '',
    Array.from({ length: int(5, 8) }, () => `- **${sentence(int(3, 6))}.** ${cited(int(10, 18))}`).join('\n'),
    '',
    '## Verify with',
    '',
    `- The population service of ${commune} (NL *dienst bevolking*, FR *service population*) ${tags(2)}.`,
    `- ${cited(int(10, 16))}`,
    `- ${cited(int(10, 16))}`,
    '',
  ].join('\n');
  return { text, local };
}

/** The procedure file of one skill: a procedure route with deadline, period and notes, an exempt and an ask route. */
export function procedureFile(plan: SkillPlan): string {
  const { rand } = plan;
  const refs = Array.from({ length: 20 }, (_, k) => plan.references[(plan.index * 20 + k) % plan.references.length]!);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const cite = (n: number) => `[${Array.from({ length: n }, () => JSON.stringify(rand() < 0.5 ? pick(refs) : `${pick(refs)}, ${pick(LOCATORS)}`)).join(', ')}]`;
  const inline = () => `[${pick(refs)}]`;
  const [factName, eventPhrase] = DATE_FACTS[plan.index % DATE_FACTS.length]!;
  const [unit, unitWords, amounts] = UNITS[plan.index % UNITS.length]!;
  const amount = amounts[plan.index % amounts.length]!;
  const periodDays = 15 + (plan.index % 4) * 5;
  const [, en] = plan.topic;
  const notes = REGIONS.map((region) => [`      - when: { region: ${region} }`, `        text: In ${region} the ${en} is handled at the counter of the commune or online; the fee and the hours differ by commune ${inline()} ${inline()}.`].join('\n'));
  return [
    '# Synthetic procedure file.',
    'routes:',
    `  - id: apply`,
    '    result: procedure',
    `    title: Apply for the ${en} at the commune of ${plan.commune}`,
    `    document: The ${en}, or a receipt while the commune decides`,
    `    why: Everyone in ${plan.commune} who needs the ${en} applies at the commune.`,
    '    when:',
    `      ${factName}: present`,
    '      has_card: true',
    '    deadline:',
    `      amount: ${amount}`,
    `      unit: ${unit}`,
    `      after: ${factName}`,
    `      rule: Within ${amount} ${unitWords} ${eventPhrase}; the day itself is not counted.`,
    `      cite: ${cite(2)}`,
    '    periods:',
    `      - amount: ${periodDays}`,
    '        unit: calendar-days',
    '        after: application',
    `        text: The commune decides within ${periodDays} calendar days of the application.`,
    `        cite: ${cite(1)}`,
    `    cite: ${cite(3)}`,
    '    notes:',
    `      - text: Keep the receipt the commune gives you until the decision arrives ${inline()}.`,
    ...notes,
    '  - id: no-card',
    '    result: exempt',
    `    why: Without a card of the commune the ${en} is not needed; the commune tells you what applies instead.`,
    '    when:',
    '      has_card: false',
    `    cite: ${cite(2)}`,
    '  - id: which-region',
    '    result: ask',
    '    when:',
    '      region: missing',
    '    asks: [region]',
    `    cite: ${cite(1)}`,
    '    notes:',
    `      - text: The rules differ slightly by region; the region decides which counter you go to ${inline()}.`,
    '',
  ].join('\n');
}
