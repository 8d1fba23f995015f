import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PartialStrykerOptions } from '@stryker-mutator/api/core';
import type { MutationTestResult } from 'mutation-testing-report-schema';
import { fileScores, filesBelow } from './file-scores';

/**
 * `npm run test:mutation`: runs Stryker (incremental, from the committed
 * reports/stryker-incremental.json; extra arguments such as `--force` go to `stryker run`), then
 * holds every mutated file to the "low" threshold. Stryker's own `break` threshold is for the
 * total only, so one weak file could hide behind strong ones.
 * @see ../../TESTING.md
 */
async function main(): Promise<void> {
  const stryker = spawnSync('stryker', ['run', ...process.argv.slice(2)], { stdio: 'inherit' });
  if (stryker.status !== 0) {
    process.exit(stryker.status ?? 1);
  }

  const configUrl = pathToFileURL(resolve('stryker.config.mjs')).href;
  const config = ((await import(configUrl)) as { default: PartialStrykerOptions }).default;
  const reportPath = config.jsonReporter?.fileName ?? 'reports/mutation/mutation.json';
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as MutationTestResult;
  const floor = report.thresholds.low;

  const scores = fileScores(report);
  for (const { file, score, detected, survived, noCoverage } of scores) {
    const counts = `${detected} detected, ${survived} survived, ${noCoverage} no coverage`;
    console.log(`${score.toFixed(1).padStart(6)}%  ${file}  (${counts})`);
  }
  const below = filesBelow(scores, floor);
  if (below.length > 0) {
    console.error(
      `test:mutation: ${below.length} file(s) under the ${floor}% floor per file: ` +
        below.map(({ file, score }) => `${file} ${score.toFixed(1)}%`).join(', ') +
        '. Open reports/mutation/index.html to see the surviving mutants.',
    );
    process.exit(1);
  }
  console.log(`test:mutation: every mutated file is at or above ${floor}%.`);
}

void main();
