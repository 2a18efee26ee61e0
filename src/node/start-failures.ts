import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseFromNewerVersion } from '../adapters/kysely/migrator.js';

/**
 * Why the server could not start, in words an operator acts on: the setting, its value and what
 * is wrong with it (node.ts prints the message as one line and exits 1). An error nobody
 * foresaw is passed on as it was.
 */
function codeOf(error: unknown): string {
  return String((error as { code?: unknown } | null)?.code ?? '');
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

const NOT_PERMITTED = new Set(['EACCES', 'EPERM', 'EROFS']);

/** What is wrong with DATABASE_PATH, from the error opening or migrating it gave. */
export function databaseFailure(error: unknown, path: string): Error {
  const code = codeOf(error);
  const why = reasonOf(error);
  const setting = `DATABASE_PATH "${path}"`;
  if (isFolder(path)) return new Error(`${setting} is a folder: give the path of the database file in it (for example ${join(path, 'registry.sqlite')}).`);
  if ((error as { syscall?: string }).syscall === 'mkdir') {
    return new Error(`${setting}: its folder ${dirname(path)} cannot be made (${why}): create it, writable by this user, or choose another path.`);
  }
  if (error instanceof DatabaseFromNewerVersion) return new Error(`${setting}: ${why}`);
  if (code === 'SQLITE_NOTADB') return new Error(`${setting} is not an SQLite database (${why}): give the registry's database file, or a path where none exists yet to start empty.`);
  if (code.startsWith('SQLITE_READONLY')) return new Error(`${setting} is read-only for this user (${why}): the registry writes to it; let this user write the file and its folder.`);
  if (code.startsWith('SQLITE_CORRUPT')) return new Error(`${setting} is damaged (${why}): restore a backup (npm run restore).`);
  if (code.startsWith('SQLITE_CANTOPEN')) return new Error(`${setting} cannot be opened or created (${why}): let this user read and write the file and its folder ${dirname(path)}.`);
  return error instanceof Error ? error : new Error(why);
}

/**
 * MAIL_DIR, when messages are written there (no SMTP_URL or MAIL_API_URL): made now, the user's
 * alone, so that a folder that cannot be made stops the start instead of failing every message
 * later, when it is sent.
 */
export function prepareMailFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const why = isFolder(dir) ? reasonOf(error) : `it is not a folder and cannot be made one: ${reasonOf(error)}`;
    throw new Error(`MAIL_DIR "${dir}" cannot hold the messages (${why}): give a folder this user can write, or set SMTP_URL or MAIL_API_URL.`);
  }
}

/**
 * What is wrong with ISSUER_KEYS or KEYS_DIR. A JSON syntax error's own message quotes the text
 * around the mistake, which is private key material here: it is never repeated.
 */
export function keysFailure(error: unknown, { dir, json }: { dir: string; json: string | null }): Error {
  const code = codeOf(error);
  if (json !== null) {
    const why = error instanceof SyntaxError ? 'it is not valid JSON' : reasonOf(error).replace(/\.$/, '');
    return new Error(`ISSUER_KEYS is not usable: ${why}. It is a JSON array of { "keyId", "createdAt", "retiredAt", "privateJwk" } (keys/README.md).`);
  }
  const setting = `KEYS_DIR "${dir}"`;
  if (code === 'ENOTDIR') return new Error(`${setting} is not a folder: give the folder of the issuer key files.`);
  if (NOT_PERMITTED.has(code)) return new Error(`${setting} cannot be read or written by this user (${reasonOf(error)}).`);
  return new Error(`${setting}: ${reasonOf(error)}`);
}
