import { createHash } from 'node:crypto';
import { digests } from '../../domain/encoding.js';

/** SHA-256 by node:crypto (OpenSSL) on the calling thread: the same digests as the Web Crypto version in domain/encoding.ts. */
export const nodeDigests: typeof digests = {
  sha256: async (data) => new Uint8Array(createHash('sha256').update(data).digest()),
  sha256Hex: async (data) => createHash('sha256').update(data).digest('hex'),
};

/** Called once by the Node composition root (src/node/server.ts). */
export function useNodeDigests(): void {
  Object.assign(digests, nodeDigests);
}
