import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ASSET_MANIFEST, assetsFolder } from '../../web/src/assets/asset-files';
import { buildAssets } from '../../web/src/assets/build-assets';
import { probePostgres, probeRedis, recordPostgresProbe, recordRedisProbe, testDatabaseUrl, testRedisUrl } from './services';

/**
 * Jest global setup: probes the services once so every suite knows whether it can run, and says
 * up front which suites will skip (Jest hides the output of a file whose tests are all skipped).
 */
export default async function globalSetup(): Promise<void> {
  // The pages' styles are built by `npm run build`; a run of the unit tests alone builds them here.
  if (!existsSync(join(assetsFolder(), ASSET_MANIFEST))) await buildAssets();
  const postgresDown = await probePostgres();
  recordPostgresProbe(postgresDown);
  if (postgresDown) {
    const consequence = process.env.CI === 'true' ? 'its suites will FAIL (CI=true)' : 'its suites are SKIPPED';
    process.stderr.write(`\n*** PostgreSQL at ${testDatabaseUrl()} is unreachable (${postgresDown}): ${consequence}. ***\n`);
  }
  const redisDown = await probeRedis();
  recordRedisProbe(redisDown);
  if (redisDown) {
    const consequence = process.env.CI === 'true' ? 'its suites will FAIL (CI=true)' : 'its suites are SKIPPED';
    process.stderr.write(`\n*** Redis at ${testRedisUrl()} is unreachable (${redisDown}): ${consequence}. ***\n`);
  }
  if (!process.env.KURRENTDB_URL) {
    process.stderr.write('\n*** KurrentDB contract suite SKIPPED: set KURRENTDB_URL=kurrentdb://localhost:2113?tls=false to run it. ***\n');
  }
}
