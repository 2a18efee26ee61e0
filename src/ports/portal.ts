// The public portal's read model (/, /organizations, /awards): totals, numbered pages in a stated
// order, and the figures of the home page. Reads only; the API's cursor search stays as it is.
import type { Award, Organization, OrganizationKind } from '../domain/model.js';

/** 'recent': newest publication or award first; 'name': by reading (name_kana, else the name); 'name-en': by English name, else as 'name'. */
export type PortalSort = 'recent' | 'name' | 'name-en';
export const PORTAL_SORTS: readonly PortalSort[] = ['recent', 'name', 'name-en'];

export interface PortalListQuery {
  q?: string;
  kind?: OrganizationKind;
  prefectureCode?: string;
  industryCode?: string;
  awardYear?: number;
  awardCategory?: string;
  sort: PortalSort;
  offset: number;
  limit: number;
}

export type PortalAward = Pick<Award, 'id' | 'fiscalYear' | 'categoryCode' | 'status' | 'awardedOn'>;

/** One organization 公表中 now: a published declaration, or an award that is not revoked. */
export interface PortalListing {
  organization: Organization;
  /** When its published declaration was published (ISO instant); null for an organization listed by its awards alone. */
  publishedAt: string | null;
  /** Its awards that are not revoked, newest fiscal year first. */
  awards: PortalAward[];
}

export interface PortalFigures {
  /** Declarations published now. */
  declarations: number;
  /** Organizations 公表中 by kind. */
  companies: number;
  municipalities: number;
  /** Awards that are not revoked. */
  awards: number;
}

/** An organization's public page, for search engines' sitemaps: its id and when what it shows last changed (ISO instant). */
export interface PortalPage {
  id: string;
  lastModified: string;
}

export interface PortalReader {
  /** The organizations 公表中 that match, one page in the given order, with how many match in all. */
  list(query: PortalListQuery): Promise<{ total: number; items: PortalListing[] }>;
  figures(): Promise<PortalFigures>;
  /** Awards that are not revoked (of one fiscal year, or all), newest award date first, with their organizations and partner municipalities (連携自治体). */
  awards(query: { fiscalYear?: number; limit: number }): Promise<{ award: Award; organization: Organization; partner: Organization | null }[]>;
  /** Fiscal years with at least one award that is not revoked, newest first. */
  awardYears(): Promise<number[]>;
  /**
   * Every organization with a public page (a public record, now or once: the page keeps its
   * history), in a stable order (by id), one slice, with how many there are in all.
   */
  pages(query: { offset: number; limit: number }): Promise<{ total: number; items: PortalPage[] }>;
}
