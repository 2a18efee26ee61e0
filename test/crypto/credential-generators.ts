/**
 * Generators of the registry's own credentials with varied values, shared by the tests of the
 * canonicalization fast paths (shape templates, node fragments).
 */
import { mulberry32 } from '../../src/cli/seeded-random.js';
import {
  buildAwardCredential,
  buildDeclarationCredential,
  buildStatusListCredential,
  type CredentialCommonInput,
  type GuidelineArea,
} from '../../src/domain/credentials/open-badge.js';
import { baseUrl } from './fixtures.js';

type Json = Record<string, unknown>;

/** Text pieces with everything that N-Quads escaping or JSON-LD might treat specially. */
export const PLAIN_PIECES = [
  '株式会社みらいワーク',
  '千代田区',
  '地方創生テレワーク',
  'Mirai Work Inc.',
  '"double quotes"',
  "it's",
  'back\\slash \\n \\u0041',
  'new\nline',
  'cr\r\nlf',
  'tab\there',
  '😀🎌👩‍💻',
  'é ñ ü',
  '\u0000\u0001\u001f\u007f',
  '\u2028\u2029',
  '\ud800 lone surrogate',
  '<not a tag>',
  ' leading and trailing ',
  '　全角スペース　',
  '{"json": [1, 2]}',
  '@not-a-keyword',
  '%E3%81%82',
  '',
];
/** Pieces that change the shape (IRI-looking text, blank-node-looking text, term names). */
export const SHAPE_PIECES = ['https://example.com/x', 'urn:uuid:1234', 'ext:Foo', '_:b0', 'name', 'Achievement', 'mailto:a@b.c'];

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Declaration and award credentials (seeded) and status list credentials issued by `issuerDid`. */
export function credentialGenerators(issuerDid: string) {
  function generator(seed: number, { shapeChanging }: { shapeChanging: boolean }) {
    const random = mulberry32(seed);
    const int = (n: number) => Math.floor(random() * n);
    const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
    const maybe = (p = 0.5) => random() < p;
    const text = () => {
      const pieces = shapeChanging && maybe(0.2) ? [...PLAIN_PIECES, ...SHAPE_PIECES] : PLAIN_PIECES;
      const n = 1 + int(3);
      let s = Array.from({ length: n }, () => pick(pieces)).join(maybe() ? ' ' : '');
      if (maybe(0.05)) s = s.repeat(200) + 'あ'.repeat(3000);
      return s;
    };
    const date = () => new Date(Date.UTC(2019 + int(15), int(12), 1 + int(28), int(24), int(60), int(60))).toISOString().replace('.000', '');
    const day = () => date().slice(0, 10);
    const encoded = (s: string) => encodeURIComponent(s.replace(LONE_SURROGATE, '')).slice(0, 40);
    const idPart = () => pick(['org-1', 'a', `x${int(1e9)}`, crypto.randomUUID(), 'テスト', encoded(text()) || 'e']);

    function common(): CredentialCommonInput {
      const ids = int(4);
      return {
        baseUrl,
        credentialId: crypto.randomUUID(),
        issuer: { id: issuerDid, nameJa: '地方創生テレワーク推進登録簿', nameEn: 'Regional Telework Registry', url: baseUrl },
        organization: {
          id: idPart(),
          name: text(),
          ...(maybe() ? { nameEn: text() || 'n' } : {}),
          kind: pick(['company', 'municipality', 'other'] as const),
          ...(ids & 1 ? { corporateNumber: String(1e12 + int(9e12)) } : {}),
          ...(ids & 2 ? { localGovernmentCode: String(100000 + int(900000)) } : {}),
          prefectureCode: String(1 + int(47)).padStart(2, '0'),
        },
        validFrom: date(),
        ...(maybe(0.7) ? { validUntil: date() } : {}),
        status: {
          revocation: { listUrl: `${baseUrl}/status-lists/${idPart()}`, index: int(131072) },
          suspension: { listUrl: `${baseUrl}/status-lists/${idPart()}`, index: int(131072) },
        },
      };
    }

    return (): Json => {
      if (maybe()) {
        const areas: GuidelineArea[] = ['labor', 'personnel', 'compensation', 'connectivity', 'security'];
        return buildDeclarationCredential({
          ...common(),
          declaration: {
            declarationId: idPart(),
            version: pick([1, 2, 3, 17, 0, 123456789]),
            committedOn: day(),
            guidelineAreas: areas.filter(() => maybe(0.6)),
            ...(maybe() ? { policy: text() || 'p' } : {}),
          },
        });
      }
      return buildAwardCredential({
        ...common(),
        award: {
          awardId: idPart(),
          fiscalYear: 2019 + int(20),
          categoryCode: pick(['minister', 'excellence', 'special', encoded(text()) || 'c', 'a b/c?d']),
          categoryNameJa: text() || '大臣賞',
          categoryNameEn: text() || "Minister's Award",
          ...(maybe() ? { division: text() || 'd' } : {}),
          ...(maybe() ? { divisionEn: text() || 'e' } : {}),
          ...(maybe() ? { overview: text() || 'o' } : {}),
          ...(maybe() ? { awardedOn: day() } : {}),
        },
      });
    };
  }

  function statusListGenerator(seed: number) {
    const random = mulberry32(seed);
    const int = (n: number) => Math.floor(random() * n);
    return (): Json =>
      buildStatusListCredential({
        baseUrl,
        listId: random() < 0.5 ? crypto.randomUUID() : `list-${int(1000)}`,
        purpose: random() < 0.5 ? 'revocation' : 'suspension',
        encodedList: `u${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(8 + int(64))))).replace(/=+$/, '')}`,
        validFrom: new Date(Date.UTC(2020 + int(10), int(12), 1 + int(28))).toISOString(),
        ...(random() < 0.5 ? { validUntil: new Date(Date.UTC(2031 + int(10), int(12), 1 + int(28))).toISOString() } : {}),
        issuer: issuerDid,
      });
  }
  return { generator, statusListGenerator };
}

/** The outcome of a canonicalization: the N-Quads, or that it threw. */
export async function outcome(run: () => Promise<string>): Promise<string> {
  try {
    return await run();
  } catch (error) {
    return `threw: ${error instanceof Error ? error.name : 'error'}`;
  }
}

