// The registry's only script: passkey ceremonies in the browser (WebAuthn has no form-only way).
// Served from /assets/ by the registry itself, so the pages' CSP (script-src 'self', no inline
// scripts, no inline event handlers) holds. Kept as a TypeScript string for the Worker bundle.
//
// It wires three kinds of forms, found by attribute:
//   form[data-passkey-login]                      /login: sign in with a discoverable passkey
//   form[data-passkey-join][data-options][data-verify]   /join/<token>: create a passkey and join
//   form[data-passkey-add][data-options][data-verify]    signed in: add another passkey
// Each form holds a [data-passkey-status] live region for progress and errors (in the page's
// language), and [data-error-for="<field>"] slots next to its fields for field errors.
// The server answers errors as problem+json with `messages: {ja, en}` and `errors: [{field, ja, en}]`.
//
// Written without backticks, "${" or backslash-heavy code, as it lives inside String.raw.

export const PASSKEYS_JS = String.raw`(function () {
  'use strict';
  var lang = document.documentElement.lang === 'en' ? 'en' : 'ja';
  var TEXT = {
    ja: {
      waiting: 'パスキーの操作を待っています。画面の案内に従ってください…',
      checking: '確認しています…',
      signedIn: 'ログインしました。移動します…',
      joined: '登録しました。移動します…',
      added: 'パスキーを追加しました。',
      cancelled: 'パスキーの操作が取り消されたか、時間切れになりました。もう一度お試しください。',
      exists: 'この端末のパスキーは既に登録されています。',
      unsupported: 'このブラウザはパスキーに対応していません。最新のブラウザでお試しください。',
      network: 'サーバーに接続できませんでした。通信環境を確認して、もう一度お試しください。',
      failed: '処理できませんでした。時間をおいてもう一度お試しください。'
    },
    en: {
      waiting: 'Waiting for your passkey. Follow the prompts on your screen…',
      checking: 'Checking…',
      signedIn: 'Signed in. Taking you there…',
      joined: 'Registered. Taking you there…',
      added: 'The passkey was added.',
      cancelled: 'The passkey prompt was cancelled or timed out. Please try again.',
      exists: 'A passkey on this device is already registered.',
      unsupported: 'This browser does not support passkeys. Please try an up-to-date browser.',
      network: 'Could not reach the server. Check your connection and try again.',
      failed: 'That did not work. Please try again later.'
    }
  };
  function t(key) { return TEXT[lang][key]; }

  // The language the page's own address chose (?lang=ja on a browser preferring English) goes on
  // every request and onto the page the ceremony leads to, which would otherwise be English.
  var chosen = /[?&]lang=(ja|en)(&|$)/.test(window.location.search);
  function withLang(path) {
    if ((lang !== 'en' && !chosen) || /[?&]lang=/.test(path)) return path;
    return path + (path.indexOf('?') >= 0 ? '&' : '?') + 'lang=' + lang;
  }

  // base64url, for browsers without the JSON helpers of WebAuthn Level 3.
  function toB64u(buffer) {
    var bytes = new Uint8Array(buffer);
    var text = '';
    for (var i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
    return btoa(text).replace(/[+]/g, '-').replace(/[/]/g, '_').replace(/=+$/, '');
  }
  function fromB64u(value) {
    var text = atob(value.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((value.length + 3) % 4));
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes.buffer;
  }
  function withIds(list) {
    return (list || []).map(function (c) { return Object.assign({}, c, { id: fromB64u(c.id) }); });
  }
  function creationOptions(json) {
    if (typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function') return PublicKeyCredential.parseCreationOptionsFromJSON(json);
    return Object.assign({}, json, {
      challenge: fromB64u(json.challenge),
      user: Object.assign({}, json.user, { id: fromB64u(json.user.id) }),
      excludeCredentials: withIds(json.excludeCredentials)
    });
  }
  function requestOptions(json) {
    if (typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function') return PublicKeyCredential.parseRequestOptionsFromJSON(json);
    return Object.assign({}, json, { challenge: fromB64u(json.challenge), allowCredentials: withIds(json.allowCredentials) });
  }
  function credentialJSON(credential) {
    if (typeof credential.toJSON === 'function') {
      try { return credential.toJSON(); } catch (e) { /* fall through to the manual encoding */ }
    }
    var r = credential.response;
    var response = { clientDataJSON: toB64u(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toB64u(r.attestationObject);
      response.transports = typeof r.getTransports === 'function' ? r.getTransports() : [];
    }
    if (r.authenticatorData) {
      response.authenticatorData = toB64u(r.authenticatorData);
      response.signature = toB64u(r.signature);
      if (r.userHandle) response.userHandle = toB64u(r.userHandle);
    }
    return {
      id: credential.id,
      rawId: toB64u(credential.rawId),
      type: credential.type,
      response: response,
      clientExtensionResults: typeof credential.getClientExtensionResults === 'function' ? credential.getClientExtensionResults() : {},
      authenticatorAttachment: credential.authenticatorAttachment || undefined
    };
  }

  function postJSON(path, body) {
    return fetch(withLang(path), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body || {})
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (data) {
        if (response.ok) return data;
        var error = new Error('HTTP ' + response.status);
        error.problem = data;
        throw error;
      });
    }, function () {
      var error = new Error('network');
      error.network = true;
      throw error;
    });
  }

  function fieldValues(form, names) {
    var values = {};
    names.forEach(function (name) {
      var input = form.elements.namedItem(name);
      if (input && 'value' in input) values[name] = input.value;
    });
    return values;
  }

  function clearFieldErrors(form) {
    Array.prototype.forEach.call(form.querySelectorAll('[data-error-for]'), function (slot) {
      slot.textContent = '';
      slot.hidden = true;
      if (slot.parentElement) slot.parentElement.classList.remove('field--error');
      var input = form.elements.namedItem(slot.getAttribute('data-error-for'));
      if (input && input.removeAttribute) input.removeAttribute('aria-invalid');
    });
  }

  /** Field errors next to their fields (the first one focused); the general message in the live region. */
  function showError(form, status, error) {
    status.classList.add('field-error');
    var problem = error && error.problem;
    if (problem && problem.messages) {
      var first = null;
      (problem.errors || []).forEach(function (item) {
        var name = String(item.field || '').replace(/^[/]/, '');
        var slot = form.querySelector('[data-error-for="' + name + '"]');
        if (!slot) return;
        slot.textContent = item[lang];
        slot.hidden = false;
        if (slot.parentElement) slot.parentElement.classList.add('field--error');
        var input = form.elements.namedItem(name);
        if (input && input.setAttribute) {
          input.setAttribute('aria-invalid', 'true');
          if (!first) first = input;
        }
      });
      status.textContent = problem.messages[lang];
      if (first) first.focus();
      return;
    }
    var name = error && error.name;
    status.textContent = error && error.network ? t('network')
      : name === 'NotAllowedError' || name === 'AbortError' ? t('cancelled')
      : name === 'InvalidStateError' ? t('exists')
      : t('failed');
  }

  /**
   * One ceremony on submit: ask the server for options, let the authenticator create or assert,
   * send the result back, then follow the server's redirect.
   */
  function wire(form, ceremony) {
    var status = form.querySelector('[data-passkey-status]');
    var button = form.querySelector('button[type="submit"], button:not([type])');
    if (!status) return;
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      clearFieldErrors(form);
      status.classList.remove('field-error');
      if (!window.PublicKeyCredential || !navigator.credentials) {
        status.textContent = t('unsupported');
        status.classList.add('field-error');
        return;
      }
      if (button) button.disabled = true;
      form.setAttribute('aria-busy', 'true');
      var body = ceremony.body();
      postJSON(ceremony.options, body.options).then(function (options) {
        status.textContent = t('waiting');
        return ceremony.kind === 'create'
          ? navigator.credentials.create({ publicKey: creationOptions(options) })
          : navigator.credentials.get({ publicKey: requestOptions(options) });
      }).then(function (credential) {
        status.textContent = t('checking');
        return postJSON(ceremony.verify, Object.assign({ credential: credentialJSON(credential) }, body.verify));
      }).then(function (result) {
        status.textContent = t(ceremony.done);
        if (result && typeof result.redirect === 'string' && result.redirect.charAt(0) === '/' && result.redirect.charAt(1) !== '/') {
          window.location.assign(withLang(result.redirect));
        }
      }).catch(function (error) {
        showError(form, status, error);
      }).then(function () {
        if (button) button.disabled = false;
        form.removeAttribute('aria-busy');
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('form[data-passkey-login]'), function (form) {
    wire(form, {
      kind: 'get', options: '/auth/passkey/options', verify: form.getAttribute('action') || '/auth/passkey/login', done: 'signedIn',
      body: function () { return { options: {}, verify: { next: form.getAttribute('data-next') || '' } }; }
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('form[data-passkey-join]'), function (form) {
    wire(form, {
      kind: 'create', options: form.getAttribute('data-options'), verify: form.getAttribute('data-verify'), done: 'joined',
      body: function () { var person = fieldValues(form, ['name', 'email']); return { options: person, verify: person }; }
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('form[data-passkey-add]'), function (form) {
    wire(form, {
      kind: 'create', options: form.getAttribute('data-options'), verify: form.getAttribute('data-verify'), done: 'added',
      body: function () { return { options: {}, verify: fieldValues(form, ['label']) }; }
    });
  });
})();
`;
