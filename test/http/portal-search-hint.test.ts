/**
 * The portal's search box says what it finds: a recruiting site's staff holding a 法人番号 (or a
 * municipality's 地方公共団体コード) learns from the form itself that the box takes it, on the home
 * page and on /organizations, in Japanese and English; the hint is the input's description.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corporateNumberFor, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await seedCompany(server, { n: 41, publish: true, name: '検索案内テスト株式会社' });
});

afterAll(async () => {
  await server?.close();
});

const html = async (path: string) => {
  const response = await server.call('GET', path, { token: null });
  expect(response.status, path).toBe(200);
  return response.text;
};
/** The search box's description: the text of the element its aria-describedby names. */
function searchHint(page: string): string {
  const input = /<input id="search-q"[^>]*>/.exec(page)?.[0] ?? '';
  const described = /aria-describedby="([^"]+)"/.exec(input)?.[1];
  if (!described) return '';
  return new RegExp(`id="${described}"[^>]*>([^<]*)<`).exec(page)?.[1] ?? '';
}

describe('the search box names what it searches', () => {
  it('home and /organizations, in Japanese: 団体名, 法人番号 (13 digits), 地方公共団体コード (6 digits)', async () => {
    for (const path of ['/', '/organizations']) {
      const hint = searchHint(await html(path));
      expect(hint, path).toContain('法人番号（13桁）');
      expect(hint, path).toContain('地方公共団体コード（6桁）');
      expect(hint, path).toContain('ふりがな');
    }
  });

  it('in English too', async () => {
    for (const path of ['/?lang=en', '/organizations?lang=en']) {
      const hint = searchHint(await html(path));
      expect(hint, path).toContain('corporate number (13 digits)');
      expect(hint, path).toContain('local government code (6 digits)');
    }
  });

  it('and a 法人番号 typed as the hint says finds the organization', async () => {
    const page = await html(`/organizations?q=${corporateNumberFor(41)}`);
    expect(page).toContain('検索案内テスト株式会社');
  });

  it('and so does an invoice registration number (T + 法人番号), half- or full-width, with or without hyphens', async () => {
    const number = corporateNumberFor(41);
    for (const q of [`T${number}`, `Ｔ${number}`, `t${number}`, `T-${number.slice(0, 1)}-${number.slice(1, 5)}-${number.slice(5, 9)}-${number.slice(9)}`, `Ｔ${number.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))}`]) {
      expect(await html(`/organizations?q=${encodeURIComponent(q)}`), q).toContain('検索案内テスト株式会社');
    }
  });

  it('but T followed by 13 digits that are not a valid 法人番号 finds no one', async () => {
    const number = corporateNumberFor(41);
    const wrongCheck = `${(Number(number[0]) % 9) + 1}${number.slice(1)}`;
    expect(await html(`/organizations?q=T${wrongCheck}`)).not.toContain('検索案内テスト株式会社');
  });
});
