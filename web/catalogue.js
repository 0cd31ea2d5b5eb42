/*
 * Renders /api/catalogue as text (never HTML from the server). The server searches (the chat's analysis:
 * simplified characters, typo corrections, ranking); this page keeps the search and filters in the URL, so a
 * filtered list can be shared, bookmarked and printed, and the back button returns to the previous one.
 */
(function () {
  'use strict';
  var FIELDS = ['q', 'department', 'kind', 'method', 'topic'];
  var LABELS = { department: '实施单位', kind: '类别', method: '指导方式', topic: '主题' };
  var controls = {};
  FIELDS.forEach(function (f) { controls[f] = document.getElementById(f); });
  var results = document.getElementById('results');
  var status = document.getElementById('status');
  var jump = document.getElementById('jump');
  var empty = document.getElementById('empty');
  var verifyNote = document.getElementById('verify-note');
  var printMeta = document.getElementById('print-meta');
  var timer = null;
  var typing = false;
  var requestNo = 0;

  function el(tag, text, cls) {
    var n = document.createElement(tag);
    if (text != null) { n.textContent = text; }
    if (cls) { n.className = cls; }
    return n;
  }

  function fill(select, values) {
    values.forEach(function (v) { var o = el('option', v); o.value = v; select.appendChild(o); });
  }

  /** The home page with the widget, asking the question at once (widget.js reads ?ask= on our own pages). */
  function askHref(question) {
    return question ? '/?ask=' + encodeURIComponent(question) : '/';
  }

  function current() {
    var p = new URLSearchParams();
    FIELDS.forEach(function (f) { var v = controls[f].value.trim(); if (v) { p.set(f, v); } });
    return p;
  }

  function fromUrl() {
    var p = new URLSearchParams(location.search);
    FIELDS.forEach(function (f) {
      var v = p.get(f) || '';
      if (controls[f].tagName === 'SELECT' && v && !controls[f].querySelector('option[value="' + CSS.escape(v) + '"]')) {
        fill(controls[f], [v]); // an address shared before the list changed still shows what it asked for
      }
      controls[f].value = v;
    });
  }

  /** "搜索“火锅”，实施单位：区市场监管局": what the list shows, for the status line and the printout. */
  function describe(p) {
    var parts = [];
    if (p.get('q')) { parts.push('搜索“' + p.get('q') + '”'); }
    ['department', 'kind', 'method', 'topic'].forEach(function (f) {
      if (p.get(f)) { parts.push(LABELS[f] + '：' + p.get(f)); }
    });
    return parts.join('，');
  }

  function beijingNow() {
    var parts = {};
    new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: '2-digit', minute: '2-digit', hour12: false }).formatToParts(new Date())
      .forEach(function (x) { parts[x.type] = x.value; });
    return parts.year + '年' + parts.month + '月' + parts.day + '日 ' + parts.hour + ':' + parts.minute;
  }

  function chineseDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    return m ? m[1] + '年' + Number(m[2]) + '月' + Number(m[3]) + '日' : iso;
  }

  function updatePrintMeta(p) {
    printMeta.textContent = '打印时间：' + beijingNow() + '（北京时间） · 筛选：' + (describe(p) || '全部事项') + ' · 网址：' + location.href;
  }

  function load(history) {
    var p = current();
    var query = p.toString();
    if (history) {
      var url = location.pathname + (query ? '?' + query : '');
      if (url !== location.pathname + location.search) {
        if (history === 'replace') { window.history.replaceState(null, '', url); } else { window.history.pushState(null, '', url); }
      }
    }
    var mine = ++requestNo;
    return fetch('/api/catalogue' + (query ? '?' + query : ''))
      .then(function (r) { return r.json(); })
      .then(function (body) {
        if (mine !== requestNo) { return; } // an answer to an older search arrived late
        if (body.error) { status.textContent = body.error.message; return; }
        render(body, p);
      })
      .catch(function () { status.textContent = '目录加载失败，请稍后再试或拨打12345咨询。'; });
  }

  function render(body, p) {
    results.textContent = '';
    jump.textContent = '';
    jump.hidden = true;
    var filters = describe(p);
    var text = (p.get('q') ? '找到 ' + body.count + ' 项' + (body.count > 1 ? '，按相关程度排列' : '') : '共 ' + body.count + ' 项')
      + (filters ? '（' + filters + '）' : '');
    if (body.searched && body.searched !== p.get('q')) { text += '。已按“' + body.searched + '”搜索'; }
    status.textContent = text;
    updatePrintMeta(p);
    renderEmpty(body.count === 0, p);
    var items = [];
    body.departments.forEach(function (d) { d.methods.forEach(function (g) { items = items.concat(g.items); }); });
    verifyNote.hidden = !items.some(function (i) { return i.needsVerification; });
    if (body.results) {
      if (body.results.length) {
        var section = el('section', null, 'dept');
        section.appendChild(el('h2', '搜索结果'));
        section.appendChild(table(body.results, true));
        results.appendChild(section);
      }
      return;
    }
    renderJump(body.departments);
    body.departments.forEach(function (d, i) {
      var section = el('section', null, 'dept');
      section.id = 'dept-' + i;
      section.appendChild(el('h2', d.department + '（' + d.count + ' 项）'));
      section.appendChild(el('p', '咨询渠道：' + d.contact, 'contact'));
      d.methods.forEach(function (g) {
        section.appendChild(el('h3', g.method));
        section.appendChild(table(g.items, false));
      });
      var top = el('a', '回到顶部', 'to-top');
      top.href = '#filters';
      section.appendChild(top);
      results.appendChild(section);
    });
  }

  function renderJump(departments) {
    jump.hidden = departments.length < 2;
    if (jump.hidden) { return; }
    jump.appendChild(el('span', '按实施单位跳转：', 'jump-label'));
    departments.forEach(function (d, i) {
      var a = el('a', d.department + ' ' + d.count);
      a.href = '#dept-' + i;
      jump.appendChild(a);
    });
  }

  function renderEmpty(isEmpty, p) {
    empty.hidden = !isEmpty;
    if (!isEmpty) { return; }
    var q = p.get('q');
    document.getElementById('empty-title').textContent = q ? '没有找到与“' + q + '”相关的事项' : '没有符合筛选条件的事项';
    var filtered = ['department', 'kind', 'method', 'topic'].some(function (f) { return p.get(f); });
    document.getElementById('empty-filters').hidden = !filtered;
    var ask = document.getElementById('ask-empty');
    ask.href = askHref(q);
    document.getElementById('ask-hint').textContent = q
      ? '智能助手会直接回答“' + q + '”；也可以用自己的话描述遇到的情况。'
      : '在首页点击右下角的“政策咨询”，直接用自己的话提问。';
  }

  function cell(tr, label, text, cls) {
    var td = el('td', text, cls);
    td.setAttribute('data-label', label);
    tr.appendChild(td);
    return td;
  }

  function table(items, withDepartment) {
    var t = el('table');
    var head = el('tr');
    var columns = ['事项'].concat(withDepartment ? ['实施单位', '指导方式'] : []).concat(['类别', '法律依据', '审核日期']);
    columns.forEach(function (h) { var th = el('th', h); th.scope = 'col'; head.appendChild(th); });
    var thead = el('thead');
    thead.appendChild(head);
    t.appendChild(thead);
    var tbody = el('tbody');
    items.forEach(function (item) {
      var tr = el('tr');
      var title = cell(tr, '事项', null, 'title');
      title.appendChild(el('span', item.title, 'item-title'));
      if (item.needsVerification) {
        var badge = el('span', '待核实', 'badge');
        badge.title = '涉及地方规定或办理窗口，尚待工作人员核实，办理前请先向实施单位或12345确认';
        title.appendChild(badge);
      }
      var ask = el('a', '问智能助手', 'ask');
      ask.href = askHref(item.title);
      ask.setAttribute('aria-label', '问智能助手：' + item.title);
      title.appendChild(ask);
      if (withDepartment) {
        cell(tr, '实施单位', item.department);
        cell(tr, '指导方式', item.method);
      }
      cell(tr, '类别', item.kind, 'kind');
      cell(tr, '法律依据', item.legalBasis);
      cell(tr, '审核日期', chineseDate(item.reviewed), 'date');
      tbody.appendChild(tr);
    });
    t.appendChild(tbody);
    return t;
  }

  function loadSoon() {
    clearTimeout(timer);
    timer = setTimeout(function () { load(typing ? 'replace' : 'push'); typing = true; }, 300);
  }

  controls.q.addEventListener('input', loadSoon);
  ['department', 'kind', 'method', 'topic'].forEach(function (f) {
    controls[f].addEventListener('change', function () { typing = false; load('push'); });
  });
  document.getElementById('filters').addEventListener('submit', function (e) {
    e.preventDefault();
    clearTimeout(timer);
    typing = false;
    load('push').then(function () {
      // On a phone the form fills the screen: an explicit search shows where its results begin.
      if (status.getBoundingClientRect().top > window.innerHeight * 0.6) { status.scrollIntoView({ block: 'start' }); }
    });
  });
  function clearAll() {
    FIELDS.forEach(function (f) { controls[f].value = ''; });
    typing = false;
    load('push');
  }
  document.getElementById('clear').addEventListener('click', clearAll);
  document.getElementById('empty-clear').addEventListener('click', clearAll);
  document.getElementById('print').addEventListener('click', function () { window.print(); });
  var noteWasOpen = false;
  window.addEventListener('beforeprint', function () {
    updatePrintMeta(current());
    noteWasOpen = verifyNote.open;
    verifyNote.open = true; // a printout cannot be expanded: it carries the explanation of 待核实
  });
  window.addEventListener('afterprint', function () { verifyNote.open = noteWasOpen; });
  window.addEventListener('popstate', function () { typing = false; fromUrl(); load(null); });

  // The lists of the filters come from the server (kinds and methods as it accepts them; departments and topics
  // from the whole catalogue, whatever the address filters).
  fetch('/api/catalogue')
    .then(function (r) { return r.json(); })
    .then(function (all) {
      fill(controls.department, all.departments.map(function (d) { return d.department; }));
      fill(controls.kind, all.kinds);
      fill(controls.method, all.methods);
      var topics = [];
      all.departments.forEach(function (d) {
        d.methods.forEach(function (g) {
          g.items.forEach(function (i) { (i.topics || []).forEach(function (t) { if (topics.indexOf(t) < 0) { topics.push(t); } }); });
        });
      });
      fill(controls.topic, topics.sort(function (a, b) { return a.localeCompare(b, 'zh-CN'); }));
      fromUrl();
      if (current().toString()) { load(null); } else { render(all, current()); }
    })
    .catch(function () { status.textContent = '目录加载失败，请稍后再试或拨打12345咨询。'; });
})();
