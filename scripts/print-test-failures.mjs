// Repeats every failed test of the last `pnpm test` (from each package's vitest JSON report) at the
// end of the output, so a CI log cut to its tail still says what failed and why.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
let failures = 0;
for (const group of ['packages', 'apps']) {
  for (const name of readdirSync(join(root, group))) {
    const report = join(root, group, name, 'node_modules/.cache/vitest-report.json');
    if (!existsSync(report)) continue;
    const { testResults = [] } = JSON.parse(readFileSync(report, 'utf8'));
    for (const file of testResults) {
      const failed = file.assertionResults.filter((test) => test.status === 'failed');
      if (failed.length === 0 && file.status !== 'failed') continue;
      console.log(`\nFAILED ${group}/${name}: ${file.name.slice(root.length)}`);
      if (failed.length === 0 && file.message) console.log(`  ${file.message}`);
      for (const test of failed) {
        failures++;
        console.log(`  - ${test.fullName}`);
        for (const message of test.failureMessages) console.log(indent(ownLines(message)));
      }
    }
  }
}
console.log(failures === 0 ? '\nNo failed test in the vitest reports.' : `\n${failures} failed test(s).`);

function indent(text) {
  return text.replace(/^/gm, '      ');
}

/** The message and the stack frames in GenHub's own files, at most a dozen lines. */
function ownLines(message) {
  return message
    .split('\n')
    .filter((line) => !line.includes('node_modules') && !line.includes('(<anonymous>)'))
    .slice(0, 12)
    .join('\n');
}
