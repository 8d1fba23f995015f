/** The p-th percentile (0–100) of samples, nearest-rank. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function mean(samples: number[]): number {
  return samples.reduce((sum, value) => sum + value, 0) / samples.length;
}

/** One row of the results table. */
export interface BenchRow {
  measure: string;
  a: string;
  b: string;
  ratio: string;
  target: string;
  verdict: 'met' | 'missed' | 'info';
}

export function ratio(value: number, digits = 2): string {
  return `${value.toFixed(digits)}×`;
}

export function printTable(rows: BenchRow[]): string {
  const header = ['measure', 'A', 'B', 'ratio', 'target', ''];
  const lines = rows.map((row) => [row.measure, row.a, row.b, row.ratio, row.target, row.verdict]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column]!.length)),
  );
  const format = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [
    format(header),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...lines.map(format),
  ].join('\n');
}
