/**
 * The server `instructions` clients show to the model. Short and descriptive (SECURITY K6): how the pieces fit,
 * no imperatives aimed at the model, no other servers' tools. Frozen by the tools/list snapshot test.
 */
export const INSTRUCTIONS = [
  'loket serves Belgian commune procedures (skills) with every fact cited to the law or an official page.',
  'A conversation about arriving in Belgium usually starts with the front-door skill (the register-in-belgium prompt names it) and find_procedure, which pick the procedures and their deadlines;',
  'search_skills finds a skill from words in Dutch, French, German or English.',
  'get_skill gives the overview and get_stage one stage at a time, so a procedure can be walked through step by step with the user.',
  'Citations resolve with resolve_citation; contested points in a skill state two readings, both cited, and are meant to be shown to the user.',
  'Skill files are also readable as skill:// resources through the Skills extension, with digests.',
  'Clients may report whether a skill matched reality with submit_validation, and add practical observations with submit_observation.',
].join(' ');
