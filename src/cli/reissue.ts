import { assertServersAddress } from './public-address.js';
import { ConfigError, parseConfig } from '../config.js';
import { loadIssuerKeys, readKeyFiles } from '../adapters/node/key-files.js';
import { openSqlite } from '../adapters/sqlite/open.js';
import { createKyselyRegistry } from '../registry.js';

/**
 * npm run reissue [-- --batch 25]: after a key rotation (npm run keys:rotate), re-issues every live
 * declaration and award credential with the newest key, against the same DATABASE_PATH, KEYS_DIR
 * (or ISSUER_KEYS) and PUBLIC_BASE_URL as the server. Each credential switches in one atomic batch,
 * so the run can be interrupted at any point (even kill -9) and simply started again. It may run
 * while the server runs; restart the server afterwards if it has not loaded the new key yet.
 */
async function main() {
  const args = process.argv.slice(2);
  const batchArg = args.indexOf('--batch');
  const batch = batchArg >= 0 ? Number(args[batchArg + 1]) : 25;
  if (!Number.isInteger(batch) || batch < 1 || batch > 1000) throw new ConfigError(['--batch must be an integer from 1 to 1000']);

  const config = parseConfig(process.env);
  if (!config.issuerKeysJson && !readKeyFiles(config.keysDir).some((k) => k.retiredAt === null && k.privateJwk)) {
    // loadIssuerKeys would generate a development key: never re-sign everything with one by accident.
    throw new ConfigError([`No live issuer key in ${config.keysDir}: run npm run keys:rotate first (or set ISSUER_KEYS).`]);
  }
  const { keys } = await loadIssuerKeys({ dir: config.keysDir, json: config.issuerKeysJson });
  const store = await openSqlite({ path: config.databasePath });
  try {
    // The credential ids and status list URLs embed the public address: it must be the server's.
    assertServersAddress(store.raw, config.publicBaseUrl);
    const registry = await createKyselyRegistry({ db: store.db, unitOfWork: store.unitOfWork, config, keys });
    const ctx = { actor: { role: 'system' as const, process: 'reissue' }, requestId: null };
    const total = await registry.reissue.remaining();
    let done = 0;
    log({ event: 'reissue_started', remaining: total });
    for (;;) {
      const result = await registry.reissue.run(ctx, { limit: batch });
      done += result.reissued;
      log({ event: 'reissue_progress', keyId: result.keyId, reissued: done, skipped: result.skipped, remaining: result.remaining });
      if (result.remaining === 0) break;
      if (result.reissued === 0) {
        // Every candidate was skipped (out of line with its declaration/award, or changed concurrently again and again).
        log({ event: 'reissue_stuck', remaining: result.remaining });
        process.exitCode = 1;
        return;
      }
    }
    log({ event: 'reissue_done', reissued: done });
  } finally {
    await store.close();
  }
}

function log(fields: Record<string, unknown>) {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...fields })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
