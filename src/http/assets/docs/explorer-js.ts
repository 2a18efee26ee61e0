// The API explorer served at /docs/explorer.js. Kept as a TypeScript string so the Worker bundle
// carries it without a file system; written without template literals so String.raw holds it verbatim.
export const EXPLORER_JS = String.raw`
// API explorer: renders /openapi.json and sends requests from a "try it" form.
// Plain DOM with textContent only (nothing from the network is parsed as HTML); no libraries.
(function () {
  'use strict';
  var main = document.getElementById('operations');
  var nav = document.getElementById('tag-nav');
  var status = document.getElementById('load-status');
  var tokenInput = document.getElementById('token');
  var AUDIENCE = {
    public: 'だれでも / public',
    optional: 'だれでも（トークンがあれば詳しく）/ public, more with a token',
    organization: '団体または事務局のトークン / organization or administrator token',
    admin: '事務局のトークン / administrator token',
    partner: 'パートナーのアクセストークン / partner access token'
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

  function schemaBlock(doc, schema) {
    return el('pre', { class: 'schema', text: JSON.stringify(resolve(doc, schema), null, 2) });
  }

  function tryForm(doc, path, method, op) {
    var form = el('form', { class: 'try' });
    var fields = [];
    (op.parameters || []).forEach(function (p) {
      var id = op.operationId + '-' + p['in'] + '-' + p.name;
      var input = el('input', { id: id, name: p.name, type: 'text', autocomplete: 'off' });
      if (p.required) input.required = true;
      fields.push({ param: p, input: input });
      form.appendChild(el('p', {}, [
        el('label', { 'for': id, text: p.name + (p['in'] === 'path' ? '（パス / path）' : '（クエリ / query）') + (p.required ? ' *' : '') }),
        el('br'), input,
        p.description ? el('span', { class: 'hint', text: ' ' + p.description }) : null
      ]));
    });
    var body = null;
    if (op.requestBody) {
      var media = Object.keys(op.requestBody.content)[0];
      var bodyId = op.operationId + '-body';
      body = el('textarea', { id: bodyId, rows: '8', spellcheck: 'false' });
      body.value = media === 'application/json' ? JSON.stringify(example(doc, op.requestBody.content[media].schema, 0), null, 2) : '';
      body.dataset.media = media;
      form.appendChild(el('p', {}, [el('label', { 'for': bodyId, text: '本文 / body (' + media + ')' }), el('br'), body]));
    }
    var result = el('div', { class: 'result', 'aria-live': 'polite' });
    form.appendChild(el('button', { type: 'submit', text: '送信する / Send' }));
    form.appendChild(result);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var url = path;
      var query = new URLSearchParams();
      fields.forEach(function (f) {
        var value = f.input.value.trim();
        if (f.param['in'] === 'path') url = url.replace('{' + f.param.name + '}', encodeURIComponent(value));
        else if (value) query.set(f.param.name, value);
      });
      if (query.toString()) url += '?' + query.toString();
      var init = { method: method.toUpperCase(), headers: {} };
      if (tokenInput.value.trim()) init.headers.Authorization = 'Bearer ' + tokenInput.value.trim();
      if (body && body.value.trim()) { init.body = body.value; init.headers['Content-Type'] = body.dataset.media; }
      result.textContent = '送信中… / sending…';
      fetch(url, init).then(function (response) {
        return response.text().then(function (text) {
          var pretty = text;
          try { pretty = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { /* not JSON */ }
          var headers = [];
          response.headers.forEach(function (value, name) { headers.push(name + ': ' + value); });
          result.textContent = '';
          result.appendChild(el('p', { class: response.ok ? 'ok' : 'bad', text: method.toUpperCase() + ' ' + url + ' → ' + response.status + ' ' + response.statusText }));
          result.appendChild(el('pre', { class: 'headers', text: headers.join('\n') }));
          result.appendChild(el('pre', { class: 'body', text: pretty.length > 200000 ? pretty.slice(0, 200000) + '\n…' : pretty }));
        });
      }).catch(function (error) { result.textContent = '送信できませんでした / request failed: ' + error; });
    });
    return el('details', { class: 'try-details' }, [el('summary', { text: '試す / Try it' }), form]);
  }

  function operation(doc, path, method, op) {
    var responses = el('ul', {}, Object.keys(op.responses).map(function (code) {
      var r = resolve(doc, op.responses[code]);
      var media = r.content ? Object.keys(r.content).join(', ') : '';
      return el('li', { text: code + ' ' + (r.description || '') + (media ? ' — ' + media : '') });
    }));
    var parts = [
      op.description ? el('p', { text: op.description }) : null,
      el('p', { class: 'audience', text: '利用できる人 / who: ' + (AUDIENCE[op['x-audience']] || op['x-audience']) }),
      op.requestBody ? el('h4', { text: 'リクエスト本文 / request body' }) : null,
      op.requestBody ? schemaBlock(doc, op.requestBody.content[Object.keys(op.requestBody.content)[0]].schema) : null,
      el('h4', { text: '応答 / responses' }), responses,
      tryForm(doc, path, method, op)
    ];
    var id = 'op-' + op.operationId;
    return el('details', { class: 'operation', id: id }, [
      el('summary', {}, [
        el('span', { class: 'method method-' + method, text: method.toUpperCase() }),
        el('code', { text: path }),
        el('span', { class: 'summary', text: op.summary })
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
      nav.appendChild(el('li', {}, [el('a', { href: '#' + id, text: tag.description + ' (' + ops.length + ')' })]));
      main.appendChild(el('section', { id: id, 'aria-labelledby': id + '-h' }, [el('h2', { id: id + '-h', text: tag.description })].concat(ops)));
    });
    status.textContent = Object.keys(doc.paths).length + ' パス / paths — OpenAPI ' + doc.openapi;
  }

  fetch('/openapi.json').then(function (r) { return r.json(); }).then(render).catch(function (error) {
    status.textContent = 'openapi.json を読み込めませんでした / could not load openapi.json: ' + error;
  });
})();
`;
