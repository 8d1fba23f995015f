/** The Logto endpoints the mock serves (`authorize` is the browser step, played by `approve()`). */
export type LogtoEndpoint =
  'discovery' | 'jwks' | 'authorize' | 'token' | 'userinfo' | 'revocation' | 'endSession';

export const ENDPOINTS: readonly LogtoEndpoint[] = [
  'discovery',
  'jwks',
  'authorize',
  'token',
  'userinfo',
  'revocation',
  'endSession',
];

/** How a request proved which client sent it. */
export type ClientAuthentication = 'client_secret_basic' | 'client_secret_post' | 'bearer' | 'none';

/** One request the app (or the browser it sent) made to the mocked Logto, for assertions. */
export interface SentRequest {
  endpoint: LogtoEndpoint;
  method: string;
  /** Query parameters, e.g. the authorize request's `scope`, `prompt`, `login_hint`. */
  query: Record<string, string>;
  /** Form parameters of a POST, e.g. `grant_type`, `refresh_token`, `token_type_hint`; never `client_secret`. */
  form: Record<string, string>;
  /** How the client authenticated: Basic header, form fields, a bearer token, or not at all. */
  auth: ClientAuthentication;
  /** The client id it named (Basic header or form), if any. */
  clientId: string | undefined;
}

/** Splits a client's credentials out of a request: the Basic header first, then the form. */
export function clientCredentials(
  authorization: string | null,
  form: URLSearchParams,
): { auth: ClientAuthentication; id: string | undefined; secret: string | undefined } {
  const basic = /^Basic\s+(.+)$/i.exec(authorization ?? '');
  if (basic?.[1]) {
    // RFC 6749 §2.3.1: id and secret are form-urlencoded before they are joined.
    const [id = '', secret = ''] = Buffer.from(basic[1], 'base64')
      .toString('utf8')
      .split(':')
      .map((part) => decodeURIComponent(part.replace(/\+/g, ' ')));
    return { auth: 'client_secret_basic', id, secret };
  }
  if (/^Bearer\s/i.test(authorization ?? '')) {
    return { auth: 'bearer', id: undefined, secret: undefined };
  }
  const id = form.get('client_id') ?? undefined;
  const secret = form.get('client_secret') ?? undefined;
  return { auth: secret === undefined ? 'none' : 'client_secret_post', id, secret };
}

export function paramsOf(params: URLSearchParams): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of params) if (name !== 'client_secret') record[name] = value;
  return record;
}
