import { ConfigError, parseConfig } from './config.js';
import { jsonLogger, startNodeServer } from './node/server.js';

/** Node entry point: `npm start`. */
async function main() {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const server = await startNodeServer(config);
  process.stdout.write(`Registry listening on ${server.url} (public address ${config.publicBaseUrl})\n`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      jsonLogger.info('shutdown', { signal });
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

main().catch((error) => {
  jsonLogger.error('startup_failed', { message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
