// The copy button of the badge kit (/my/badges). Without JavaScript the button stays hidden and
// the readonly textarea beside it can still be selected and copied by hand. Served from
// /assets/copy.js (the signed-in pages' CSP allows scripts from 'self' only, nothing inline).
//
//   <textarea id="embed-1" readonly>…</textarea>
//   <button type="button" hidden data-copy-target="embed-1" data-copy-status="embed-1-status"
//           data-copied="コピーしました" data-failed="コピーできませんでした">コピー</button>
//   <p id="embed-1-status" role="status" aria-live="polite"></p>

export const COPY_JS = `"use strict";
(function () {
  var buttons = document.querySelectorAll("button[data-copy-target]");
  Array.prototype.forEach.call(buttons, function (button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    var status = document.getElementById(button.getAttribute("data-copy-status") || "");
    if (!target) return;
    button.hidden = false;
    function report(ok) {
      if (!status) return;
      // Cleared first, so saying the same words twice is announced twice.
      status.textContent = "";
      setTimeout(function () { status.textContent = ok ? button.getAttribute("data-copied") : button.getAttribute("data-failed"); }, 50);
    }
    function fallback() {
      target.focus();
      target.select();
      try { return document.execCommand("copy"); } catch (e) { return false; }
    }
    button.addEventListener("click", function () {
      var text = target.value;
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () { report(true); }, function () { report(fallback()); });
      } else {
        report(fallback());
      }
    });
  });
})();
`;
