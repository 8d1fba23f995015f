import { getManagementApiIndicator } from '@logto/api/management';

import { UsageError } from './args';

// Logto Cloud tenant ids are short lowercase letters and digits; a self-hosted Logto's is `default`.
const TENANT_ID = /^[a-z0-9]{1,64}$/;
const CLOUD_HOST = /^([a-z0-9]+)\.logto\.app$/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The tenant whose Management API `logto:setup` calls. Its resource indicator is always
 * `https://<tenant-id>.logto.app/api`, even behind a custom domain, so the id comes from
 * LOGTO_TENANT_ID when set, else from a `*.logto.app` endpoint; a Logto on this machine is the
 * self-hosted `default` tenant. Any other host is ambiguous (a Cloud custom domain, or a self-hosted
 * Logto elsewhere) and stops with a message naming LOGTO_TENANT_ID.
 * @see https://docs.logto.io/integrate-logto/interact-with-management-api
 */
export function managementTenantId(endpoint: string, tenantIdVariable: string | undefined): string {
  const configured = tenantIdVariable?.trim() ?? '';
  if (configured !== '') {
    if (!TENANT_ID.test(configured)) {
      throw new UsageError(
        `LOGTO_TENANT_ID must be a Logto tenant id, lowercase letters and digits like "bk7tenant" (the xxxx of https://xxxx.logto.app), or "default" for a self-hosted Logto (got "${configured}")`,
      );
    }
    return configured;
  }
  const { hostname, origin } = new URL(endpoint);
  const cloudTenant = CLOUD_HOST.exec(hostname.toLowerCase());
  if (cloudTenant?.[1] !== undefined) return cloudTenant[1];
  if (LOOPBACK_HOSTS.has(hostname)) return 'default';
  throw new UsageError(
    `LOGTO_ENDPOINT ${origin} is not a *.logto.app address, so the tenant id cannot be read from it. With a Logto Cloud custom domain, set LOGTO_TENANT_ID to the tenant id (Console → Tenant settings; the xxxx of https://xxxx.logto.app). With a self-hosted Logto, set LOGTO_TENANT_ID=default.`,
  );
}

/** The Management API's resource indicator for a tenant, as `@logto/api` builds it. */
export function managementResource(tenantId: string): string {
  return getManagementApiIndicator(tenantId);
}
