import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { DomainError } from '../domain/errors.js';
import { problemOf } from '../http/problem.js';

const REASONS: Record<number, string> = { 400: 'Bad Request', 431: 'Request Header Fields Too Large' };

const headersTooLarge = () =>
  new DomainError('headers-too-large', 'リクエストの URL またはヘッダーが長すぎます（合計 16 KiB まで）。', 'The request URL or headers are too long (16 KiB in all).');
const notHttp = () => new DomainError('validation', 'リクエストを HTTP として解釈できません。', 'The request is not valid HTTP.');

/**
 * Requests Node's HTTP parser refuses before the app sees them (a URL or headers over 16 KiB, a
 * malformed request line) get the same RFC 9457 problem+json as any other refusal, instead of
 * Node's bare status line with no body. A request that timed out keeps Node's plain 408: its
 * client stopped sending and is not reading either.
 */
export function answerUnparsedRequests(server: Server, publicBaseUrl: string): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex & { _httpMessage?: { headersSent?: boolean } }) => {
    // A response already under way on this connection (keep-alive) cannot be followed by another.
    if (error.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?.headersSent) {
      socket.destroy();
      return;
    }
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      socket.end('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
      return;
    }
    const { status, body } = problemOf(error.code === 'HPE_HEADER_OVERFLOW' ? headersTooLarge() : notHttp(), { baseUrl: publicBaseUrl });
    const json = JSON.stringify(body);
    socket.end(
      `HTTP/1.1 ${status} ${REASONS[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(json)}\r\n` +
        `Cache-Control: no-store\r\nConnection: close\r\n\r\n${json}`,
    );
  });
}
