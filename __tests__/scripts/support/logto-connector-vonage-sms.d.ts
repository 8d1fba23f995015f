// @logto/connector-vonage-sms ships no type declarations; this is the part the tests use.
// @see https://github.com/logto-io/logto/tree/master/packages/connectors/connector-vonage-sms
declare module '@logto/connector-vonage-sms' {
  interface ConfigGuard {
    safeParse(value: unknown): { success: boolean; error?: { issues: unknown[] } };
  }
  const createVonageSmsConnector: (dependencies: {
    getConfig: (id: string) => Promise<unknown>;
  }) => Promise<{ configGuard: ConfigGuard }>;
  export default createVonageSmsConnector;
}
