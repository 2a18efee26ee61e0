/**
 * The API documentation's styles (/docs), served inside the site's one stylesheet (appended in
 * site-css.ts) so /docs wears the site's frame. Scoped to .api-docs and .docs-breadcrumbs: nothing
 * here changes another page. Long paths and JSON wrap or scroll inside their own block, so the
 * page never scrolls sideways at 320 px.
 */
export const DOCS_CSS = `
/* API documentation (/docs) */
.docs-breadcrumbs ol { display: flex; flex-wrap: wrap; gap: 0 0.5rem; margin: 0 0 0.75rem; padding: 0; list-style: none; font-size: 0.875rem; }
.docs-breadcrumbs li + li::before { content: "›"; margin-right: 0.5rem; color: var(--muted); }
.docs-breadcrumbs [aria-current="page"] { color: var(--muted); }
.api-docs { min-width: 0; overflow-wrap: anywhere; }
.api-docs .hint { color: var(--muted); font-size: 0.875rem; margin: 0.25rem 0 0; }
.api-docs__token { display: grid; gap: 0.25rem; padding: 0.75rem 1rem; margin: 0 0 1rem; background: var(--surface); border-radius: 8px; }
.api-docs__token label { font-weight: 700; }
.api-docs__token input { width: 100%; max-width: 40rem; min-height: 3rem; padding: 0.5rem 0.75rem; font: inherit; border: 1px solid #767679; border-radius: 6px; }
.api-docs__sections ul { columns: 2 16rem; margin: 0 0 1rem; padding-left: 1.25rem; }
.api-docs__sections li { break-inside: avoid; }
.api-docs section { min-width: 0; }
.api-docs details.operation { margin: 0.5rem 0; padding: 0.25rem 0.75rem; border: 1px solid var(--line); border-radius: 6px; min-width: 0; }
.api-docs details.operation > summary { cursor: pointer; padding: 0.4rem 0; min-height: 2.75rem; overflow-wrap: anywhere; }
.api-docs details.operation > summary > :not(:last-child) { margin-right: 0.5rem; }
.api-docs details.operation[open] > summary { margin-bottom: 0.5rem; border-bottom: 1px solid var(--line); }
.api-docs .method { display: inline-block; min-width: 4.5rem; padding: 0 0.4rem; border-radius: 4px; text-align: center; font-weight: 700; color: var(--white); background: var(--muted); }
.api-docs .method-get { background: var(--ok); }
.api-docs .method-post { background: var(--blue); }
.api-docs .method-put, .api-docs .method-patch { background: var(--warn); }
.api-docs .method-delete { background: var(--bad); }
.api-docs .audience { color: var(--muted); font-size: 0.9375rem; }
.api-docs h3 { font-size: 1rem; }
.api-docs pre { max-width: 100%; max-height: 28rem; overflow: auto; margin: 0 0 1rem; padding: 0.75rem; background: var(--surface); border-radius: 6px; font-size: 0.8125rem; line-height: 1.5; }
.api-docs .try-details { margin: 0.75rem 0; }
.api-docs .try-details > summary { cursor: pointer; font-weight: 700; color: var(--blue); min-height: 2.75rem; padding: 0.4rem 0; }
.api-docs form.try { display: grid; gap: 0.75rem; padding: 0.75rem; background: var(--surface); border-radius: 8px; }
.api-docs form.try .field { min-width: 0; }
.api-docs form.try .button { justify-self: start; }
.api-docs .result { min-width: 0; }
.api-docs .result pre { background: var(--white); border: 1px solid var(--line); }
.api-docs .ok { color: var(--ok); font-weight: 700; overflow-wrap: anywhere; }
.api-docs .bad { color: var(--bad); font-weight: 700; overflow-wrap: anywhere; }
`;
