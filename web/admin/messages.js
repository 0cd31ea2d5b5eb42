/* Staff console: 留言 (issue 17). The inbox (an editor's own department; reviewers and admins any, or the triage
   queue 待分办) with due dates and overdue flags; one message's history, its call-back contact on request (audited),
   reassignment with a reason, the reply with its legal basis, approval or return, and the one-click draft; the
   per-department approval setting (admins) and the report's figures (reviewers, admins). Personal data in the
   question comes masked from the server. */
(function () {
  'use strict';
  var C = window.Console;
  var el = C.el, api = C.api, table = C.table, message = C.message, show = C.show, fail = C.fail, button = C.button;
  var filter = { department: '', open: true, overdue: false };

  function query() {
    var q = [];
    if (filter.department === '__triage') { q.push('queue=triage'); } else if (filter.department) { q.push('department=' + encodeURIComponent(filter.department)); }
    if (filter.open) { q.push('open=1'); }
    if (filter.overdue) { q.push('overdue=1'); }
    return q.length ? '?' + q.join('&') : '';
  }

  function filters(me) {
    var f = el('form'); f.className = 'filters';
    f.addEventListener('submit', function (e) { e.preventDefault(); list(); });
    if (me.role !== 'editor') {
      var dept = el('select', null, { id: 'msg-dept' });
      dept.appendChild(el('option', '全部单位', { value: '' }));
      dept.appendChild(el('option', '待分办（分办队列）', { value: '__triage' }));
      (C.vocab() ? C.vocab().departments : []).forEach(function (d) { dept.appendChild(el('option', d, { value: d })); });
      dept.value = filter.department;
      dept.addEventListener('change', function () { filter.department = dept.value; list(); });
      C.field(f, '单位', dept);
    }
    [['open', '只看未办结'], ['overdue', '只看逾期']].forEach(function (o) {
      var box = el('input', null, { type: 'checkbox' });
      box.checked = filter[o[0]];
      box.addEventListener('change', function () { filter[o[0]] = box.checked; list(); });
      C.field(f, o[1], box);
    });
    return f;
  }

  function list() {
    var me = C.me();
    var detailBox = el('section', null, { 'aria-label': '留言详情', id: 'msg-detail' });
    detailBox.className = 'panel';
    detailBox.hidden = true;
    api('GET', '/messages' + query()).then(function (rows) {
      var nodes = [filters(me), el('p', me.role === 'editor' ? '本单位的留言，按答复期限排列；期限按工作日计算（法定节假日和调休）。'
        : '分派规则：按最相关条目的实施单位分派；相关条目分属不同单位或没有相关条目时，进入“待分办”，由管理员转办。')];
      nodes.push(rows.length ? table(['编号', '状态', '承办单位', '留言（已脱敏）', '收到时间', '答复期限', '联系方式', ''], rows.map(function (m) {
        var due = el('span', m.dueDateText + (m.overdue ? ' 已逾期' : ''));
        if (m.overdue) { due.className = 'overdue'; }
        return [m.ticket, m.statusLabel, m.department || '待分办', m.question, m.receivedAtText, due, m.contactKept ? '有（需回复）' : '无',
          button('处理', function () { detail(m.ticket, detailBox); })];
      })) : el('p', '没有符合条件的留言。'));
      nodes.push(detailBox);
      if (me.role === 'admin') { nodes.push(settings()); }
      if (me.role !== 'editor') { nodes.push(figures()); }
      show('留言', nodes);
    }).catch(fail);
  }

  function detail(ticket, box) {
    api('GET', '/messages/' + encodeURIComponent(ticket)).then(function (d) {
      var me = C.me();
      C.panel(box, '留言 ' + ticket + '：' + d.summary.statusLabel);
      var dl = el('dl');
      function row(t, v) { if (v) { dl.appendChild(el('dt', t)); dl.appendChild(el('dd', v)); } }
      row('留言（已脱敏）', d.question);
      row('企业', d.summary.companyName);
      row('主题', d.summary.topic);
      row('承办单位', d.summary.department || '待分办');
      row('答复期限', d.summary.dueDateText + (d.summary.overdue ? '（已逾期）' : ''));
      row('分派依据', d.routedBy);
      row('退回意见', d.returnComment);
      row('答复', d.replyText);
      row('法律依据', (d.legalBasis || []).map(function (b) { return b.citation; }).join('；'));
      row('答复人 / 审核人', d.replyBy ? d.replyBy + (d.approvedBy ? ' / ' + d.approvedBy : '') : '');
      row('通知', { pending: '待发送', sending: '发送中', sent: '已发送', failed: '发送失败', cancelled: '已取消（留言人撤回或删除了联系方式）' }[d.notification]);
      row('评价', d.summary.rating ? d.summary.rating + (d.ratingReason ? '（' + d.ratingReason + '）' : '') : '');
      row('已转为草稿', d.summary.draftEntryId);
      box.appendChild(dl);
      box.appendChild(el('h4', '办理记录'));
      var ul = el('ul');
      d.events.forEach(function (e) { ul.appendChild(el('li', e.atText + ' ' + e.actor + ' ' + e.event + (e.detail ? '：' + e.detail : ''))); });
      box.appendChild(ul);
      var out = el('div', null, { role: 'status' });
      var works = me.role === 'admin' || me.role === 'editor';
      var actions = el('div'); actions.className = 'actions';
      if (works && d.summary.contactKept) {
        actions.appendChild(button('查看联系方式（将记录）', function () {
          api('GET', '/messages/' + encodeURIComponent(ticket) + '/contact').then(function (c) {
            out.textContent = '联系人：' + c.contactName + '，手机：' + c.phone + '（仅用于回复本条留言）';
          }).catch(function (e) { out.textContent = e.message; });
        }));
      }
      if (works && d.summary.status === 'replied' && !d.summary.draftEntryId) {
        actions.appendChild(button('转为知识库草稿', function () {
          api('POST', '/messages/' + encodeURIComponent(ticket) + '/draft').then(function (r) {
            out.textContent = '已生成草稿 ' + r.entryId + '：请在“条目”中补全问法、核对后提交审核。';
          }).catch(function (e) { out.textContent = e.message; });
        }));
      }
      if (me.role !== 'editor' && d.summary.status === 'pending_approval') {
        actions.appendChild(button('审核通过并发布', function () { act(ticket, box, '/approve', null); }, 'primary'));
        var comment = el('input', null, { type: 'text', 'aria-label': '退回意见' });
        actions.appendChild(comment);
        actions.appendChild(button('退回修改', function () { act(ticket, box, '/return', { comment: comment.value }); }));
      }
      if (me.role !== 'editor' && d.notification === 'failed') {
        actions.appendChild(button('重新发送通知', function () { act(ticket, box, '/notify', null); }));
      }
      box.appendChild(actions);
      box.appendChild(out);
      if (works && (d.summary.status === 'triage' || d.summary.status === 'assigned')) {
        box.appendChild(assignForm(ticket, box));
      }
      if (works && d.summary.status === 'assigned') {
        box.appendChild(replyForm(ticket, box, d));
      }
    }).catch(fail);
  }

  function act(ticket, box, path, body) {
    api('POST', '/messages/' + encodeURIComponent(ticket) + path, body).then(function () { list(); })
      .catch(function (e) { box.appendChild(message(e.message, false)); });
  }

  function assignForm(ticket, box) {
    var f = el('form', null, { 'aria-label': '转办' }); f.className = 'assign';
    f.appendChild(el('h4', '转办'));
    var dept = C.field(f, '转给', C.select_(C.vocab() ? C.vocab().departments : [], ''));
    var reason = C.field(f, '理由', el('input', null, { type: 'text', maxlength: '200' }));
    f.appendChild(el('button', '转办', { type: 'submit' }));
    f.addEventListener('submit', function (e) {
      e.preventDefault();
      act(ticket, box, '/assign', { department: dept.value, reason: reason.value });
    });
    return f;
  }

  function replyForm(ticket, box, d) {
    var f = el('form', null, { 'aria-label': '答复' }); f.className = 'reply';
    f.appendChild(el('h4', d.requiresApproval ? '答复（本单位的答复需经审核后发布）' : '答复（本单位的答复直接发布）'));
    var text = C.field(f, '答复内容', el('textarea', null, { rows: '6', maxlength: '3000' }));
    text.value = d.replyText || '';
    var bases = el('div');
    f.appendChild(bases);
    function basisRow(law, article) {
      var r = el('div'); r.className = 'basis';
      var l = C.field(r, '法律法规名称', el('input', null, { type: 'text', maxlength: '100' }));
      var a = C.field(r, '条款（选填）', el('input', null, { type: 'text', maxlength: '50' }));
      l.value = law || ''; a.value = article || '';
      r.read = function () { return { law: l.value, article: a.value || null }; };
      bases.appendChild(r);
    }
    (d.legalBasis && d.legalBasis.length ? d.legalBasis : [{}]).forEach(function (b) { basisRow(b.law, b.article); });
    f.appendChild(button('增加一条法律依据', function () { basisRow('', ''); }));
    f.appendChild(el('button', d.requiresApproval ? '提交审核' : '发布答复', { type: 'submit' }));
    f.addEventListener('submit', function (e) {
      e.preventDefault();
      var legal = Array.prototype.map.call(bases.children, function (r) { return r.read(); }).filter(function (b) { return b.law.trim(); });
      act(ticket, box, '/reply', { text: text.value, legalBasis: legal });
    });
    return f;
  }

  function settings() {
    var box = el('section', null, { 'aria-label': '答复审核设置' });
    box.appendChild(el('h3', '答复审核设置（各单位的答复是否需要审核人员审核后发布）'));
    api('GET', '/messages/settings').then(function (rows) {
      box.appendChild(table(['单位', '需要审核'], rows.map(function (s) {
        var c = el('input', null, { type: 'checkbox', 'aria-label': s.department + '的答复需要审核' });
        c.checked = s.requiresApproval;
        c.addEventListener('change', function () {
          api('POST', '/messages/settings', { department: s.department, requiresApproval: c.checked }).catch(fail);
        });
        return [s.department, c];
      })));
    }).catch(fail);
    return box;
  }

  function pct(v) { return v == null ? '—' : Math.round(v * 100) + '%'; }
  function figures() {
    var box = el('section', null, { 'aria-label': '留言统计' });
    box.appendChild(el('h3', '留言统计（近12周）'));
    api('GET', '/report?weeks=12').then(function (r) {
      box.appendChild(table(['单位', '收到', '已答复', '按期答复率', '答复用时中位数（小时）', '满意/基本满意/不满意', '满意度', '逾期未办', '转为草稿'],
        r.messages.rows.map(function (m) {
          return [m.department, m.received, m.replied, pct(m.onTimeRate), m.medianReplyHours == null ? '—' : m.medianReplyHours,
            m.satisfied + '/' + m.basicallySatisfied + '/' + m.dissatisfied, pct(m.satisfaction), m.overdueOpen, m.drafts];
        })));
    }).catch(fail);
    return box;
  }

  C.tab({ id: 'messages', label: '留言', roles: ['editor', 'reviewer', 'admin'], order: 33, open: list });
})();
