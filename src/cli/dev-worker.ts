import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { generateIssuerKey } from '../adapters/crypto/keys.js';

/**
 * npm run dev:worker: the Worker in local workerd with a local D1, offline. On first run it
 * writes .dev.vars (git-ignored) with a development issuer key, so credentials survive restarts.
 * PORT and the other variables of npm start are honoured.
 */
if (!existsSync('.dev.vars')) {
  const { keyId, createdAt, privateJwk } = await generateIssuerKey();
  writeFileSync('.dev.vars', `ISSUER_KEYS='${JSON.stringify([{ keyId, createdAt, retiredAt: null, privateJwk }])}'\n`, { mode: 0o600 });
  console.warn('Wrote .dev.vars with a development issuer key (never use it in production).');
}
const port = process.env.PORT ?? '8787';
const vars = ['PUBLIC_BASE_URL', 'REGISTRY_ADMIN_TOKEN', 'DECLARATION_VALIDITY_MONTHS', 'DID_METHOD', 'ISSUER_KEYS']
  .filter((name) => process.env[name])
  .flatMap((name) => ['--var', `${name}:${process.env[name]}`]);
if (!process.env.PUBLIC_BASE_URL) vars.push('--var', `PUBLIC_BASE_URL:http://localhost:${port}`);
const child = spawn('npx', ['wrangler', 'dev', '--local', '--port', port, '--ip', '127.0.0.1', ...vars, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
