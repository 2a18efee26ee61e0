import { CLAIMS_VS_RECORD_CSS } from './claims-vs-record-css.js';
import { ADMIN_CSS } from './admin-css.js';
import { PORTAL_CSS } from './portal-css.js';
import { DOCS_CSS } from './docs/docs-css.js';
// The site's only stylesheet, served from /assets/ by the registry itself (no third-party
// requests, and a Content-Security-Policy without 'unsafe-inline'). Kept as a TypeScript string so
// the Worker bundle carries it without a file system.
// Colours are the Digital Agency design system's: blue #0017C1 for links and actions, text
// #1A1A1C on white; every text colour here meets WCAG 2.1 AA (4.5:1) on its background.
// Mobile first: one column, then wider spacing from 48em.

export const SITE_CSS = `
:root {
  --blue: #0017c1; --blue-dark: #00118f; --blue-light: #e8f1fe;
  --ink: #1a1a1c; --muted: #4d4d50; --line: #b4b4b8; --surface: #f2f2f2; --white: #ffffff;
  --ok: #115a36; --ok-bg: #e6f5ec; --warn: #6e4500; --warn-bg: #fff3c4;
  --bad: #b00000; --bad-bg: #fdeeee; --old: #4d4d50; --old-bg: #ececef;
  --focus: #c55f00;
  font-family: "Noto Sans JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "BIZ UDPGothic", Meiryo, sans-serif;
  color: var(--ink); background: var(--white); line-height: 1.7; -webkit-text-size-adjust: 100%;
}
*, *::before, *::after { box-sizing: border-box; }
body { margin: 0; font-size: 1rem; }
a { color: var(--blue); text-underline-offset: 0.2em; }
a:hover { color: var(--blue-dark); text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px; }
.skip-link { position: absolute; left: 0.5rem; top: -4rem; z-index: 10; padding: 0.5rem 1rem; background: var(--white); color: var(--blue); border: 2px solid var(--blue); }
.skip-link:focus { top: 0.5rem; }
.site-header { background: var(--white); border-bottom: 1px solid var(--line); }
.site-header__inner, .site-main, .site-footer__inner { max-width: 64rem; margin: 0 auto; padding: 0 1rem; }
.site-header__inner { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; padding-top: 0.75rem; padding-bottom: 0.75rem; }
.brand { display: flex; align-items: center; gap: 0.6rem; color: var(--ink); text-decoration: none; font-weight: 700; line-height: 1.4; flex: 1 1 16rem; }
.brand img { flex: none; }
.brand small { display: block; font-weight: 400; font-size: 0.75rem; color: var(--muted); }
.site-nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0; padding: 0; list-style: none; }
.site-nav a { display: inline-block; padding: 0.25rem 0; font-weight: 700; }
.site-nav a[aria-current="page"] { color: var(--ink); text-decoration-thickness: 3px; }
.lang-switch { font-size: 0.875rem; }
.site-main { padding-top: 1.5rem; padding-bottom: 3rem; }
.site-footer { background: var(--surface); border-top: 1px solid var(--line); font-size: 0.875rem; }
.site-footer__inner { padding-top: 1.25rem; padding-bottom: 1.25rem; }
/* A heading is often a name the organization typed (an English name with no space in it): it wraps rather than widening the page. */
h1 { font-size: 1.5rem; line-height: 1.4; margin: 0 0 1rem; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; line-height: 1.4; margin: 2rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 2px solid var(--blue); }
h3 { font-size: 1.0625rem; margin: 1.25rem 0 0.5rem; }
p { margin: 0 0 1rem; }
.lead { font-size: 1.0625rem; }
.muted { color: var(--muted); }
.verdict { display: flex; gap: 1rem; align-items: flex-start; padding: 1rem; margin: 0 0 1.5rem; border: 3px solid; border-radius: 8px; }
.verdict__icon { flex: none; width: 3rem; height: 3rem; }
.verdict__word { display: block; font-size: 1.75rem; font-weight: 700; line-height: 1.3; }
.verdict__note { display: inline-block; font-size: 1.125rem; }
.verdict__label { display: block; font-size: 0.875rem; font-weight: 700; }
/* A trusted issuer is named in the verdict by its DID: one long word that must wrap on a phone. */
.verdict p { margin: 0.25rem 0 0; overflow-wrap: anywhere; }
.verdict--valid { border-color: var(--ok); background: var(--ok-bg); color: var(--ok); }
.verdict--suspended { border-color: var(--warn); background: var(--warn-bg); color: var(--warn); }
.verdict--revoked, .verdict--withdrawn, .verdict--superseded, .verdict--key-retired, .verdict--invalid, .verdict--unknown { border-color: var(--bad); background: var(--bad-bg); color: var(--bad); }
.verdict--expired { border-color: var(--old); background: var(--old-bg); color: var(--old); }
/* Neither green nor red: the signature was not checked, so nothing is claimed either way. */
.verdict--unchecked { border-color: var(--old); background: var(--old-bg); color: var(--old); }
.verdict p, .verdict a { color: var(--ink); }
.facts { margin: 0; display: grid; grid-template-columns: 1fr; }
.facts > div { padding: 0.6rem 0; border-bottom: 1px solid var(--line); }
.facts dt { font-weight: 700; font-size: 0.875rem; color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.chips { display: flex; flex-wrap: wrap; gap: 0.4rem; margin: 0; padding: 0; list-style: none; }
.chips li { padding: 0.1rem 0.6rem; border: 1px solid var(--blue); border-radius: 999px; color: var(--blue); font-size: 0.875rem; }
.prose { white-space: pre-wrap; overflow-wrap: anywhere; }
.declaration-details { margin-top: 0.5rem; }
.declaration-details__purposes { margin: 0; padding: 0; list-style: none; }
.card-list { margin: 0; padding: 0; list-style: none; display: grid; gap: 0.75rem; }
.card { padding: 1rem; border: 1px solid var(--line); border-radius: 8px; background: var(--white); }
.card h3 { margin: 0 0 0.25rem; }
.card p { margin: 0.25rem 0 0; }
.status { display: inline-block; padding: 0 0.5rem; border-radius: 4px; font-size: 0.875rem; font-weight: 700; border: 1px solid; }
.status--published, .status--active { color: var(--ok); background: var(--ok-bg); }
.status--suspended { color: var(--warn); background: var(--warn-bg); }
.status--revoked, .status--withdrawn { color: var(--bad); background: var(--bad-bg); }
.status--expired { color: var(--old); background: var(--old-bg); }
.status--renewal { color: var(--blue-dark); background: var(--blue-light); margin-left: 0.25rem; }
form.search, form.verify-form, form.check-form { display: grid; gap: 1rem; padding: 1rem; background: var(--surface); border-radius: 8px; margin-bottom: 1.5rem; }
.field { display: grid; gap: 0.25rem; }
.field label, .field legend { font-weight: 700; }
.field .hint { font-size: 0.875rem; color: var(--muted); }
input[type="search"], input[type="text"], select, textarea {
  width: 100%; min-height: 3rem; padding: 0.5rem 0.75rem; font: inherit; color: var(--ink); background: var(--white);
  border: 1px solid #767679; border-radius: 6px;
}
textarea { min-height: 9rem; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.875rem; }
input[type="file"] { font: inherit; max-width: 100%; }
.button { display: inline-block; min-height: 3rem; padding: 0.6rem 1.5rem; font: inherit; font-weight: 700; color: var(--white); background: var(--blue); border: 2px solid var(--blue); border-radius: 8px; cursor: pointer; text-decoration: none; }
.button:hover { background: var(--blue-dark); border-color: var(--blue-dark); color: var(--white); }
.button--secondary { color: var(--blue); background: var(--white); }
.button--secondary:hover { color: var(--white); }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem; }
.notice { padding: 0.75rem 1rem; border-left: 4px solid var(--blue); background: var(--blue-light); margin: 0 0 1.5rem; }
.notice--error { border-left-color: var(--bad); background: var(--bad-bg); }
.link-list { padding-left: 1.25rem; }
.link-list li { margin: 0.25rem 0; overflow-wrap: anywhere; }
/* A check's reason quotes DIDs and key ids with no place to break: on a 320 px phone they pushed the page sideways. */
.problems li { overflow-wrap: anywhere; }
.badge-preview { max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 8px; }
.pager { display: flex; gap: 1rem; margin-top: 1rem; }
.years { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; padding: 0; list-style: none; }
code { font-size: 0.875em; overflow-wrap: anywhere; }
@media (min-width: 48em) {
  h1 { font-size: 2rem; }
  .site-main { padding-top: 2rem; }
  .facts { grid-template-columns: 12rem 1fr; }
  .facts > div { display: contents; }
  .facts dt, .facts dd { padding: 0.6rem 0; border-bottom: 1px solid var(--line); }
  form.search { grid-template-columns: repeat(2, 1fr); align-items: end; }
  form.search .field--wide, form.search .actions { grid-column: 1 / -1; }
  .verdict { padding: 1.25rem 1.5rem; }
  .verdict__word { font-size: 2.5rem; }
}
@media (prefers-reduced-motion: no-preference) { html { scroll-behavior: smooth; } }
/* Signed-in pages (/my): their navigation, forms with errors beside their fields, the badge kit, history. */
.my-org { margin: 0 0 0.25rem; font-weight: 700; color: var(--muted); }
.my-nav { margin: 0 0 1.5rem; border-bottom: 1px solid var(--line); }
.my-nav ul { display: flex; flex-wrap: wrap; gap: 0 0.25rem; margin: 0; padding: 0; list-style: none; }
.my-nav a { display: inline-block; min-height: 2.75rem; padding: 0.5rem 0.6rem; font-weight: 700; text-decoration: none; border-bottom: 3px solid transparent; }
.my-nav a:hover { text-decoration: underline; }
.my-nav a[aria-current="page"] { color: var(--ink); border-bottom-color: var(--blue); }
/* High contrast paints the other tabs' transparent underline too: only the current tab's shows. */
@media (forced-colors: active) { .my-nav a { border-bottom-color: Canvas; } .my-nav a[aria-current="page"] { border-bottom-color: CanvasText; } }
/* The hidden attribute wins over any class's display (a copy button stays hidden until its script runs). */
[hidden] { display: none !important; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
.notice--success { border-left-color: var(--ok); background: var(--ok-bg); }
.notice > :last-child { margin-bottom: 0; }
.error-summary { padding: 1rem; margin: 0 0 1.5rem; border: 3px solid var(--bad); border-radius: 8px; }
.error-summary h2 { margin-top: 0; border: 0; color: var(--bad); }
.error-summary ul { margin: 0; padding-left: 1.25rem; }
.error-summary a { color: var(--bad); font-weight: 700; }
.field-error { margin: 0; color: var(--bad); font-weight: 700; }
.field--error { padding-left: 0.75rem; border-left: 4px solid var(--bad); }
.field--error > input, .field--error > textarea { border: 2px solid var(--bad); }
.required { font-weight: 400; font-size: 0.875rem; color: var(--muted); }
fieldset.field { margin: 0; padding: 0; border: 0; min-width: 0; }
fieldset.field--error { padding-left: 0.75rem; border-left: 4px solid var(--bad); } /* fieldset.field's reset (border: 0) outranks .field--error */
input[type="email"], input[type="date"] {
  width: 100%; min-height: 3rem; padding: 0.5rem 0.75rem; font: inherit; color: var(--ink); background: var(--white);
  border: 1px solid #767679; border-radius: 6px;
}
input[type="date"] { max-width: 14rem; }
.textarea--prose { font-family: inherit; font-size: 1rem; }
.checkbox { display: grid; grid-template-columns: 1.5rem 1fr; gap: 0 0.6rem; align-items: start; padding: 0.35rem 0; }
.checkbox input { width: 1.5rem; height: 1.5rem; margin: 0.1rem 0 0; accent-color: var(--blue); }
.checkbox label { font-weight: 400; }
.checkbox .hint { grid-column: 2; margin: 0; }
.consent { margin: -0.25rem 0 0.75rem; padding: 0.25rem 0.5rem; background: var(--surface); border-radius: 6px; font-size: 0.9375rem; }
.consent-mark { font-weight: 400; }
.form-section .field { margin: 0 0 0.5rem; }
.form-actions { margin-top: 1.5rem; padding-top: 1rem; border-top: 1px solid var(--line); }
.button--danger { background: var(--bad); border-color: var(--bad); }
.button--danger:hover { background: #8a0000; border-color: #8a0000; }
.link-button { min-height: 2.75rem; padding: 0 0.25rem; font: inherit; color: var(--blue); background: none; border: 0; text-decoration: underline; text-underline-offset: 0.2em; cursor: pointer; }
.inline-form { display: inline; }
.preview { padding: 1rem; margin: 0 0 1.5rem; background: var(--surface); border-radius: 8px; }
.preview h2 { margin-top: 0; }
.action-card { margin-bottom: 1.5rem; }
.next-step { margin-top: 0.75rem; padding: 0.75rem; background: var(--surface); border-radius: 6px; }
.next-step--attention { background: var(--warn-bg); border-left: 4px solid var(--warn); }
.next-step > :last-child, .renew-form > :last-child { margin-bottom: 0; }
.withdraw-link { margin-top: 2rem; }
.versions, .trail { margin: 0; padding: 0; list-style: none; display: grid; gap: 0.75rem; }
.change { margin-top: 0.75rem; }
.change h4 { margin: 0 0 0.25rem; font-size: 1rem; }
.change dl { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: 0.25rem 0.75rem; }
.change dt { font-size: 0.875rem; font-weight: 700; color: var(--muted); }
.change dd { margin: 0; padding: 0 0.4rem; border-radius: 4px; }
.change__before { background: var(--bad-bg); }
.change__after { background: var(--ok-bg); }
.trail { gap: 0; }
.trail li { display: grid; gap: 0 1rem; padding: 0.5rem 0; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
.trail__when, .trail__who { font-size: 0.875rem; color: var(--muted); }
.kit { margin-bottom: 1.5rem; }
.kit h2 { margin-top: 0; }
.kit__grid { display: grid; gap: 1rem; }
.embed-snippet { min-height: 6rem; }
.copy-row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; margin-top: 0.5rem; }
.copy-status { margin: 0; color: var(--ok); font-weight: 700; }
.member__name { margin-top: 0; border: 0; font-size: 1.125rem; }
.passkeys { margin: 0 0 1rem; padding: 0; list-style: none; }
.passkeys li { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 0 0.5rem; padding: 0.25rem 0; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
.invite-form { display: grid; gap: 1rem; }
.passkey-form { display: grid; gap: 1rem; margin: 1.5rem 0; max-width: 48rem; }
.passkey-form > h2 { margin: 0; }
@media (min-width: 48em) {
  .trail li { grid-template-columns: 11rem 1fr 12rem; }
  .kit__grid { grid-template-columns: 320px 1fr; align-items: start; }
}
.kit h3 { margin-top: 1rem; }
/* The verification address is one long word (host, /v/, the badge's ID): with a longer host or wider letter spacing it pushed a 320 px page sideways. */
.verification-link { overflow-wrap: anywhere; }
/* The layout's signed-in bar (My page, the person's name, sign out): spaced, wrapping on phones. */
.account-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 0 0.75rem; margin: 0; font-size: 0.875rem; }
/* Site frame (issue 15): a one-line brand on phones (short name, the links wrapped under it), wide again from 48em; the footer's operator, links and official address. */
.site-header__inner { padding-top: 0.5rem; padding-bottom: 0.5rem; flex-wrap: nowrap; }
.brand { flex: 1 1 auto; min-width: 0; gap: 0.5rem; }
.brand__full { display: none; }
/* One line when it fits; with wider text spacing or a larger font it wraps between its words (<wbr>) rather than being cut to 「…レジス…」. */
.brand__short { font-size: clamp(0.875rem, 4vw, 1rem); word-break: keep-all; overflow-wrap: anywhere; }
.site-header .account-bar { flex: 1 1 100%; }
.site-header__inner:has(.account-bar) { flex-wrap: wrap; }
.lang-switch { flex: none; padding: 0.5rem 0; }
/* The menu wraps onto a second line on phones rather than scrolling sideways: a scrolled row cut 「バッジを確認する」 and hid the sign-in link at 320 px. Each link stays whole. */
.site-nav ul { flex-wrap: wrap; gap: 0 0.875rem; margin: 0 auto; padding: 0 1rem 0.25rem; font-size: 0.9375rem; }
.site-nav li { white-space: nowrap; }
.site-nav a { padding: 0.4rem 0; }
@media (min-width: 48em) {
  .brand__short { display: none; }
  .brand__full { display: inline; }
  .site-header__inner { padding-top: 0.75rem; padding-bottom: 0.75rem; }
  .site-nav ul { gap: 0 1.25rem; padding-bottom: 0; font-size: 1rem; }
  .site-nav a { padding: 0.6rem 0; }
}
.site-footer h2 { font-size: 1rem; margin: 1rem 0 0.25rem; padding: 0; border: 0; }
.site-footer__facts { margin: 0.75rem 0; }
.site-footer__facts div { display: flex; flex-wrap: wrap; gap: 0 0.75rem; }
.site-footer__facts dt { font-weight: 700; }
.site-footer__facts dd { margin: 0; overflow-wrap: anywhere; }
.site-footer__links { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; margin: 0.5rem 0; padding: 0; list-style: none; }
.site-footer__links a { display: inline-block; padding: 0.35rem 0; }
.site-footer p { margin: 0.25rem 0; }
/* /verify (issue 15): fits 320 px, a Japanese file button over the hidden input, the form folded away after a result. */
form.verify-form, form.check-form { min-width: 0; }
form.verify-form textarea, form.check-form textarea { width: 100%; box-sizing: border-box; max-width: 100%; }
.check-table__entry { font-variant-numeric: tabular-nums; white-space: nowrap; }
.field__label { font-weight: 700; }
.file-picker { border: 2px dashed transparent; border-radius: 8px; }
.file-picker--droppable { border-color: var(--line); padding: 0.5rem; }
.file-picker--over { border-color: var(--blue); background: var(--white); }
.file-picker__row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 0.75rem; min-width: 0; }
.file-picker__name { overflow-wrap: anywhere; min-width: 0; }
.file-picker__input:focus-visible + .file-picker__button { outline: 3px solid var(--focus); outline-offset: 2px; }
.verify-checked__name { overflow-wrap: anywhere; word-break: break-all; }
.verify-again { margin: 2rem 0 1.5rem; }
.verify-again > summary { cursor: pointer; font-weight: 700; font-size: 1.125rem; color: var(--blue); padding: 0.5rem 0; min-height: 2.75rem; }
.verify-again[open] > summary { margin-bottom: 0.75rem; }
/* Printed (a verification page kept on file): the proof, not the controls. The forms' own display outranked
   the bare form selector, so /check printed the pasted list; a table's min-width (for phones) was cut at the paper's edge. */
.print-only { display: none; }
.page-address { overflow-wrap: anywhere; }
@media print {
  .print-only { display: block; }
  .site-nav, .skip-link, .lang-switch, form { display: none; }
  form.search, form.verify-form, form.check-form, form.audit-filters, .sort-form, .badge-embed, .verify-again, .my-nav, .admin-nav { display: none !important; }
  .table-scroll { overflow: visible; }
  .table-scroll table, .table-scroll td, .table-scroll th { min-width: 0 !important; }
}
/* Verification page (/v): whose badge, the facts to match the poster, a neutral older version. */
.page-kicker { margin: 0; font-size: 0.875rem; font-weight: 700; color: var(--muted); }
.page-kicker + h1 { margin-top: 0.25rem; overflow-wrap: anywhere; }
.verdict__body { min-width: 0; flex: 1; }
.verdict__facts { margin: 0.75rem 0 0; color: var(--ink); }
.verdict__next { margin: 0.75rem 0 0; }
.verdict__facts div { display: flex; flex-wrap: wrap; gap: 0 0.75rem; }
.verdict__facts dt { font-weight: 700; }
.verdict__facts dt::after { content: ":"; }
.verdict__facts dd { margin: 0; overflow-wrap: anywhere; }
.verdict__badge { display: block; width: 100%; max-width: 320px; height: auto; margin: 0.75rem 0 0; border: 1px solid var(--line); border-radius: 8px; background: var(--white); }
.verdict a.button, .verdict a.button:hover { color: var(--white); }
.verdict--superseded { border-color: var(--blue); background: var(--blue-light); color: var(--blue); }
/* Badge embedding on the organization page (/organizations/{id}): compact preview, snippet, downloads. */
.badge-embed { margin-top: 0.75rem; }
.badge-embed > summary { cursor: pointer; font-weight: 700; color: var(--blue); padding: 0.5rem 0; min-height: 2.75rem; }
.badge-embed__preview { display: block; width: 100%; max-width: 320px; height: auto; margin: 0.5rem 0; }
.badge-embed .embed-snippet { min-height: 7rem; overflow-wrap: anywhere; }
${CLAIMS_VS_RECORD_CSS}
${PORTAL_CSS}
${ADMIN_CSS}${DOCS_CSS}`;
