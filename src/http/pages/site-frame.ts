// What every page's frame (header and footer) shows about the operator: set per app from the
// configuration and provided per render (a hono/jsx context), never held in a module variable,
// because a Workers isolate may serve several apps.
import { createContext, jsx, useContext } from 'hono/jsx';
import type { Bilingual } from './i18n.js';

export interface SiteSettings {
  /**
   * The operating authority named in the footer, in each language (SITE_OPERATOR_NAME,
   * SITE_OPERATOR_NAME_EN); an operator who names itself in Japanese only keeps that name in English.
   */
  operatorName: Bilingual;
  /** Footer links; each is omitted when unset. */
  contactUrl: string | null;
  privacyUrl: string | null;
  termsUrl: string | null;
  accessibilityUrl: string | null;
}

/** Shown until an operator sets SITE_OPERATOR_NAME (and SITE_OPERATOR_NAME_EN). */
export const DEFAULT_OPERATOR_NAME: Bilingual = { ja: '地方創生テレワーク推進事務局', en: 'Regional Revitalization Telework Promotion Secretariat' };

export interface SiteFrame extends SiteSettings {
  /** The official address people should check (PUBLIC_BASE_URL); null outside a configured app. */
  publicBaseUrl: string | null;
}

export const DEFAULT_SITE_FRAME: SiteFrame = {
  operatorName: DEFAULT_OPERATOR_NAME,
  contactUrl: null,
  privacyUrl: null,
  termsUrl: null,
  accessibilityUrl: null,
  publicBaseUrl: null,
};

const SiteFrameContext = createContext<SiteFrame>(DEFAULT_SITE_FRAME);

export const useSiteFrame = (): SiteFrame => useContext(SiteFrameContext);

/** The element rendered with this request's site frame available to the layout. */
export function withSiteFrame(frame: SiteFrame | undefined, element: unknown): { toString(): string | Promise<string> } {
  return jsx(SiteFrameContext.Provider, { value: frame ?? DEFAULT_SITE_FRAME }, element as never);
}
