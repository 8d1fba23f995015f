import type { LogtoConfig } from '../../logto-config';
import { SetupStepError } from './errors';
import { explainFailure } from './logto-failure';
import { unreachable, type ManagementApi } from './management-api';
import { type StepPlan, diffFields } from './plan';

export const ACCOUNT_CENTER_STEP = 'Account center';

/**
 * An older Logto has no `/api/account-center`: the Account API came with Logto 1.22 and the
 * prebuilt Account Center pages (`/account/phone`, which the app's "Change phone number" opens)
 * with 1.37.
 * @see https://github.com/logto-io/logto/blob/master/packages/core/CHANGELOG.md
 */
const OLDER_LOGTO =
  'this Logto has no account center (GET /api/account-center answered 404): the Account API came with Logto 1.22, and the Account Center pages the app links to (/account/phone) with Logto 1.37. Upgrade Logto (Logto Cloud always has it), or take accountCenter out of logto.config.json (people then cannot change their number from /account), then re-run.';

/**
 * Turns on Logto's Account API and its prebuilt Account Center as `accountCenter` says: `enabled`,
 * and a control for each field the file lists (phone `Edit` lets a person change their number at
 * `/account/phone`). Logto replaces the whole `fields` object on PATCH, so the fields the file does
 * not list are sent back as the tenant has them. Without `accountCenter` in the file, the step
 * reads nothing and changes nothing.
 * @see https://openapi.logto.io/operation/operation-updateaccountcentersettings
 * @see https://docs.logto.io/end-user-flows/account-settings/by-account-center-ui
 */
export async function syncAccountCenter(
  api: ManagementApi,
  config: LogtoConfig,
  options: { dryRun: boolean },
): Promise<StepPlan> {
  const wanted = config.accountCenter;
  if (wanted === undefined) {
    return {
      step: ACCOUNT_CENTER_STEP,
      action: 'none',
      note: 'logto.config.json has no accountCenter; the tenant keeps its own',
      changes: [],
    };
  }
  const current = await readAccountCenter(api);
  const changes = [
    ...diffFields({ enabled: current.enabled }, { enabled: wanted.enabled }),
    ...diffFields(current.fields, wanted.fields, 'fields.'),
  ];
  const plan: StepPlan = {
    step: ACCOUNT_CENTER_STEP,
    action: changes.length === 0 ? 'none' : 'update',
    changes,
  };
  if (changes.length > 0 && !options.dryRun) {
    await api.call(
      ACCOUNT_CENTER_STEP,
      'PATCH /api/account-center',
      api.client.PATCH('/api/account-center', {
        body: { enabled: wanted.enabled, fields: { ...current.fields, ...wanted.fields } },
      }),
    );
  }
  return plan;
}

/** The tenant's account center settings; a 404 is an older Logto, and the message says so. */
async function readAccountCenter(api: ManagementApi) {
  const request = 'GET /api/account-center';
  let result;
  try {
    result = await api.client.GET('/api/account-center');
  } catch (error) {
    throw unreachable(ACCOUNT_CENTER_STEP, api.endpoint, error);
  }
  if (result.response.status === 404) throw new SetupStepError(ACCOUNT_CENTER_STEP, OLDER_LOGTO);
  if (!result.response.ok || result.data === undefined) {
    throw explainFailure(ACCOUNT_CENTER_STEP, request, {
      status: result.response.status,
      body: result.error,
    });
  }
  return result.data;
}
