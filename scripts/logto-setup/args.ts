/** What the person asked `npm run logto:setup` to do. */
export interface SetupArgs {
  dryRun: boolean;
  /** The number typed after `--test-sms`, unparsed. */
  testSms: string | undefined;
  /** Where AUTH_LOGTO_* are written (`--write-env`). */
  envFile: string;
  configPath: string | undefined;
  help: boolean;
}

/** Raised for a command line we cannot run; the CLI exits with 2 and prints the usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage: npm run logto:setup -- [options]

Applies logto.config.json to a Logto tenant through its Management API, then writes
AUTH_LOGTO_ISSUER, AUTH_LOGTO_ID and AUTH_LOGTO_SECRET into .env.local.

Options:
  --dry-run            print what differs between the tenant and the file; change nothing
  --test-sms +81...    after setup, send a test SMS through the Vonage connector
  --write-env PATH     the env file to write AUTH_LOGTO_* into (default .env.local)
  --config PATH        the tenant description (default logto.config.json)
  --help               show this help

Environment (read from the shell, .env and .env.local):
  LOGTO_ENDPOINT              e.g. https://your-tenant.logto.app
  LOGTO_M2M_APP_ID            a machine-to-machine app with the "Logto Management API access" role
  LOGTO_M2M_APP_SECRET
  LOGTO_TENANT_ID             needed when LOGTO_ENDPOINT is not https://<tenant-id>.logto.app:
                              the tenant id with a Logto Cloud custom domain, or "default" for a
                              self-hosted Logto (the Management API is https://<tenant-id>.logto.app/api)
  VONAGE_API_KEY, VONAGE_API_SECRET   the SMS connector's credentials
  LOGTO_SIGN_IN_HOST          optional; the host in each SMS's WebOTP line (default: LOGTO_ENDPOINT's)
`;

// Not `--env-file`: Node reads that flag from anywhere on its command line, even after the
// script, loads the file itself and exits 9 when it does not exist.
// @see https://nodejs.org/api/cli.html#--env-filefile
const VALUE_FLAGS = new Set(['--test-sms', '--write-env', '--config']);

/** Parses `--flag value` and `--flag=value`; anything unknown is a {@link UsageError}. */
export function parseSetupArgs(argv: readonly string[]): SetupArgs {
  const args: SetupArgs = {
    dryRun: false,
    testSms: undefined,
    envFile: '.env.local',
    configPath: undefined,
    help: false,
  };
  for (let index = 0; index < argv.length; index += 1) {
    const token = argv[index] ?? '';
    const [flag = '', inlineValue] = token.split(/=(.*)/s, 2);
    if (flag === '--dry-run' && inlineValue === undefined) args.dryRun = true;
    else if ((flag === '--help' || flag === '-h') && inlineValue === undefined) args.help = true;
    else if (VALUE_FLAGS.has(flag)) {
      const value = inlineValue ?? argv[(index += 1)];
      if (
        value === undefined ||
        value === '' ||
        (inlineValue === undefined && value.startsWith('--'))
      ) {
        throw new UsageError(`${flag} needs a value`);
      }
      if (flag === '--test-sms') args.testSms = value;
      else if (flag === '--write-env') args.envFile = value;
      else args.configPath = value;
    } else throw new UsageError(`unknown option "${token}"`);
  }
  if (args.dryRun && args.testSms !== undefined) {
    throw new UsageError('--test-sms sends a real SMS, so it cannot be combined with --dry-run');
  }
  return args;
}
