import type { LintRule } from '../rule.js';
import { citationMalformed } from './citation-malformed.js';
import { citationResolves } from './citation-resolves.js';
import { descriptionLength } from './description-length.js';
import { duplicateName } from './duplicate-name.js';
import { factsSchema } from './facts-schema.js';
import { factsYaml } from './facts-yaml.js';
import { frontmatterMissing } from './frontmatter-missing.js';
import { frontmatterSchema } from './frontmatter-schema.js';
import { frontmatterUnknownKey } from './frontmatter-unknown-key.js';
import { frontmatterYaml } from './frontmatter-yaml.js';
import { lastVerifiedAge } from './last-verified-age.js';
import { lockDigest } from './lock-digest.js';
import { lockEntry } from './lock-entry.js';
import { lockMissing } from './lock-missing.js';
import { lockSchema } from './lock-schema.js';
import { metadataNotString } from './metadata-not-string.js';
import { metadataSchema } from './metadata-schema.js';
import { nameMatchesFolder } from './name-matches-folder.js';
import { nextResolves } from './next-resolves.js';
import { noInjection } from './no-injection.js';
import { procedureAgreement } from './procedure-agreement.js';
import { procedureCitation } from './procedure-citation.js';
import { procedureCondition } from './procedure-condition.js';
import { procedureDate } from './procedure-date.js';
import { procedureFact } from './procedure-fact.js';
import { procedurePlaceholder } from './procedure-placeholder.js';
import { procedureSchema } from './procedure-schema.js';
import { procedureUnreachable } from './procedure-unreachable.js';
import { procedureWinsOver } from './procedure-wins-over.js';
import { procedureYaml } from './procedure-yaml.js';
import { referenceCited } from './reference-cited.js';
import { referenceFile } from './reference-file.js';
import { referenceId } from './reference-id.js';
import { referenceSchema } from './reference-schema.js';
import { referenceYaml } from './reference-yaml.js';
import { requiredSections } from './required-sections.js';
import { sectionOrder } from './section-order.js';
import { skillFileBinary } from './skill-file-binary.js';
import { skillFileSize } from './skill-file-size.js';
import { skillFileType } from './skill-file-type.js';
import { skillFolder } from './skill-folder.js';
import { skillMissing } from './skill-missing.js';
import { skillSize } from './skill-size.js';
import { stageHeading } from './stage-heading.js';
import { stageWithoutSteps } from './stage-without-steps.js';
import { unknownSection } from './unknown-section.js';
import { versionBump } from './version-bump.js';

/**
 * Every lint rule, in the order `loket lint` lists problems found at the same position: the files of a skill
 * folder, references, the structure of SKILL.md, injection in every served text, the fact vocabulary and the
 * procedure files, the checks across files, and last the lock.
 */
export const RULES: readonly LintRule[] = [
  skillFolder,
  skillMissing,
  skillSize,
  skillFileBinary,
  skillFileType,
  skillFileSize,
  referenceFile,
  referenceId,
  referenceYaml,
  referenceSchema,
  frontmatterMissing,
  frontmatterYaml,
  frontmatterUnknownKey,
  metadataNotString,
  frontmatterSchema,
  descriptionLength,
  metadataSchema,
  citationMalformed,
  sectionOrder,
  unknownSection,
  requiredSections,
  stageHeading,
  stageWithoutSteps,
  noInjection,
  factsYaml,
  factsSchema,
  procedureYaml,
  procedureSchema,
  procedureFact,
  procedureCondition,
  procedureUnreachable,
  procedureCitation,
  procedurePlaceholder,
  procedureDate,
  procedureWinsOver,
  procedureAgreement,
  nameMatchesFolder,
  duplicateName,
  citationResolves,
  nextResolves,
  lastVerifiedAge,
  referenceCited,
  lockSchema,
  lockMissing,
  lockEntry,
  versionBump,
  lockDigest,
];
