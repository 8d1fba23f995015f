/**
 * @jest-environment node
 */
import { managementResource } from '@/scripts/logto-setup/token';

describe('the Management API resource', () => {
  it('is the tenant API on Logto Cloud', () => {
    expect(managementResource('https://abc123.logto.app', undefined)).toBe(
      'https://abc123.logto.app/api',
    );
  });

  it('is the default tenant API on a self-hosted Logto', () => {
    expect(managementResource('https://auth.example.com', undefined)).toBe(
      'https://default.logto.app/api',
    );
  });

  it('is LOGTO_MANAGEMENT_RESOURCE when it is set', () => {
    expect(managementResource('https://auth.example.com', 'https://xyz.logto.app/api')).toBe(
      'https://xyz.logto.app/api',
    );
  });
});
