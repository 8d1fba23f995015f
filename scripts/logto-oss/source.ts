import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { MissingPrerequisite } from './prerequisites';

/** Logto OSS's source as a gzipped tarball that unpacks into `logto/`. */
export interface LogtoSource {
  tarball: string;
  /** The first 16 hex digits of the tarball's SHA-256: the build cache's key. */
  hash: string;
}

/**
 * The source named by LOGTO_SOURCE (a path, relative to the repository or absolute), or undefined
 * when it is not set. Where a machine keeps its copy is the machine's business: `.ci/run` sets it.
 * @see https://github.com/logto-io/logto
 */
export function sourcePath(repoRoot: string, env = process.env): string | undefined {
  const given = env.LOGTO_SOURCE?.trim();
  return given ? path.resolve(repoRoot, given) : undefined;
}

/** Checks the tarball is there and hashes it. */
export async function readSource(tarball: string): Promise<LogtoSource> {
  if (!existsSync(tarball) || !statSync(tarball).isFile()) {
    throw new MissingPrerequisite(
      `LOGTO_SOURCE=${tarball} is not a file: point it at a Logto OSS source tarball (.tar.gz).`,
    );
  }
  const digest = createHash('sha256');
  for await (const chunk of createReadStream(tarball)) digest.update(chunk as Buffer);
  return { tarball, hash: digest.digest('hex').slice(0, 16) };
}
