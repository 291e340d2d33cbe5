// Adds up the runners' JSON reports into the one closing line CI reads: "tests: N passed, N failed".
// The names of the failed tests come just before it, so the tail of a CI log says what to look at.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function vitestFailures(report) {
  return report.testResults.flatMap((file) =>
    file.assertionResults
      .filter((test) => test.status === 'failed')
      .map((test) => `${file.name.replace(`${process.cwd()}/`, '')} › ${test.fullName ?? test.title}`),
  );
}

function playwrightFailures(suite, file = suite.file) {
  const here = (suite.specs ?? []).flatMap((spec) =>
    spec.tests
      .filter((test) => test.status === 'unexpected' || test.status === 'flaky')
      .map((test) => `${spec.file ?? file} › ${spec.title} (${test.projectName}, ${test.status})`),
  );
  return [...here, ...(suite.suites ?? []).flatMap((inner) => playwrightFailures(inner, inner.file ?? file))];
}

for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.error(`test-summary: no report at ${file} (that runner did not finish)`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if (report.numPassedTests !== undefined) {
    // vitest (jest-compatible JSON)
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    failures.push(...vitestFailures(report));
  } else if (report.stats) {
    // Playwright
    passed += report.stats.expected;
    failed += report.stats.unexpected + report.stats.flaky;
    skipped += report.stats.skipped;
    failures.push(...(report.suites ?? []).flatMap((suite) => playwrightFailures(suite)));
  }
}
for (const name of failures) console.log(`failed: ${name}`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
