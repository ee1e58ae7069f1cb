import { ConfigError, loadConfig } from './config/config.js';
import { createLogger } from './lib/logger.js';
import { startServer } from './server.js';

/** Entry point: `node server/dist/main.js`. Exits non-zero with a plain message on bad configuration. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee docs/configuration.md.\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, logger);
  process.stdout.write(`\nTreffpunkt läuft / is running: ${server.url}\n\n`);
  if (server.firstAdmin) {
    process.stdout.write(
      'Erste Anmeldung / first login (nur jetzt angezeigt / shown only now):\n' +
        `  E-Mail:   ${server.firstAdmin.email}\n  Passwort: ${server.firstAdmin.password}\n\n`,
    );
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Treffpunkt could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
