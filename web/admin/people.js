/* Staff console: accounts (admin) and changing one's own password. */
(function () {
  'use strict';
  var C = window.Console;
  var el = C.el, button = C.button, api = C.api, table = C.table, message = C.message, show = C.show, fail = C.fail,
    field = C.field, select_ = C.select_, status = C.status, ROLE = C.ROLE;

  function passwordForm(forced) {
    var form = el('form');
    var current = field(form, forced ? '管理员给您的临时密码' : '当前密码',
      el('input', null, { type: 'password', autocomplete: 'current-password', required: '' }));
    var next = field(form, '新密码（至少12位，不能是常见密码或连续、重复的字符）',
      el('input', null, { type: 'password', autocomplete: 'new-password', required: '' }));
    var again = field(form, '再输一次新密码', el('input', null, { type: 'password', autocomplete: 'new-password', required: '' }));
    var status = el('div');
    form.appendChild(el('button', '修改密码', { type: 'submit' }));
    form.appendChild(status);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      status.textContent = '';
      if (next.value !== again.value) { status.appendChild(message('两次输入的新密码不一致。', false)); return; }
      api('POST', '/me/password', { currentPassword: current.value, newPassword: next.value }).then(function () {
        if (forced) { return api('GET', '/me').then(C.start); }
        form.reset();
        status.appendChild(message('密码已修改；您在其他地方的登录已退出。', true));
      }).catch(function (err) { status.appendChild(message(err.message, false)); });
    });
    show(forced ? '请先修改密码（管理员已重置您的密码）' : '修改密码', [form]);
  }

  function accounts() {
    api('GET', '/accounts').then(function (list) {
      var form = el('form');
      var u = field(form, '用户名', el('input'));
      var p = field(form, '初始密码（至少12位，不能是常见密码）', el('input', null, { type: 'password', autocomplete: 'new-password' }));
      var r = field(form, '角色', select_(['editor', 'reviewer', 'admin'], 'editor'));
      var d = field(form, '实施单位（编辑必填）', select_(C.vocab().departments, ''));
      var status = el('div');
      form.appendChild(el('button', '创建账号', { type: 'submit' }));
      form.appendChild(status);
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        api('POST', '/accounts', { username: u.value, password: p.value, role: r.value, department: d.value || null })
          .then(accounts).catch(function (err) { status.textContent = ''; status.appendChild(message(err.message, false)); });
      });
      var result = el('div', null, { role: 'status' });
      function act(a, path, body) {
        api('POST', '/accounts/' + encodeURIComponent(a.username) + path, body).then(function () {
          accounts();
        }).catch(function (err) { result.textContent = ''; result.appendChild(message(err.message, false)); });
      }
      function actions(a) {
        var box = el('span');
        if (a.username === C.me().username) { box.appendChild(el('span', '（本人：请用“修改密码”）')); return box; }
        box.appendChild(button('重置密码', function () {
          var temp = window.prompt('给 ' + a.username + ' 的临时密码（至少12位；对方下次登录必须先修改）');
          if (temp) { act(a, '/password', { password: temp }); }
        }, 'secondary'));
        box.appendChild(a.active
          ? button('停用', function () { if (window.confirm('停用 ' + a.username + '？其登录会立即失效。')) { act(a, '/deactivate'); } }, 'secondary')
          : button('启用', function () { act(a, '/reactivate'); }, 'secondary'));
        if (a.recentLoginFailures > 0) {
          box.appendChild(button('解除登录限制', function () { act(a, '/unlock'); }, 'secondary'));
        }
        box.appendChild(button('修改角色', function () {
          var role = window.prompt('新角色：editor、reviewer 或 admin', 'reviewer');
          if (!role) { return; }
          var dept = role.trim() === 'editor' ? window.prompt('实施单位（编辑必填）', a.department || '') : null;
          act(a, '/role', { role: role.trim(), department: dept });
        }, 'secondary'));
        return box;
      }
      show('账号', [result, table(['用户名', '角色', '实施单位', '状态', '创建者', '近期登录失败', '操作'], list.map(function (a) {
        var state = (a.active ? '有效' : '停用') + (a.mustChangePassword ? '（待修改密码）' : '');
        var failures = a.recentLoginFailures ? a.recentLoginFailures + ' 次' + (a.loginRefusedForSeconds ? '，限制中 ' + a.loginRefusedForSeconds + ' 秒' : '') : '';
        return [a.username, ROLE[a.role] || a.role, a.department, state, a.createdBy || '（未记录）', failures, actions(a)];
      })), el('h3', '新建账号'), form]);
    }).catch(fail);
  }

  C.passwordForm = passwordForm;
  C.tab({ id: 'accounts', label: '账号', roles: ['admin'], order: 60, open: accounts });
  C.tab({ id: 'password', label: '修改密码', roles: ['editor', 'reviewer', 'admin'], order: 70, open: function () { passwordForm(false); } });
})();
