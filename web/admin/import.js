/* Staff console: importing a department's catalogue page: choose the file, see what would be imported and
   what would be refused and why, then import on confirm. */
(function () {
  'use strict';
  var C = window.Console;
  var el = C.el, button = C.button, api = C.api, table = C.table, message = C.message, show = C.show, field = C.field,
    select_ = C.select_;

  function importScreen() {
    var form = el('form', null, { 'aria-label': '导入目录网页' });
    var file = field(form, '选择目录网页（表格或列表；先预览，确认后才导入为草稿）',
      el('input', null, { type: 'file', accept: '.html,.htm,text/html', name: 'file' }));
    var dept = null;
    if (C.me().role === 'editor') {
      form.appendChild(el('p', '实施单位：' + C.me().department + '（编辑导入的草稿固定属于本单位）'));
    } else {
      dept = field(form, '实施单位（网页里没写单位的行归入此单位）', select_(C.vocab().departments, ''));
    }
    var status = el('div', null, { role: 'status' });
    var preview = el('div');
    var html = null;
    function body(dryRun) { return { html: html, department: dept ? (dept.value || null) : C.me().department, dryRun: dryRun }; }
    function refresh() {
      preview.textContent = '';
      status.textContent = '';
      if (!html) { return; }
      api('POST', '/import/html', body(true)).then(function (p) {
        preview.appendChild(el('h3', '预览：可导入 ' + p.rows.length + ' 条，不能导入 ' + p.skipped.length + ' 条'));
        if (p.rows.length) {
          preview.appendChild(table(['编号', '标题', '实施单位', '问法'], p.rows.map(function (r) {
            return [r.id, r.title, r.department || '（未定：请选择实施单位）', r.questions.length + ' 种'];
          })));
        }
        if (p.skipped.length) {
          preview.appendChild(el('h4', '不能导入的行及原因'));
          var ul = el('ul'); ul.className = 'refused';
          p.skipped.forEach(function (s) { ul.appendChild(el('li', s)); });
          preview.appendChild(ul);
        }
        if (p.rows.length) {
          preview.appendChild(button('确认导入 ' + p.rows.length + ' 条为草稿', function () {
            api('POST', '/import/html', body(false)).then(function (r) {
              preview.textContent = '';
              status.appendChild(message('已导入草稿 ' + r.created.length + ' 条' + (r.skipped.length ? '；未导入 ' + r.skipped.length + ' 条' : '') + '。', true));
              form.reset(); html = null;
            }).catch(function (e) { status.appendChild(message(e.message, false)); });
          }));
          preview.appendChild(button('取消', function () { preview.textContent = ''; form.reset(); html = null; }, 'secondary'));
        }
      }).catch(function (e) { status.appendChild(message(e.message, false)); });
    }
    file.addEventListener('change', function () {
      var f = file.files[0];
      html = null;
      if (!f) { refresh(); return; }
      f.text().then(function (t) { html = t; refresh(); });
    });
    if (dept) { dept.addEventListener('change', refresh); }
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    show('导入目录网页', [form, status, preview]);
  }
  C.tab({ id: 'import', label: '导入', roles: ['editor', 'admin'], order: 25, open: importScreen });
})();
