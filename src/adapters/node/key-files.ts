import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateIssuerKey, issuerKeyFromJwk, parseIssuerKeys } from '../crypto/keys.js';
import type { IssuerKey } from '../../ports/credentials.js';

/** One JSON file per key in KEYS_DIR, mode 0600: { keyId, createdAt, retiredAt, privateJwk }. */
export function readKeyFiles(dir: string): IssuerKey[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => {
      let entry;
      try {
        entry = JSON.parse(readFileSync(join(dir, name), 'utf8'));
        return issuerKeyFromJwk({ keyId: entry.keyId, jwk: entry.privateJwk, createdAt: entry.createdAt, retiredAt: entry.retiredAt ?? null });
      } catch (error) {
        // Which file, and never the parser's quote of it (private key material).
        const why = error instanceof SyntaxError ? 'is not valid JSON' : `is not a usable key (${error instanceof Error ? error.message : String(error)})`;
        throw new Error(`the key file ${name} ${why}`);
      }
    });
}

export function writeKeyFile(dir: string, key: IssuerKey): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${key.keyId}.json`);
  const { keyId, createdAt, retiredAt, privateJwk } = key;
  writeFileSync(path, `${JSON.stringify({ keyId, createdAt, retiredAt, privateJwk }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600); // writeFileSync keeps the mode of an existing file
  return path;
}

export async function createKeyFile(dir: string): Promise<IssuerKey> {
  const key = await generateIssuerKey();
  writeKeyFile(dir, key);
  return key;
}

export function retireKeyFile(dir: string, keyId: string, at = new Date()): IssuerKey {
  const key = readKeyFiles(dir).find((k) => k.keyId === keyId);
  if (!key) throw new Error(`No key "${keyId}" in ${dir}`);
  const retired = { ...key, retiredAt: at.toISOString() };
  writeKeyFile(dir, retired);
  return retired;
}

/**
 * The issuer keys for a Node server: from ISSUER_KEYS (JSON) if set, else the key files; on a
 * first start without any, a development key is generated (and the caller warns loudly).
 */
export async function loadIssuerKeys({ dir, json }: { dir: string; json: string | null }): Promise<{ keys: IssuerKey[]; generated: boolean }> {
  if (json) {
    return { keys: parseIssuerKeys(json), generated: false };
  }
  const keys = readKeyFiles(dir);
  if (keys.some((k) => k.retiredAt === null && k.privateJwk)) return { keys, generated: false };
  return { keys: [...keys, await createKeyFile(dir)], generated: true };
}
