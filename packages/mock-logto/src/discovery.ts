/**
 * Logto's discovery document for a tenant whose issuer is `issuer` (`https://<tenant>.logto.app/oidc`),
 * as Logto serves it at `/oidc/.well-known/openid-configuration`.
 * @see https://docs.logto.io/integrate-logto/third-party-applications/oidc
 */
export function discoveryDocument(issuer: string) {
  const at = (path: string) => `${issuer}${path}`;
  return {
    issuer,
    authorization_endpoint: at('/auth'),
    token_endpoint: at('/token'),
    userinfo_endpoint: at('/me'),
    jwks_uri: at('/jwks'),
    end_session_endpoint: at('/session/end'),
    revocation_endpoint: at('/token/revocation'),
    introspection_endpoint: at('/token/introspection'),
    registration_endpoint: at('/reg'),
    response_types_supported: ['code', 'id_token', 'code id_token'],
    response_modes_supported: ['form_post', 'fragment', 'query'],
    grant_types_supported: [
      'authorization_code',
      'implicit',
      'refresh_token',
      'client_credentials',
    ],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['ES384'],
    token_endpoint_auth_methods_supported: [
      'client_secret_basic',
      'client_secret_jwt',
      'client_secret_post',
      'private_key_jwt',
      'none',
    ],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: ['openid', 'offline_access', 'profile', 'email', 'phone'],
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'nonce',
      'name',
      'username',
      'picture',
      'email',
      'email_verified',
      'phone_number',
      'phone_number_verified',
      'created_at',
      'updated_at',
    ],
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    require_request_uri_registration: false,
    authorization_response_iss_parameter_supported: true,
    end_session_endpoint_supported: true,
  };
}
