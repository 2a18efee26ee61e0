import { ConfigError, parseConfig } from './config.js';
import { jsonLogger, startNodeServer } from './node/server.js';
import { printLine } from './node/stdout-lines.js';

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
  printLine(`Registry listening on ${server.url} (public address ${config.publicBaseUrl})`);
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
