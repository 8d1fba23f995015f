import type { DatabaseSync } from 'node:sqlite';
import { SIGNING_ALGS, type LocalConfig } from './config';
import type { SigningKey } from './signing-key';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { chooseLocale } from '../lib/i18n/locales';
import { LOGTO_EXTRA_PARAMS } from './logto-params';
import { endSessionWithoutSession } from './end-session';
import { logtoProtocolErrors } from './oidc-errors';
import { capState } from './state-limit';
import { renderLogoutPage, renderSignedOutPage } from './sign-in/pages';
import { createAdapterFactory } from './store/oidc-adapter';
import type { LocalUser, UserStore } from './store/users';

/** Where the sign-in pages live; oidc-provider sends the browser here for every interaction. */
export const INTERACTION_PATH = '/interaction';

/**
 * The claims Logto puts behind each scope, in its own shape: `phone_number` digits only, empty
 * profile fields as `null`, timestamps in milliseconds.
 * @see https://docs.logto.io/user-management/user-data#claims
 */
export function claimsFor(user: LocalUser) {
  return {
    sub: user.id,
    name: user.name ?? null,
    picture: user.picture ?? null,
    username: user.username ?? null,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
    email: user.email ?? null,
    email_verified: user.email !== null,
    phone_number: user.phone === null ? null : user.phone.replace(/^\+/, ''),
    phone_number_verified: user.phone !== null,
    custom_data: user.customData,
    identities: {},
    sso_identities: [],
    roles: [],
  };
}

/**
 * Builds the oidc-provider instance configured as Logto configures it: ES384 (or RS256) signing,
 * Logto's scopes and claims (also in the ID token), Logto's TTLs, refresh tokens rotated as Logto does,
 * optional PKCE for the confidential client, and logto-local's own pages for sign-in, errors and
 * sign-out.
 * @see https://github.com/panva/node-oidc-provider/blob/main/docs/README.md
 * @see ../README.md#logto-local-and-logto
 */
export function createProvider(options: {
  issuer: string;
  config: LocalConfig;
  db: DatabaseSync;
  users: UserStore;
  /** Newest first: the first signs, the rest stay in the JWKS for verification. */
  signingKeys: SigningKey[];
  /** Persisted, so sign-in sessions survive a restart and a key rotation. */
  cookieKey: string;
}): Provider {
  const { config, users, signingKeys, cookieKey } = options;

  const configuration: Configuration = {
    adapter: createAdapterFactory(options.db, { refreshReuseGrace: config.ttl.refreshReuseGrace }),
    clients: [
      {
        client_id: config.client.id,
        client_secret: config.client.secret,
        client_name: config.client.name,
        // From logto.config.json, matched exactly as Logto (oidc-provider) matches them.
        redirect_uris: config.client.redirectUris,
        post_logout_redirect_uris: config.client.postLogoutRedirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: config.signingAlg,
      },
    ],
    jwks: { keys: signingKeys as never[] },
    enabledJWA: { idTokenSigningAlgValues: [...SIGNING_ALGS] },
    cookies: { keys: [cookieKey] },
    claims: {
      openid: ['sub'],
      profile: ['name', 'picture', 'username', 'created_at', 'updated_at'],
      email: ['email', 'email_verified'],
      phone: ['phone_number', 'phone_number_verified'],
      custom_data: ['custom_data'],
      identities: ['identities', 'sso_identities'],
      roles: ['roles'],
    },
    scopes: ['openid', 'offline_access'],
    conformIdTokenClaims: false,
    extraParams: [...LOGTO_EXTRA_PARAMS],
    responseTypes: ['code'],
    pkce: { required: (_ctx, client) => client.clientAuthMethod === 'none' },
    // Logto, for a confidential client, rotates a refresh token once 70% of its lifetime has
    // passed and hands the same one back before that; `every-use` is for the race tests.
    // @see https://github.com/panva/node-oidc-provider/blob/main/docs/README.md#rotaterefreshtoken
    rotateRefreshToken: (ctx) =>
      config.refreshRotation === 'every-use' ||
      (ctx.oidc.entities.RefreshToken?.ttlPercentagePassed() ?? 100) >= 70,
    ttl: {
      AccessToken: config.ttl.accessToken,
      IdToken: config.ttl.idToken,
      RefreshToken: config.ttl.refreshToken,
      AuthorizationCode: 60,
      // Anyone can start a sign-in (a cross-site <img> can): an unfinished one is kept for
      // LOGTO_LOCAL_INTERACTION_TTL, not Logto's hour, and so is a session nobody signed in to.
      Interaction: config.ttl.interaction,
      // Logto's longest refresh: a grant lives 180 days, each refresh token 14 days.
      Grant: config.ttl.grant,
      Session: (_ctx, session) => (session.accountId ? config.ttl.session : config.ttl.interaction),
    },
    features: {
      devInteractions: { enabled: false },
      introspection: { enabled: true },
      revocation: {
        enabled: true,
        // Only the client a token was issued to may revoke it (RFC 7009 §2.1); other tokens are
        // answered as if unknown, without revealing them.
        // @see https://www.rfc-editor.org/rfc/rfc7009#section-2.1
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
      },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = renderLogoutPage({ locale: localeOf(ctx), form });
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = renderSignedOutPage(localeOf(ctx));
        },
      },
    },
    interactions: {
      url: (_ctx, interaction) => `${INTERACTION_PATH}/${interaction.uid}`,
    },
    findAccount: async (_ctx, sub) => {
      const user = users.findById(sub);
      if (!user) return undefined;
      return { accountId: user.id, claims: async () => claimsFor(user) };
    },
    // JSON even for a browser, as Logto answers (oidc-errors.ts adds its code and message).
    renderError: async (ctx, out) => {
      ctx.type = 'json';
      ctx.body = out;
    },
  };

  const provider = new Provider(options.issuer, configuration);
  // Outermost, so that every error body below gets Logto's shape.
  provider.use(logtoProtocolErrors);
  // What a request from anyone may make logto-local store is bounded.
  provider.use(capState);
  provider.use(endSessionWithoutSession(provider));
  // Errors are shown to the person; log them on one line without stack traces or tokens.
  provider.on('server_error', (_ctx, error) => {
    console.error(`logto-local: oidc-provider server_error: ${error.message}`);
  });
  return provider;
}

function localeOf(ctx: KoaContextWithOIDC) {
  return chooseLocale({ acceptLanguage: ctx.get('accept-language') });
}
