/**
 * Raised when `logto.config.json` cannot be read, interpolated or validated. The message always names
 * the file, the JSON pointer of the bad field (RFC 6901) and what was expected, so a person can fix it
 * without reading the schema.
 * @see https://www.rfc-editor.org/rfc/rfc6901 (JSON Pointer)
 */
export class LogtoConfigError extends Error {
  /** Path of the config file the problem is in. */
  readonly file: string;
  /** JSON pointer of the bad field, e.g. `/smsConnector/templates/0/content`; `''` for the whole file. */
  readonly pointer: string;

  constructor(file: string, pointer: string, expected: string) {
    super(`${file}${pointer === '' ? '' : ` at ${pointer}`}: ${expected}`);
    this.name = 'LogtoConfigError';
    this.file = file;
    this.pointer = pointer;
  }
}

/** Turns a path of keys and indexes into a JSON pointer (`~` and `/` escaped as RFC 6901 asks). */
export function toJsonPointer(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`)
    .join('');
}
