/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { UsageError } from '@/scripts/logto-setup/args';
import { managementResource, managementTenantId } from '@/scripts/logto-setup/management-resource';

describe('the Management API resource', () => {
  it('is the tenant API named by a Logto Cloud address', () => {
    expect(managementResource(managementTenantId('https://abc123.logto.app', undefined))).toBe(
      'https://abc123.logto.app/api',
    );
  });

  it('is the tenant API of LOGTO_TENANT_ID behind a custom domain', () => {
    expect(managementResource(managementTenantId('https://auth.example.com', 'abc123'))).toBe(
      'https://abc123.logto.app/api',
    );
  });

  it('is the default tenant API for a Logto on this machine', () => {
    expect(managementResource(managementTenantId('http://localhost:3002', undefined))).toBe(
      'https://default.logto.app/api',
    );
  });

  it('is the default tenant API for a self-hosted Logto given LOGTO_TENANT_ID=default', () => {
    expect(managementResource(managementTenantId('https://auth.example.com', 'default'))).toBe(
      'https://default.logto.app/api',
    );
  });

  it('stops on a custom domain without LOGTO_TENANT_ID, naming the variable', () => {
    expect(() => managementTenantId('https://auth.example.com', undefined)).toThrow(UsageError);
    expect(() => managementTenantId('https://auth.example.com', ' ')).toThrow(
      /https:\/\/auth\.example\.com is not a \*\.logto\.app address.*set LOGTO_TENANT_ID/,
    );
  });

  it('refuses a LOGTO_TENANT_ID that is a URL rather than an id', () => {
    expect(() => managementTenantId('https://auth.example.com', 'https://abc.logto.app')).toThrow(
      /LOGTO_TENANT_ID must be a Logto tenant id/,
    );
  });
});
