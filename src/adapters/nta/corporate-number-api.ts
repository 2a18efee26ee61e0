import { DomainError } from '../../domain/errors.js';
import {
  corporateNumberInput, lookupUnavailable, type CorporateNumberLookup, type CorporateRecord, type LookupFailure,
} from '../../ports/corporate-lookup.js';
import { NTA_API_DEFAULT_URL } from '../../web-settings.js';
import { parseXml, type XmlElement } from './xml.js';

export interface NtaCorporateNumberApiOptions {
  /** The application ID the National Tax Agency issued (NTA_APPLICATION_ID). A credential: never logged nor shown. */
  applicationId: string;
  /** Base URL without the version (NTA_API_URL; default the official one). */
  baseUrl?: string;
  /** Per lookup, answer included (default 5 s): a form waits on it. */
  timeoutMs?: number;
  /** Largest answer read (default 1 MiB; one corporation is about 2 KB). */
  maxBytes?: number;
  fetch?: typeof fetch;
}

/**
 * The National Tax Agency's 法人番号システム Web-API, Ver. 4, with fetch only (Workers and Node):
 *   GET {baseUrl}/4/num?id={applicationId}&number={法人番号}&type=12&history=0
 * type=12 answers XML in Unicode (UTF-8), history=0 the latest record only:
 *   <corporations><lastUpdateDate/><count/><divideNumber/><divideSize/>
 *     <corporation><sequenceNumber/><corporateNumber/><process/><correct/><updateDate/><changeDate/>
 *       <name/><nameImageId/><kind/><prefectureName/><cityName/><streetNumber/><addressImageId/>
 *       <prefectureCode/><cityCode/><postCode/><addressOutside/><addressOutsideImageId/>
 *       <closeDate/><closeCause/><successorCorporateNumber/><changeCause/><assignmentDate/><latest/>
 *       <enName/><enPrefectureName/><enCityName/><enAddressOutside/><furigana/><hihyoji/>
 *     </corporation></corporations>
 * count 0 (no corporation element) means no corporation has that number. Errors come as HTTP
 * 400/403/404/500; redirects are not followed (the URL carries the application ID).
 */
export function createNtaCorporateNumberLookup(options: NtaCorporateNumberApiOptions): CorporateNumberLookup {
  const { applicationId, timeoutMs = 5_000, maxBytes = 1024 * 1024, fetch: fetchFn = fetch } = options;
  const baseUrl = (options.baseUrl ?? NTA_API_DEFAULT_URL).replace(/\/+$/, '');
  return {
    source: 'nta',
    async lookup(input) {
      const corporateNumber = corporateNumberInput(input);
      const query = new URLSearchParams({ id: applicationId, number: corporateNumber, type: '12', history: '0' });
      const signal = AbortSignal.timeout(timeoutMs);
      // Failures below are described by reason only: the URL (and so the ID) is never put in an error.
      let body: string;
      try {
        const response = await fetchFn(`${baseUrl}/4/num?${query}`, { headers: { accept: 'application/xml' }, redirect: 'manual', signal });
        if (!response.ok) {
          await response.body?.cancel().catch(() => undefined);
          throw lookupUnavailable(response.status === 401 || response.status === 403 ? 'refused' : 'http-status', response.status);
        }
        body = await readUtf8(response, maxBytes);
      } catch (error) {
        if (error instanceof DomainError) throw error;
        if (error instanceof LookupError) throw lookupUnavailable(error.reason);
        throw lookupUnavailable(signal.aborted ? 'timeout' : 'network');
      }
      try {
        return recordOf(parseXml(body), corporateNumber);
      } catch {
        throw lookupUnavailable('malformed');
      }
    },
  };
}

class LookupError extends Error {
  constructor(readonly reason: LookupFailure) {
    super(reason);
  }
}

/** The body as UTF-8, at most maxBytes of it (a wrong server must not fill the memory). */
async function readUtf8(response: Response, maxBytes: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new LookupError('malformed');
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new LookupError('malformed');
  }
}

const child = (element: XmlElement, name: string) => element.children.find((c) => c.name === name);
/** A leaf's text, or null when absent or empty (the API writes <closeDate/> for "none"). */
const leaf = (element: XmlElement, name: string): string | null => {
  const text = child(element, name)?.text.trim();
  return text ? text : null;
};
const PREFECTURE_CODE = /^(0[1-9]|[1-3]\d|4[0-7])$/;

/** The record for `corporateNumber` in a parsed answer, null when there is none; throws on a shape that is not the documented one. */
export function recordOf(root: XmlElement, corporateNumber: string): CorporateRecord | null {
  if (root.name !== 'corporations') throw new Error(`unexpected root <${root.name}>`);
  const count = leaf(root, 'count');
  if (count === null || !/^\d+$/.test(count)) throw new Error('no count');
  const corporations = root.children.filter((c) => c.name === 'corporation');
  if (Number(count) > 0 && corporations.length === 0) throw new Error('count without corporations');
  for (const c of corporations) {
    if (!/^\d{13}$/.test(leaf(c, 'corporateNumber') ?? '') || leaf(c, 'name') === null) throw new Error('corporation without number or name');
  }
  if (corporations.length === 0) return null;
  const matching = corporations.filter((c) => leaf(c, 'corporateNumber') === corporateNumber);
  // One number asked, so any other number in the answer means it is not an answer to this request.
  if (matching.length !== corporations.length) throw new Error('answer for another number');
  const corporation = matching.find((c) => leaf(c, 'latest') === '1') ?? matching[matching.length - 1]!;
  // 処理区分 99 (削除): the number was withdrawn; no corporation has it.
  if (leaf(corporation, 'process') === '99') return null;
  const closeDate = leaf(corporation, 'closeDate');
  const prefectureCode = leaf(corporation, 'prefectureCode');
  const postCode = leaf(corporation, 'postCode');
  return {
    corporateNumber,
    name: leaf(corporation, 'name')!,
    furigana: leaf(corporation, 'furigana'),
    enName: leaf(corporation, 'enName'),
    prefectureName: leaf(corporation, 'prefectureName') ?? '',
    cityName: leaf(corporation, 'cityName') ?? '',
    streetNumber: leaf(corporation, 'streetNumber') ?? '',
    addressOutside: leaf(corporation, 'addressOutside'),
    postCode: postCode && /^\d{7}$/.test(postCode) ? postCode : null,
    prefectureCode: prefectureCode && PREFECTURE_CODE.test(prefectureCode) ? prefectureCode : null,
    closed: closeDate !== null,
    closeDate,
    updateDate: leaf(corporation, 'updateDate'),
  };
}
