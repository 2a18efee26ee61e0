import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll } from 'vitest';
import { freePort, startTestServer, type TestServer } from './server.js';

export interface ReceivedMail {
  /** RCPT TO of the SMTP session (what the server was asked to deliver to). */
  to: string[];
  from: string;
  parsed: ParsedMail;
  /** Decoded subject, plain text and HTML parts. */
  subject: string;
  text: string;
  html: string;
}

export interface SmtpSink {
  port: number;
  /** SMTP_URL for the registry: plain SMTP on loopback, no TLS, no authentication. */
  url: string;
  received: ReceivedMail[];
  /** Waits until a received message matches (default 20 s) and returns it. */
  waitFor(match: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** Messages received for `address` (case-insensitive). */
  to(address: string): ReceivedMail[];
  /** Stops listening (the port then refuses connections), and starts again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server from npm) in the test process, on 127.0.0.1: every message it
 * accepts is parsed with mailparser and kept in `received`.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const port = await freePort();
  const received: ReceivedMail[] = [];
  let server: SMTPServer | null = null;

  const start = () =>
    new Promise<void>((resolve, reject) => {
      const s = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onData(stream, session, callback) {
          simpleParser(stream)
            .then((parsed) => {
              received.push({
                to: session.envelope.rcptTo.map((r) => r.address),
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                parsed,
                subject: parsed.subject ?? '',
                text: parsed.text ?? '',
                html: typeof parsed.html === 'string' ? parsed.html : '',
              });
              callback();
            })
            .catch((error: Error) => callback(error));
        },
      });
      s.on('error', reject);
      s.listen(port, '127.0.0.1', () => {
        server = s;
        resolve();
      });
    });

  await start();
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    to: (address) => received.filter((m) => m.to.some((to) => to.toLowerCase() === address.toLowerCase())),
    async waitFor(match, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find(match);
        if (found) return found;
        if (Date.now() > deadline) {
          throw new Error(`no matching message in ${timeoutMs} ms; received: ${JSON.stringify(received.map((m) => ({ to: m.to, subject: m.subject })))}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    start,
  };
}

/**
 * A registry that sends its e-mail over SMTP to a sink of its own, for one test file: started in
 * beforeAll and stopped in afterAll. Read `server`, `smtp` and `baseUrl` inside the tests.
 */
export function registryWithSmtpSink(env: Record<string, string> = {}): { server: TestServer; smtp: SmtpSink; baseUrl: string } {
  const running = {} as { server: TestServer; smtp: SmtpSink; baseUrl: string };
  beforeAll(async () => {
    running.smtp = await startSmtpSink();
    const port = await freePort();
    running.baseUrl = `http://127.0.0.1:${port}`;
    running.server = await startTestServer({ PORT: String(port), PUBLIC_BASE_URL: running.baseUrl, SMTP_URL: running.smtp.url, ...env });
  }, 120_000);
  afterAll(async () => {
    await running.server?.close();
    await running.smtp?.stop();
  });
  return running;
}
