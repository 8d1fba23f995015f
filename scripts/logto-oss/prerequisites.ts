import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** A missing tool or file: `npm run logto:oss` prints its message as one line and exits 1. */
export class MissingPrerequisite extends Error {}

const POSTGRES_LIB = '/usr/lib/postgresql';

/** Debian's Postgres server binaries (`apt-get install -y postgresql`), newest version first. */
export function postgresBinDir(): string {
  const versions = existsSync(POSTGRES_LIB)
    ? readdirSync(POSTGRES_LIB)
        .filter((name) => existsSync(path.join(POSTGRES_LIB, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new MissingPrerequisite(
      `Postgres is not installed (no ${POSTGRES_LIB}/*/bin/initdb): run \`apt-get install -y postgresql rsync\`.`,
    );
  }
  return path.join(POSTGRES_LIB, versions[0]!, 'bin');
}

/** Logto core's build copies its API docs with rsync. */
export function assertRsyncInstalled(): void {
  const found = (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => dir && existsSync(path.join(dir, 'rsync')));
  if (!found) {
    throw new MissingPrerequisite(
      'rsync is not installed (Logto core’s build runs it): run `apt-get install -y rsync`.',
    );
  }
}
