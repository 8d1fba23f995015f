import { SetupStepError } from './errors';

/** The subset of `fetch` the setup uses, so tests can hand in their own. */
export type Fetch = typeof fetch;

/** Logto's error body: `{ code, message }`, e.g. `{ code: 'connector.invalid_config', … }`. */
interface LogtoErrorBody {
  code?: string;
  message?: string;
  error?: string;
  error_description?: string;
}

/**
 * A thin Management API client whose every call names the step it serves, so that a 401, 403, 422
 * or a network failure becomes a message a person can act on.
 * @see https://openapi.logto.io/
 */
export class ManagementApi {
  constructor(
    private readonly endpoint: string,
    private readonly accessToken: string,
    private readonly fetchImpl: Fetch,
  ) {}

  get<T>(step: string, path: string): Promise<T> {
    return this.send<T>(step, 'GET', path);
  }

  post<T>(step: string, path: string, body: unknown): Promise<T> {
    return this.send<T>(step, 'POST', path, body);
  }

  patch<T>(step: string, path: string, body: unknown): Promise<T> {
    return this.send<T>(step, 'PATCH', path, body);
  }

  private async send<T>(step: string, method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetchOrExplain(
      this.fetchImpl,
      step,
      this.endpoint,
      `${this.endpoint}${path}`,
      {
        method,
        headers: {
          authorization: `Bearer ${this.accessToken}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
    );
    if (!response.ok) throw await explainFailure(step, `${method} ${path}`, response);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
}

/** `fetch`, with a network failure turned into a message naming the step and the endpoint. */
export async function fetchOrExplain(
  fetchImpl: Fetch,
  step: string,
  endpoint: string,
  url: string,
  init: RequestInit,
): Promise<Response> {
  try {
    return await fetchImpl(url, init);
  } catch (error) {
    const { cause } = error as { cause?: { code?: string; message?: string } };
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new SetupStepError(
      step,
      `could not reach Logto at ${endpoint} (${reason}). Check LOGTO_ENDPOINT and your network, then re-run.`,
    );
  }
}

/** Turns a non-2xx answer into a {@link SetupStepError} that says what to do about it. */
export async function explainFailure(
  step: string,
  request: string,
  response: Response,
): Promise<SetupStepError> {
  const body = await readErrorBody(response);
  const detail = [body.code ?? body.error, body.message ?? body.error_description]
    .filter(Boolean)
    .join(': ')
    .replace(/\.$/, '');
  const said = detail === '' ? '' : ` Logto said: ${detail}.`;
  switch (response.status) {
    case 401:
      return new SetupStepError(
        step,
        `Logto refused the credentials (401 on ${request}).${said} Check LOGTO_M2M_APP_ID and LOGTO_M2M_APP_SECRET, and that LOGTO_ENDPOINT is the tenant they belong to.`,
      );
    case 403:
      return new SetupStepError(
        step,
        `Logto forbade ${request} (403).${said} Give the machine-to-machine app the "Logto Management API access" role (scope "all") in the Console under Roles.`,
      );
    case 400:
    case 422:
      return new SetupStepError(
        step,
        `Logto rejected ${request} (${response.status}).${said} Fix the matching field in logto.config.json or the environment, then re-run.`,
      );
    default:
      return new SetupStepError(
        step,
        `Logto answered ${response.status} to ${request}.${said} Try again; if it persists, check the tenant's status.`,
      );
  }
}

async function readErrorBody(response: Response): Promise<LogtoErrorBody> {
  try {
    const parsed = (await response.json()) as unknown;
    return parsed !== null && typeof parsed === 'object' ? (parsed as LogtoErrorBody) : {};
  } catch {
    return {};
  }
}
