import { parseArgs } from 'node:util';
import pino from 'pino';
import { ensureFirstAdmin } from './access/ensure-first-admin.js';
import { buildApp } from './app.js';
import { createDialer } from './dialer/create-dialer.js';
import { startDemoFloor } from './demo/run-demo-floor.js';
import { DoNotCall } from './dnc/do-not-call.js';
import { loadConfig } from './config.js';
import { systemClock } from './shared/clock.js';
import { openStorage, redactUrl } from './storage/database.js';
import { migrateToLatest } from './storage/migrate.js';
import { startupTasks } from './startup.js';
import { describeSipCarrierConfig } from './telephony/adapters/sip/sip-config.js';
import { agentSipUri } from './users/agent-sip-uri.js';

/**
 * The composition root: reads the configuration, opens storage, runs migrations, wires the
 * use cases to the HTTP edge and starts listening. Nothing else creates long-lived objects.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { demo: { type: 'boolean', default: false } }, allowPositionals: false });
  const config = loadConfig();
  const logger = pino({ level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] });
  const clock = systemClock;

  const where = config.databaseUrl ? `PostgreSQL at ${redactUrl(config.databaseUrl)}` : `embedded database in ${config.dataDir}`;
  logger.info(`opening ${where}`);
  const storage = await openStorage(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  const applied = await migrateToLatest(storage);
  if (applied.length) logger.info({ migrations: applied }, 'migrations applied');

  const dnc = await DoNotCall.load(storage);
  logger.info({ dnc: dnc.stats() }, 'do-not-call set loaded');
  // Other nodes on the same PostgreSQL change DNC lists too: poll the DNC version (see do-not-call.ts).
  const dncRefresh = storage.engine === 'postgres'
    ? setInterval(() => void dnc.refreshIfChanged().catch((err: unknown) => logger.error({ err }, 'do-not-call refresh failed')), 5_000).unref()
    : undefined;
  const dialer = await createDialer({ storage, dnc, log: logger.child({ module: 'dialer' }), carrier: config.carrier, sip: config.sip && { config: config.sip, agentLine: (id) => agentSipUri(storage.db, id) } });
  logger.info({ node: dialer.nodeId, seed: dialer.seed, carrier: dialer.carrier.name, ...(config.sip ? { sip: describeSipCarrierConfig(config.sip) } : {}) }, 'dialer ready');
  const deps = { storage, clock, config, dnc, dialer: dialer.runtime };
  await startupTasks(deps, logger, { demo: values.demo ?? false });

  const admin = await ensureFirstAdmin(storage.db, clock, { email: config.adminEmail, password: config.adminPassword });
  const app = await buildApp(deps, { logger });
  await app.listen({ port: config.port, host: config.host });
  dialer.runtime.start();
  const demoFloor = values.demo ? await startDemoFloor(deps, dialer.runtime, logger) : null;

  const url = `http://localhost:${config.port}`;
  if (admin) {
    process.stdout.write(
      `\n  Pacer is ready at ${url}\n  First start: sign in as ${admin.email} with password ${admin.password}\n  (change it after signing in; set PACER_ADMIN_PASSWORD to choose it instead)\n\n`,
    );
  } else {
    process.stdout.write(`\n  Pacer is ready at ${url} (API docs: ${url}/api/docs)\n\n`);
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    clearInterval(dncRefresh);
    demoFloor?.stop();
    await dialer.runtime.stop();
    await dialer.carrier.close();
    await app.close();
    await storage.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Pacer could not start: ${(err as Error).message}\n`);
  process.exit(1);
});
