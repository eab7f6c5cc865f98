import * as z from 'zod';

/**
 * The two data formats behind `find_procedure`: the corpus fact vocabulary (`facts.yaml`) and the procedure file of
 * a skill (`skills/<name>/procedure.yaml`). These schemas are the single source of their types and of the JSON
 * Schemas published for editors (`docs/schema/*.schema.json`).
 */

/** Fact and field names: snake_case, as `find_procedure` inputs are. */
export const FACT_NAME = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
/** Route ids and event names: kebab-case. */
export const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const text = z.string().trim().min(1);
const Languages = ['en', 'nl', 'fr', 'de'] as const;

/** The question an assistant asks for a fact, in the four languages the corpus serves. */
export const QuestionsSchema = z.strictObject({ en: text, nl: text, fr: text, de: text }).describe('The question an assistant asks for this fact, in English, Dutch, French and German');
export type Questions = z.infer<typeof QuestionsSchema>;

/** Phrases that name an event in prose ("of entering Belgium"), so lint can find the event a deadline counts from. */
export const EventPhrasesSchema = z
  .strictObject({
    en: z.array(text).min(1),
    nl: z.array(text).optional(),
    fr: z.array(text).optional(),
    de: z.array(text).optional(),
  })
  .describe('Phrases naming this event in skill prose, e.g. "of entering Belgium", "before expiry"');
export type EventPhrases = z.infer<typeof EventPhrasesSchema>;

const fieldCommon = {
  describe: text.describe('What the value means, shown in the find_procedure input schema'),
  optional: z.boolean().optional().describe('Inside an object fact: the field may be left out'),
};
const dateField = z.strictObject({
  type: z.literal('date'),
  ...fieldCommon,
  event: EventPhrasesSchema.optional(),
  'not-before': z.union([text, z.array(text).min(1)]).optional().describe('Date facts this one may not precede; contradictions are refused naming both'),
});
const integerField = z.strictObject({ type: z.literal('integer'), ...fieldCommon, min: z.number().int().optional(), max: z.number().int().optional() });
const booleanField = z.strictObject({ type: z.literal('boolean'), ...fieldCommon });
const enumField = z.strictObject({ type: z.literal('enum'), ...fieldCommon, values: z.array(text).min(1) });

/** A field of an `object` fact. */
export const FactFieldSchema = z.discriminatedUnion('type', [dateField, integerField, booleanField, enumField]);
export type FactField = z.infer<typeof FactFieldSchema>;

const factCommon = {
  ask: QuestionsSchema,
  required: z.boolean().optional().describe('find_procedure cannot answer without it'),
  trigger: z
    .boolean()
    .optional()
    .describe('A fact the person brings up when it applies (a move, a lost card): when it is not given, a test on it fails instead of asking for it'),
};

/** One fact of the vocabulary. */
export const FactSchema = z.discriminatedUnion('type', [
  dateField.extend(factCommon),
  integerField.extend(factCommon),
  booleanField.extend(factCommon),
  enumField.extend(factCommon),
  z.strictObject({ type: z.literal('country'), ...fieldCommon, ...factCommon }).describe('ISO 3166-1 alpha-2 code; conditions compare its class: belgian, eu (EU, EEA, Swiss) or third-country'),
  z.strictObject({ type: z.literal('object'), ...fieldCommon, ...factCommon, fields: z.record(z.string().regex(FACT_NAME), FactFieldSchema) }),
  z
    .strictObject({ type: z.literal('commune'), ...fieldCommon, ...factCommon, sets: z.string().regex(FACT_NAME).describe('The fact this commune determines (its region)') })
    .describe('A Belgian commune by name in any official language or by NIS code; find_procedure maps it to the fact named by `sets`'),
]);
export type Fact = z.infer<typeof FactSchema>;

/** A moment a rule counts from that is not a fact of the person (the application, a notification). */
export const EventSchema = EventPhrasesSchema.extend({ describe: text });
export type EventDef = z.infer<typeof EventSchema>;

/** `facts.yaml`: the fact vocabulary of the corpus. */
export const VocabularySchema = z.strictObject({
  start: z.string().regex(KEBAB).optional().describe('The front-door skill a conversation about arriving in Belgium starts from'),
  facts: z.record(z.string().regex(FACT_NAME, 'fact names are snake_case, e.g. arrival_date'), FactSchema),
  events: z.record(z.string().regex(KEBAB, 'event names are kebab-case, e.g. application'), EventSchema).optional(),
});
export type Vocabulary = z.infer<typeof VocabularySchema>;

/** The country classes a `country` fact is compared by. */
export const COUNTRY_CLASSES = ['belgian', 'eu', 'third-country'] as const;

// ---------------------------------------------------------------------------------------------------------------
// Procedure files

/** How a period is counted. */
export const UNITS = ['working-days', 'calendar-days', 'months', 'years'] as const;
export const UnitSchema = z.enum(UNITS);
export type Unit = z.infer<typeof UnitSchema>;

/** A citation tag without brackets: `loi-1980-12-15-etrangers, art. 5` or `dofi-short-stay-arrival-declaration`. */
const Tag = z.string().trim().min(1).describe('Citation tag without brackets: "<reference id>" or "<reference id>, <locator>"');
const Tags = z.array(Tag).min(1, 'cite at least one source');

/** `<fact, computed date or today> [+|- <n> <unit>]`, e.g. `residence_card.expires_on - 3 months`. */
export const DateExprSchema = z.string().trim().min(1).describe('A date: today, a date fact or a computed date, optionally "+ 3 months" or "- 1 calendar-days"');

const Scalar = z.union([z.string(), z.number(), z.boolean()]);
/** What one fact must be: a value, one of several values, a range, a date comparison, `present` or `missing`. */
export const MatcherSchema = z.union([
  Scalar,
  z.array(Scalar).min(1),
  z.strictObject({
    min: z.number().optional(),
    max: z.number().optional(),
    before: DateExprSchema.optional(),
    after: DateExprSchema.optional(),
    'not-before': DateExprSchema.optional(),
    'not-after': DateExprSchema.optional(),
  }),
]);
export type Matcher = z.infer<typeof MatcherSchema>;

/** Conditions: fact → matcher; `any: [ … ]` holds when one of its maps holds; `not: { … }` when its map does not. */
export interface Condition {
  [key: string]: Matcher | Condition | Condition[];
}
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.record(z.string(), z.union([MatcherSchema, z.array(ConditionSchema).min(1), ConditionSchema])),
);

const anchor = {
  after: z.string().trim().min(1).optional().describe('Date fact or event the period counts from'),
  before: z.string().trim().min(1).optional().describe('Date fact or event the period ends at (counted backwards)'),
};
const oneAnchor = (v: { after?: string | undefined; before?: string | undefined }) => (v.after === undefined) !== (v.before === undefined);
const ANCHOR_MESSAGE = 'give exactly one of `after` or `before`';

/** A period counted from (or back from) an event: the building block of deadlines, windows and periods. */
export const SpanSchema = z.strictObject({ amount: z.number().int().min(0).max(3660), unit: UnitSchema, ...anchor }).refine(oneAnchor, ANCHOR_MESSAGE);
export type Span = z.infer<typeof SpanSchema>;

/** Another reading of the same deadline where sources disagree. */
export const ReadingSchema = z.strictObject({
  amount: z.number().int().min(0).max(3660).optional(),
  unit: UnitSchema.optional(),
  saturday_is_working_day: z.boolean().optional(),
  safe: z.boolean().optional().describe('The safe date shown to the person comes from this reading'),
  cite: Tags,
});
export type Reading = z.infer<typeof ReadingSchema>;

export const DeadlineRuleSchema = z
  .strictObject({
    amount: z.number().int().min(0).max(3660),
    unit: UnitSchema,
    ...anchor,
    rule: text.describe('The rule in one sentence, as shown to the person'),
    cite: Tags,
    readings: z.array(ReadingSchema).optional(),
  })
  .refine(oneAnchor, ANCHOR_MESSAGE);
export type DeadlineRule = z.infer<typeof DeadlineRuleSchema>;

export const WindowRuleSchema = z.strictObject({ opens: SpanSchema, closes: SpanSchema, cite: Tags });
export type WindowRule = z.infer<typeof WindowRuleSchema>;

export const PeriodSchema = z
  .strictObject({ amount: z.number().int().min(0).max(3660), unit: UnitSchema, ...anchor, text, cite: Tags })
  .refine(oneAnchor, ANCHOR_MESSAGE);
export type Period = z.infer<typeof PeriodSchema>;

export const NoteSchema = z.strictObject({ text: text.describe('The note, with inline citation tags [id, locator]'), when: ConditionSchema.optional() });
export type Note = z.infer<typeof NoteSchema>;

/** What a route gives the person. */
export const RESULTS = ['procedure', 'exempt', 'out-of-scope', 'ask'] as const;

export const UnknownTextSchema = z.union([text, z.strictObject({ why: text }), z.strictObject({ note: text })]);

export const RouteSchema = z.strictObject({
  id: z.string().regex(KEBAB, 'route ids are kebab-case, e.g. lost-or-stolen'),
  result: z.enum(RESULTS).default('procedure'),
  title: text.optional(),
  document: text.optional(),
  why: text.optional().describe('Why this applies, shown to the person; may insert {facts} and {dates}. Required except for `ask` routes'),
  when: ConditionSchema,
  'if-unknown': z.record(z.string(), UnknownTextSchema).optional().describe('Facts the route can be given without; each goes to needs[] and its text to the answer'),
  asks: z.array(z.string()).optional().describe('Facts to ask for whenever this route is given'),
  'wins-over': z.array(z.string()).optional().describe('Routes this one removes when it holds: <id>, <skill>#<id> or a skill name'),
  deadline: DeadlineRuleSchema.optional(),
  window: WindowRuleSchema.optional(),
  periods: z.array(PeriodSchema).optional(),
  dates: z.record(z.string().regex(FACT_NAME), DateExprSchema).optional(),
  cite: Tags,
  notes: z.array(NoteSchema).optional(),
});
export type Route = z.infer<typeof RouteSchema>;

/** A lookup table for texts: `{lookups.<name>}` inserts `map[value of the fact]`, or the value itself. */
export const LookupSchema = z.strictObject({ of: z.string(), map: z.record(z.string(), text) });

/** `skills/<name>/procedure.yaml`. */
export const ProcedureFileSchema = z.strictObject({
  routes: z.array(RouteSchema).min(1),
  lookups: z.record(z.string().regex(FACT_NAME), LookupSchema).optional(),
});
export type ProcedureFile = z.infer<typeof ProcedureFileSchema>;

export { Languages as QUESTION_LANGUAGES };
