import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One message as the registry posted it to the HTTP mail API (MAIL_API_URL). */
export interface PostedMail {
  headers: IncomingMessage['headers'];
  body: any;
}

/**
 * A stand-in for an HTTP mail API (MAIL_API_URL) on loopback: it accepts every message with 202
 * and keeps what was posted, in order.
 */
export async function startMailApiSink(): Promise<{ url: string; posted: PostedMail[]; close(): Promise<void> }> {
  const posted: PostedMail[] = [];
  const api = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      posted.push({ headers: request.headers, body: JSON.parse(body) });
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(api.address() as AddressInfo).port}/send`,
    posted,
    async close() {
      api.closeAllConnections();
      await new Promise((resolve) => api.close(resolve));
    },
  };
}
