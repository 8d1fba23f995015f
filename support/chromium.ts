import { accessSync, constants } from 'node:fs';

/** Debian's Chromium, which `.ci/run` installs with `apt-get install -y chromium`. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * The browser the suite drives: `CHROMIUM_PATH`, else Debian's Chromium. Playwright is never
 * allowed to download one (the network is closed), so a missing binary stops the run at once.
 * @see https://playwright.dev/docs/api/class-browsertype#browser-type-launch-option-executable-path
 */
export function chromiumPath(env: Record<string, string | undefined> = process.env): string {
  return env.CHROMIUM_PATH?.trim() || DEFAULT_CHROMIUM_PATH;
}

/** Throws a message that says how to install Chromium when the binary is missing. */
export function assertChromiumInstalled(path: string = chromiumPath()): void {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(
      `Chromium was not found at ${path}. Install it with \`apt-get install -y chromium\` ` +
        '(Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary. ' +
        'The e2e suite never downloads a browser.',
    );
  }
}

/**
 * Flags for a headless Chromium on a closed network: no sandbox (CI runs as root in a
 * container), no GPU, and none of the background calls home that would hang or spam the log.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
