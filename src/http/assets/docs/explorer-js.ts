// The API explorer served at /docs/explorer.js. Kept as a TypeScript string so the Worker bundle
// carries it without a file system; written without template literals so String.raw holds it verbatim.
export const EXPLORER_JS = String.raw`
// API explorer: renders /openapi.json into the /docs page and sends requests from a "try it" form.
// Plain DOM with textContent only (nothing from the network is parsed as HTML); no libraries.
// It speaks the page's language (<html lang>): Japanese, or English on /docs?lang=en.
(function () {
  'use strict';
  var EN = document.documentElement.lang === 'en';
  function t(ja, en) { return EN ? en : ja; }
  var main = document.getElementById('operations');
  var nav = document.getElementById('tag-nav');
  var status = document.getElementById('load-status');
  var tokenInput = document.getElementById('token');
  var AUDIENCE = {
    public: t('だれでも', 'public'),
    optional: t('だれでも（トークンがあれば詳しく）', 'public, more with a token'),
    organization: t('団体または事務局のトークン', 'organization or administrator token'),
    admin: t('事務局のトークン', 'administrator token'),
    partner: t('パートナーのアクセストークン', 'partner access token')
  };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === 'text') node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  // The document's texts are "日本語 / English": the page's half, when the split is clean.
  function half(text) {
    if (!text) return '';
    var at = text.lastIndexOf('/ ');
    if (at < 1) return text;
    var ja = text.slice(0, at).trim();
    var en = text.slice(at + 2).trim();
    if (!/[\u3040-\u30ff\u4e00-\u9fff]/.test(ja) || /[\u3040-\u30ff\u4e00-\u9fff]/.test(en)) return text;
    return EN ? en : ja;
  }

  // A block that may scroll (long JSON): reachable and named for keyboard and screen reader users.
  function scrollBlock(className, label, text) {
    return el('pre', { class: className, tabindex: '0', role: 'region', 'aria-label': label, text: text });
  }

  function resolve(doc, schema) {
    var seen = 0;
    while (schema && schema.$ref && seen++ < 10) {
      schema = schema.$ref.replace(/^#\//, '').split('/').reduce(function (o, k) { return o && o[k]; }, doc);
    }
    return schema || {};
  }

  // A starting body: required properties with plausible values, so the form is never blank.
  function example(doc, schema, depth) {
    schema = resolve(doc, schema);
    if (depth > 4) return null;
    if (schema.examples && schema.examples.length) return schema.examples[0];
    if (schema['default'] !== undefined) return schema['default'];
    if (schema['const'] !== undefined) return schema['const'];
    if (schema['enum']) return schema['enum'][0];
    var type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    if (type === 'object' || schema.properties) {
      var out = {};
      (schema.required || []).forEach(function (name) {
        out[name] = example(doc, (schema.properties || {})[name] || {}, depth + 1);
      });
      return out;
    }
    if (type === 'array') return schema.minItems ? [example(doc, schema.items || {}, depth + 1)] : [];
    if (type === 'integer' || type === 'number') return schema.minimum !== undefined ? schema.minimum : 0;
    if (type === 'boolean') return false;
    return '';
  }

  // The values a parameter may take when the document fixes them (enum, boolean), else null.
  function fixedValues(doc, param) {
    var schema = resolve(doc, param.schema);
    if (Array.isArray(schema['enum'])) return schema['enum'].map(String);
    if (schema.type === 'boolean') return ['true', 'false'];
    return null;
  }

  function tryForm(doc, path, method, op) {
    var form = el('form', { class: 'try' });
    var fields = [];
    (op.parameters || []).forEach(function (p) {
      var id = op.operationId + '-' + p['in'] + '-' + p.name;
      var hintId = id + '-hint';
      var values = fixedValues(doc, p);
      var input;
      if (values) {
        // Fixed values: a choice, not a guess.
        input = el('select', { id: id, name: p.name }, (p.required ? [] : [el('option', { value: '', text: t('（指定しない）', '(none)') })]).concat(
          values.map(function (value) { return el('option', { value: value, text: value }); })
        ));
      } else {
        input = el('input', { id: id, name: p.name, type: 'text', autocomplete: 'off', spellcheck: 'false' });
      }
      if (p.required) input.required = true;
      if (p.description) input.setAttribute('aria-describedby', hintId);
      fields.push({ param: p, input: input });
      form.appendChild(el('div', { class: 'field' }, [
        el('label', { 'for': id, text: p.name + (p['in'] === 'path' ? t('（パス）', ' (path)') : p['in'] === 'header' ? t('（ヘッダー）', ' (header)') : t('（クエリ）', ' (query)')) + (p.required ? t('（必須）', ' (required)') : '') }),
        input,
        p.description ? el('p', { id: hintId, class: 'hint', text: half(p.description) }) : null
      ]));
    });
    var body = null;
    if (op.requestBody) {
      var media = Object.keys(op.requestBody.content)[0];
      var bodyId = op.operationId + '-body';
      body = el('textarea', { id: bodyId, rows: '8', spellcheck: 'false' });
      body.value = media === 'application/json' ? JSON.stringify(example(doc, op.requestBody.content[media].schema, 0), null, 2) : '';
      body.dataset.media = media;
      form.appendChild(el('div', { class: 'field' }, [el('label', { 'for': bodyId, text: t('本文', 'Body') + ' (' + media + ')' }), body]));
    }
    var result = el('div', { class: 'result', 'aria-live': 'polite' });
    form.appendChild(el('button', { type: 'submit', class: 'button', text: t('送信する', 'Send') }));
    form.appendChild(result);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var url = path;
      var query = new URLSearchParams();
      var init = { method: method.toUpperCase(), headers: {} };
      fields.forEach(function (f) {
        var value = f.input.value.trim();
        if (f.param['in'] === 'path') url = url.replace('{' + f.param.name + '}', encodeURIComponent(value));
        else if (f.param['in'] === 'header') { if (value) init.headers[f.param.name] = value; } // e.g. Idempotency-Key
        else if (value) query.set(f.param.name, value);
      });
      if (query.toString()) url += '?' + query.toString();
      if (tokenInput.value.trim()) init.headers.Authorization = 'Bearer ' + tokenInput.value.trim();
      if (body && body.value.trim()) { init.body = body.value; init.headers['Content-Type'] = body.dataset.media; }
      result.textContent = t('送信中…', 'Sending…');
      fetch(url, init).then(function (response) {
        return response.text().then(function (text) {
          var pretty = text;
          try { pretty = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { /* not JSON */ }
          var headers = [];
          response.headers.forEach(function (value, name) { headers.push(name + ': ' + value); });
          var line = method.toUpperCase() + ' ' + url;
          result.textContent = '';
          result.appendChild(el('p', { class: response.ok ? 'ok' : 'bad', text: line + ' → ' + response.status + ' ' + response.statusText }));
          result.appendChild(scrollBlock('headers', t('応答ヘッダー: ', 'Response headers: ') + line, headers.join('\n')));
          result.appendChild(scrollBlock('body', t('応答本文: ', 'Response body: ') + line, pretty.length > 200000 ? pretty.slice(0, 200000) + '\n…' : pretty));
        });
      }).catch(function (error) { result.textContent = t('送信できませんでした: ', 'Request failed: ') + error; });
    });
    return el('details', { class: 'try-details' }, [el('summary', { text: t('試す', 'Try it') }), form]);
  }

  function operation(doc, path, method, op) {
    var name = method.toUpperCase() + ' ' + path;
    var responses = el('ul', {}, Object.keys(op.responses).map(function (code) {
      var r = resolve(doc, op.responses[code]);
      var media = r.content ? Object.keys(r.content).join(', ') : '';
      return el('li', { text: code + ' ' + half(r.description || '') + (media ? ' — ' + media : '') });
    }));
    var requestSchema = op.requestBody ? op.requestBody.content[Object.keys(op.requestBody.content)[0]].schema : null;
    var summary = op['x-summary'] ? op['x-summary'][EN ? 'en' : 'ja'] : half(op.summary);
    var parts = [
      op.description ? el('p', { text: op.description }) : null,
      el('p', { class: 'audience', text: t('利用できる人: ', 'Who: ') + (AUDIENCE[op['x-audience']] || op['x-audience']) }),
      requestSchema ? el('h3', { text: t('リクエスト本文', 'Request body') }) : null,
      requestSchema ? scrollBlock('schema', t('リクエスト本文のスキーマ: ', 'Request body schema: ') + name, JSON.stringify(resolve(doc, requestSchema), null, 2)) : null,
      el('h3', { text: t('応答', 'Responses') }), responses,
      tryForm(doc, path, method, op)
    ];
    return el('details', { class: 'operation', id: 'op-' + op.operationId }, [
      el('summary', {}, [
        el('span', { class: 'method method-' + method, text: method.toUpperCase() }),
        el('code', { text: path }),
        el('span', { class: 'summary', text: summary })
      ])
    ].concat(parts));
  }

  function render(doc) {
    var byTag = {};
    Object.keys(doc.paths).forEach(function (path) {
      Object.keys(doc.paths[path]).forEach(function (method) {
        var op = doc.paths[path][method];
        var tag = (op.tags || ['other'])[0];
        (byTag[tag] = byTag[tag] || []).push(operation(doc, path, method, op));
      });
    });
    (doc.tags || []).forEach(function (tag) {
      var ops = byTag[tag.name];
      if (!ops) return;
      var id = 'tag-' + tag.name;
      var label = half(tag.description) || tag.name;
      nav.appendChild(el('li', {}, [el('a', { href: '#' + id, text: label + ' (' + ops.length + ')' })]));
      main.appendChild(el('section', { id: id, 'aria-labelledby': id + '-h' }, [el('h2', { id: id + '-h', text: label })].concat(ops)));
    });
    status.textContent = Object.keys(doc.paths).length + t(' パス', ' paths') + ' — OpenAPI ' + doc.openapi;
  }

  status.textContent = t('読み込み中…', 'Loading…');
  fetch('/openapi.json').then(function (r) { return r.json(); }).then(render).catch(function (error) {
    status.textContent = t('openapi.json を読み込めませんでした: ', 'Could not load openapi.json: ') + error;
  });
})();
`;
