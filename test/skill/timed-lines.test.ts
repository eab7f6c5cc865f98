// The lines of a SKILL.md the deadline check reads, found during the parse: Deadline: lines under Stages and Who
// and when lines naming a unit of time, with their line numbers and citation tags blanked in place.
import { describe, expect, it } from 'vitest';
import { parseSkill } from '../../src/skill/parse.js';
import { timedLines } from '../../src/skill/timed-lines.js';

const TEXT = [
  '---', // 1
  'name: demo', // 2
  'description: "Deadline: 3 days in the frontmatter"', // 3
  '---', // 4
  '## Scope', // 5
  'Deadline: 9 days outside the two sections.', // 6
  '## Who and when', // 7
  'Register within 8 working days of entry [law-a, art. 5].', // 8
  'Bring your passport.', // 9
  '> **Contested:** some pages say 15 days.', // 10
  '## Stages', // 11
  '### 1. Declare', // 12
  'Go to the commune within a month.', // 13
  'Deadline: 3 months from arrival [law-b].', // 14
].join('\n');

describe('timedLines', () => {
  it('keeps Deadline: lines under Stages and Who and when lines with a unit, tags blanked in place', () => {
    expect(timedLines(TEXT)).toEqual([
      { line: 8, text: `Register within 8 working days of entry ${' '.repeat('[law-a, art. 5]'.length)}.`, where: 'who-and-when' },
      { line: 14, text: `Deadline: 3 months from arrival ${' '.repeat('[law-b]'.length)}.`, where: 'deadline-line' },
    ]);
  });

  it('is part of the parse, so the check needs no second read of the file', () => {
    expect(parseSkill({ path: 'skills/demo/SKILL.md', text: TEXT }).body?.timed).toEqual(timedLines(TEXT));
  });

  it('reads a file without frontmatter from its first line', () => {
    expect(timedLines('## Who and when\nWithin 8 days of entry.').map((l) => l.line)).toEqual([2]);
  });
});
