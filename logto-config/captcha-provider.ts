import { z } from 'zod';

import { secretReference } from './schema';

/**
 * `captchaProvider` in logto.config.json: the CAPTCHA Logto shows on its sign-in pages when
 * `signInExperience.captchaPolicy.enabled` is true, shaped as Logto's `PUT /api/captcha-provider`
 * takes it, except that the secret key is a reference to an environment variable. Cloudflare
 * Turnstile or Google reCAPTCHA Enterprise.
 * @see https://docs.logto.io/security/captcha
 * @see https://openapi.logto.io/operation/operation-updatecaptchaprovider
 */
export const captchaProviderSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      type: z.literal('Turnstile'),
      siteKey: z.string().min(1),
      secretKey: secretReference('TURNSTILE_SECRET_KEY'),
    }),
    z.strictObject({
      type: z.literal('RecaptchaEnterprise'),
      siteKey: z.string().min(1),
      secretKey: secretReference('RECAPTCHA_SECRET_KEY'),
      projectId: z.string().min(1),
      domain: z.string().optional(),
      mode: z.enum(['invisible', 'checkbox']).optional(),
    }),
  ],
  { error: 'type must be "Turnstile" or "RecaptchaEnterprise"' },
);

/** `captchaProvider` as written, after interpolation (the secret key still a reference). */
export type CaptchaProviderFile = z.infer<typeof captchaProviderSchema>;
