/** The /docs page: a shell that explorer.js fills from /openapi.json (so it never drifts from the document). */
export const DOCS_HTML = `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API ドキュメント | 地方創生テレワーク宣言・表彰レジストリ</title>
<link rel="stylesheet" href="/docs/explorer.css">
<script src="/docs/explorer.js" defer></script>
</head>
<body>
<header>
<h1>API ドキュメント <span lang="en">API documentation</span></h1>
<p>地方創生テレワーク宣言・表彰レジストリの API です。各エンドポイントを開き「試す」から実際に呼び出せます。機械向けの定義は <a href="/openapi.json">/openapi.json</a>（OpenAPI 3.1）にあります。
<span lang="en">Open an endpoint and use “Try it” to call it; the machine-readable definition is <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</span></p>
<p>エラーはすべて RFC 9457 の <code>application/problem+json</code>（日本語・英語のメッセージ付き）です。</p>
</header>
<div class="token">
<label for="token">アクセストークン（任意）/ Bearer token (optional)</label><br>
<input id="token" type="password" autocomplete="off" spellcheck="false">
<p class="hint">トークンはこのページの中だけで使い、保存しません。/ Used only on this page, never stored.</p>
</div>
<nav aria-label="分類 / sections"><ul id="tag-nav"></ul></nav>
<p id="load-status" role="status">読み込み中… / loading…</p>
<main id="operations"></main>
<noscript><p>このページは JavaScript で /openapi.json を表示します。JavaScript が使えない場合は <a href="/openapi.json">/openapi.json</a> を直接ご覧ください。</p></noscript>
</body>
</html>
`;
