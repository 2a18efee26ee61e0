import BetterSqlite3 from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { openSqlite, type SqliteStore } from '../../src/adapters/sqlite/open.js';
import type { RequestContext } from '../../src/domain/services/index.js';
import { createKyselyRegistry, type Registry } from '../../src/registry.js';

/** Rows a query gives, read through a second, read-only connection to a registry's database file (SQLite or local D1). */
export function rowsIn(dbPath: string, sql: string, ...params: unknown[]): any[] {
  const db = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params);
  } finally {
    db.close();
  }
}

/**
 * Is the organization in a copy of the database file alone, as a plain file copy (no -wal) would
 * take it? False while the tables themselves are still only in the WAL.
 */
export function organizationInFileAlone(dbPath: string, name: string): boolean {
  const scratch = mkdtempSync(join(tmpdir(), 'registry-file-alone-'));
  const copy = join(scratch, 'copy.sqlite');
  copyFileSync(dbPath, copy);
  const db = new BetterSqlite3(copy, { readonly: true });
  try {
    return db.prepare('SELECT 1 FROM organizations WHERE name = ?').get(name) !== undefined;
  } catch {
    return false;
  } finally {
    db.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * A migrated SQLite database in a new file of its own (openSqlite, as a server opens it), for a
 * test that needs a real file: a second connection, WAL, locks. Closed, and its folder removed,
 * when the test that opened it finishes: call it inside a test.
 */
export async function freshDatabaseFile(prefix: string): Promise<{ store: SqliteStore; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const path = join(dir, 'registry.sqlite');
  const store = await openSqlite({ path });
  onTestFinished(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { store, path };
}

/** The back office's administrator, as the domain tests act. */
export const ADMIN: RequestContext = { actor: { role: 'admin', tokenId: 't-admin' }, requestId: null };

type RegistryOptions = Parameters<typeof createKyselyRegistry>[0];

/** The domain tests' registry: a local did:web issuer, declarations valid 12 months. */
export const TEST_REGISTRY_CONFIG = { publicBaseUrl: 'http://localhost:8787', didMethod: 'did:web' as const, validityMonths: 12 };

/**
 * A registry over a fresh database file (freshDatabaseFile), built as the server builds it; a
 * local did:web issuer with a new key unless `options` say otherwise (a clock, a config, keys…).
 */
export async function registryOnFreshFile(prefix: string, options: Partial<Omit<RegistryOptions, 'db' | 'unitOfWork'>> = {}): Promise<{ store: SqliteStore; path: string; registry: Registry }> {
  const { store, path } = await freshDatabaseFile(prefix);
  const registry = await createKyselyRegistry({ config: TEST_REGISTRY_CONFIG, ...options, db: store.db, unitOfWork: store.unitOfWork, generation: store.generation });
  return { store, path, registry };
}

/**
 * A registry over a migrated in-memory SQLite database (openSqlite, as a server opens its file),
 * built as the server builds it, with TEST_REGISTRY_CONFIG and a new key. `options` say what a test
 * needs otherwise: `config` entries (merged over the defaults), `keys`, a clock (`now`), a
 * `unitOfWork` wrapping the store's, or `store` to build another registry over the same database
 * (a key rotation). The caller closes the store.
 */
export async function registryInMemory(
  options: Partial<Omit<RegistryOptions, 'db' | 'config'>> & { config?: Partial<RegistryOptions['config']>; store?: SqliteStore } = {},
): Promise<{ store: SqliteStore; registry: Registry }> {
  const { store: shared, config, ...rest } = options;
  const store = shared ?? (await openSqlite({ path: ':memory:' }));
  const registry = await createKyselyRegistry({ unitOfWork: store.unitOfWork, generation: store.generation, ...rest, db: store.db, config: { ...TEST_REGISTRY_CONFIG, ...config } });
  return { store, registry };
}
