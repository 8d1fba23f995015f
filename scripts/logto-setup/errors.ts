/**
 * A setup step that could not finish. The message names the step and says what to do; the CLI adds
 * the steps that did finish, so a person knows a re-run will resume from here.
 */
export class SetupStepError extends Error {
  readonly step: string;

  constructor(step: string, message: string) {
    super(message);
    this.name = 'SetupStepError';
    this.step = step;
  }
}
