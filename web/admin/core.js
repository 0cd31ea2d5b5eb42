/* Staff console, shared parts: DOM helpers, the API client, Chinese labels and the tab registry.
   Everything from the server is inserted as text. State-changing calls carry the CSRF token.
   Each screen lives in its own file and registers its tabs with Console.tab(); admin.js signs in and starts. */
(function () {
  'use strict';
  var STATUS = { draft: '草稿', submitted: '待法制审核', approved: '已通过审核', rejected: '已退回', published: '已发布',
    superseded: '已被新版本取代', retired: '已下线' };
  function status(code) { return STATUS[code] || code; }
  var ROLE = { editor: '编辑', reviewer: '审核', admin: '管理员', EDITOR: '编辑', REVIEWER: '审核', ADMIN: '管理员' };
  var BEIJING = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  /** An ISO instant as Beijing time, "2026年12月2日 08:34"; empty for null, the input itself when it is not a time. */
  function time(iso) {
    if (!iso) { return ''; }
    var d = new Date(iso);
    if (isNaN(d.getTime())) { return String(iso); }
    var p = {};
    BEIJING.formatToParts(d).forEach(function (x) { p[x.type] = x.value; });
    return p.year + '年' + p.month + '月' + p.day + '日 ' + p.hour + ':' + p.minute;
  }
  var me = null;
  var vocab = null;
  var view = document.getElementById('view');
  var tabs = [];

  function el(tag, text, attrs) {
    var n = document.createElement(tag);
    if (text != null) { n.textContent = text; }
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    return n;
  }
  function button(text, onClick, cls) {
    var b = el('button', text, { type: 'button' });
    if (cls) { b.className = cls; }
    b.addEventListener('click', onClick);
    return b;
  }
  function api(method, path, body) {
    var headers = { 'Content-Type': 'application/json' };
    if (method !== 'GET' && me) { headers['X-CSRF-Token'] = me.csrfToken; }
    return fetch('/admin/api' + path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined,
      credentials: 'same-origin' })
      .then(function (r) {
        return r.json().then(function (j) {
          if (!r.ok) { throw new Error((j.error && j.error.message) || ('HTTP ' + r.status)); }
          return j;
        });
      });
  }
  function table(headers, rows) {
    var t = el('table');
    var head = el('tr');
    headers.forEach(function (h) { head.appendChild(el('th', h, { scope: 'col' })); });
    var thead = el('thead'); thead.appendChild(head); t.appendChild(thead);
    var tbody = el('tbody');
    rows.forEach(function (cells) {
      var tr = el('tr');
      cells.forEach(function (c) {
        var td = el('td');
        if (c instanceof Node) { td.appendChild(c); } else { td.textContent = c == null ? '' : String(c); }
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    t.appendChild(tbody);
    return t;
  }
  function message(text, ok) {
    var p = el('p', text, { role: ok ? 'status' : 'alert' });
    p.className = ok ? 'ok' : 'err';
    return p;
  }
  function show(title, nodes) {
    view.textContent = '';
    var card = el('div'); card.className = 'card';
    card.appendChild(el('h2', title));
    nodes.forEach(function (n) { card.appendChild(n); });
    view.appendChild(card);
    view.hidden = false;
  }
  function fail(e) { view.insertBefore(message(e.message, false), view.firstChild); }
  function field(form, label, input) {
    var l = el('label', label + ' ');
    l.appendChild(input);
    form.appendChild(l);
    return input;
  }
  function select_(options, value) {
    var s = el('select');
    s.appendChild(el('option', '（无）', { value: '' }));
    options.forEach(function (o) { var opt = el('option', o, { value: o }); if (o === value) { opt.selected = true; } s.appendChild(opt); });
    return s;
  }

  /** Empties a panel under a list, titles it and moves the focus there: where one item's form opens, one at a time. */
  function panel(box, title) {
    box.textContent = '';
    box.hidden = false;
    var h = el('h3', title, { tabindex: '-1' });
    box.appendChild(h);
    setTimeout(function () { h.focus(); box.scrollIntoView({ block: 'nearest' }); }, 0);
    return box;
  }

  window.Console = {
    el: el, button: button, panel: panel, api: api, table: table, message: message, show: show, fail: fail, field: field, select_: select_,
    status: status, ROLE: ROLE, time: time,
    /** The signed-in account (username, role, department, csrfToken), or null before sign-in. */
    me: function () { return me; },
    setMe: function (account) { me = account; },
    /** Controlled vocabularies (kinds, departments, methods, topics), loaded after sign-in. */
    vocab: function () { return vocab; },
    setVocab: function (v) { vocab = v; },
    /** Registers a tab: { id, label, roles, order, open }. Lower order comes first. */
    tab: function (t) { tabs.push(t); tabs.sort(function (a, b) { return a.order - b.order; }); },
    tabs: function () { return tabs.slice(); }
  };
})();
