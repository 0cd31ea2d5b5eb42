/*
 * 留言给部门 (issue 17), loaded by widget.js the first time a business opens it: the message form (question
 * prefilled and editable, optional company, credit code and topic, and only if wanted a contact for a call-back
 * with its purpose-bound notice and an unchecked box), then the receipt with the ticket to read out and the private
 * link to the status page. Everything from the server is inserted as text. Renders inside the widget's shadow root.
 */
(function () {
  'use strict';
  if (window.ddkGuidanceMessages) { return; }
  var CSS = '.msgs textarea{display:block;width:100%;min-height:6em;max-height:none;flex:none}.msgs select{display:block;width:100%;min-height:44px;border:1px solid #767676;border-radius:6px;font-size:1em;padding:6px;background:#fff;color:#1f1f1f}' +
    '.msgs .count{font-size:.85em;color:#444}.msgs .ticket{font-size:1.5em;letter-spacing:1px;font-weight:bold}.msgs .link{word-break:break-all}' +
    '.msgs .lead{margin:4px 0 8px}.msgs a.open{display:inline-flex;align-items:center;min-height:44px;color:#0b57d0}';

  function open(ctx) {
    var el = ctx.el;
    var region = ctx.region;
    if (!ctx.root.querySelector('style[data-messages]')) {
      var style = el('style', { 'data-messages': '' }, CSS);
      ctx.root.appendChild(style);
    }
    var back = el('button', { type: 'button' }, '返回咨询');
    back.addEventListener('click', ctx.close);
    region.appendChild(back);
    var heading = el('h3', { tabindex: '-1' }, '留言给部门');
    region.appendChild(heading);
    var wait = el('p', { role: 'status' }, '正在加载……');
    region.appendChild(wait);
    fetch(ctx.api + '/api/messages/notice', { credentials: 'omit' }).then(function (r) { return r.json(); })
      .then(function (n) { region.removeChild(wait); form(ctx, n, heading); },
        function () { wait.textContent = '留言表单加载失败，请稍后再试，或拨打12345政务服务便民热线。'; });
    heading.focus();
  }

  function form(ctx, n, heading) {
    var el = ctx.el;
    var region = ctx.region;
    region.appendChild(el('p', { class: 'lead' }, '我们会把您的问题转给负责的部门，承诺在' + n.replyWorkingDays +
      '个工作日内答复（遇法定节假日顺延）。不留联系方式也可以：凭留言编号和查询链接查看答复。'));
    var f = el('form', { novalidate: '' });
    var summary = el('p', { class: 'err', role: 'alert' });
    f.appendChild(summary);

    var qBox = el('div', { class: 'field' });
    qBox.appendChild(el('label', { for: 'ddk-msg-q' }, '您的问题（必填，不超过1000字）'));
    var question = el('textarea', { id: 'ddk-msg-q', maxlength: '1000', rows: '5', 'aria-describedby': 'ddk-msg-q-count ddk-msg-q-err' });
    question.value = (ctx.question || '').slice(0, 1000);
    qBox.appendChild(question);
    var count = el('span', { class: 'count', id: 'ddk-msg-q-count' });
    function counted() { count.textContent = '已输入' + question.value.length + '/1000字'; }
    question.addEventListener('input', counted);
    counted();
    qBox.appendChild(count);
    question.err = el('span', { class: 'ferr', id: 'ddk-msg-q-err' });
    qBox.appendChild(question.err);
    f.appendChild(qBox);

    var company = ctx.field(f, '企业（个体工商户）名称（选填）', { type: 'text', maxlength: '100', autocomplete: 'organization' });
    var code = ctx.field(f, '统一社会信用代码（选填）', { type: 'text', maxlength: '18', autocapitalize: 'characters' });

    var tBox = el('div', { class: 'field' });
    tBox.appendChild(el('label', { for: 'ddk-msg-topic' }, '主题（选填）'));
    var topic = el('select', { id: 'ddk-msg-topic' });
    topic.appendChild(el('option', { value: '' }, '按问题自动判断'));
    (n.topics || []).forEach(function (t) { topic.appendChild(el('option', { value: t }, t)); });
    tBox.appendChild(topic);
    f.appendChild(tBox);

    var set = el('fieldset');
    set.appendChild(el('legend', null, '需要部门回电或发短信答复吗？（选填）'));
    set.appendChild(el('div', { class: 'notice', tabindex: '0', role: 'region', 'aria-label': '留言回复告知' }, n.text));
    var agreeRow = el('div', { class: 'agree-row' });
    var agree = el('input', { type: 'checkbox', id: 'ddk-msg-agree' });
    agreeRow.appendChild(agree);
    agreeRow.appendChild(el('label', { for: 'ddk-msg-agree' }, '我已阅读上述告知，同意部门用我填写的姓名和手机号码就本条留言回复我'));
    set.appendChild(agreeRow);
    var contactBox = el('div', { hidden: '' });
    var name = ctx.field(contactBox, '联系人姓名', { type: 'text', maxlength: '50', autocomplete: 'name' });
    var phone = ctx.field(contactBox, '手机号码', { type: 'tel', maxlength: '20', autocomplete: 'tel', inputmode: 'tel' });
    set.appendChild(contactBox);
    agree.addEventListener('change', function () {
      if (agree.checked) { contactBox.removeAttribute('hidden'); } else { contactBox.setAttribute('hidden', ''); }
    });
    f.appendChild(set);

    var actions = el('div', { class: 'actions' });
    var send = el('button', { type: 'submit', class: 'primary' }, '提交留言');
    actions.appendChild(send);
    f.appendChild(actions);
    region.appendChild(f);

    function mark(node, text) {
      node.setAttribute('aria-invalid', text ? 'true' : 'false');
      node.err.textContent = text || '';
    }
    var FIELDS = { message_empty: question, message_too_long: question, invalid_credit_code: code, company_name_too_long: company,
      missing_contact_name: name, contact_name_too_long: name, invalid_phone: phone };
    f.addEventListener('submit', function (e) {
      e.preventDefault();
      [question, code, company, name, phone].forEach(function (x) { mark(x, ''); });
      summary.textContent = '';
      if (!question.value.trim()) { mark(question, '请填写留言内容。'); question.focus(); return; }
      if (agree.checked && !name.value.trim()) { mark(name, '请填写联系人姓名。'); name.focus(); return; }
      var body = { question: question.value, companyName: company.value, creditCode: code.value, topic: topic.value || null };
      if (agree.checked) {
        body.contactName = name.value;
        body.phone = phone.value;
        body.callbackConsent = true;
        body.noticeVersion = n.version;
      }
      send.disabled = true;
      ctx.post('/api/messages', body).then(function (res) {
        send.disabled = false;
        if (res.ok) { receipt(ctx, res.body); return; }
        var code = res.body && res.body.error && res.body.error.code;
        var target = FIELDS[code];
        var text = ctx.message(res, '提交失败，请稍后再试。');
        if (target) { mark(target, text); target.focus(); } else { summary.textContent = text; }
      }, function () { send.disabled = false; summary.textContent = '网络异常，请稍后再试。'; });
    });
  }

  function receipt(ctx, r) {
    var el = ctx.el;
    var region = ctx.region;
    region.textContent = '';
    var back = el('button', { type: 'button' }, '返回咨询');
    back.addEventListener('click', ctx.close);
    region.appendChild(back);
    var heading = el('h3', { tabindex: '-1' }, '留言已提交');
    region.appendChild(heading);
    var dl = el('dl');
    function row(term, value, cls) { dl.appendChild(el('dt', null, term)); dl.appendChild(el('dd', cls ? { class: cls } : null, value)); }
    row('留言编号', r.ticket, 'ticket');
    row('承诺答复日期', r.dueDateText + '前（' + r.workingDays + '个工作日，节假日顺延）');
    row('办理状态', r.department ? '已分派至' + r.department + '办理' : '已收到，正在分派承办部门');
    var link = ctx.api + r.statusUrl;
    row('查询链接（请保存，凭它查看答复）', link, 'link');
    region.appendChild(dl);
    region.appendChild(el('p', { class: 'scope' }, '请记下留言编号并保存链接：链接中含有只属于您的查询凭证，请勿转发他人。拨打12345时报留言编号即可查询。'));
    var actions = el('div', { class: 'actions' });
    var status = el('p', { role: 'status' });
    var copy = el('button', { type: 'button' }, '复制链接');
    copy.addEventListener('click', function () {
      var done = function () { status.textContent = '链接已复制，请粘贴保存。'; };
      var fail = function () { status.textContent = '无法自动复制，请长按上面的链接复制。'; };
      if (navigator.clipboard) { navigator.clipboard.writeText(link).then(done, fail); } else { fail(); }
    });
    actions.appendChild(copy);
    actions.appendChild(el('a', { class: 'open', href: link, target: '_blank', rel: 'noopener noreferrer' }, '查看办理进度'));
    region.appendChild(actions);
    region.appendChild(status);
    heading.focus();
  }

  window.ddkGuidanceMessages = { open: open };
})();
