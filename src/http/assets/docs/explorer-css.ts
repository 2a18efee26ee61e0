import { DOCS_CSS } from './docs-css.js';

// /docs/explorer.css, kept at its documented address for anyone who linked it. The /docs page
// itself takes these rules from the site's stylesheet (site-css.ts appends DOCS_CSS), whose
// custom properties they use.
export const EXPLORER_CSS = DOCS_CSS;
