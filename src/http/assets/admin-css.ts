/**
 * The back office's styles (/admin), served inside the site's one stylesheet. Each area of the
 * back office appends its own block below, under a comment naming it.
 */
export const ADMIN_CSS = `
/* Back office: shell */
.admin-nav { margin: 0 0 1.5rem; border-bottom: 1px solid var(--line); }
.admin-nav ul { display: flex; flex-wrap: wrap; gap: 0 0.25rem; margin: 0; padding: 0; list-style: none; }
.admin-nav a { display: inline-block; min-height: 2.75rem; padding: 0.5rem 0.6rem; font-weight: 700; text-decoration: none; border-bottom: 3px solid transparent; }
.admin-nav a:hover { text-decoration: underline; }
.admin-nav a[aria-current="page"] { color: var(--ink); border-bottom-color: var(--blue); }
.admin-role { margin: 0 0 0.5rem; color: var(--muted); font-size: 0.875rem; }
.admin-counts { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 1rem; margin: 0 0 1.5rem; padding: 0; list-style: none; }
.admin-counts li { padding: 1rem; border: 1px solid var(--line); border-radius: 8px; }
.admin-counts strong { display: block; font-size: 2rem; line-height: 1.2; }
.table-scroll { overflow-x: auto; margin: 0 0 1.5rem; }
.table-scroll table { min-width: 36rem; }
`;
