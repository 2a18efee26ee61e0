/**
 * /verify's comparison of a credential's claims with the registry's record
 * (src/http/pages/claims-vs-record.tsx), served inside the site's one stylesheet. Two value
 * columns side by side even at 320 px (Japanese wraps anywhere), the fact's name above them on
 * phones and beside them from 48em; a differing row is marked in words, with a border as well.
 */
export const CLAIMS_VS_RECORD_CSS = `
/* /verify: the badge's claims beside the registry's record */
.notice--warn { border-left-color: var(--warn); background: var(--warn-bg); }
.claims .notice { margin-bottom: 1rem; }
.claims__all > summary { cursor: pointer; font-weight: 700; color: var(--blue); padding: 0.5rem 0; min-height: 2.75rem; }
.claims__rows { margin: 0; padding: 0; list-style: none; border-top: 1px solid var(--line); }
.claims__row { display: grid; gap: 0.25rem 1rem; padding: 0.6rem 0.5rem; border-bottom: 1px solid var(--line); border-left: 4px solid transparent; min-width: 0; }
.claims__row--differs { border-left-color: var(--warn); background: var(--warn-bg); }
.claims__field { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 0.75rem; margin: 0; }
.claims__mark { font-size: 0.875rem; font-weight: 700; color: var(--muted); white-space: nowrap; }
.claims__row--differs .claims__mark { color: var(--warn); }
.claims__values { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0 0.75rem; margin: 0; }
.claims__values > div { min-width: 0; }
.claims__values dt { font-size: 0.8125rem; font-weight: 700; color: var(--muted); }
.claims__row--differs .claims__values dt { color: var(--warn); }
.claims__values dd { margin: 0; overflow-wrap: anywhere; }
@media (min-width: 48em) {
  .claims__row { grid-template-columns: 12rem minmax(0, 1fr); align-items: start; }
  .claims__field { flex-direction: column; justify-content: flex-start; }
}
`;
