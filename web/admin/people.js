/* Staff console: accounts (admin) and changing one's own password. */
(function () {
  'use strict';
  var C = window.Console;
  var el = C.el, button = C.button, api = C.api, table = C.table, message = C.message, show = C.show, fail = C.fail,
    field = C.field, select_ = C.select_, status = C.status, ROLE = C.ROLE, panel = C.panel;

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

  var ROLES = [['editor', '编辑'], ['reviewer', '审核'], ['admin', '管理员']];
  function roleSelect(value) {
    var s = el('select', null, { name: 'role' });
    ROLES.forEach(function (r) { var o = el('option', r[1], { value: r[0] }); if (r[0] === value) { o.selected = true; } s.appendChild(o); });
    return s;
  }

  function accounts(notice) {
    api('GET', '/accounts').then(function (list) {
      var form = el('form', null, { 'aria-label': '新建账号' });
      var u = field(form, '用户名', el('input', null, { name: 'username', autocomplete: 'off' }));
      var p = field(form, '初始密码（至少12位，不能是常见密码）', el('input', null, { type: 'password', autocomplete: 'new-password' }));
      var r = field(form, '角色', roleSelect('editor'));
      var d = field(form, '实施单位（编辑必填）', select_(C.vocab().departments, ''));
      var status = el('div');
      form.appendChild(el('button', '创建账号', { type: 'submit' }));
      form.appendChild(status);
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        api('POST', '/accounts', { username: u.value, password: p.value, role: r.value, department: d.value || null })
          .then(function (a) { accounts(message('已创建账号 ' + a.username + '（' + ROLE[a.role] + '）。', true)); })
          .catch(function (err) { status.textContent = ''; status.appendChild(message(err.message, false)); });
      });
      var result = el('div', null, { role: 'status' });
      if (notice) { result.appendChild(notice); }
      var box = el('section', null, { 'aria-label': '账号操作' }); box.className = 'panel'; box.hidden = true;
      function act(a, path, body, done, into) {
        return api('POST', '/accounts/' + encodeURIComponent(a.username) + path, body).then(function () {
          accounts(message(done, true));
        }).catch(function (err) { (into || result).appendChild(message(err.message, false)); });
      }
      function resetForm(a) {
        panel(box, '重置 ' + a.username + ' 的密码');
        var f = el('form', null, { 'aria-label': '重置密码' });
        f.appendChild(el('p', '设一个临时密码告诉对方；对方下次登录必须先修改密码，其现有登录立即失效。'));
        var t = field(f, '临时密码（至少12位）', el('input', null, { type: 'password', autocomplete: 'new-password', required: '', name: 'temporary' }));
        var again = field(f, '再输一次临时密码', el('input', null, { type: 'password', autocomplete: 'new-password', required: '' }));
        var st = el('div');
        f.appendChild(el('button', '重置密码', { type: 'submit' }));
        f.appendChild(button('取消', function () { box.hidden = true; }, 'secondary'));
        f.appendChild(st);
        f.addEventListener('submit', function (e) {
          e.preventDefault();
          st.textContent = '';
          if (t.value !== again.value) { st.appendChild(message('两次输入的临时密码不一致。', false)); return; }
          act(a, '/password', { password: t.value }, '已重置 ' + a.username + ' 的密码：对方下次登录必须先修改密码。', st);
        });
        box.appendChild(f);
      }
      function deactivateForm(a) {
        panel(box, '停用 ' + a.username + '？');
        box.appendChild(el('p', '停用后其登录立即失效，不能再登录；以后可以重新启用。'));
        var st = el('div');
        box.appendChild(button('确认停用', function () { act(a, '/deactivate', null, '已停用账号 ' + a.username + '。', st); }));
        box.appendChild(button('取消', function () { box.hidden = true; }, 'secondary'));
        box.appendChild(st);
      }
      function roleForm(a) {
        panel(box, '修改 ' + a.username + ' 的角色');
        var f = el('form', null, { 'aria-label': '修改角色' });
        var role = field(f, '新角色', roleSelect(a.role));
        var dept = field(f, '实施单位（编辑必填）', select_(C.vocab().departments, a.department || ''));
        var st = el('div');
        f.appendChild(el('button', '修改角色', { type: 'submit' }));
        f.appendChild(button('取消', function () { box.hidden = true; }, 'secondary'));
        f.appendChild(st);
        f.addEventListener('submit', function (e) {
          e.preventDefault();
          st.textContent = '';
          act(a, '/role', { role: role.value, department: dept.value || null },
            '已把 ' + a.username + ' 的角色改为' + ROLE[role.value] + (role.value === 'editor' ? '（' + dept.value + '）' : '') + '。', st);
        });
        box.appendChild(f);
      }
      function actions(a) {
        var span = el('span');
        if (a.username === C.me().username) { span.appendChild(el('span', '（本人：请用“修改密码”）')); return span; }
        span.appendChild(button('重置密码', function () { resetForm(a); }, 'secondary'));
        span.appendChild(a.active
          ? button('停用', function () { deactivateForm(a); }, 'secondary')
          : button('启用', function () { act(a, '/reactivate', null, '已重新启用账号 ' + a.username + '。'); }, 'secondary'));
        if (a.recentLoginFailures > 0) {
          span.appendChild(button('解除登录限制', function () { act(a, '/unlock', null, '已解除 ' + a.username + ' 的登录限制。'); }, 'secondary'));
        }
        span.appendChild(button('修改角色', function () { roleForm(a); }, 'secondary'));
        return span;
      }
      show('账号', [result, table(['用户名', '角色', '实施单位', '状态', '最近登录（北京时间）', '创建者', '近期登录失败', '操作'], list.map(function (a) {
        var state = (a.active ? '有效' : '已停用') + (a.mustChangePassword ? '（待修改密码）' : '');
        var failures = a.recentLoginFailures ? a.recentLoginFailures + ' 次' + (a.loginRefusedForSeconds ? '，限制中 ' + a.loginRefusedForSeconds + ' 秒' : '') : '';
        var creator = a.createdBy === 'system' ? '系统' : (a.createdBy || '（未记录）');
        return [a.username, ROLE[a.role] || a.role, a.department, state, a.lastLoginAt ? C.time(a.lastLoginAt) : '从未登录', creator, failures, actions(a)];
      })), box, el('h3', '新建账号'), form]);
    }).catch(fail);
  }

  C.passwordForm = passwordForm;
  C.tab({ id: 'accounts', label: '账号', roles: ['admin'], order: 60, open: function () { accounts(); } });
  C.tab({ id: 'password', label: '修改密码', roles: ['editor', 'reviewer', 'admin'], order: 70, open: function () { passwordForm(false); } });
})();
