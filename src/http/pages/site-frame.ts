// What every page's frame (header and footer) shows about the operator: set per app from the
// configuration and provided per render (a hono/jsx context), never held in a module variable,
// because a Workers isolate may serve several apps.
import { createContext, jsx, useContext } from 'hono/jsx';

export interface SiteSettings {
  /** The operating authority named in the footer (SITE_OPERATOR_NAME). */
  operatorName: string;
  /** Footer links; each is omitted when unset. */
  contactUrl: string | null;
  privacyUrl: string | null;
  termsUrl: string | null;
  accessibilityUrl: string | null;
}

/** Shown until an operator sets SITE_OPERATOR_NAME. */
export const DEFAULT_OPERATOR_NAME = '地方創生テレワーク推進事務局';

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
