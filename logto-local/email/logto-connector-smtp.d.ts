// @logto/connector-smtp ships no type declarations; this is the part logto-local and the tests use.
// @see https://github.com/logto-io/logto/tree/master/packages/connectors/connector-smtp
declare module '@logto/connector-smtp' {
  interface ConfigGuard {
    safeParse(value: unknown): { success: boolean; error?: { issues: unknown[] } };
  }
  const createSmtpConnector: (dependencies: {
    getConfig: (id: string) => Promise<unknown>;
  }) => Promise<{
    configGuard: ConfigGuard;
    sendMessage: (
      data: { to: string; type: string; payload: { code: string } },
      config?: unknown,
    ) => Promise<unknown>;
  }>;
  export default createSmtpConnector;
}
