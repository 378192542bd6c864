import { describe, expect, it } from 'vitest';
import { configFromEnv, parseTrustProxy } from './config.js';

describe('configuration from the environment', () => {
  it('trusts no proxy unless TRUST_PROXY lists addresses or CIDR ranges', () => {
    expect(configFromEnv({}).trustProxy).toEqual([]);
    expect(parseTrustProxy(' 127.0.0.1, 10.0.0.0/8 ,::1,fd00::/8')).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
    ]);
    for (const bad of ['true', '*', '10.0.0.0/33', 'proxy.local', '10.0.0.1/8/1']) {
      expect(() => parseTrustProxy(bad), bad).toThrow(/TRUST_PROXY/);
    }
  });

  it('sizes the public limits for honest use unless told otherwise', () => {
    expect(configFromEnv({}).publicLimits).toEqual({ lookupsPerMinute: 60, bulkChecksPerMinute: 10 });
    expect(
      configFromEnv({ PUBLIC_LOOKUPS_PER_MINUTE: '120', PUBLIC_BULK_CHECKS_PER_MINUTE: '2' }).publicLimits,
    ).toEqual({ lookupsPerMinute: 120, bulkChecksPerMinute: 2 });
    expect(() => configFromEnv({ PUBLIC_LOOKUPS_PER_MINUTE: '0' })).toThrow(/PUBLIC_LOOKUPS_PER_MINUTE/);
  });
});
