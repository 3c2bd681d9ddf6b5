import { probePostgres, probeRedis, recordPostgresProbe, recordRedisProbe, testDatabaseUrl, testRedisUrl } from './services';

/**
 * Jest global setup: probes the services once so every suite knows whether it can run, and says
 * up front which suites will skip (Jest hides the output of a file whose tests are all skipped).
 */
export default async function globalSetup(): Promise<void> {
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
