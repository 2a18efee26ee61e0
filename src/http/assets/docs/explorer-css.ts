// Stylesheet of /docs, served from the registry itself (no CDN). Digital Agency colours; text and
// controls meet WCAG 2.1 AA contrast on white.
export const EXPLORER_CSS = `
:root { font-family: "Noto Sans JP", "Hiragino Sans", "BIZ UDPGothic", Meiryo, sans-serif; color: #1a1a1c; line-height: 1.7; }
body { margin: 0 auto; max-width: 70rem; padding: 1rem 1.25rem 4rem; }
a { color: #0017c1; }
:focus-visible { outline: 3px solid #c55f00; outline-offset: 2px; }
header p { color: #4d4d50; }
.token { background: #f2f2f2; border-radius: 8px; padding: 0.75rem 1rem; }
.token input { width: min(40rem, 100%); font: inherit; padding: 0.25rem 0.5rem; }
nav ul { columns: 2 16rem; padding-left: 1.25rem; }
details.operation { border: 1px solid #b4b4b8; border-radius: 6px; margin: 0.5rem 0; padding: 0.25rem 0.75rem; }
details.operation > summary { cursor: pointer; display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: baseline; }
.method { display: inline-block; min-width: 4.5rem; text-align: center; font-weight: bold; color: #fff; border-radius: 4px; padding: 0 0.4rem; background: #4d4d50; }
.method-get { background: #115a36; } .method-post { background: #0017c1; } .method-put { background: #6e4500; } .method-delete { background: #b00000; }
.summary { color: #1a1a1c; }
.audience { color: #4d4d50; font-size: 0.95rem; }
pre { background: #f2f2f2; padding: 0.75rem; overflow-x: auto; font-size: 0.85rem; max-height: 28rem; }
textarea, .try input { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.9rem; width: min(48rem, 100%); }
.hint { color: #4d4d50; font-size: 0.85rem; }
button { font: inherit; background: #0017c1; color: #fff; border: 0; border-radius: 6px; padding: 0.4rem 1.2rem; cursor: pointer; }
button:hover { background: #00118f; }
.ok { color: #115a36; font-weight: bold; } .bad { color: #b00000; font-weight: bold; }
`;
