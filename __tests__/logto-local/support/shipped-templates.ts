import { loadLogtoConfig } from '@/logto-config';
import { toTemplateSet } from '@/logto-local/sms';

/** The SMS templates of the shipped logto.config.json, the one place the texts live. */
export const SHIPPED_TEMPLATES = toTemplateSet(loadLogtoConfig({ env: {} }).smsConnector.templates);

/** The text Logto would send for a usage type's shipped template: every `{{code}}` filled in. */
export function shippedText(usageType: 'SignIn' | 'Register' | 'Generic', code: string): string {
  return SHIPPED_TEMPLATES[usageType]!.replaceAll('{{code}}', code);
}
