// The portal's styles (/, /organizations, /awards, /organizations/{id}): status and award marks,
// figures, the results bar, numbered pages and the badge gallery. Every text colour meets 4.5:1 on
// its background; 大臣賞 and 優秀賞 also differ by emblem, frame and words, never colour alone.
export const PORTAL_CSS = `
.status-mark { display: inline-flex; align-items: center; gap: 0.3rem; }
.org-card__marks { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem; }
.card .org-card__marks { margin: 0 0 0.4rem; }
.org-card h3, .card-list--grid h3 { margin-top: 0; overflow-wrap: anywhere; }
.org-card__meta { display: flex; flex-wrap: wrap; gap: 0 0.75rem; color: var(--muted); font-size: 0.9375rem; }
.card .org-card__meta { margin-top: 0.25rem; }
.kind-tag { font-weight: 700; color: var(--ink); padding: 0 0.4rem; border: 1px solid var(--line); border-radius: 4px; background: var(--surface); }
.award-mark { display: inline-flex; align-items: center; gap: 0.3rem; padding: 0 0.6rem 0 0.3rem; border: 1px solid; border-radius: 999px; font-size: 0.875rem; font-weight: 700; line-height: 1.8; }
.award-mark__emblem { flex: none; }
.award-mark--star { color: #5c4500; background: #fbefc8; border: 3px double #8a6a00; }
.award-mark--medal { color: #23364d; background: #e6ecf3; border-color: #5b6b80; }
.award-mark--rosette { color: #4a2a66; background: #efe7f6; border-color: #8e6bb0; border-style: dashed; }
.years a[aria-current="page"] { color: var(--ink); font-weight: 700; text-decoration-thickness: 3px; }
.search--quick .actions { align-items: center; }
.card-list + p { margin-top: 0.75rem; }
.award-legend { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0 0 1rem; padding: 0; list-style: none; }
.figures { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0.75rem; margin: 0 0 1.5rem; }
.figure { padding: 0.75rem 1rem; border: 1px solid var(--line); border-radius: 8px; background: var(--white); }
.figure dt { font-size: 0.875rem; font-weight: 700; color: var(--muted); }
.figure dd { margin: 0; }
.figure a { display: block; text-decoration: none; color: var(--ink); }
.figure a:hover .figure__value { text-decoration: underline; }
.figure__value { font-size: 2rem; font-weight: 700; line-height: 1.2; color: var(--blue); }
.figure__unit { margin-left: 0.2rem; font-weight: 700; }
.results-bar { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1rem; margin-bottom: 0.75rem; }
.results-bar__count { margin: 0; font-weight: 700; }
.sort-form { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; max-width: 100%; }
.sort-form label { font-weight: 700; }
.sort-form select { width: auto; max-width: 100%; min-height: 2.75rem; }
.button--small { min-height: 2.75rem; padding: 0.35rem 1rem; }
.pagination ul { display: flex; flex-wrap: wrap; align-items: center; gap: 0.375rem; margin: 1.25rem 0 0; padding: 0; list-style: none; }
.pagination a, .pagination__off { display: inline-flex; align-items: center; justify-content: center; min-width: 2.75rem; min-height: 2.75rem; padding: 0 0.6rem; border: 1px solid var(--line); border-radius: 6px; font-weight: 700; text-decoration: none; }
.pagination a[aria-current="page"] { color: var(--white); background: var(--blue); border-color: var(--blue); }
.pagination__off { color: var(--muted); border-style: dashed; }
.pagination__gap { padding: 0 0.25rem; color: var(--muted); }
/* High contrast drops the blue fill: the current page in the theme's own colours for a selection. */
@media (forced-colors: active) { .pagination a[aria-current="page"] { forced-color-adjust: none; color: HighlightText; background: Highlight; border-color: Highlight; } }
.badge-gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 16rem), 1fr)); gap: 1rem; margin: 0; padding: 0; list-style: none; }
.badge-gallery img { display: block; width: 100%; max-width: 320px; height: auto; border: 1px solid var(--line); border-radius: 8px; background: var(--white); }
.badge-gallery__caption { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem; margin: 0.4rem 0 0; }
/* Phones wider than 320 px: the search's selects two to a row, so the results start sooner. */
@media (min-width: 22em) {
  form.search { grid-template-columns: repeat(2, minmax(0, 1fr)); align-items: end; gap: 0.75rem; }
  form.search .field--wide, form.search .actions { grid-column: 1 / -1; }
  form.search select { padding-left: 0.5rem; padding-right: 0.25rem; }
}
@media (min-width: 48em) {
  form.search { gap: 1rem; }
  .figures { grid-template-columns: repeat(4, minmax(0, 1fr)); }
  .card-list--grid { grid-template-columns: repeat(2, minmax(0, 1fr)); }
}
`;
