import { HttpResponse, http } from 'msw';

/** A request the fake tenant received, as the tests assert on it. */
export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

interface Application {
  id: string;
  name: string;
  type: string;
  description: string | null;
  secret: string;
  oidcClientMetadata: Record<string, unknown> & {
    redirectUris: string[];
    postLogoutRedirectUris: string[];
  };
  customClientMetadata: Record<string, unknown>;
}

interface Connector {
  id: string;
  connectorId: string;
  type: 'Sms' | 'Email' | 'Social';
  config: Record<string, unknown>;
  syncProfile: boolean;
  metadata: Record<string, unknown>;
}

interface FailureKnob {
  method: string;
  path: string;
  status: number;
  body?: unknown;
  network?: boolean;
}

export const FAKE_ENDPOINT = 'https://bk7tenant.logto.app';
export const FAKE_TENANT_ID = 'bk7tenant';
export const FAKE_M2M = { id: 'm2m-app-id', secret: 'm2m-app-secret-value' };

let counter = 0;
const newId = () => `id${(counter += 1).toString().padStart(10, '0')}`.slice(0, 12);

/**
 * An in-memory Logto tenant behind MSW handlers, answering with the shapes of Logto's OpenAPI
 * (https://openapi.logto.io/). State survives between runs, so a second run sees the first run's
 * changes. It enforces the traps DESIGN.md lists: PATCHed oidcClientMetadata replaces the whole
 * object, creating an SMS connector replaces the existing one, and phone sign-in needs an SMS
 * connector. Like a Logto Cloud Free tenant, it answers 403 `subscription.limit_exceeded` to a
 * non-empty `sentinelPolicy` and to a fourth application, and, like every Logto, 400 to a sign-up
 * identifier listed twice (see packages/core/src/libraries/quota.ts and
 * libraries/sign-in-experience/sign-up.ts in logto-io/logto).
 */
export function createFakeLogtoTenant(
  options: {
    /** Where the tenant answers; a custom domain differs from the tenant id's *.logto.app. */
    endpoint?: string;
  } = {},
) {
  const endpoint = options.endpoint ?? FAKE_ENDPOINT;
  const accessToken = `mgmt-token-${Math.random().toString(36).slice(2)}`;
  const state = {
    applications: [
      {
        id: 'adminapp0001',
        name: 'Bookstore Admin',
        type: 'Traditional',
        description: null,
        secret: 'internal-placeholder',
        oidcClientMetadata: {
          redirectUris: ['https://admin.example/cb'],
          postLogoutRedirectUris: [],
        },
        customClientMetadata: {},
      },
    ] as Application[],
    secrets: new Map<string, Array<{ name: string; value: string; expiresAt: number | null }>>(),
    connectors: [
      {
        id: 'emailconn001',
        connectorId: 'simple-mail-transfer-protocol',
        type: 'Email',
        config: {},
        syncProfile: false,
        metadata: {},
      },
    ] as Connector[],
    factories: [
      { id: 'vonage-sms', type: 'Sms', target: 'vonage-sms', isStandard: false },
      { id: 'twilio-verification-code', type: 'Sms', target: 'twilio', isStandard: false },
      { id: 'simple-mail-transfer-protocol', type: 'Email', target: 'smtp', isStandard: false },
    ],
    signInExperience: {
      id: 'default',
      signUp: {
        identifiers: ['username'],
        password: true,
        verify: false,
        secondaryIdentifiers: [] as Array<{ identifier: string; verify?: boolean }>,
      },
      signIn: {
        methods: [
          {
            identifier: 'username',
            password: true,
            verificationCode: false,
            isPasswordPrimary: true,
          },
        ],
      },
      signInMode: 'SignInAndRegister' as string,
      sentinelPolicy: {} as Record<string, unknown>,
      languageInfo: { autoDetect: true, fallbackLanguage: 'en' },
    },
    testMessages: [] as Array<{ factoryId: string; body: unknown }>,
    /** `PUT /api/captcha-provider`'s config; undefined answers 404, as a tenant without one. */
    captchaProvider: undefined as Record<string, unknown> | undefined,
    // Logto's seed: off, every field Off (an absent field is Off).
    accountCenter: { enabled: false, fields: {} as Record<string, string> },
  };
  const knobs = {
    /** The scope the token endpoint grants. */
    grantedScope: 'all',
    failures: [] as FailureKnob[],
    /** The tenant's plan: Logto Cloud's Free plan by default. */
    plan: { securityFeatures: false, applicationsLimit: 3, mfa: false },
    /** False: a Logto older than 1.22, which has no /api/account-center. */
    hasAccountCenter: true,
  };
  const requests: RecordedRequest[] = [];

  const record = async (request: Request): Promise<RecordedRequest> => {
    const url = new URL(request.url);
    const text = await request.clone().text();
    const isForm = request.headers.get('content-type')?.includes('x-www-form-urlencoded');
    const body =
      text === ''
        ? undefined
        : isForm
          ? Object.fromEntries(new URLSearchParams(text))
          : JSON.parse(text);
    const entry = { method: request.method, path: `${url.pathname}${url.search}`, body };
    requests.push(entry);
    return entry;
  };

  const injectedFailure = (entry: RecordedRequest) => {
    const index = knobs.failures.findIndex(
      (failure) => failure.method === entry.method && entry.path.startsWith(failure.path),
    );
    if (index === -1) return undefined;
    const [failure] = knobs.failures.splice(index, 1);
    if (failure?.network) return HttpResponse.error();
    return HttpResponse.json(failure?.body ?? {}, { status: failure?.status ?? 500 });
  };

  /** Wraps an API handler: records, applies injected failures, checks the bearer token. */
  const api =
    (handle: (entry: RecordedRequest, params: Record<string, string>) => Response) =>
    async ({ request, params }: { request: Request; params: Record<string, unknown> }) => {
      const entry = await record(request);
      const failure = injectedFailure(entry);
      if (failure) return failure;
      if (request.headers.get('authorization') !== `Bearer ${accessToken}`) {
        return HttpResponse.json(
          { code: 'auth.unauthorized', message: 'Unauthorized.' },
          { status: 401 },
        );
      }
      return handle(entry, params as Record<string, string>);
    };

  const badRequest = (code: string, message: string, status = 400) =>
    HttpResponse.json({ code, message }, { status });
  // Logto's RequestError body for a plan limit: the quota key, and for counted quotas the numbers.
  const planLimit = (data: Record<string, unknown>) =>
    HttpResponse.json(
      {
        code: 'subscription.limit_exceeded',
        message: 'You have reached the limit of your subscription plan.',
        data,
      },
      { status: 403 },
    );

  const handlers = [
    http.post(`${endpoint}/oidc/token`, async ({ request }) => {
      const entry = await record(request);
      const failure = injectedFailure(entry);
      if (failure) return failure;
      const expected = `Basic ${Buffer.from(`${FAKE_M2M.id}:${FAKE_M2M.secret}`).toString('base64')}`;
      if (request.headers.get('authorization') !== expected) {
        return HttpResponse.json(
          { error: 'invalid_client', error_description: 'client authentication failed' },
          { status: 401 },
        );
      }
      const form = entry.body as Record<string, string>;
      if (
        form.grant_type !== 'client_credentials' ||
        form.resource !== `https://${FAKE_TENANT_ID}.logto.app/api`
      ) {
        return HttpResponse.json({ error: 'invalid_target' }, { status: 400 });
      }
      return HttpResponse.json({
        access_token: accessToken,
        expires_in: 3600,
        token_type: 'Bearer',
        scope: knobs.grantedScope,
      });
    }),

    http.get(
      `${endpoint}/api/applications`,
      api((entry) => {
        const url = new URL(entry.path, endpoint);
        const page = Number(url.searchParams.get('page') ?? '1');
        const size = Number(url.searchParams.get('page_size') ?? '20');
        return HttpResponse.json(state.applications.slice((page - 1) * size, page * size), {
          headers: { 'Total-Number': String(state.applications.length) },
        });
      }),
    ),
    http.post(
      `${endpoint}/api/applications`,
      api((entry) => {
        const body = entry.body as Partial<Application>;
        if (!body.name || !body.type)
          return badRequest('guard.invalid_input', 'name and type are required');
        const usage = state.applications.length;
        if (usage + 1 > knobs.plan.applicationsLimit) {
          return planLimit({
            key: 'applicationsLimit',
            limit: knobs.plan.applicationsLimit,
            usage,
          });
        }
        const app: Application = {
          id: newId(),
          name: body.name,
          type: body.type,
          description: body.description ?? null,
          secret: 'internal-placeholder',
          oidcClientMetadata: {
            redirectUris: [],
            postLogoutRedirectUris: [],
            ...(body.oidcClientMetadata ?? {}),
          },
          customClientMetadata: {},
        };
        state.applications.push(app);
        state.secrets.set(app.id, [
          { name: 'Default secret', value: `real-secret-of-${app.id}`, expiresAt: null },
        ]);
        return HttpResponse.json(app);
      }),
    ),
    http.patch(
      `${endpoint}/api/applications/:id`,
      api((entry, params) => {
        const app = state.applications.find((candidate) => candidate.id === params.id);
        if (!app) return badRequest('entity.not_found', 'application not found', 404);
        const body = entry.body as Partial<Application>;
        const metadata = body.oidcClientMetadata;
        if (metadata && (!metadata.redirectUris || !metadata.postLogoutRedirectUris)) {
          return badRequest('guard.invalid_input', 'oidcClientMetadata needs both URI lists');
        }
        Object.assign(app, body); // oidcClientMetadata is replaced whole, as Logto does.
        return HttpResponse.json(app);
      }),
    ),
    http.get(
      `${endpoint}/api/applications/:id/secrets`,
      api((_entry, params) =>
        HttpResponse.json(
          (state.secrets.get(params.id ?? '') ?? []).map((secret) => ({
            tenantId: 'bk7tenant',
            applicationId: params.id,
            createdAt: 1,
            ...secret,
          })),
        ),
      ),
    ),
    http.post(
      `${endpoint}/api/applications/:id/secrets`,
      api((entry, params) => {
        const secret = {
          name: (entry.body as { name: string }).name,
          value: `new-secret-${params.id}`,
          expiresAt: null,
        };
        state.secrets.set(params.id ?? '', [...(state.secrets.get(params.id ?? '') ?? []), secret]);
        return HttpResponse.json(
          { tenantId: 'bk7tenant', applicationId: params.id, createdAt: 2, ...secret },
          { status: 201 },
        );
      }),
    ),

    http.get(
      `${endpoint}/api/connector-factories`,
      api(() => HttpResponse.json(state.factories)),
    ),
    http.get(
      `${endpoint}/api/connectors`,
      api(() => HttpResponse.json(state.connectors)),
    ),
    http.post(
      `${endpoint}/api/connectors/:factoryId/test`,
      api((entry, params) => {
        const body = entry.body as { phone?: string };
        if (!body.phone || !/^\d{7,15}$/.test(body.phone)) {
          return badRequest('guard.invalid_input', 'phone must be digits only');
        }
        state.testMessages.push({ factoryId: params.factoryId ?? '', body: entry.body });
        return new HttpResponse(null, { status: 204 });
      }),
    ),
    http.post(
      `${endpoint}/api/connectors`,
      api((entry) => {
        const body = entry.body as { connectorId: string; config: Record<string, unknown> };
        const factory = state.factories.find((candidate) => candidate.id === body.connectorId);
        if (!factory) return badRequest('connector.not_found', 'factory not found', 404);
        const type = factory.type as Connector['type'];
        // Logto keeps one passwordless connector per type: creating one replaces the other.
        if (type !== 'Social')
          state.connectors = state.connectors.filter((item) => item.type !== type);
        const connector: Connector = {
          id: newId(),
          connectorId: body.connectorId,
          type,
          config: body.config,
          syncProfile: false,
          metadata: {},
        };
        state.connectors.push(connector);
        return HttpResponse.json(connector);
      }),
    ),
    http.patch(
      `${endpoint}/api/connectors/:id`,
      api((entry, params) => {
        const connector = state.connectors.find((candidate) => candidate.id === params.id);
        if (!connector) return badRequest('entity.not_found', 'connector not found', 404);
        connector.config = (entry.body as { config: Record<string, unknown> }).config;
        return HttpResponse.json(connector);
      }),
    ),

    http.get(
      `${endpoint}/api/captcha-provider`,
      api(() =>
        state.captchaProvider === undefined
          ? badRequest('entity.not_found', 'Entity not found.', 404)
          : HttpResponse.json({
              tenantId: FAKE_TENANT_ID,
              id: 'captcha1',
              config: state.captchaProvider,
            }),
      ),
    ),
    http.put(
      `${endpoint}/api/captcha-provider`,
      api((entry) => {
        if (!knobs.plan.securityFeatures) return planLimit({ key: 'securityFeaturesEnabled' });
        state.captchaProvider = (entry.body as { config: Record<string, unknown> }).config;
        return HttpResponse.json({
          tenantId: FAKE_TENANT_ID,
          id: 'captcha1',
          config: state.captchaProvider,
        });
      }),
    ),
    http.get(
      `${endpoint}/api/sign-in-exp`,
      api(() => HttpResponse.json(state.signInExperience)),
    ),
    http.patch(
      `${endpoint}/api/sign-in-exp`,
      api((entry) => {
        const body = entry.body as Partial<typeof state.signInExperience>;
        const usesPhone = JSON.stringify([body.signUp, body.signIn]).includes('"phone"');
        if (usesPhone && !state.connectors.some((connector) => connector.type === 'Sms')) {
          return badRequest(
            'sign_in_experiences.enabled_connector_not_found',
            'Enabled sms connector not found.',
          );
        }
        const sentinel = body.sentinelPolicy;
        if (sentinel && Object.keys(sentinel).length > 0 && !knobs.plan.securityFeatures) {
          return planLimit({ key: 'securityFeaturesEnabled' });
        }
        const extras = body as {
          captchaPolicy?: { enabled?: boolean };
          mfa?: { factors: string[] };
          forgotPasswordMethods?: string[];
        };
        if (extras.captchaPolicy?.enabled && !knobs.plan.securityFeatures) {
          return planLimit({ key: 'securityFeaturesEnabled' });
        }
        if ((extras.mfa?.factors.length ?? 0) > 0 && !knobs.plan.mfa) {
          return planLimit({ key: 'mfaEnabled' });
        }
        const emailCodes =
          JSON.stringify(body.signUp?.identifiers ?? []).includes('"email"') ||
          (extras.forgotPasswordMethods ?? []).includes('EmailVerificationCode');
        if (emailCodes && !state.connectors.some((connector) => connector.type === 'Email')) {
          return badRequest(
            'sign_in_experiences.enabled_connector_not_found',
            'Enabled email connector not found.',
          );
        }
        const signUp = body.signUp ?? state.signInExperience.signUp;
        const listed = [
          ...signUp.identifiers,
          ...(signUp.secondaryIdentifiers ?? []).map((item) => item.identifier),
        ];
        if (new Set(listed).size !== listed.length) {
          return badRequest(
            'sign_in_experiences.duplicated_sign_up_identifiers',
            'Duplicate sign-up identifiers detected.',
          );
        }
        Object.assign(state.signInExperience, body);
        return HttpResponse.json(state.signInExperience);
      }),
    ),

    http.get(
      `${endpoint}/api/account-center`,
      api(() =>
        knobs.hasAccountCenter
          ? HttpResponse.json({ tenantId: 'bk7tenant', id: 'default', ...state.accountCenter })
          : new HttpResponse('Not Found', { status: 404 }),
      ),
    ),
    http.patch(
      `${endpoint}/api/account-center`,
      api((entry) => {
        if (!knobs.hasAccountCenter) return new HttpResponse('Not Found', { status: 404 });
        const body = entry.body as Partial<typeof state.accountCenter>;
        // `fields` is replaced whole, as Logto stores it.
        Object.assign(state.accountCenter, body);
        return HttpResponse.json({ tenantId: 'bk7tenant', id: 'default', ...state.accountCenter });
      }),
    ),
  ];

  return {
    state,
    knobs,
    requests,
    handlers,
    /** Requests that would change the tenant (the token request and reads excluded). */
    mutatingRequests: () =>
      requests.filter((request) => request.method !== 'GET' && request.path !== '/oidc/token'),
    clearRequests: () => requests.splice(0, requests.length),
  };
}

export type FakeLogtoTenant = ReturnType<typeof createFakeLogtoTenant>;
