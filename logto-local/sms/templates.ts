import { replaceSendMessageHandlebars } from '@logto/connector-kit';
import type { SmsLocale, UsageType } from './types';

/** A template set: the content for each usage type, with `{{code}}` where the code goes. */
export type TemplateSet = Partial<Record<UsageType, string>> & { Generic: string };

/** Template sets per locale. */
export type LocalizedTemplates = Record<SmsLocale, TemplateSet>;

/**
 * logto-local's default messages, in English and Japanese, one per usage type, used by
 * LOGTO_LOCAL_SMS_TEMPLATES for a locale its file leaves out. Pasteable into Logto Console as they are.
 */
export const DEFAULT_TEMPLATES: LocalizedTemplates = {
  en: {
    SignIn: 'Your Bookstore sign-in code is {{code}}. It expires in 10 minutes.',
    Register: 'Your Bookstore sign-up code is {{code}}. It expires in 10 minutes.',
    ForgotPassword: 'Your Bookstore password reset code is {{code}}. It expires in 10 minutes.',
    Generic: 'Your Bookstore verification code is {{code}}. It expires in 10 minutes.',
    OrganizationInvitation: 'Your Bookstore invitation code is {{code}}. It expires in 10 minutes.',
    UserPermissionValidation:
      'Your Bookstore code to confirm it is you is {{code}}. It expires in 10 minutes.',
    BindNewIdentifier:
      'Your Bookstore code to link this number is {{code}}. It expires in 10 minutes.',
    MfaVerification:
      'Your Bookstore two-step verification code is {{code}}. It expires in 10 minutes.',
    BindMfa:
      'Your Bookstore code to set up two-step verification is {{code}}. It expires in 10 minutes.',
  },
  ja: {
    SignIn: 'Bookstore のサインインコードは {{code}} です。10分間有効です。',
    Register: 'Bookstore の登録コードは {{code}} です。10分間有効です。',
    ForgotPassword: 'Bookstore のパスワード再設定コードは {{code}} です。10分間有効です。',
    Generic: 'Bookstore の確認コードは {{code}} です。10分間有効です。',
    OrganizationInvitation: 'Bookstore の招待コードは {{code}} です。10分間有効です。',
    UserPermissionValidation: 'Bookstore の本人確認コードは {{code}} です。10分間有効です。',
    BindNewIdentifier: 'Bookstore の電話番号登録コードは {{code}} です。10分間有効です。',
    MfaVerification: 'Bookstore の2段階認証コードは {{code}} です。10分間有効です。',
    BindMfa: 'Bookstore の2段階認証設定コードは {{code}} です。10分間有効です。',
  },
};

/**
 * Picks the template for a usage type, falling back to Generic as Logto's connectors do.
 * @see https://docs.logto.io/connectors/connector-data-structure#usagetype
 */
export function pickTemplate(templates: TemplateSet, usageType: UsageType): string {
  return templates[usageType] ?? templates.Generic;
}

/**
 * The SMS text exactly as Logto's connectors build it: the usage type's template (else Generic),
 * with every `{{code}}` (spaces inside the braces allowed) replaced, using Logto's own
 * connector-kit. Nothing is added: the WebOTP line lives in the templates of logto.config.json.
 * @see https://github.com/logto-io/logto/tree/master/packages/toolkit/connector-kit
 */
export function renderSmsText(options: {
  templates: TemplateSet;
  usageType: UsageType;
  code: string;
}): string {
  return replaceSendMessageHandlebars(pickTemplate(options.templates, options.usageType), {
    code: options.code,
  });
}
