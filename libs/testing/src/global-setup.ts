import { probePostgres, recordPostgresProbe } from './services';

/** Jest global setup: probes the services once so every suite knows whether it can run. */
export default async function globalSetup(): Promise<void> {
  recordPostgresProbe(await probePostgres());
}
