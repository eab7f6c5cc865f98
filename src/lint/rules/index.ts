import type { LintRule } from '../rule.js';
import { injectionRule } from './injection.js';

/** Every lint rule run over each SKILL.md, in order. Parsing and cross-file checks run separately. */
export const rules: readonly LintRule[] = [injectionRule];
