/* Staff console: the entry list, an entry's detail and history and the entry form (the HTML catalogue import is in import.js). */
(function () {
  'use strict';
  var C = window.Console;
  var el = C.el, button = C.button, api = C.api, table = C.table, message = C.message, show = C.show, fail = C.fail,
    field = C.field, select_ = C.select_, status = C.status, ROLE = C.ROLE;

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
      show('条目（' + list.length + '）', nodes);
    }).catch(fail);
  }

  function detail(id) {
    api('GET', '/entries/' + encodeURIComponent(id)).then(function (versions) {
      var latest = versions[versions.length - 1];
      var content = JSON.parse(latest.content);
      var actions = el('p');
      var reviewer = C.me().role !== 'editor';
      var editor = C.me().role !== 'reviewer';
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
        return ['v' + v.version, status(v.status), v.author, C.time(v.createdAt), v.reviewer,
          v.reviewer ? (v.reviewerCreatedBy || '（未记录）') : '', v.reviewComment,
          v.publishedBy ? v.publishedBy + ' ' + C.time(v.publishedAt) : ''];
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

  function entryForm(content) {
    var c = content || { kind: '法规解读', questions: [], legalBasis: [], reviewed: new Date().toISOString().slice(0, 10),
      department: C.me().department || '' };
    var form = el('form');
    var id = field(form, '编号（小写字母、数字、连字符）', el('input', null, { value: c.id || '' }));
    if (content) { id.readOnly = true; }
    var kind = field(form, '类别', select_(C.vocab().kinds, c.kind));
    var title = field(form, '标题', el('input', null, { value: c.title || '', maxlength: '80' }));
    var questions = field(form, '问法（每行一种，至少4种）', el('textarea'));
    questions.value = (c.questions || []).join('\n');
    var answer = field(form, '答案', el('textarea'));
    answer.value = c.answer || '';
    var department = field(form, '实施单位', select_(C.vocab().departments, c.department));
    var method = field(form, '行政指导方式', select_(C.vocab().methods, c.method));
    var basis = field(form, '法律依据（每行：法规名称|第X条，条号不确定就不写）', el('textarea'));
    basis.value = (c.legalBasis || []).map(function (b) { return b.law + (b.article ? '|' + b.article : ''); }).join('\n');
    var reviewed = field(form, '审核日期', el('input', null, { type: 'date', value: c.reviewed }));
    var topics = field(form, '主题（逗号分隔，可选：' + C.vocab().topics.join('、') + '）', el('input', null, { value: (c.topics || []).join(',') }));
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
  C.detail = detail;
  C.entryForm = entryForm;
  C.tab({ id: 'entries', label: '条目', roles: ['editor', 'reviewer', 'admin'], order: 10, open: entries });
  C.tab({ id: 'new', label: '新建条目', roles: ['editor', 'admin'], order: 20, open: function () { entryForm(null); } });
})();
