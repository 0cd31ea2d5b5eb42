/* Staff console: question gaps: unanswered questions grouped (by characters and by meaning), turned into drafts
   with every example as a candidate phrasing, or added as a phrasing of an entry found by searching. */
(function () {
  'use strict';
  var C = window.Console;
  var el = C.el, button = C.button, api = C.api, table = C.table, message = C.message, show = C.show, fail = C.fail,
    field = C.field, select_ = C.select_, panel = C.panel;
  var OUTCOME = { none: '未能回答', clarify: '需澄清（“您是不是想问”）', answer: '已回答' };

  function draftForm(box, gap, done) {
    panel(box, '从问题组新建草稿：' + gap.representative);
    var form = el('form', null, { 'aria-label': '新建草稿' });
    var fs = el('fieldset');
    fs.appendChild(el('legend', '候选问法（已脱敏；取消勾选的不放入草稿）'));
    var boxes = [gap.representative].concat(gap.examples.filter(function (x) { return x !== gap.representative; }))
      .map(function (q, i) {
        var l = el('label'); l.className = 'check';
        var c = el('input', null, { type: 'checkbox', name: 'example' });
        c.checked = true; c.value = q;
        if (i === 0) { c.disabled = true; c.title = '代表问题是草稿的标题，总会放入'; }
        l.appendChild(c); l.appendChild(document.createTextNode(' ' + q));
        fs.appendChild(l);
        return c;
      });
    form.appendChild(fs);
    var dept = null;
    if (C.me().role === 'editor') {
      form.appendChild(el('p', '实施单位：' + C.me().department + '（编辑的草稿固定属于本单位）'));
    } else {
      dept = field(form, '实施单位（必选）', select_(C.vocab().departments, ''));
      dept.setAttribute('aria-required', 'true'); // checked here, so the message is in Chinese, not the browser's
      dept.name = 'department';
    }
    var status = el('div');
    form.appendChild(el('button', '新建草稿', { type: 'submit' }));
    form.appendChild(button('取消', function () { box.hidden = true; }, 'secondary'));
    form.appendChild(status);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      status.textContent = '';
      if (dept && !dept.value) { status.appendChild(message('请选择草稿所属的实施单位。', false)); dept.focus(); return; }
      var examples = boxes.slice(1).filter(function (c) { return c.checked; }).map(function (c) { return c.value; });
      api('POST', '/questions/draft', { question: gap.representative, examples: examples, department: dept ? dept.value : null })
        .then(function (v) {
          done(message('已新建草稿 ' + v.entryId + '（' + (examples.length + 1) + ' 个候选问法）。请补全答案和法律依据后提交审核。', true),
            button('打开草稿', function () { C.detail(v.entryId); }));
        }).catch(function (err) { status.appendChild(message(err.message, false)); });
    });
    box.appendChild(form);
  }

  function phrasingForm(box, gap, done) {
    panel(box, '加为已有条目的问法：' + gap.representative);
    var form = el('form', null, { role: 'search', 'aria-label': '查找条目' });
    var q = field(form, '查找条目（按问题、标题或编号）', el('input', null, { type: 'search', name: 'q' }));
    q.value = gap.representative;
    form.appendChild(el('button', '查找', { type: 'submit' }));
    var results = el('div', null, { 'aria-live': 'polite' });
    function search() {
      results.textContent = '';
      api('GET', '/questions/targets?q=' + encodeURIComponent(q.value)).then(function (list) {
        if (!list.length) { results.appendChild(el('p', '没有找到条目，请换个说法再查。')); return; }
        results.appendChild(table(['编号', '标题', '实施单位', '状态', ''], list.map(function (t) {
          return [t.id, t.title, t.department, C.status(t.status), button('加到此条目', function () {
            api('POST', '/questions/phrasing', { entryId: t.id, question: gap.representative }).then(function (v) {
              done(message('已把“' + gap.representative + '”加为“' + t.title + '”的问法（第 ' + v.version + ' 版草稿，需提交审核）。', true),
                button('打开条目', function () { C.detail(v.entryId); }));
            }).catch(function (err) { results.insertBefore(message(err.message, false), results.firstChild); });
          }, 'secondary')];
        })));
      }).catch(function (err) { results.appendChild(message(err.message, false)); });
    }
    form.addEventListener('submit', function (e) { e.preventDefault(); search(); });
    box.appendChild(form);
    box.appendChild(results);
    search();
  }

  function gaps() {
    var canEdit = C.me().role !== 'reviewer';
    api('GET', '/questions/gaps?days=30').then(function (g) {
      var box = el('section', null, { 'aria-label': '处理问题组' }); box.className = 'panel'; box.hidden = true;
      var result = el('div', null, { role: 'status' });
      function done(msg, action) {
        box.hidden = true;
        result.textContent = '';
        result.appendChild(msg);
        if (action) { result.appendChild(action); }
      }
      var rows = g.gaps.map(function (x) {
        var actions = el('span');
        if (canEdit) {
          actions.appendChild(button('新建草稿', function () { draftForm(box, x, done); }, 'secondary'));
          actions.appendChild(button('加为已有条目的问法', function () { phrasingForm(box, x, done); }, 'secondary'));
        }
        var list = el('ul'); list.className = 'examples';
        x.examples.forEach(function (q) { list.appendChild(el('li', q)); });
        return [x.representative, x.count, list, x.outcomes.map(function (o) { return OUTCOME[o] || o; }).join('、'), actions];
      });
      show('问题缺口（近30天，' + g.questions + ' 个未答或需澄清的问题，意思相近的已合并）',
        [result, rows.length ? table(['代表问题', '次数', '例句', '结果', '处理'], rows) : el('p', '近30天没有未答的问题。'), box]);
    }).catch(fail);
  }
  C.tab({ id: 'gaps', label: '问题缺口', roles: ['editor', 'reviewer', 'admin'], order: 30, open: gaps });
})();
