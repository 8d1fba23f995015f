import { z } from 'zod';

import { TEMPLATE_USAGE_TYPES, secretReference, templateList } from './schema';

/**
 * The content types Logto's SMTP connector sends a template as.
 * @see https://github.com/logto-io/logto/tree/master/packages/connectors/connector-smtp
 */
export const EMAIL_CONTENT_TYPES = ['text/plain', 'text/html'] as const;

// Interpolation yields strings, so `"port": "${SMTP_PORT:-587}"` is read as a number here.
const port = z.union([
  z.int().min(1).max(65535),
  z
    .string()
    .regex(/^\d{1,5}$/, { error: 'must be a port number like 587' })
    .transform(Number)
    .pipe(z.int().min(1, { error: 'must be a port number like 587' }).max(65535)),
]);

const emailTemplate = z.strictObject({
  usageType: z.enum(TEMPLATE_USAGE_TYPES, {
    error: `must be one of ${TEMPLATE_USAGE_TYPES.join(', ')}`,
  }),
  contentType: z.enum(EMAIL_CONTENT_TYPES, {
    error: `must be ${EMAIL_CONTENT_TYPES.join(' or ')}`,
  }),
  subject: z.string().min(1),
  content: z
    .string()
    .min(1)
    .refine((content) => content.includes('{{code}}'), {
      error: 'must contain {{code}}, where Logto puts the verification code',
    }),
});

/**
 * `emailConnector` in logto.config.json: Logto's SMTP connector, field for field as its config
 * guard names them, except that the password is a reference to an environment variable
 * (`{ "env": "SMTP_PASSWORD" }`), never a literal. Email codes (sign-in, sign-up, password reset)
 * go through it.
 * @see https://docs.logto.io/integrations/smtp
 */
export const emailConnectorSchema = z.strictObject({
  connectorId: z.literal('simple-mail-transfer-protocol', {
    error: 'must be "simple-mail-transfer-protocol" (the id of Logto\'s SMTP connector)',
  }),
  host: z.string().min(1, { error: 'must name the SMTP server, like smtp.example.com' }),
  port,
  /** TLS from the first byte (port 465); false starts plain and upgrades with STARTTLS (587). */
  secure: z.boolean().default(false),
  auth: z.strictObject({
    user: z.string(),
    pass: secretReference('SMTP_PASSWORD'),
  }),
  fromEmail: z
    .string()
    .min(3, { error: 'must be the sender, like Bookstore <no-reply@example.com>' }),
  replyTo: z.string().optional(),
  templates: templateList(emailTemplate),
});

/** `emailConnector` as written, after interpolation (the password still a reference). */
export type EmailConnectorFile = z.infer<typeof emailConnectorSchema>;
