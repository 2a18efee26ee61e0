import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type { MailTransport } from '../../ports/mail.js';
import { nodemailerMessage } from './mail-message.js';

/**
 * The default on Node (no SMTP_URL): each message is written to MAIL_DIR as an .eml file (the
 * whole MIME message, as a mail server would receive it), so everything works offline and a
 * developer opens the files in any mail program. Written under a temporary name and renamed, so
 * a reader never sees half a file. Names sort by time: <ISO time>-<outbox id>.eml.
 */
export function createFolderMailTransport({ dir }: { dir: string }): MailTransport {
  const composer = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    name: 'folder',
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
