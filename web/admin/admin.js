/* Staff console. Everything from the server is inserted as text. State-changing calls carry the CSRF token. */
(function () {
  'use strict';
  var STATUS = { draft: '草稿', submitted: '待法制审核', approved: '已通过审核', rejected: '已退回', published: '已发布',
    superseded: '已被新版本取代', retired: '已下线' };
  function status(code) { return STATUS[code] || code; }
  var me = null;
  var vocab = null;
  var view = document.getElementById('view');
  var tabs = document.getElementById('tabs');

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

  var TABS = [
    { id: 'entries', label: '条目', roles: ['editor', 'reviewer', 'admin'], open: entries },
    { id: 'new', label: '新建条目', roles: ['editor', 'admin'], open: function () { entryForm(null); } },
    { id: 'gaps', label: '问题缺口', roles: ['editor', 'reviewer', 'admin'], open: gaps },
    { id: 'report', label: '评估报告', roles: ['reviewer', 'admin'], open: report },
    { id: 'consents', label: '同意记录', roles: ['reviewer', 'admin'], open: consents },
    { id: 'accounts', label: '账号', roles: ['admin'], open: accounts },
    { id: 'password', label: '修改密码', roles: ['editor', 'reviewer', 'admin'], open: function () { passwordForm(false); } }
  ];
  var ROLE = { editor: '编辑', reviewer: '审核', admin: '管理员', EDITOR: '编辑', REVIEWER: '审核', ADMIN: '管理员' };

  function start(account) {
    me = account;
    document.getElementById('login').hidden = true;
    document.getElementById('who').textContent = account.username + '（' + account.role + (account.department ? '，' + account.department : '') + '）';
    tabs.textContent = '';
    if (me.mustChangePassword) {
      // After an admin's reset the server refuses everything else until the password is changed.
      tabs.appendChild(button('退出', function () {
        api('POST', '/logout').then(function () { location.reload(); });
      }, 'secondary'));
      tabs.hidden = false;
      passwordForm(true);
      return;
    }
    TABS.filter(function (t) { return t.roles.indexOf(me.role) >= 0; }).forEach(function (t) {
      var b = button(t.label, function () { select(t); });
      b.dataset.tab = t.id;
      tabs.appendChild(b);
    });
    tabs.appendChild(button('退出', function () {
      api('POST', '/logout').then(function () { location.reload(); });
    }, 'secondary'));
    tabs.hidden = false;
    api('GET', '/vocabulary').then(function (v) { vocab = v; select(TABS[0]); });
  }
  function select(tab) {
    Array.prototype.forEach.call(tabs.querySelectorAll('button[data-tab]'), function (b) {
      if (b.dataset.tab === tab.id) { b.setAttribute('aria-current', 'page'); } else { b.removeAttribute('aria-current'); }
    });
    tab.open();
  }

  function importPage() {
    var input = el('input', null, { type: 'file', accept: '.html,.htm,text/html', 'aria-label': '选择要导入的目录网页' });
    var result = el('div', null, { role: 'status' });
    input.addEventListener('change', function () {
      var file = input.files[0];
      if (!file) { return; }
      file.text().then(function (html) {
        return api('POST', '/import/html', { html: html, department: me.department });
      }).then(function (r) {
        result.textContent = '已导入草稿 ' + r.created.length + ' 条' + (r.skipped.length ? '；未能读取：' + r.skipped.join('；') : '');
      }).catch(function (e) { result.textContent = e.message; });
    });
    var box = el('div');
    box.appendChild(el('span', '从网页导入目录（表格或列表，生成草稿）：'));
    box.appendChild(input);
    box.appendChild(result);
    return box;
  }

  function entries() {
    Promise.all([api('GET', '/entries'), api('GET', '/feedback')]).then(function (res) {
      var list = res[0];
      var feedback = res[1];
      var filter = el('input', null, { type: 'search', 'aria-label': '筛选条目', placeholder: '按编号、标题或单位筛选' });
      var holder = el('div');
      function render() {
        var q = filter.value.trim();
        var rows = list.filter(function (e) { return !q || (e.id + e.title + e.department).indexOf(q) >= 0; }).map(function (e) {
          var title = el('span', e.title);
          if (e.reviewOverdue) { var f = el('span', ' 超过一年未审核'); f.className = 'flag'; title.appendChild(f); }
          var f = feedback[e.id];
          return [button(e.id, function () { detail(e.id); }, 'secondary'), title, e.department, status(e.latestStatus) + ' v' + e.latestVersion,
            e.liveVersion ? 'v' + e.liveVersion : '未上线', f ? f.helpful + ' / ' + f.notHelpful : ''];
        });
        holder.textContent = '';
        holder.appendChild(table(['编号', '标题', '实施单位', '最新版本', '在用版本', '有帮助 / 没帮助'], rows));
      }
      filter.addEventListener('input', render);
      render();
      var nodes = [filter, holder];
      if (me.role !== 'reviewer') { nodes.unshift(importPage()); }
      show('条目（' + list.length + '）', nodes);
    }).catch(fail);
  }

  function detail(id) {
    api('GET', '/entries/' + encodeURIComponent(id)).then(function (versions) {
      var latest = versions[versions.length - 1];
      var content = JSON.parse(latest.content);
      var actions = el('p');
      var reviewer = me.role !== 'editor';
      var editor = me.role !== 'reviewer';
      function act(label, path, needComment) {
        actions.appendChild(button(label, function () {
          var body = null;
          if (needComment) {
            var c = window.prompt('审核意见');
            if (c == null) { return; }
            body = { comment: c };
          }
          api('POST', '/entries/' + encodeURIComponent(id) + path, body).then(function () { detail(id); }).catch(fail);
        }));
      }
      if (editor) { actions.appendChild(button('编辑（新版本）', function () { entryForm(content); })); }
      if (editor && latest.status === 'draft') { act('提交审核', '/submit'); }
      if (reviewer && latest.status === 'submitted') { act('审核通过', '/approve', true); act('退回', '/reject', true); }
      if (reviewer && latest.status === 'approved') { act('发布', '/publish'); }
      if (reviewer && versions.some(function (v) { return v.status === 'published'; })) { act('下线', '/retire'); }
      var history = table(['版本', '状态', '作者', '时间', '审核人', '审核人账号创建者', '审核意见', '发布'], versions.map(function (v) {
        return ['v' + v.version, status(v.status), v.author, v.createdAt, v.reviewer,
          v.reviewer ? (v.reviewerCreatedBy || '（未记录）') : '', v.reviewComment,
          v.publishedBy ? v.publishedBy + ' ' + v.publishedAt : ''];
      }));
      var nodes = [actions, el('h3', '内容（v' + latest.version + '）'), el('pre', JSON.stringify(content, null, 2)), el('h3', '版本历史'), history];
      if (versions.length > 1) {
        nodes.push(el('h3', '与上一版本的差异'));
        var diffHolder = el('div');
        nodes.push(diffHolder);
        api('GET', '/entries/' + encodeURIComponent(id) + '/diff?from=' + versions[versions.length - 2].version + '&to=' + latest.version)
          .then(function (d) {
            diffHolder.appendChild(table(['字段', '修改前', '修改后'], Object.keys(d).map(function (f) {
              return [f, JSON.stringify(d[f][0]), JSON.stringify(d[f][1])];
            })));
          });
      }
      show(content.title + '（' + id + '）', nodes);
    }).catch(fail);
  }

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

  function entryForm(content) {
    var c = content || { kind: '法规解读', questions: [], legalBasis: [], reviewed: new Date().toISOString().slice(0, 10),
      department: me.department || '' };
    var form = el('form');
    var id = field(form, '编号（小写字母、数字、连字符）', el('input', null, { value: c.id || '' }));
    if (content) { id.readOnly = true; }
    var kind = field(form, '类别', select_(vocab.kinds, c.kind));
    var title = field(form, '标题', el('input', null, { value: c.title || '', maxlength: '80' }));
    var questions = field(form, '问法（每行一种，至少4种）', el('textarea'));
    questions.value = (c.questions || []).join('\n');
    var answer = field(form, '答案', el('textarea'));
    answer.value = c.answer || '';
    var department = field(form, '实施单位', select_(vocab.departments, c.department));
    var method = field(form, '行政指导方式', select_(vocab.methods, c.method));
    var basis = field(form, '法律依据（每行：法规名称|第X条，条号不确定就不写）', el('textarea'));
    basis.value = (c.legalBasis || []).map(function (b) { return b.law + (b.article ? '|' + b.article : ''); }).join('\n');
    var reviewed = field(form, '审核日期', el('input', null, { type: 'date', value: c.reviewed }));
    var topics = field(form, '主题（逗号分隔，可选：' + vocab.topics.join('、') + '）', el('input', null, { value: (c.topics || []).join(',') }));
    var verify = field(form, '待核实说明（选填）', el('input', null, { value: c.verify || '' }));
    var from = field(form, '时间窗口起（执法事项提示必填，如 01-01 或 春节-20）', el('input', null, { value: c.window ? c.window.from : '' }));
    var to = field(form, '时间窗口止', el('input', null, { value: c.window ? c.window.to : '' }));
    var status = el('div');
    form.appendChild(el('button', content ? '保存为新版本' : '保存草稿', { type: 'submit' }));
    form.appendChild(status);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var body = {
        id: id.value.trim(), kind: kind.value, title: title.value.trim(),
        questions: questions.value.split('\n').map(function (q) { return q.trim(); }).filter(Boolean),
        answer: answer.value, department: department.value, reviewed: reviewed.value,
        legalBasis: basis.value.split('\n').map(function (l) { return l.trim(); }).filter(Boolean).map(function (l) {
          var p = l.split('|'); var b = { law: p[0].trim() }; if (p[1] && p[1].trim()) { b.article = p[1].trim(); } return b;
        })
      };
      if (method.value) { body.method = method.value; }
      var t = topics.value.split(/[,，]/).map(function (x) { return x.trim(); }).filter(Boolean);
      if (t.length) { body.topics = t; }
      if (verify.value.trim()) { body.verify = verify.value.trim(); }
      if (from.value.trim() || to.value.trim()) { body.window = { from: from.value.trim(), to: to.value.trim() }; }
      var call = content ? api('POST', '/entries/' + encodeURIComponent(body.id) + '/versions', body) : api('POST', '/entries', body);
      call.then(function () { detail(body.id); }).catch(function (err) { status.textContent = ''; status.appendChild(message(err.message, false)); });
    });
    show(content ? '编辑条目' : '新建条目', [form]);
  }

  function gaps() {
    var canEdit = me.role !== 'reviewer';
    api('GET', '/questions/gaps?days=30').then(function (g) {
      show('问题缺口（近30天，' + g.questions + ' 个未答或需澄清的问题）', [table(['代表问题', '次数', '例子', '结果', '处理'], g.gaps.map(function (x) {
        var actions = el('span');
        if (canEdit) {
          actions.appendChild(button('新建草稿', function () {
            api('POST', '/questions/draft', { question: x.representative, department: me.department })
              .then(function (v) { detail(v.entryId); }).catch(fail);
          }, 'secondary'));
          actions.appendChild(button('加为已有条目的问法', function () {
            var id = window.prompt('条目编号');
            if (!id) { return; }
            api('POST', '/questions/phrasing', { entryId: id.trim(), question: x.representative })
              .then(function (v) { detail(v.entryId); }).catch(fail);
          }, 'secondary'));
        }
        return [x.representative, x.count, x.examples.join(' / '), x.outcomes.join('、'), actions];
      }))]);
    }).catch(fail);
  }

  function report() {
    api('GET', '/report?weeks=12').then(function (r) {
      var district = r.rows.filter(function (x) { return x.department === '全区'; });
      var chart = el('div', null, { role: 'img', 'aria-label': '每周回答率' });
      district.forEach(function (x) {
        var line = el('div', x.week + ' ');
        var bar = el('span'); bar.className = 'bar'; bar.style.width = Math.round((x.answeredShare || 0) * 300) + 'px';
        line.appendChild(bar);
        line.appendChild(document.createTextNode(' ' + (x.answeredShare == null ? '–' : Math.round(x.answeredShare * 100) + '%')));
        chart.appendChild(line);
      });
      var download = el('a', '下载 CSV', { href: '/admin/api/report.csv?weeks=12' });
      show('评估报告（近12周）', [download, el('h3', '每周回答率'), chart,
        table(['周', '单位', '提问', '已回答', '回答率', '有帮助', '没帮助', '满意度', '提醒送达', '同意', '撤回'], r.rows.map(function (x) {
          return [x.week, x.department, x.questions, x.answered, x.answeredShare == null ? '' : x.answeredShare.toFixed(3), x.helpful,
            x.notHelpful, x.satisfaction == null ? '' : x.satisfaction.toFixed(3), x.remindersDelivered, x.consentsGiven, x.consentsWithdrawn];
        })),
        el('h3', '反馈最差的条目（可考虑调整或取消）'),
        table(['编号', '标题', '单位', '有帮助', '没帮助'], r.worstEntries.map(function (w) { return [w.id, w.title, w.department, w.helpful, w.notHelpful]; }))]);
    }).catch(fail);
  }

  function consents() {
    Promise.all([api('GET', '/consents'), api('GET', '/ledger/verify')]).then(function (res) {
      var v = res[1];
      show('同意记录（手机号已脱敏；每次查看都会记入审计日志）', [
        el('a', '下载 CSV（手机号脱敏）', { href: '/admin/api/consents.csv' }),
        message(v.ok ? '台账校验通过：' + v.events + ' 条事件' : (v.firstBadSeq > 0 ? '台账校验失败：第 ' + v.firstBadSeq + ' 条事件（' + v.problem + '）' : '当前状态表与台账不一致（' + v.problem + '）'), v.ok),
        table(['回执', '状态', '企业', '信用代码', '联系人', '手机', '手机已验证', '主题'], res[0].map(function (c) {
          return [c.receiptId, c.status, c.companyName, c.creditCode, c.contactName, c.phone, c.verified ? '是' : '否（不发短信）', c.topics.join('、')];
        }))]);
    }).catch(fail);
  }

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
        if (forced) { return api('GET', '/me').then(start); }
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
      var d = field(form, '实施单位（编辑必填）', select_(vocab.departments, ''));
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
        if (a.username === me.username) { box.appendChild(el('span', '（本人：请用“修改密码”）')); return box; }
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

  document.getElementById('login').addEventListener('submit', function (e) {
    e.preventDefault();
    var err = document.getElementById('login-error');
    err.textContent = '';
    api('POST', '/login', { username: document.getElementById('username').value, password: document.getElementById('password').value })
      .then(function () { return api('GET', '/me'); })
      .then(start)
      .catch(function (x) { err.textContent = x.message; });
  });
  api('GET', '/me').then(start).catch(function () { /* not signed in yet: the login form is showing */ });
})();
