/**
 * Publication end to end as one autocannon request sequence, run by every connection in turn:
 * create an organization, create its declaration, submit it, publish it (which signs both forms
 * and commits them with their status entries). The ids come from the answers. Driven by
 * autocannon in the load process: the bench's own fetch clients cost ~3 ms of CPU per
 * publication on the cores the server needs, which held its rate down.
 */
import type { Request } from 'autocannon';
import { corporateNumberFor } from '../../test/helpers/corporate-number.js';

const AREAS = ['labor', 'personnel', 'compensation', 'connectivity', 'security'];

/** A declaration of its own shape: guideline areas, purposes and the optional texts vary with i. */
export const declarationInput = (i: number) => ({
  signerName: '山田 太郎',
  signerTitle: '代表取締役',
  committedOn: '2025-04-01',
  guidelineAreas: AREAS.filter((_, bit) => ((i % 31) + 1) & (1 << bit)),
  ...(i % 2 ? { policy: `転職なき移住を支援します（${i}）。` } : {}),
  ...(i % 3 ? { measures: 'サテライトオフィスの設置、通信費の補助。'.repeat(1 + (i % 4)) } : {}),
  ...(i % 5 ? { purposes: ['1', '2', '3', '5'].slice(0, 1 + (i % 5)) } : {}),
});

/** An organization body; n picks its (unique, valid) 法人番号. */
export const organizationInput = (n: number) => ({
  kind: 'company',
  name: `ベンチ株式会社${n}`,
  corporateNumber: corporateNumberFor(n),
  prefectureCode: String(1 + (n % 47)).padStart(2, '0'),
});

type Context = { n?: number; organizationId?: string; declarationId?: string };
const idOf = (body: string): string => (JSON.parse(body) as { id: string }).id;

/** The four requests; organizations are numbered from `first` on (a range no one else uses). */
export function publicationRequests(first: number): Request[] {
  let next = first;
  return [
    {
      method: 'POST',
      path: '/api/v1/organizations',
      setupRequest: (request: Request, context: Context) => {
        context.n = next++;
        return { ...request, body: JSON.stringify(organizationInput(context.n)) };
      },
      onResponse: (_status: number, body: string, context: Context) => (context.organizationId = idOf(body)),
    },
    {
      method: 'POST',
      setupRequest: (request: Request, context: Context) => ({
        ...request,
        path: `/api/v1/organizations/${context.organizationId}/declarations`,
        body: JSON.stringify(declarationInput(context.n!)),
      }),
      onResponse: (_status: number, body: string, context: Context) => (context.declarationId = idOf(body)),
    },
    { method: 'POST', setupRequest: (request: Request, context: Context) => ({ ...request, path: `/api/v1/declarations/${context.declarationId}/submit` }) },
    { method: 'POST', setupRequest: (request: Request, context: Context) => ({ ...request, path: `/api/v1/declarations/${context.declarationId}/publish` }) },
  ] as Request[];
}
