/** Environment variables as Node exposes them (`process.env`). */
export type Env = Readonly<Record<string, string | undefined>>;

/** Why a `${…}` reference could not be resolved; the caller turns it into a message with a pointer. */
export class InterpolationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InterpolationError';
  }
}

// ${NAME} or ${NAME:-default}; NAME follows POSIX shell rules. `$${` escapes a literal `${`.
const REFERENCE = /\$\$\{|\$\{([^}]*)\}/g;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Expands `${NAME}` and `${NAME:-default}` in one string, the way a POSIX shell does:
 * - `${NAME}` is the value of NAME; unset or empty is an error naming NAME;
 * - `${NAME:-default}` is the value of NAME, or `default` when NAME is unset or empty;
 * - `$${` stands for a literal `${`.
 * Nested references are not supported: a default is taken literally.
 * @see https://pubs.opengroup.org/onlinepubs/9699919799/utilities/V3_chap02.html#tag_18_06_02
 */
export function interpolateEnv(template: string, env: Env): string {
  return template.replace(REFERENCE, (match: string, body: string | undefined) => {
    if (body === undefined) return '${';
    const separator = body.indexOf(':-');
    const name = separator === -1 ? body : body.slice(0, separator);
    if (!VARIABLE_NAME.test(name)) {
      throw new InterpolationError(
        `"${match}" is not a valid reference: write \${NAME} or \${NAME:-default} with NAME made of letters, digits and _`,
      );
    }
    const value = env[name];
    if (value !== undefined && value !== '') return value;
    if (separator !== -1) return body.slice(separator + 2);
    throw new InterpolationError(
      `environment variable ${name} is not set; set it or give a default with \${${name}:-value}`,
    );
  });
}
