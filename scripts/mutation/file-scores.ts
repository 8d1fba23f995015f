import { calculateMetrics } from 'mutation-testing-metrics';
import type { MutationTestResult } from 'mutation-testing-report-schema';

export interface FileScore {
  /** The file's path as Stryker reports it (relative to the project). */
  file: string;
  /** (killed + timed out) / (killed + timed out + survived + no coverage), in percent. */
  score: number;
  detected: number;
  survived: number;
  noCoverage: number;
}

/**
 * The mutation score of each mutated file in a Stryker JSON report, counted by Stryker's own
 * metrics package so the numbers match its clear-text table. A file with no valid mutant (only
 * static or non-compiling ones) has no score and is left out.
 * @see https://github.com/stryker-mutator/mutation-testing-elements/tree/master/packages/metrics
 */
export function fileScores(report: MutationTestResult): FileScore[] {
  return Object.entries(report.files)
    .map(([file, result]) => ({ file, metrics: calculateMetrics({ [file]: result }).metrics }))
    .filter(({ metrics }) => metrics.totalValid > 0)
    .map(({ file, metrics }) => ({
      file,
      score: metrics.mutationScore,
      detected: metrics.totalDetected,
      survived: metrics.survived,
      noCoverage: metrics.noCoverage,
    }))
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** The files whose score is under `floor` percent. */
export function filesBelow(scores: FileScore[], floor: number): FileScore[] {
  return scores.filter((entry) => entry.score < floor);
}
