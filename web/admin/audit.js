/* Staff console: the audit view for admins: who did what when, filtered by user, action and Beijing dates,
   exported as CSV with the same filters. */
(function () {
  'use strict';
  var C = window.Console;
  var el = C.el, api = C.api, table = C.table, message = C.message, show = C.show, fail = C.fail, field = C.field;
  var ACTIONS = [['login', '登录'], ['change-password', '修改本人密码'], ['reset-password', '重置密码'], ['deactivate-account', '停用账号'],
    ['reactivate-account', '启用账号'], ['unlock-account', '解除登录限制'], ['change-role', '修改角色'], ['create-account', '创建账号'],
    ['view-consents', '查看同意记录'], ['export-consents', '导出同意记录'], ['export-report', '导出评估报告'], ['export-audit', '导出审计日志'],
    ['verify-ledger', '校验台账'], ['create-entry', '新建条目'], ['revise-entry', '修改条目'], ['approve-entry', '审核通过'],
    ['reject-entry', '退回修改'], ['publish-entry', '发布条目'], ['retire-entry', '下线条目'], ['import', '导入随附知识库'],
    ['import-html', '导入网页'], ['draft-from-question', '从问题新建草稿'], ['add-phrasing', '增加问法']];

  var ROLE_WORD = { editor: '编辑', reviewer: '审核', admin: '管理员' };
  /** The server's audit details (kept in English in the log and the CSV) in Chinese for the screen. */
  function detail(d) {
    if (!d) { return ''; }
    return d.replace(/^from (\S+)(, must change password)?$/, function (m, ip, must) { return '来自 ' + ip + (must ? '，须先修改密码' : ''); })
      .replace(' (must change at next login)', '（下次登录须修改密码）')
      .replace('forced change done', '已按要求修改')
      .replace('phones masked', '手机号已脱敏')
      .replace(/\((\d+) addresses cleared\)/, '（解除了 $1 个地址的限制）')
      .replace('first admin from ADMIN_PASSWORD', '由 ADMIN_PASSWORD 创建的首个管理员')
      .replace(/^(\d+) drafts$/, '$1 条草稿')
      .replace(/ as (editor|reviewer|admin)$/, function (m, r) { return '，角色：' + ROLE_WORD[r]; })
      .replace(/ (editor|reviewer|admin) → (editor|reviewer|admin)/, function (m, a, b) { return ' ' + ROLE_WORD[a] + ' → ' + ROLE_WORD[b]; });
  }

  function audit() {
    Promise.all([api('GET', '/accounts'), api('GET', '/audit?limit=200')]).then(function (res) {
      var form = el('form', null, { 'aria-label': '筛选审计日志' }); form.className = 'audit-filters';
      var user = el('select', null, { name: 'user' });
      user.appendChild(el('option', '全部用户', { value: '' }));
      res[0].forEach(function (a) { user.appendChild(el('option', a.username, { value: a.username })); });
      field(form, '用户', user);
      var action = el('select', null, { name: 'action' });
      action.appendChild(el('option', '全部操作', { value: '' }));
      ACTIONS.forEach(function (a) { action.appendChild(el('option', a[1], { value: a[0] })); });
      field(form, '操作', action);
      var from = field(form, '从（北京时间，含当天）', el('input', null, { type: 'date', name: 'from' }));
      var to = field(form, '到（含当天）', el('input', null, { type: 'date', name: 'to' }));
      form.appendChild(el('button', '筛选', { type: 'submit' }));
      var csv = el('a', '导出 CSV（按当前筛选）', { href: '/admin/api/audit.csv', download: 'audit.csv' });
      form.appendChild(csv);
      var status = el('div', null, { role: 'status' });
      var results = el('div');
      function query() {
        var p = [];
        if (user.value) { p.push('user=' + encodeURIComponent(user.value)); }
        if (action.value) { p.push('action=' + encodeURIComponent(action.value)); }
        if (from.value) { p.push('from=' + from.value); }
        if (to.value) { p.push('to=' + to.value); }
        return p.join('&');
      }
      function render(rows) {
        results.textContent = '';
        results.appendChild(rows.length ? table(['时间（北京时间）', '用户', '操作', '详情'], rows.map(function (r) {
          return [C.time(r.at), r.username === 'system' ? '系统' : r.username, r.actionLabel || r.action, detail(r.detail)];
        })) : el('p', '没有符合条件的记录。'));
      }
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        status.textContent = '';
        var q = query();
        csv.setAttribute('href', '/admin/api/audit.csv' + (q ? '?' + q : ''));
        api('GET', '/audit?limit=500' + (q ? '&' + q : '')).then(function (rows) {
          render(rows);
          status.appendChild(message('已筛选：' + rows.length + ' 条记录' + (rows.length >= 500 ? '（只显示最新 500 条，可导出全部）' : '') + '。', true));
        }).catch(function (err) { status.appendChild(message(err.message, false)); });
      });
      render(res[1]);
      show('审计日志（谁在何时做了什么）', [form, status, results]);
    }).catch(fail);
  }
  C.tab({ id: 'audit', label: '审计日志', roles: ['admin'], order: 65, open: audit });
})();
