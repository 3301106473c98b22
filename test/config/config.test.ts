/** Start-up configuration: PUBLIC_URL required where links leave the app; the operator settings parse with their defaults. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('PUBLIC_URL', () => {
  it('is required in production, with a message that says what to set', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PUBLIC_URL is required \(NODE_ENV=production\).*PUBLIC_URL=https:/);
  });

  it('is required as soon as SMS, push keys or robot hosts are configured', () => {
    expect(() => loadConfig({ SMS_PROVIDER: 'aliyun' })).toThrow(/PUBLIC_URL is required.*SMS_PROVIDER/);
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: 'a', VAPID_PRIVATE_KEY: 'b' })).toThrow(/PUBLIC_URL is required.*VAPID_PUBLIC_KEY/);
    expect(() => loadConfig({ DINGTALK_WEBHOOK_HOSTS: 'oapi.dingtalk.com' })).toThrow(/PUBLIC_URL is required.*DINGTALK_WEBHOOK_HOSTS/);
    expect(loadConfig({ SMS_PROVIDER: 'aliyun', PUBLIC_URL: 'https://lianfang.example.gov.cn/' }).publicUrl).toBe('https://lianfang.example.gov.cn');
  });

  it('may stay unset for a local trial, which keeps today’s defaults', () => {
    const config = loadConfig({});
    expect(config.publicUrl).toBeUndefined();
    expect(config).toMatchObject({ port: 3000, migrate: true, logLevel: 'info', readyMaxRelayLag: 1000, readyMaxEngineLagSeconds: 120 });
    expect(config.metricsPort).toBeUndefined();
    expect(config.metricsToken).toBeUndefined();
  });
});

describe('operator settings', () => {
  it('parses MIGRATE, LOG_LEVEL and the metrics settings, and refuses bad values', () => {
    expect(loadConfig({ MIGRATE: 'false', LOG_LEVEL: 'warn', METRICS_PORT: '9464' })).toMatchObject({ migrate: false, logLevel: 'warn', metricsPort: 9464 });
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });
});

describe('the database connection budget', () => {
  it('takes the pool size and a direct URL for LISTEN behind PgBouncer, and refuses a direct URL alone', () => {
    expect(loadConfig({})).toMatchObject({ databasePool: 10, databaseDirectUrl: undefined });
    const bounced = loadConfig({ DATABASE_URL: 'postgres://app@pgbouncer:6432/lianfang', DATABASE_DIRECT_URL: 'postgres://app@db:5432/lianfang', DATABASE_POOL: '5' });
    expect(bounced).toMatchObject({ databaseUrl: 'postgres://app@pgbouncer:6432/lianfang', databaseDirectUrl: 'postgres://app@db:5432/lianfang', databasePool: 5 });
    expect(() => loadConfig({ DATABASE_DIRECT_URL: 'postgres://app@db:5432/lianfang' })).toThrow(/DATABASE_DIRECT_URL .*DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://app@pgbouncer:6432/lianfang', DATABASE_DIRECT_URL: 'mysql://db' })).toThrow(/DATABASE_DIRECT_URL/);
    expect(() => loadConfig({ DATABASE_POOL: '0' })).toThrow(/DATABASE_POOL/);
  });
});
