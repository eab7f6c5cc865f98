// Fails when a vitest JSON report (`--reporter=json --outputFile.json=FILE`) records a skipped or todo test, or no
// test at all: in CI every component a test needs is provided (Chromium, PostgreSQL, the other Node.js lines), so
// a skip means a missing component or a forgotten `.skip`, and must not pass as green.
//
//   node .ci/no-skips.mjs REPORT.json [REPORT.json …]
import { readFileSync } from 'node:fs';

let failed = false;
for (const file of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const skipped = [];
  for (const suite of report.testResults ?? []) {
    for (const test of suite.assertionResults ?? []) {
      if (test.status === 'pending' || test.status === 'skipped' || test.status === 'todo') skipped.push(`${suite.name}: ${test.fullName}`);
    }
  }
  if (report.numTotalTests === 0) {
    console.error(`no-skips: ${file} records no test at all`);
    failed = true;
  }
  if (skipped.length > 0) {
    console.error(`no-skips: ${skipped.length} test(s) skipped in ${file}; CI provides every component, so nothing may be skipped:`);
    for (const line of skipped) console.error(`  - ${line}`);
    failed = true;
  } else {
    console.log(`no-skips: ${report.numPassedTests} of ${report.numTotalTests} tests passed in ${file}, none skipped`);
  }
}
process.exit(failed ? 1 : 0);
