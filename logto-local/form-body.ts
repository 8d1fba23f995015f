import type { Context } from 'koa';

/** The largest form logto-local accepts; its forms carry a few short fields. */
export const MAX_FORM_BYTES = 8 * 1024;

/** Raised for a request the sign-in pages cannot read; `status` is the 4xx to answer with. */
export class BadRequestError extends Error {
  constructor(
    readonly status: 400 | 405 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'BadRequestError';
  }
}

/**
 * Reads an `application/x-www-form-urlencoded` body with a size limit, so an oversized or
 * mistyped body gets a clear 413/415 instead of exhausting memory.
 */
export async function readForm(ctx: Context): Promise<URLSearchParams> {
  if (!ctx.is('application/x-www-form-urlencoded')) {
    throw new BadRequestError(415, 'Send the form as application/x-www-form-urlencoded.');
  }
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > MAX_FORM_BYTES) {
    throw new BadRequestError(413, `The form is too large (limit ${MAX_FORM_BYTES} bytes).`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) {
      throw new BadRequestError(413, `The form is too large (limit ${MAX_FORM_BYTES} bytes).`);
    }
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
