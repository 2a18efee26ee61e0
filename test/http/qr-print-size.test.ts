/**
 * The QR code for print (GET /credentials/{id}/qr.png?size=N), on Node and on the Worker: at least
 * N pixels square (the badge kit asks for 1,200), whole pixels per module, and a 400 for a size
 * that is not a number of pixels from 64 to 2400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialUuid, declarationCredential } from '../helpers/credentials.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let id: string;

const png = async (query: string) => {
  const response = await fetch(`${server.url}/credentials/${id}/qr.png${query}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const view = new DataView(bytes.buffer);
  return { response, bytes, width: bytes.length >= 24 ? view.getUint32(16) : 0, height: bytes.length >= 24 ? view.getUint32(20) : 0 };
};

beforeAll(async () => {
  server = await startTestServer();
  const company = await seedCompany(server, { publish: true });
  id = credentialUuid((await declarationCredential(server, company.declarationId)).ref.id);
});

afterAll(async () => {
  await server?.close();
});

describe('qr.png?size', () => {
  it('size=1200 gives a square PNG of at least 1,200 px, in whole pixels per module', async () => {
    const { response, bytes, width, height } = await png('?size=1200');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(width).toBeGreaterThanOrEqual(1200);
    expect(width).toBe(height);
    const plain = await png('');
    // The default (8 px per module) is unchanged and smaller; the print size is a whole multiple of the module count.
    expect(plain.width).toBeLessThan(1200);
    expect(width % (plain.width / 8)).toBe(0);
  });

  it('refuses a size that is not 64 to 2400 pixels (400, with the field named)', async () => {
    for (const size of ['abc', '10', '5000', '-1', '1e3', '']) {
      const response = await server.call('GET', `/credentials/${id}/qr.png?size=${size}`, { token: null });
      expect(response.status, size).toBe(400);
      expect(response.body.errors?.[0]?.field, size).toBe('size');
    }
  });
});
