import type { LogtoConfig } from '../../logto-config';
import { SetupStepError } from './errors';
import type { ManagementApi } from './management-api';
import { type StepPlan, diffFields } from './plan';

/** The fields of Logto's Application this step reads. */
interface LogtoApplication {
  id: string;
  name: string;
  type: string;
  description: string | null;
  oidcClientMetadata: Record<string, unknown>;
}

const PAGE_SIZE = 100;

/** Outcome of the application step: the client id, and its secret once one exists. */
export interface ApplicationResult {
  plan: StepPlan;
  clientId: string | undefined;
  clientSecret: string | undefined;
}

/**
 * Finds the application by exact name, then creates it or PATCHes only what differs.
 * `oidcClientMetadata` is replaced whole by a PATCH, so both URI lists (and any other metadata the
 * tenant holds) are sent together. The secret comes from `GET /api/applications/:id/secrets`,
 * never from the application's own `secret` field, which Logto fills with a placeholder.
 * @see https://openapi.logto.io/operation/operation-updateapplication
 * @see https://openapi.logto.io/operation/operation-listapplicationsecrets
 */
export async function syncApplication(
  api: ManagementApi,
  config: LogtoConfig,
  options: { dryRun: boolean },
): Promise<ApplicationResult> {
  const desired = config.application;
  const step = `Application "${desired.name}"`;
  const current = await findApplicationByName(api, step, desired.name);
  const wantedFields = {
    ...(desired.description === undefined ? {} : { description: desired.description }),
    redirectUris: desired.redirectUris,
    postLogoutRedirectUris: desired.postLogoutRedirectUris,
  };

  if (current === undefined) {
    const plan: StepPlan = {
      step,
      action: 'create',
      note: `type ${desired.type}`,
      changes: diffFields(undefined, wantedFields),
    };
    if (options.dryRun) return { plan, clientId: undefined, clientSecret: undefined };
    const created = await api.call(
      step,
      'POST /api/applications',
      api.client.POST('/api/applications', {
        body: {
          name: desired.name,
          type: desired.type,
          ...(desired.description === undefined ? {} : { description: desired.description }),
          oidcClientMetadata: {
            redirectUris: asGeneratedUris(desired.redirectUris),
            postLogoutRedirectUris: asGeneratedUris(desired.postLogoutRedirectUris),
          },
        },
      }),
    );
    return {
      plan,
      clientId: created.id,
      clientSecret: await readSecret(api, step, created.id, false),
    };
  }

  if (current.type !== desired.type) {
    throw new SetupStepError(
      step,
      `an application named "${desired.name}" exists but is ${current.type}, not ${desired.type}. Logto cannot change an application's type: rename or delete it in the Console, then re-run.`,
    );
  }
  const changes = diffFields(
    {
      description: current.description,
      redirectUris: current.oidcClientMetadata.redirectUris,
      postLogoutRedirectUris: current.oidcClientMetadata.postLogoutRedirectUris,
    },
    wantedFields,
  );
  const plan: StepPlan = { step, action: changes.length === 0 ? 'none' : 'update', changes };
  if (changes.length > 0 && !options.dryRun) {
    await api.call(
      step,
      `PATCH /api/applications/${current.id}`,
      api.client.PATCH('/api/applications/{id}', {
        params: { path: { id: current.id } },
        body: {
          ...(desired.description === undefined ? {} : { description: desired.description }),
          oidcClientMetadata: {
            ...current.oidcClientMetadata,
            redirectUris: asGeneratedUris(desired.redirectUris),
            postLogoutRedirectUris: asGeneratedUris(desired.postLogoutRedirectUris),
          },
        },
      }),
    );
  }
  return {
    plan,
    clientId: current.id,
    clientSecret: await readSecret(api, step, current.id, options.dryRun),
  };
}

async function findApplicationByName(
  api: ManagementApi,
  step: string,
  name: string,
): Promise<LogtoApplication | undefined> {
  const matches: LogtoApplication[] = [];
  for (let page = 1; ; page += 1) {
    const batch: LogtoApplication[] = await api.call(
      step,
      `GET /api/applications?page=${page}&page_size=${PAGE_SIZE}`,
      api.client.GET('/api/applications', { params: { query: { page, page_size: PAGE_SIZE } } }),
    );
    // Exact match only: "Bookstore" is not "Bookstore Admin".
    matches.push(...batch.filter((app) => app.name === name));
    if (batch.length < PAGE_SIZE) break;
  }
  if (matches.length > 1) {
    throw new SetupStepError(
      step,
      `${matches.length} applications are named "${name}" (${matches.map((app) => app.id).join(', ')}). Delete or rename the extra ones in the Console, then re-run.`,
    );
  }
  return matches[0];
}

async function readSecret(
  api: ManagementApi,
  step: string,
  appId: string,
  dryRun: boolean,
): Promise<string | undefined> {
  const path = `/api/applications/${appId}/secrets`;
  const params = { path: { id: appId } };
  const secrets = await api.call(
    step,
    `GET ${path}`,
    api.client.GET('/api/applications/{id}/secrets', { params }),
  );
  const usable = secrets.find(
    (secret) => secret.expiresAt === null || secret.expiresAt > Date.now(),
  );
  if (usable !== undefined || dryRun) return usable?.value;
  const created = await api.call(
    step,
    `POST ${path}`,
    api.client.POST('/api/applications/{id}/secrets', {
      params,
      body: { name: 'bookstore-setup' },
    }),
  );
  return created.value;
}

// Logto's OpenAPI document describes each redirect URI with a refinement that carries no type, so
// the generated client types it as an object; Logto stores and expects plain URL strings.
function asGeneratedUris(uris: string[]): Array<Record<string, unknown>> {
  return uris as unknown as Array<Record<string, unknown>>;
}
