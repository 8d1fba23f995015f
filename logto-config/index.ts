/**
 * `logto.config.json`, the Logto tenant described once: read by `npm run logto:setup` and, later,
 * by logto-local. See ../logto.config.json for the format.
 */
export {
  SHIPPED_CONFIG_PATH,
  SIGN_IN_HOST_VARIABLE,
  loadLogtoConfig,
  toVonageConnectorConfig,
  type LoadLogtoConfigOptions,
  type LogtoConfig,
  type SecretFromEnv,
} from './load';
export { LogtoConfigError } from './errors';
export {
  FORGOT_PASSWORD_METHODS,
  MFA_FACTORS,
  crossFieldIssues,
  tenantConfigSchema,
  type TenantConfigFile,
} from './tenant-schema';
export { EMAIL_CONTENT_TYPES, type EmailConnectorFile } from './email-connector';
export { type CaptchaProviderFile } from './captcha-provider';
export { interpolateEnv, type Env } from './interpolate';
export {
  ACCOUNT_CENTER_CONTROLS,
  ACCOUNT_CENTER_FIELDS,
  REQUIRED_TEMPLATE_USAGE_TYPES,
  SIGN_IN_MODES,
  TEMPLATE_USAGE_TYPES,
  duplicatedSignUpIdentifier,
  type TemplateUsageType,
  logtoConfigFileSchema,
  type LogtoConfigFile,
} from './schema';
