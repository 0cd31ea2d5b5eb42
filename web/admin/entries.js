/* Staff console: the entry list, an entry's detail and history and the entry form (the HTML catalogue import is in import.js). */
(function () {
  'use strict';
  var C = window.Console;
  var el = C.el, button = C.button, api = C.api, table = C.table, message = C.message, show = C.show, fail = C.fail,
    field = C.field, select_ = C.select_, status = C.status, ROLE = C.ROLE;

  var STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'published', 'retired'];

  /** Every entry, filtered and searched on the server, a page at a time (the admin's and reviewer's overview). */
  function entries(state) {
    state = state || { page: 1 };
    var v = C.vocab();
    var form = el('form', null, { class: 'filters', 'aria-label': '筛选条目' });
    var q = field(form, '搜索（编号、标题、问法、答案）', el('input', null, { type: 'search', value: state.q || '' }));
    var department = field(form, '实施单位', select_(v.departments, state.department));
    department.options[0].textContent = '（全部）';
    var kind = field(form, '类别', select_(v.kinds, state.kind));
    kind.options[0].textContent = '（全部）';
    var method = field(form, '指导方式', select_(v.methods, state.method));
    method.options[0].textContent = '（全部）';
    var st = field(form, '状态', el('select'));
    st.appendChild(el('option', '（全部）', { value: '' }));
    STATUSES.forEach(function (x) { var o = el('option', status(x), { value: x }); o.selected = x === state.status; st.appendChild(o); });
    var marked = field(form, '待核实标记', el('select'));
    [['', '（全部）'], ['yes', '有'], ['no', '无']].forEach(function (x) {
      var o = el('option', x[1], { value: x[0] }); o.selected = x[0] === (state.marked || ''); marked.appendChild(o);
    });
    form.appendChild(el('button', '筛选', { type: 'submit' }));
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var text = q.value.trim();
      // Someone typing a status (待法制审核) means the status, not text in an entry.
      var byStatus = STATUSES.filter(function (x) { return status(x) === text; })[0];
      entries({ page: 1, q: byStatus ? '' : text, department: department.value, kind: kind.value, method: method.value,
        status: byStatus || st.value, marked: marked.value });
    });
    var params = ['view=all', 'page=' + state.page, 'size=50'];
    ['q', 'department', 'kind', 'method', 'status', 'marked'].forEach(function (k) {
      if (state[k]) { params.push(k + '=' + encodeURIComponent(state[k])); }
    });
    Promise.all([api('GET', '/queue?' + params.join('&')), api('GET', '/feedback')]).then(function (res) {
      var r = res[0];
      var feedback = res[1];
      var rows = r.items.map(function (e) {
        var title = el('span', e.title);
        if (e.reviewOverdue && e.status === 'published') { var o = el('span', ' 超过一年未审核'); o.className = 'flag'; title.appendChild(o); }
        if (e.verify) { var m = el('span', ' 待核实'); m.className = 'flag'; title.appendChild(m); }
        var f = feedback[e.id];
        return [button(e.id, function () { detail(e.id); }, 'secondary'), title, e.department, status(e.status) + ' v' + e.version,
          e.liveVersion ? 'v' + e.liveVersion : '未上线', f ? f.helpful + ' / ' + f.notHelpful : ''];
      });
      var nodes = [form, rows.length ? table(['编号', '标题', '实施单位', '最新版本', '在用版本', '有帮助 / 没帮助'], rows) : el('p', '没有符合条件的条目。'),
        C.pager(r, function (p) { state.page = p; entries(state); })];
      show('条目（' + r.total + '）', nodes);
      C.setQueue('条目', r.items.map(function (e) { return e.id; }));
    }).catch(fail);
  }

  /** A term and its value in the entry's metadata list; nothing for an empty value. */
  function term(dl, name, value) {
    if (value == null || value === '') { return; }
    dl.appendChild(el('dt', name));
    dl.appendChild(el('dd', value));
  }

  var OUTCOME = { no_penalty: '法定不予处罚的情形', may_be_spared: '可以不予处罚（由执法部门决定）' };
  /** The no-penalty check as the widget asks it: one question at a time, each with its source and what "否" means. */
  function checkView(c) {
    var box = el('section', null, { 'aria-labelledby': 'h-check' });
    box.appendChild(el('h3', '“看看我的情况”：公众逐题回答的免罚条件', { id: 'h-check' }));
    var ol = el('ol'); ol.className = 'questions';
    c.conditions.forEach(function (x) {
      var li = el('li', x.question + '（是 / 否 / 不确定）');
      li.appendChild(el('div', '依据：《' + x.law + '》' + x.article + '；答“否”时：' + x.ifNo, { class: 'hint' }));
      ol.appendChild(li);
    });
    box.appendChild(ol);
    (c.outcomes || []).forEach(function (o) {
      var p = el('p', (OUTCOME[o.outcome] || o.outcome) + '（以上第 ' + o.requires.map(function (r) {
        return c.conditions.map(function (x) { return x.id; }).indexOf(r) + 1;
      }).join('、') + ' 题都答“是”时）：' + o.explanation);
      box.appendChild(p);
    });
    box.appendChild(el('p', '其余情况：有“不确定”的，建议向执法部门或12345咨询；有“否”的，说明各题“否”的含义。每个结果都说明由执法部门根据事实认定，并提示陈述、申辩的权利。', { class: 'hint' }));
    return box;
  }

  function metadata(c) {
    var dl = el('dl'); dl.className = 'meta-list';
    term(dl, '编号', c.id);
    term(dl, '类别', c.kind);
    term(dl, '实施单位', c.department);
    term(dl, '行政指导方式', c.method || '（无，不是行政指导事项）');
    term(dl, '法律依据', C.fieldText('legalBasis', c.legalBasis));
    term(dl, '审核日期', c.reviewed);
    term(dl, '主题', C.fieldText('topics', c.topics));
    term(dl, '时间窗口', C.fieldText('window', c.window));
    term(dl, '来源链接', c.url);
    term(dl, '相关条目', C.fieldText('related', c.related));
    term(dl, '待核实说明', c.verify);
    return dl;
  }

  /**
   * An entry's page: the latest version as the public will read it, its phrasings and metadata, the differences
   * from the published version, what the signed-in role may do with it, and its history. {@code flash} is the
   * confirmation of the action that led here.
   */
  function detail(id, flash) {
    var path = '/entries/' + encodeURIComponent(id);
    api('GET', path).then(function (versions) {
      var latest = versions[versions.length - 1];
      var live = versions.filter(function (v) { return v.status === 'published'; })[0];
      var content = JSON.parse(latest.content);
      var role = C.me().role;
      var nodes = [];
      if (flash) { nodes.push(message(flash, true)); }
      var n = C.neighbours(id);
      if (n) {
        var nav = el('p'); nav.className = 'queue-nav';
        var prev = button('上一条（P）', function () { detail(n.prev); }, 'secondary'); prev.disabled = !n.prev;
        var next = button('下一条（N）', function () { detail(n.next); }, 'secondary'); next.disabled = !n.next;
        nav.appendChild(prev);
        nav.appendChild(el('span', n.label + '：第 ' + (n.index + 1) + ' / ' + n.count + ' 条。快捷键：N 下一条，P 上一条' + (latest.status === 'submitted' && role !== 'editor' ? '，A 或 R 填写审核意见' : '') + '。'));
        nav.appendChild(next);
        nodes.push(nav);
      }
      var who = el('p', '版本 v' + latest.version + ' · ' + status(latest.status) + ' · 作者 ' + latest.author + ' · ' + C.time(latest.createdAt)
        + (latest.submittedAt ? ' · 提交审核 ' + C.time(latest.submittedAt) : ''));
      nodes.push(who);
      if (latest.status === 'rejected') {
        nodes.push(el('p', '审核人 ' + latest.reviewer + ' 于 ' + C.time(latest.reviewedAt) + ' 退回，理由：' + latest.reviewComment, { class: 'notice' }));
      }
      if (latest.verification) {
        nodes.push(el('p', '本版本为核实确认：核实了“' + latest.verification.checked + '”，来源：' + latest.verification.source
          + '（' + latest.verification.sourceDate + '）', { class: 'notice' }));
      }

      var grid = el('div'); grid.className = 'review-grid';
      var left = el('section', null, { 'aria-labelledby': 'h-public' });
      left.appendChild(el('h3', '公众将看到的答复', { id: 'h-public' }));
      left.appendChild(el('p', '与对话窗口（/api/chat）给出的文字相同，由系统按固定格式组成。', { class: 'hint' }));
      var previewHolder = el('div');
      left.appendChild(previewHolder);
      var right = el('section', null, { 'aria-labelledby': 'h-questions' });
      right.appendChild(el('h3', '问法（' + content.questions.length + '）', { id: 'h-questions' }));
      var ql = el('ol'); ql.className = 'questions';
      content.questions.forEach(function (x) { ql.appendChild(el('li', x)); });
      right.appendChild(ql);
      right.appendChild(el('h3', '条目信息'));
      right.appendChild(metadata(content));
      grid.appendChild(left);
      grid.appendChild(right);
      nodes.push(grid);
      if (content.conditions && content.conditions.length) { nodes.push(checkView(content)); }
      if (C.feedbackFor) { nodes.push(C.feedbackFor(id)); }

      var diffHolder = el('section', null, { 'aria-labelledby': 'h-diff' });
      nodes.push(diffHolder);
      if (!live) {
        diffHolder.appendChild(el('h3', '与已发布版本的差异', { id: 'h-diff' }));
        diffHolder.appendChild(el('p', '这是新条目，还没有已发布的版本：上面就是全部内容。'));
      } else if (live.version !== latest.version) {
        diffHolder.appendChild(el('h3', '与已发布版本（v' + live.version + '）的差异：删去的标为删除线，新增的加底色', { id: 'h-diff' }));
        api('GET', path + '/diff?from=' + live.version + '&to=' + latest.version).then(function (d) {
          diffHolder.appendChild(C.diffTable(d, '已发布 v' + live.version, '本版本 v' + latest.version));
        }).catch(fail);
      }

      var actions = el('div'); actions.className = 'actions';
      nodes.push(actions);
      var reviewer = role !== 'editor';
      var editor = role !== 'reviewer';
      function post(label, sub, body, done) {
        return api('POST', path + sub, body).then(function () { C.refreshCounts(); detail(id, done); });
      }
      if (editor) { actions.appendChild(button(latest.status === 'rejected' ? '修改后重新提交（新版本）' : '编辑（新版本）', function () { entryForm(content); })); }
      if (editor && latest.status === 'draft') {
        actions.appendChild(button('提交审核', function () { post('提交审核', '/submit', null, '已提交法制审核，等待审核人员处理。').catch(fail); }));
      }
      if (reviewer && latest.status === 'submitted') { nodes.push(reviewForm(id, post)); }
      if (reviewer && latest.status === 'approved') {
        actions.appendChild(button('发布', function () { post('发布', '/publish', null, '已发布 v' + latest.version + '，对话窗口和公开目录即时生效。').catch(fail); }));
      }
      if (reviewer && live) {
        actions.appendChild(button('下线', function () { post('下线', '/retire', null, '已下线，这个条目不再回答。').catch(fail); }, 'secondary'));
      }
      if (editor && content.verify && ['submitted', 'approved'].indexOf(latest.status) < 0) { nodes.push(verificationForm(id, post)); }

      nodes.push(el('h3', '版本历史'));
      nodes.push(table(['版本', '状态', '作者', '时间', '审核人', '审核人账号创建者', '审核意见', '发布'], versions.map(function (v) {
        return ['v' + v.version, status(v.status), v.author, C.time(v.createdAt), v.reviewer,
          v.reviewer ? (v.reviewerCreatedBy || '（未记录）') : '', v.reviewComment,
          v.publishedBy ? v.publishedBy + ' ' + C.time(v.publishedAt) : ''];
      })));
      show(content.title + '（' + id + '）', nodes);
      document.querySelector('#view .card').setAttribute('data-entry', id);
      api('GET', path + '/preview?version=' + latest.version).then(function (reply) {
        previewHolder.appendChild(C.publicAnswer(reply));
      }).catch(function (e) { previewHolder.appendChild(message(e.message, false)); });
    }).catch(fail);
  }

  /** Approve or return, with the comment in view: returning needs a reason (the server insists too). */
  function reviewForm(id, post) {
    var form = el('form', null, { 'aria-labelledby': 'h-review' });
    form.className = 'review-form';
    form.appendChild(el('h3', '法制审核', { id: 'h-review' }));
    var comment = field(form, '审核意见（通过时写审核结论；退回时写明需要修改什么，必填）', el('textarea', null, { id: 'review-comment', rows: '3' }));
    var result = el('div');
    var approve = el('button', '审核通过', { type: 'submit', value: 'approve' });
    var reject = el('button', '退回修改', { type: 'submit', value: 'reject' });
    reject.className = 'secondary';
    form.appendChild(approve);
    form.appendChild(reject);
    form.appendChild(result);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var rejecting = e.submitter === reject;
      result.textContent = '';
      if (!comment.value.trim()) {
        result.appendChild(message(rejecting ? '退回需要写明理由，告诉作者需要修改什么。' : '审核通过需要填写审核意见。', false));
        comment.focus();
        return;
      }
      post(rejecting ? '退回' : '审核通过', rejecting ? '/reject' : '/approve', { comment: comment.value.trim() },
        rejecting ? '已退回给作者，理由已随版本保存。' : '已审核通过，可以发布。')
        .catch(function (err) { result.appendChild(message(err.message, false)); });
    });
    return form;
  }

  /** An editor confirms the staff-verification mark against the source; a new version without it goes to review. */
  function verificationForm(id, post) {
    var form = el('form', null, { 'aria-labelledby': 'h-verify' });
    form.className = 'review-form';
    form.appendChild(el('h3', '核实确认', { id: 'h-verify' }));
    form.appendChild(el('p', '对照来源核实待核实说明中的事项。内容无误就在这里确认；需要修改内容，请用“编辑（新版本）”改好并删去待核实说明。'
      + '确认后生成不带待核实标记的新版本，经法制审核发布后，公开目录中的“待核实”标记随之去掉。', { class: 'hint' }));
    var checked = field(form, '核实了什么（与来源比对的内容）', el('textarea', null, { rows: '2', maxlength: '500' }));
    var source = field(form, '来源名称（如办事指南、文件名称）', el('input', null, { maxlength: '200' }));
    var date = field(form, '来源日期', el('input', null, { type: 'date' }));
    var result = el('div');
    form.appendChild(el('button', '确认核实并提交审核', { type: 'submit' }));
    form.appendChild(result);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      result.textContent = '';
      post('核实', '/verification', { checked: checked.value.trim(), source: source.value.trim(), sourceDate: date.value },
        '已确认核实，新版本已提交法制审核；发布后“待核实”标记去掉。')
        .catch(function (err) { result.appendChild(message(err.message, false)); });
    });
    return form;
  }

  /** The instructions the draft templates once stored as data: shown as help, never kept. */
  var INSTRUCTION = /^由(未答问题生成|网页导入|网页列表导入)：/;

  function entryForm(content) {
    var c = content || { kind: '法规解读', questions: [], legalBasis: [], reviewed: new Date().toISOString().slice(0, 10),
      department: C.me().department || '' };
    var form = el('form');
    if (JSON.stringify(c).indexOf('【待补充】') >= 0) {
      form.appendChild(message('标有【待补充】的是模板占位：请换成真实内容后再提交审核（系统会拒绝仍含占位的版本）。', false));
    }
    var id = field(form, '编号（小写字母、数字、连字符）', el('input', null, { value: c.id || '' }));
    if (content) { id.readOnly = true; }
    var kind = field(form, '类别', select_(C.vocab().kinds, c.kind));
    var title = field(form, '标题', el('input', null, { value: c.title || '', maxlength: '80' }));
    var questions = field(form, '问法（每行一种，至少4种）', el('textarea', null, { placeholder: '企业可能怎么问，每行一种，例如：营业执照要挂出来吗' }));
    questions.value = (c.questions || []).join('\n');
    var answer = field(form, '答案', el('textarea', null, { placeholder: '直接回答企业的问题；法律依据和实施单位由系统附在答案后，不用重复' }));
    answer.value = c.answer || '';
    var department = field(form, '实施单位', select_(C.vocab().departments, c.department));
    if (C.me().role === 'editor') { department.disabled = true; }
    var method = field(form, '行政指导方式', select_(C.vocab().methods, c.method));
    var basis = field(form, '法律依据（每行：法规名称|第X条，条号不确定就不写）', el('textarea', null, { placeholder: '例如：中华人民共和国劳动合同法|第三十条' }));
    basis.value = (c.legalBasis || []).map(function (b) { return b.law + (b.article ? '|' + b.article : ''); }).join('\n');
    var reviewed = field(form, '审核日期', el('input', null, { type: 'date', value: c.reviewed }));
    var topics = field(form, '主题（逗号分隔，可选：' + C.vocab().topics.join('、') + '）', el('input', null, { value: (c.topics || []).join(',') }));
    var instruction = c.verify && INSTRUCTION.test(c.verify);
    var check = field(form, '免罚条件（“看看我的情况”，选填，JSON：{"conditions": [...], "outcomes": [...]}；格式见 docs/no-penalty-check.md）',
      el('textarea', null, { spellcheck: 'false' }));
    if (c.conditions && c.conditions.length) {
      check.value = JSON.stringify({ conditions: c.conditions, outcomes: c.outcomes || [] }, null, 2);
    }
    var verify = field(form, '待核实说明（选填：只写需要工作人员核实的具体事项；填了，公开目录会标“待核实”）',
      el('input', null, { value: instruction ? '' : (c.verify || ''), placeholder: instruction ? c.verify : '例如：请核实受理窗口的地址；不需要核实就留空' }));
    var from = field(form, '时间窗口起（执法事项提示必填，如 01-01 或 春节-20）', el('input', null, { value: c.window ? c.window.from : '' }));
    var to = field(form, '时间窗口止', el('input', null, { value: c.window ? c.window.to : '' }));
    var result = el('div');
    form.appendChild(el('button', content ? '保存为新版本' : '保存草稿', { type: 'submit' }));
    form.appendChild(result);
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
      if (c.url) { body.url = c.url; }
      if (c.related && c.related.length) { body.related = c.related; }
      if (check.value.trim()) {
        var parsed;
        try { parsed = JSON.parse(check.value); } catch (err) {
          result.textContent = '';
          result.appendChild(message('免罚条件不是有效的 JSON：' + err.message, false));
          check.focus();
          return;
        }
        // The server checks the rest (articles cited, every condition used, no promising words).
        body.conditions = parsed.conditions || [];
        body.outcomes = parsed.outcomes || [];
      }
      var call = content ? api('POST', '/entries/' + encodeURIComponent(body.id) + '/versions', body) : api('POST', '/entries', body);
      call.then(function (v) {
        C.refreshCounts();
        detail(body.id, '已保存为 v' + v.version + '（草稿）。检查无误后点“提交审核”。');
      }).catch(function (err) { result.textContent = ''; result.appendChild(message(err.message, false)); });
    });
    show(content ? '编辑条目' : '新建条目', [form]);
  }
  C.detail = detail;
  C.entryForm = entryForm;
  C.tab({ id: 'entries', label: '条目', roles: ['editor', 'reviewer', 'admin'], order: 10, open: entries });
  C.tab({ id: 'new', label: '新建条目', roles: ['editor', 'admin'], order: 20, open: function () { entryForm(null); } });
})();
