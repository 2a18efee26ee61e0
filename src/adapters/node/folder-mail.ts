import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type { MailTransport } from '../../ports/mail.js';
import { nodemailerMessage } from './mail-message.js';

/**
 * The default on Node (no SMTP_URL): each message is written to MAIL_DIR as an .eml file (the
 * whole MIME message, as a mail server would receive it), so everything works offline and a
 * developer opens the files in any mail program. Written under a temporary name and renamed, so
 * a reader never sees half a file. Names sort by time: <ISO time>-<outbox id>.eml.
 * MAIL_RETENTION_DAYS applies to the files as to the outbox: the sweep deletes those older.
 */
export function createFolderMailTransport({ dir }: { dir: string }): MailTransport {
  const composer = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    name: 'folder',
    async purgeSentBefore(before) {
      const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(error)));
      for (const name of names) {
        const sent = sentAt(name);
        if (sent !== null && sent < before) await rm(join(dir, name), { force: true });
      }
    },
    async send(message) {
      try {
        const info = await composer.sendMail(nodemailerMessage(message));
        // Messages carry sign-in and invitation links: the running user's alone, whatever the umask.
        await mkdir(dir, { recursive: true, mode: 0o700 });
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${message.id}.eml`;
        const temporary = join(dir, `.${name}.tmp`);
        await writeFile(temporary, info.message as Buffer, { mode: 0o600 });
        await rename(temporary, join(dir, name));
        return { ok: true };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

// The time a message's file was written, read from its name (or a crash's leftover temporary
// name); null for files the registry did not write, which are left alone.
const FILE_NAME = /^\.?(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-[^/]+\.eml(?:\.tmp)?$/;
function sentAt(name: string): number | null {
  const m = FILE_NAME.exec(name);
  if (!m) return null;
  const at = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
  return Number.isNaN(at) ? null : at;
}
