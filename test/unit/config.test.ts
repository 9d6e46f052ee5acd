import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_SESSION_SECRET, loadConfig } from '../../server/config.ts';

const secret = 'x'.repeat(40);

describe('loadConfig', () => {
  it('gives safe development defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ env: 'development', port: 3000, databaseUrl: 'sqlite:data/casebook.db', seedDemo: true, production: false });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads and coerces values', () => {
    const c = loadConfig({ PORT: '8080', SEED_DEMO: 'false', DATABASE_URL: 'sqlite:/tmp/x.db', TRUST_PROXY: 'true' });
    expect(c).toMatchObject({ port: 8080, seedDemo: false, databaseUrl: 'sqlite:/tmp/x.db', trustProxy: true });
  });

  it('refuses to start in production without a session secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'false' })).toThrow(/SESSION_SECRET: required in production/);
  });

  it('refuses the development secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'false', SESSION_SECRET: DEV_SESSION_SECRET })).toThrow(ConfigError);
  });

  it('refuses demo seeding in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret, SEED_DEMO: 'true' })).toThrow(/SEED_DEMO/);
  });

  it('turns demo seeding off by default in production', () => {
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret }).seedDemo).toBe(false);
  });

  it('names every invalid variable', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SESSION_SECRET: 'short' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/DATABASE_URL/);
      expect(problems).toMatch(/SESSION_SECRET/);
    }
  });
});
