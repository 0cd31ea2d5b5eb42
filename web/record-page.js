/*
 * Shared by the pages a receipt link opens (consent.html, message.html): building elements, the status line
 * read out to screen readers, Beijing time whatever the device's zone, and the API call that carries the
 * link's token. Plain script, loaded before the page's own; it defines one global, RecordPage. widget.js keeps its
 * own beijing(): it is embedded on other sites as one self-contained script.
 */
var RecordPage = (function () {
  'use strict';

  function node(tag, text, cls) {
    var n = document.createElement(tag);
    if (text != null) { n.textContent = text; }
    if (cls) { n.className = cls; }
    return n;
  }

  /** A function that shows a message in the status element (red when bad) and moves focus to it. */
  function teller(done) {
    return function (text, bad) {
      done.textContent = text;
      done.className = bad ? 'done bad' : 'done';
      done.hidden = false;
      done.focus();
    };
  }

  /** "2026-12-02T00:34:35.555+00:00" → "2026年12月2日 08:34" (Beijing time, whatever the device's zone). */
  function beijing(iso) {
    var t = Date.parse(iso);
    if (isNaN(t)) { return iso || ''; }
    var d = new Date(t + 8 * 3600 * 1000);
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return d.getUTCFullYear() + '年' + (d.getUTCMonth() + 1) + '月' + d.getUTCDate() + '日 ' + two(d.getUTCHours()) + ':' + two(d.getUTCMinutes());
  }

  /**
   * A function (method, path, body) → promise of the JSON reply, for the record at base + id, sending the
   * link's token in the given header (never in the address, so it stays out of logs and Referer).
   */
  function caller(base, header, token, id) {
    return function (method, path, body) {
      var init = { method: method, headers: {} };
      init.headers[header] = token;
      if (method === 'POST') { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body || {}); }
      return fetch(base + encodeURIComponent(id) + path, init).then(function (r) { return r.json(); });
    };
  }

  /** A function that loads the record into show(), or writes the error (or a fallback) into target. */
  function loader(call, target, show) {
    return function () {
      return call('GET', '').then(function (body) {
        if (body.error) { target.textContent = body.error.message; return; }
        show(body);
      }).catch(function () { target.textContent = '查询失败，请稍后再试或拨打12345咨询。'; });
    };
  }

  return { node: node, teller: teller, beijing: beijing, caller: caller, loader: loader };
})();
