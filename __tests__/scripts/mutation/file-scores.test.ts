/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import type {
  MutantResult,
  MutantStatus,
  MutationTestResult,
} from 'mutation-testing-report-schema';

import { fileScores, filesBelow } from '@/scripts/mutation/file-scores';

function mutants(...statuses: MutantStatus[]): MutantResult[] {
  return statuses.map((status, index) => ({
    id: String(index),
    mutatorName: 'ConditionalExpression',
    replacement: 'true',
    status,
    location: { start: { line: 1, column: index + 1 }, end: { line: 1, column: index + 2 } },
  }));
}

function report(files: Record<string, MutantStatus[]>): MutationTestResult {
  return {
    schemaVersion: '2',
    thresholds: { high: 90, low: 85 },
    files: Object.fromEntries(
      Object.entries(files).map(([name, statuses]) => [
        name,
        { language: 'typescript', source: 'const answer = 42;', mutants: mutants(...statuses) },
      ]),
    ),
  };
}

describe('mutation scores per file', () => {
  it('counts killed and timed-out mutants as detected, out of all but the invalid and ignored ones', () => {
    const [score] = fileScores(
      report({
        'lib/a.ts': ['Killed', 'Timeout', 'Survived', 'NoCoverage', 'CompileError', 'Ignored'],
      }),
    );
    expect(score).toEqual({
      file: 'lib/a.ts',
      score: 50,
      detected: 2,
      survived: 1,
      noCoverage: 1,
    });
  });

  it('keeps each file under its own path, sorted, and leaves out files with no valid mutant', () => {
    const scores = fileScores(
      report({
        'logto-local/z.ts': ['Killed'],
        'lib/auth/only-static.ts': ['Ignored', 'CompileError'],
        'lib/auth/b.ts': ['Killed', 'Survived'],
      }),
    );
    expect(scores.map(({ file, score }) => [file, score])).toEqual([
      ['lib/auth/b.ts', 50],
      ['logto-local/z.ts', 100],
    ]);
  });

  it('names the files under the floor and lets a file exactly at the floor pass', () => {
    const scores = fileScores(
      report({
        'lib/at-floor.ts': [
          ...Array<MutantStatus>(17).fill('Killed'),
          'Survived',
          'Survived',
          'NoCoverage',
        ],
        'lib/under.ts': [...Array<MutantStatus>(8).fill('Killed'), 'Survived', 'Survived'],
      }),
    );
    expect(filesBelow(scores, 85).map(({ file }) => file)).toEqual(['lib/under.ts']);
  });
});
