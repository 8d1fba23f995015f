import { createApiClient } from '@logto/api/management';

import { SetupStepError } from './errors';
import { explainFailure } from './logto-failure';

/**
 * Logto's typed Management API client (`@logto/api`, generated from Logto's OpenAPI document), so
 * a path or body that drifts from Logto's API fails `npm run typecheck`, not a real tenant.
 * @see https://github.com/logto-io/logto/tree/master/packages/api
 */
export type ManagementClient = ReturnType<typeof createApiClient>;

/** What every call of the typed client resolves to (openapi-fetch's result). */
interface CallResult<Data> {
  data?: Data;
  error?: unknown;
  response: Response;
}

/**
 * The typed client, plus {@link ManagementApi.call}, which names the step each call serves so that
 * a 401, 403, 422 or a network failure becomes a message a person can act on.
 */
export class ManagementApi {
  readonly client: ManagementClient;

  constructor(
    readonly endpoint: string,
    accessToken: string,
  ) {
    this.client = createApiClient({ baseUrl: endpoint, getToken: async () => accessToken });
  }

  /**
   * Awaits one call of {@link ManagementApi.client} made for `step` and returns its data.
   * `request` (e.g. `PATCH /api/sign-in-exp`) is how messages name the call.
   */
  async call<Data>(
    step: string,
    request: string,
    pending: Promise<CallResult<Data>>,
  ): Promise<Exclude<Data, undefined>> {
    let result: CallResult<Data>;
    try {
      result = await pending;
    } catch (error) {
      throw unreachable(step, this.endpoint, error);
    }
    if (!result.response.ok) {
      throw explainFailure(step, request, { status: result.response.status, body: result.error });
    }
    return result.data as Exclude<Data, undefined>;
  }
}

/** Turns a failed `fetch` (DNS, refused connection, TLS) into a message naming the endpoint. */
export function unreachable(step: string, endpoint: string, error: unknown): SetupStepError {
  const { cause } = error as { cause?: { code?: string; message?: string } };
  const reason = cause?.code ?? cause?.message ?? (error as Error).message;
  return new SetupStepError(
    step,
    `could not reach Logto at ${endpoint} (${reason}). Check LOGTO_ENDPOINT and your network, then re-run.`,
  );
}
