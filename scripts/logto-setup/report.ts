import type { Change, StepPlan } from './plan';

/** Where the CLI writes; `process.stdout` in main.ts, a buffer in tests. */
export interface Output {
  write(text: string): unknown;
}

/** Per-step progress lines: `… step`, then `✓ step: detail` or `✗ step: message`. */
export class Progress {
  private readonly finished: string[] = [];

  constructor(private readonly out: Output) {}

  start(step: string): void {
    this.out.write(`… ${step}\n`);
  }

  done(step: string, detail: string): void {
    this.finished.push(`${step}: ${detail}`);
    this.out.write(`✓ ${step}: ${detail}\n`);
  }

  fail(step: string, message: string): void {
    this.out.write(`✗ ${step}: ${message}\n`);
    this.out.write(
      this.finished.length === 0
        ? 'No step had finished.\n'
        : `Steps already done:\n${this.finished.map((line) => `  ✓ ${line}`).join('\n')}\n` +
            'Re-run `npm run logto:setup` to resume: finished steps are found up to date and skipped.\n',
    );
  }
}

/** One-line summary of what a step did, for the ✓ line. */
export function describeOutcome(plan: StepPlan, dryRun: boolean): string {
  if (plan.action === 'none') return 'already up to date';
  const fields = plan.changes.map((change) => change.field).join(', ');
  const verb = dryRun ? `would ${plan.action}` : plan.action === 'create' ? 'created' : 'updated';
  const note = plan.note === undefined ? '' : `; ${plan.note}`;
  return `${verb}${fields === '' ? '' : ` (${fields})`}${note}`;
}

/** The dry run's report: each step and, under it, each field as tenant → file. */
export function formatPlan(
  plans: readonly StepPlan[],
  envChanges: readonly string[],
  envFile: string,
): string {
  const lines = ['', 'Plan (dry run: nothing was changed):'];
  for (const plan of plans) {
    const note = plan.note === undefined ? '' : ` (${plan.note})`;
    lines.push(`  ${plan.step}: ${plan.action === 'none' ? 'no change' : plan.action}${note}`);
    for (const change of plan.changes) lines.push(`    ${formatChange(change)}`);
    for (const removal of plan.removals ?? []) lines.push(`    - removes ${removal}`);
  }
  lines.push(
    envChanges.length === 0
      ? `  ${envFile}: no change`
      : `  ${envFile}: would set ${envChanges.join(', ')}`,
  );
  return `${lines.join('\n')}\n`;
}

function formatChange(change: Change): string {
  if (change.secret) {
    return `~ ${change.field}: ${change.from === undefined ? '(set, hidden)' : '(changed, hidden)'}`;
  }
  if (change.from === undefined) return `+ ${change.field}: ${JSON.stringify(change.to)}`;
  return `~ ${change.field}: ${JSON.stringify(change.from)} → ${JSON.stringify(change.to)}`;
}

/** Said before a step writes, so a person sees what a pre-configured tenant is about to lose. */
export function formatRemovals(plan: StepPlan): string {
  if (plan.removals === undefined || plan.removals.length === 0) return '';
  return `! ${plan.step}: removes what logto.config.json does not list:\n${plan.removals
    .map((removal) => `    - ${removal}`)
    .join('\n')}\n`;
}
