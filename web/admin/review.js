/* Staff console: the work queues (待审核, my drafts, returned to me, due for review, 待核实), the public answer as the
   widget shows it, the word-level diff against the published version, and keyboard moves through a queue.
   entries.js draws an entry's page with these parts. */
(function () {
  'use strict';
  var C = window.Console;
  var el = C.el, button = C.button, api = C.api, table = C.table, show = C.show, fail = C.fail, status = C.status;

  /** Chinese names of an entry's fields, in the order the page shows them. */
  var FIELDS = { id: '编号', kind: '类别', title: '标题', questions: '问法', answer: '答案', department: '实施单位', method: '行政指导方式',
    legalBasis: '法律依据', url: '来源链接', reviewed: '审核日期', topics: '主题', verify: '待核实说明', window: '时间窗口', related: '相关条目' };

  /** A field's value as the text a reader compares: one phrasing or one citation a line. */
  function fieldText(name, v) {
    if (v == null) { return ''; }
    if (name === 'legalBasis') { return v.map(function (b) { return '《' + b.law + '》' + (b.article || ''); }).join('\n'); }
    if (name === 'window') { return v.from + ' 至 ' + v.to; }
    if (name === 'topics' || name === 'related') { return v.join('、'); }
    if (Array.isArray(v)) { return v.join('\n'); }
    return String(v);
  }

  /** Words for the diff: a run of Latin letters or digits is one word, every other character (a Chinese character) its own. */
  function tokens(s) { return s.match(/[A-Za-z0-9]+|[\s\S]/g) || []; }

  /**
   * The changes between two texts, word by word: [{op: '=', '-' or '+', text}]. The longest common subsequence
   * (dynamic programming, as in diff); texts too long for that show as removed and added whole.
   */
  function diffText(a, b) {
    var x = tokens(a), y = tokens(b);
    if (x.length * y.length > 4000000) { return [{ op: '-', text: a }, { op: '+', text: b }]; }
    var n = x.length, m = y.length, i, j;
    var L = [];
    for (i = 0; i <= n; i++) { L.push(new Uint32Array(m + 1)); }
    for (i = n - 1; i >= 0; i--) {
      for (j = m - 1; j >= 0; j--) { L[i][j] = x[i] === y[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]); }
    }
    var out = [];
    function push(op, t) { var last = out[out.length - 1]; if (last && last.op === op) { last.text += t; } else { out.push({ op: op, text: t }); } }
    i = 0; j = 0;
    while (i < n && j < m) {
      if (x[i] === y[j]) { push('=', x[i]); i++; j++; } else if (L[i + 1][j] >= L[i][j + 1]) { push('-', x[i]); i++; } else { push('+', y[j]); j++; }
    }
    for (; i < n; i++) { push('-', x[i]); }
    for (; j < m; j++) { push('+', y[j]); }
    return out;
  }

  /** One side of a changed field: unchanged text plain, the side's own changes marked (del on the left, ins on the right). */
  function side(parts, op) {
    var cell = el('div'); cell.className = 'difftext';
    parts.forEach(function (p) {
      if (p.op === '=') { cell.appendChild(document.createTextNode(p.text)); } else if (p.op === op) { cell.appendChild(el(op === '-' ? 'del' : 'ins', p.text)); }
    });
    return cell;
  }

  /** The side-by-side table of changed fields, {field: [before, after]} as the server's diff gives it. */
  function diffTable(changes, beforeLabel, afterLabel) {
    var names = Object.keys(FIELDS).filter(function (f) { return changes[f]; })
      .concat(Object.keys(changes).filter(function (f) { return !FIELDS[f]; }));
    if (!names.length) { return el('p', '内容与' + beforeLabel + '相同。'); }
    var t = table(['字段', beforeLabel, afterLabel], names.map(function (f) {
      var parts = diffText(fieldText(f, changes[f][0]), fieldText(f, changes[f][1]));
      return [FIELDS[f] || f, side(parts, '-'), side(parts, '+')];
    }));
    t.className = 'diff';
    return t;
  }

  /** The reply as the public widget draws it (web/widget.js render()): the text, then the source line. */
  function publicAnswer(reply) {
    var box = el('div', null, { role: 'group', 'aria-label': '公众看到的答复' });
    box.className = 'public-answer';
    box.appendChild(el('div', reply.answer));
    (reply.sources || []).forEach(function (s) {
      var meta = el('div'); meta.className = 'meta';
      meta.appendChild(el('div', '来源：' + (s.kind ? s.kind + '·' : '') + (s.title || '')));
      if (s.url) { meta.appendChild(el('div', '查看来源：' + s.url)); }
      box.appendChild(meta);
    });
    if (reply.check) { box.appendChild(el('div', '答复下方还有“我这种情况能不罚吗”自查入口。', { class: 'meta' })); }
    if (reply.suggestions && reply.suggestions.length) { // an overview's steps, offered as the widget's chips
      var steps = el('ul', null, { class: 'steps', 'aria-label': '公众可以接着问' });
      reply.suggestions.forEach(function (q) { steps.appendChild(el('li', q)); });
      box.appendChild(el('div', '公众可以接着问：', { class: 'meta' }));
      box.appendChild(steps);
    }
    if (reply.unpublishedSteps && reply.unpublishedSteps.length) {
      box.appendChild(el('div', '以下步骤条目尚未发布，公众看不到：' + reply.unpublishedSteps.join('、'), { class: 'warn', role: 'note' }));
    }
    return box;
  }

  function age(iso) {
    if (!iso) { return ''; }
    var mins = Math.max(0, Math.floor((Date.now() - new Date(iso).getTime()) / 60000));
    if (mins < 60) { return mins + '分钟'; }
    var hours = Math.floor(mins / 60);
    if (hours < 24) { return hours + '小时'; }
    return Math.floor(hours / 24) + '天' + (hours % 24 ? (hours % 24) + '小时' : '');
  }

  /** The queues, with what each shows. */
  var QUEUES = {
    review: { label: '待审核', title: '待法制审核（最早提交的在前）', roles: ['reviewer', 'admin'], order: 5,
      headers: ['编号', '标题', '实施单位', '作者', '已等待', '提交时间'],
      row: function (e) { return [e.title, e.department, e.author, age(e.submittedAt || e.createdAt), C.time(e.submittedAt || e.createdAt)]; } },
    mine: { label: '我的草稿', title: '我的草稿', roles: ['editor', 'admin'], order: 6,
      headers: ['编号', '标题', '实施单位', '版本', '保存时间'],
      row: function (e) { return [e.title, e.department, 'v' + e.version, C.time(e.createdAt)]; } },
    returned: { label: '退回给我', title: '退回给我修改的版本', roles: ['editor', 'admin'], order: 7,
      headers: ['编号', '标题', '退回理由', '审核人', '退回时间'],
      row: function (e) { return [e.title, e.reviewComment, e.reviewer, C.time(e.reviewedAt)]; } },
    due: { label: '到期复核', title: '超过一年未审核的在用条目', roles: ['editor', 'admin'], order: 8,
      headers: ['编号', '标题', '实施单位', '审核日期'],
      row: function (e) { return [e.title, e.department, e.reviewed]; } },
    verify: { label: '待核实', title: '带待核实标记的条目（核实后经法制审核发布，目录中的“待核实”随之去掉）', roles: ['editor', 'reviewer', 'admin'], order: 9,
      headers: ['编号', '标题', '实施单位', '状态', '待核实说明'],
      row: function (e) { return [e.title, e.department, status(e.status), e.verify]; } }
  };

  /** Where the entry page came from: the queue's ids in order, so N and P move through it. */
  var context = null;

  var latestLoad = 0;

  function queue(view, page) {
    var q = QUEUES[view];
    var load = ++latestLoad;
    api('GET', '/queue?view=' + view + '&page=' + (page || 1) + '&size=50').then(function (r) {
      var current = document.querySelector('#tabs button[aria-current=page]');
      // Another queue or tab was chosen while this one loaded: its screen wins.
      if (load !== latestLoad || (current && current.getAttribute('data-tab') !== 'q-' + view)) { return; }
      context = { label: q.label, ids: r.items.map(function (e) { return e.id; }) };
      var rows = r.items.map(function (e) {
        return [button(e.id, function () { C.detail(e.id); }, 'secondary')].concat(q.row(e));
      });
      var nodes = [el('p', '快捷键：N 打开第一条，在条目页按 N 下一条、P 上一条。', { class: 'hint' })];
      nodes.push(rows.length ? table(q.headers, rows) : el('p', '队列是空的。'));
      nodes.push(pager(r, function (p) { queue(view, p); }));
      show(q.title + '（' + r.total + '）', nodes);
      document.querySelector('#view .card').setAttribute('data-queue', view);
      refreshCounts();
    }).catch(fail);
  }

  /** Page links under a list: 上一页 / 下一页 and where we are. */
  function pager(r, go) {
    var pages = Math.max(1, Math.ceil(r.total / r.size));
    var p = el('p'); p.className = 'pager';
    var prev = button('上一页', function () { go(r.page - 1); }, 'secondary');
    prev.disabled = r.page <= 1;
    var next = button('下一页', function () { go(r.page + 1); }, 'secondary');
    next.disabled = r.page >= pages;
    p.appendChild(prev);
    p.appendChild(el('span', '第 ' + r.page + ' / ' + pages + ' 页，共 ' + r.total + ' 条'));
    p.appendChild(next);
    return p;
  }

  /** Puts each queue's size on its tab: 待审核（3）. */
  function refreshCounts() {
    if (!C.me()) { return; }
    api('GET', '/queue/counts').then(function (counts) {
      Object.keys(QUEUES).forEach(function (v) {
        var b = document.querySelector('#tabs button[data-tab="q-' + v + '"]');
        if (b) { b.textContent = QUEUES[v].label + '（' + counts[v] + '）'; }
      });
    }).catch(function () { /* the counts are a courtesy: the queues themselves still load */ });
  }

  /** The neighbours of an entry in the queue it was opened from, or null when opened elsewhere. */
  function neighbours(id) {
    if (!context) { return null; }
    var i = context.ids.indexOf(id);
    if (i < 0) { return null; }
    return { index: i, count: context.ids.length, prev: context.ids[i - 1], next: context.ids[i + 1], label: context.label };
  }

  function typing(e) {
    var t = e.target;
    return e.ctrlKey || e.metaKey || e.altKey || (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable));
  }
  // N / P: next and previous item of the queue; on a queue, N opens its first item. A / R: the review form's comment.
  document.addEventListener('keydown', function (e) {
    if (typing(e) || !C.me()) { return; }
    var key = e.key.toLowerCase();
    var page = document.querySelector('#view [data-entry]');
    if (!page) {
      if (key === 'n' && context && context.ids.length && document.querySelector('#view [data-queue]')) { C.detail(context.ids[0]); }
      return;
    }
    var n = neighbours(page.getAttribute('data-entry'));
    if (key === 'n' && n && n.next) { C.detail(n.next); } else if (key === 'p' && n && n.prev) { C.detail(n.prev); } else if (key === 'a' || key === 'r') {
      var box = document.getElementById('review-comment');
      if (box) { e.preventDefault(); box.focus(); }
    }
  });

  Object.keys(QUEUES).forEach(function (v) {
    C.tab({ id: 'q-' + v, label: QUEUES[v].label, roles: QUEUES[v].roles, order: QUEUES[v].order, open: function () { queue(v, 1); } });
  });
  C.FIELDS = FIELDS;
  C.fieldText = fieldText;
  C.diffText = diffText;
  C.diffTable = diffTable;
  C.publicAnswer = publicAnswer;
  C.neighbours = neighbours;
  /** Makes a list shown elsewhere (the 条目 page) the one N and P move through. */
  C.setQueue = function (label, ids) { context = { label: label, ids: ids }; };
  C.refreshCounts = refreshCounts;
  C.pager = pager;
  C.age = age;
})();
