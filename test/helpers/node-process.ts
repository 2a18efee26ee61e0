import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_TOKEN, freePort } from './server.js';
import { npmStart } from './start-command.js';

/**
 * The real Node entry point (`npm start`) as a child process, as test/node/logs.test.ts and
 * shutdown.test.ts start it: its own memory (RSS) can be read, and everything it writes is kept.
 */
export interface NodeProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  url: string;
  /** All the process wrote so far. */
  stdout(): string;
  stderr(): string;
  /** Resident set size and its peak (VmRSS, VmHWM from /proc/<pid>/status), in bytes. */
  memory(): { rss: number; peak: number };
  stop(): Promise<void>;
}

export async function startNodeProcess(env: Record<string, string> = {}): Promise<NodeProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'registry-process-'));
  const port = await freePort();
  const child = spawn(npmStart.command, npmStart.args, {
    env: {
      ...process.env, ...npmStart.env,
      PORT: String(port),
      DATABASE_PATH: join(dir, 'registry.sqlite'),
      REGISTRY_ADMIN_TOKEN: ADMIN_TOKEN,
      KEYS_DIR: join(dir, 'keys'),
      // The start makes MAIL_DIR: this process's own folder, not the repository's data/mail.
      MAIL_DIR: join(dir, 'mail'),
      RATE_LIMIT_PUBLIC_PER_MINUTE: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', () => stdout.includes('Registry listening') && resolve());
    child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${stdout}${stderr}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kib = (status: string, field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return {
    child,
    pid: child.pid!,
    port,
    url: `http://127.0.0.1:${port}`,
    stdout: () => stdout,
    stderr: () => stderr,
    memory() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return { rss: kib(status, 'VmRSS'), peak: kib(status, 'VmHWM') };
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface StreamedAnswer {
  status: number;
  contentType: string;
  text: string;
  /** Body bytes the client had written when the answer came. */
  sent: number;
}

/**
 * POSTs `prefix` followed by `total` bytes of `fill`, chunked (no Content-Length), generated
 * lazily in 64 KiB chunks with back-pressure, and stops sending as soon as the answer arrives.
 * The server may close the connection after answering: that is fine once the answer was read;
 * a connection that fails before an answer is read rejects.
 */
export function streamChunked(
  port: number,
  path: string,
  { headers, prefix, total, fill = 0x61 }: { headers: Record<string, string>; prefix: string; total: number; fill?: number },
): Promise<StreamedAnswer> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } }, (res) => {
      answered = true;
      const sentWhenAnswered = sent;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode!, contentType: String(res.headers['content-type'] ?? ''), text, sent: sentWhenAnswered });
        req.destroy();
      });
      res.on('error', (error) => reject(new Error(`the answer (${res.statusCode}) was cut off: ${error.message}`)));
    });
    req.on('error', (error) => {
      if (!answered) reject(new Error(`the connection failed before an answer was read (after ${sent} bytes sent): ${error.message}`));
    });
    const chunk = Buffer.alloc(64 * 1024, fill);
    const pump = () => {
      while (!answered && !req.destroyed && sent < total) {
        const n = Math.min(chunk.length, total - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void req.once('drain', pump);
      }
      if (!answered && !req.destroyed) req.end();
    };
    req.write(prefix);
    pump();
  });
}
