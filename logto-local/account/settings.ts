import type { LogtoConfig } from '../../logto-config';

/** What logto-local's Account Center may do, as logto.config.json's `accountCenter` says. */
export interface AccountCenterSettings {
  /** True when the account center is on and its `phone` field is `Edit`. */
  phoneEditable: boolean;
}

/**
 * Reads `accountCenter` as Logto reads its account center settings: off unless the file turns it
 * on, and a field not listed is `Off`.
 * @see https://docs.logto.io/end-user-flows/account-settings/by-account-api
 */
export function readAccountCenterSettings(tenant: LogtoConfig): AccountCenterSettings {
  const accountCenter = tenant.accountCenter;
  return {
    phoneEditable: accountCenter?.enabled === true && accountCenter.fields.phone === 'Edit',
  };
}
