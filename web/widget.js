/*
 * 大渡口区行政指导智能助手 — embeddable widget.
 * Embed: <script src="{站点地址}/widget.js" data-api="{站点地址}" data-title="行政指导智能助手"
 *                 data-color="#b3261e" data-position="right" defer></script>
 * No dependencies, no cookies, no tracking. Everything from the server is inserted as text.
 */
(function () {
  'use strict';
  if (window.__ddkGuidanceWidget) { return; }
  window.__ddkGuidanceWidget = true;

  var script = document.currentScript || (function () {
    var all = document.getElementsByTagName('script');
    return all[all.length - 1];
  })();
  var data = (script && script.dataset) || {};
  var api = (data.api || (script && script.src ? new URL(script.src, location.href).origin : '')).replace(/\/$/, '');
  var title = data.title || '行政指导智能助手';
  var color = /^#[0-9a-fA-F]{3,8}$/.test(data.color || '') ? data.color : '#b3261e';
  var position = data.position === 'left' ? 'left' : 'right';
  var STORE = 'ddk-guidance-chat';
  var HOTLINE = '12345';

  var state = load();
  // The large-text preference (适老化) is the one thing kept across visits: a setting, not an identifier.
  var LARGE = 'ddk-guidance-large-text';
  try { if (localStorage.getItem(LARGE) === '1') { state.large = true; } } catch (e) { /* storage unavailable */ }

  function load() {
    try {
      var s = JSON.parse(sessionStorage.getItem(STORE) || 'null');
      if (s && Array.isArray(s.messages)) { return s; }
    } catch (e) { /* storage unavailable: start fresh */ }
    return { sessionId: null, messages: [], open: false, large: false };
  }
  function save() {
    try {
      state.messages = state.messages.slice(-40);
      sessionStorage.setItem(STORE, JSON.stringify(state));
    } catch (e) { /* private mode: the conversation just won't survive navigation */ }
  }
  function safeUrl(u) {
    try {
      var url = new URL(u, location.href);
      return (url.protocol === 'https:' || url.protocol === 'http:') ? url.href : null;
    } catch (e) { return null; }
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    }
    if (text != null) { node.textContent = text; }
    return node;
  }

  var host = el('div', { id: 'ddk-guidance-widget', role: 'complementary', 'aria-label': title });
  var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
  var css = ':host{all:initial}*{box-sizing:border-box;font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif}' +
    '.launcher{position:fixed;bottom:20px;' + position + ':20px;z-index:2147483000;background:' + color + ';color:#fff;border:0;border-radius:28px;padding:14px 20px;font-size:16px;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}' +
    '.launcher:focus-visible,button:focus-visible,textarea:focus-visible,a:focus-visible{outline:3px solid #1a56db;outline-offset:2px}' +
    '.panel{position:fixed;bottom:84px;' + position + ':20px;z-index:2147483001;width:380px;max-width:calc(100vw - 24px);height:min(640px,calc(100vh - 100px));max-height:calc(100vh - 100px);background:#fff;color:#1f1f1f;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);display:flex;flex-direction:column;overflow:hidden;font-size:15px;line-height:1.6}' +
    '.panel[hidden]{display:none}.large .panel{font-size:19px;height:calc(100vh - 100px)}.large .launcher{font-size:20px}' +
    'header{background:' + color + ';color:#fff;padding:10px 12px;display:flex;align-items:center;gap:8px}header h2{flex:1;margin:0;font-size:1.05em}' +
    'header button{background:transparent;color:#fff;border:1px solid rgba(255,255,255,.7);border-radius:6px;padding:4px 8px;cursor:pointer;font-size:.85em}' +
    '.scroll{flex:1;overflow-y:auto;background:#f6f6f6;min-height:0}.log{padding:12px}' +
    '.msg{margin:0 0 12px;max-width:92%;padding:8px 12px;border-radius:10px;white-space:pre-wrap;word-break:break-word}' +
    '.user{margin-left:auto;background:#fde8e6;color:#1f1f1f}.bot{background:#fff;border:1px solid #ddd}' +
    '.meta{margin-top:6px;font-size:.85em;color:#444;border-top:1px dashed #ccc;padding-top:6px}.meta a{color:#0b57d0}' +
    '.chips{display:flex;flex-wrap:wrap;gap:6px;margin:-4px 0 12px}.chip{background:#fff;border:1px solid ' + color + ';color:#8c1d18;border-radius:16px;padding:4px 10px;cursor:pointer;font-size:.9em;text-align:left}' +
    '[hidden]{display:none!important}' +
    '.ask{display:flex;gap:8px;padding:10px;border-top:1px solid #ddd;background:#fff}' +
    'textarea{flex:1;resize:none;border:1px solid #767676;border-radius:8px;padding:8px;font-size:1em;min-height:44px;max-height:120px;color:#1f1f1f}' +
    '.ask button{background:' + color + ';color:#fff;border:0;border-radius:8px;padding:0 16px;font-size:1em;cursor:pointer;min-width:64px}.ask button:disabled{opacity:.6}' +
    '.hint{font-size:.8em;color:#444;padding:8px 12px;background:#fff;border-top:1px solid #ddd;margin:0}' +
    '.banner{display:flex;gap:8px;align-items:flex-start;background:#fff8e1;color:#3b2f00;border-bottom:1px solid #e0c060;padding:8px 12px;font-size:.88em}' +
    '.banner[hidden]{display:none}.banner ul{margin:4px 0 0;padding-left:1.1em}.banner .what{flex:1}.banner .toggle{font-size:1em;font-weight:bold;padding:0;text-align:left}.banner button{background:transparent;border:0;font-size:1.1em;cursor:pointer;color:#3b2f00}' +
    '.fb{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px;font-size:.85em}.fb button,.sub button,.foot button{border:1px solid #767676;background:#fff;color:#1f1f1f;border-radius:6px;padding:2px 8px;cursor:pointer;font-size:1em}' +
    '.fb input{flex:1;min-width:8em;border:1px solid #767676;border-radius:6px;padding:2px 6px;font-size:1em}' +
    '.foot{display:flex;justify-content:space-between;align-items:center;gap:8px;padding:0 12px 8px;background:#fff;font-size:.8em;color:#444}' +
    '.sub{flex:1;overflow-y:auto;padding:12px;background:#fff}.sub[hidden]{display:none}.sub label{display:block;margin:6px 0}.sub input[type=text],.sub input[type=tel]{width:100%;border:1px solid #767676;border-radius:6px;padding:6px;font-size:1em;color:#1f1f1f}' +
    '.sub .notice{white-space:pre-wrap;max-height:10em;overflow-y:auto;border:1px solid #ccc;padding:6px;font-size:.85em;background:#fafafa}.sub fieldset{border:1px solid #ccc;border-radius:6px}.sub .topics label{display:inline-block;margin:2px 8px 2px 0}' +
    '.sub .primary{background:' + color + ';color:#fff;border:0;padding:6px 14px}.sub .err{color:#a50e0e}' +
    '.banner .link{background:none;border:0;padding:0;color:#0b57d0;text-decoration:underline;cursor:pointer;font-size:1em;text-align:left}' +
    '@media (max-width:480px){.panel{left:0;right:0;bottom:0;width:100vw;max-width:100vw;height:100%;max-height:100%;border-radius:0}}';
  root.appendChild(el('style', null, css));

  var wrap = el('div', { class: state.large ? 'large' : '' });
  var launcher = el('button', { class: 'launcher', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'ddk-panel' }, '政策咨询');
  var panel = el('section', { class: 'panel', id: 'ddk-panel', role: 'dialog', 'aria-label': title, hidden: '' });
  var header = el('header');
  header.appendChild(el('h2', null, title));
  var largeBtn = el('button', { type: 'button', 'aria-pressed': String(!!state.large) }, '大字');
  var closeBtn = el('button', { type: 'button', 'aria-label': '关闭' }, '关闭');
  header.appendChild(largeBtn);
  header.appendChild(closeBtn);
  var banner = el('div', { class: 'banner', role: 'region', 'aria-label': '近期执法事项提示', hidden: '' });
  var log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions' });
  // Only the question box is laid out as a row: a bare "form" rule would also lay out the subscription form.
  var form = el('form', { class: 'ask' });
  var input = el('textarea', { rows: '2', maxlength: '500', 'aria-label': '输入您的问题', placeholder: '请输入您的问题，例如：营业执照要挂出来吗' });
  var send = el('button', { type: 'submit' }, '发送');
  form.appendChild(input);
  form.appendChild(send);
  var hint = el('div', { class: 'hint' }, '答复来自各部门审核的行政指导内容，仅供参考，不具有强制力。人工咨询请拨打12345。');
  var foot = el('div', { class: 'foot' });
  var subBtn = el('button', { type: 'button' }, '订阅提醒');
  foot.appendChild(el('span', null, '自愿订阅行政指导和执法事项提示，可随时撤回'));
  foot.appendChild(subBtn);
  var sub = el('div', { class: 'sub', hidden: '', role: 'region', 'aria-label': '订阅提醒' });
  // The conversation, the note on what answers are and the subscribe line scroll together, so that with
  // large text or browser zoom the conversation keeps the panel's height instead of fixed bars eating it.
  var scroller = el('div', { class: 'scroll' });
  scroller.appendChild(log);
  scroller.appendChild(hint);
  scroller.appendChild(foot);
  panel.appendChild(header);
  panel.appendChild(banner);
  panel.appendChild(scroller);
  panel.appendChild(sub);
  panel.appendChild(form);
  wrap.appendChild(launcher);
  wrap.appendChild(panel);
  root.appendChild(wrap);

  function render(message) {
    if (message.role === 'user') {
      log.appendChild(el('p', { class: 'msg user' }, message.text));
      return;
    }
    var box = el('div', { class: 'msg bot' });
    box.appendChild(el('div', null, message.text));
    // The answer text already names the legal basis and department; the meta line names the entry.
    (message.sources || []).forEach(function (s) {
      var meta = el('div', { class: 'meta' });
      meta.appendChild(el('div', null, '来源：' + (s.kind ? s.kind + '·' : '') + (s.title || '')));
      var href = s.url && safeUrl(s.url);
      if (href) {
        var a = el('a', { href: href, target: '_blank', rel: 'noopener noreferrer' }, '查看来源');
        meta.appendChild(a);
      }
      box.appendChild(meta);
    });
    if (message.matched && message.sources && message.sources.length) {
      box.appendChild(feedback(message.sources[0].id));
      if (message.check) { box.appendChild(checkDialog(message)); }
    }
    if (!message.matched && message.outcome !== 'answer') {
      box.appendChild(el('div', { class: 'meta' }, '需要人工帮助？请拨打' + HOTLINE + '政务服务便民热线。'));
    }
    log.appendChild(box);
    if (message.suggestions && message.suggestions.length) {
      var chips = el('div', { class: 'chips', role: 'group', 'aria-label': '您可能还想问' });
      message.suggestions.forEach(function (q) {
        var chip = el('button', { class: 'chip', type: 'button' }, q);
        chip.addEventListener('click', function () { ask(q); });
        chips.appendChild(chip);
      });
      log.appendChild(chips);
    }
  }
  function post(path, body, headers) {
    var h = { 'Content-Type': 'application/json' };
    Object.keys(headers || {}).forEach(function (k) { h[k] = headers[k]; });
    return fetch(api + path, { method: 'POST', headers: h, body: JSON.stringify(body), credentials: 'omit' })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, body: j }; }); });
  }
  function feedback(entryId) {
    var row = el('div', { class: 'fb', role: 'group', 'aria-label': '这条答复对您有帮助吗' });
    var yes = el('button', { type: 'button' }, '有帮助');
    var no = el('button', { type: 'button' }, '没帮助');
    function done() { row.textContent = ''; row.appendChild(el('span', { role: 'status' }, '感谢您的反馈！')); }
    yes.addEventListener('click', function () { post('/api/feedback', { entryId: entryId, helpful: true }).then(done, done); });
    no.addEventListener('click', function () {
      row.textContent = '';
      var reason = el('input', { type: 'text', maxlength: '200', 'aria-label': '没帮助的原因（选填）', placeholder: '原因（选填）' });
      var send = el('button', { type: 'button' }, '提交');
      send.addEventListener('click', function () {
        post('/api/feedback', { entryId: entryId, helpful: false, reason: reason.value }).then(done, done);
      });
      row.appendChild(reason);
      row.appendChild(send);
      reason.focus();
    });
    row.appendChild(yes);
    row.appendChild(no);
    return row;
  }
  function field(parent, label, attrs) {
    var l = el('label', null, label);
    var input = el('input', attrs);
    l.appendChild(input);
    parent.appendChild(l);
    return input;
  }
  function showSubscribe() {
    sub.textContent = '';
    sub.removeAttribute('hidden');
    scroller.setAttribute('hidden', '');
    form.setAttribute('hidden', '');
    var back = el('button', { type: 'button' }, '返回咨询');
    back.addEventListener('click', hideSubscribe);
    sub.appendChild(back);
    if (state.receipt) { return showReceipt(); }
    sub.appendChild(el('h3', null, '订阅行政指导和执法事项提示'));
    fetch(api + '/api/consent/notice', { credentials: 'omit' }).then(function (r) { return r.json(); }).then(function (n) {
      sub.appendChild(el('div', { class: 'notice', tabindex: '0', 'aria-label': '告知书' }, n.text));
      var f = el('form');
      var company = field(f, '企业（个体工商户）名称', { type: 'text', maxlength: '100', autocomplete: 'organization' });
      var code = field(f, '统一社会信用代码（18位）', { type: 'text', maxlength: '18' });
      var contact = field(f, '联系人姓名', { type: 'text', maxlength: '50', autocomplete: 'name' });
      var phone = field(f, '手机号码', { type: 'tel', maxlength: '11', autocomplete: 'tel' });
      // A one-time code proves the phone is the contact's own; without it the consent is kept as "unverified".
      var getCode = el('button', { type: 'button' }, '获取短信验证码');
      var codeStatus = el('span', { role: 'status', 'aria-live': 'polite' });
      var codeRow = el('p');
      codeRow.appendChild(getCode);
      codeRow.appendChild(document.createTextNode(' '));
      codeRow.appendChild(codeStatus);
      f.appendChild(codeRow);
      var oneTime = field(f, '短信验证码（选填，6位数字；不填则记录为“未验证”，不会向该号码发送短信提醒）',
        { type: 'text', inputmode: 'numeric', maxlength: '6', autocomplete: 'one-time-code' });
      getCode.addEventListener('click', function () {
        getCode.disabled = true;
        codeStatus.textContent = '正在发送……';
        post('/api/consents/codes', { phone: phone.value.trim() }).then(function (res) {
          if (!res.ok) {
            codeStatus.textContent = (res.body.error && res.body.error.message) || '发送失败，请稍后再试。';
            getCode.disabled = false;
            getCode.focus(); // a disabled button drops keyboard focus; give it back where it was
            return;
          }
          codeStatus.textContent = '验证码已发送，' + res.body.validMinutes + '分钟内有效。';
          setTimeout(function () { getCode.disabled = false; }, res.body.resendAfterSeconds * 1000);
          oneTime.focus();
        }, function () { codeStatus.textContent = '网络异常，请稍后再试。'; getCode.disabled = false; getCode.focus(); });
      });
      var set = el('fieldset', { class: 'topics' });
      set.appendChild(el('legend', null, '希望接收的主题'));
      var boxes = n.topics.map(function (t) {
        var l = el('label', null, null);
        var c = el('input', { type: 'checkbox', value: t });
        l.appendChild(c);
        l.appendChild(document.createTextNode(' ' + t));
        set.appendChild(l);
        return c;
      });
      f.appendChild(set);
      var agreeLabel = el('label');
      var agree = el('input', { type: 'checkbox', class: 'agree' });
      agreeLabel.appendChild(agree);
      agreeLabel.appendChild(document.createTextNode(' 我已阅读告知书，自愿同意接收（可随时撤回）'));
      f.appendChild(agreeLabel);
      var err = el('p', { class: 'err', role: 'alert' });
      f.appendChild(err);
      var submit = el('button', { type: 'submit', class: 'primary' }, '提交');
      f.appendChild(submit);
      f.addEventListener('submit', function (e) {
        e.preventDefault();
        post('/api/consents', {
          companyName: company.value, creditCode: code.value.trim().toUpperCase(), contactName: contact.value,
          phone: phone.value.trim(), topics: boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }),
          noticeVersion: n.version, agreed: agree.checked, code: oneTime.value.trim() || null
        }).then(function (res) {
          if (!res.ok) { err.textContent = (res.body.error && res.body.error.message) || '提交失败，请稍后再试。'; return; }
          state.receipt = res.body;
          save();
          showSubscribe();
        }, function () { err.textContent = '网络异常，请稍后再试。'; });
      });
      sub.appendChild(f);
      company.focus();
    }, function () { sub.appendChild(el('p', { class: 'err' }, '告知书加载失败，请稍后再试。')); });
  }
  function showReceipt() {
    var r = state.receipt;
    sub.appendChild(el('h3', null, r.status === 'withdrawn' ? '已撤回同意' : '订阅成功'));
    sub.appendChild(el('p', { role: 'status' }, r.status === 'withdrawn'
      ? '已于 ' + r.withdrawnAt + ' 撤回，此后不再向您推送。'
      : '回执编号：' + r.receiptId + '\n同意时间：' + r.grantedAt + '\n主题：' + r.topics.join('、') +
        '\n手机号码：' + (r.verified ? '已验证' : '未验证') + '\n撤回凭证：' + r.withdrawToken + '（请妥善保存，凭它可随时撤回或查阅记录）' +
        (r.scope ? '\n' + r.scope : '')));
    if (r.status !== 'withdrawn') {
      var link = api + '/consent?receipt=' + encodeURIComponent(r.receiptId) + '&token=' + encodeURIComponent(r.withdrawToken);
      var p = el('p', null, '撤回链接（请保存，随时可用）：');
      p.appendChild(el('a', { href: link, target: '_blank', rel: 'noopener noreferrer' }, '查看记录或撤回'));
      sub.appendChild(p);
      var w = el('button', { type: 'button', class: 'primary' }, '一键撤回同意');
      w.addEventListener('click', function () {
        post('/api/consents/' + encodeURIComponent(r.receiptId) + '/withdraw', { withdrawToken: r.withdrawToken }).then(function (res) {
          if (res.ok) { r.status = 'withdrawn'; r.withdrawnAt = res.body.withdrawnAt; save(); showSubscribe(); }
        });
      });
      sub.appendChild(w);
    }
  }
  function hideSubscribe() {
    sub.setAttribute('hidden', '');
    scroller.removeAttribute('hidden');
    form.removeAttribute('hidden');
    subBtn.focus();
  }
  subBtn.addEventListener('click', showSubscribe);

  function add(message) {
    state.messages.push(message);
    save();
    var first = log.children.length;
    render(message);
    var box = log.children[first];
    if (message.role === 'bot' && box) {
      // An answer opens at its start (the question's answer, then basis, then the disclaimer), not at its end.
      scroller.scrollTop += box.getBoundingClientRect().top - scroller.getBoundingClientRect().top - 8;
    } else {
      scroller.scrollTop = log.offsetTop + log.offsetHeight;
    }
  }
  function greet() {
    if (state.messages.length === 0) {
      add({ role: 'bot', matched: false, outcome: 'greeting',
        text: '您好！我可以解答企业依法经营方面的问题。您可以直接提问，或点击下面的常见问题。',
        suggestions: ['营业执照要挂出来吗', '企业年报什么时候报', '首次违法会被罚款吗', '餐饮店要办什么许可证'] });
    }
  }
  function ask(question) {
    question = (question || '').trim();
    if (!question || send.disabled) { return; }
    add({ role: 'user', text: question });
    send.disabled = true;
    var body = { question: question };
    if (state.sessionId) { body.sessionId = state.sessionId; }
    fetch(api + '/api/chat', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), credentials: 'omit' })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, body: j }; }); })
      .then(function (res) {
        if (!res.ok) {
          add({ role: 'bot', matched: false, text: (res.body && res.body.error && res.body.error.message) || '请求失败，请稍后再试。' });
          return;
        }
        state.sessionId = res.body.sessionId;
        add({ role: 'bot', text: res.body.answer, matched: res.body.matched, outcome: res.body.outcome,
          sources: res.body.sources, suggestions: res.body.suggestions, check: res.body.check });
      })
      .catch(function () {
        add({ role: 'bot', matched: false, text: '网络异常，暂时无法回答。您可以拨打' + HOTLINE + '政务服务便民热线咨询。' });
      })
      .then(function () { send.disabled = false; });
  }
  function showReminders() {
    if (state.bannerDismissed || banner.childNodes.length) { return; }
    fetch(api + '/api/reminders', { credentials: 'omit' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) {
        if (!body || !body.reminders || !body.reminders.length) { return; }
        var list = el('ul');
        body.reminders.slice(0, 3).forEach(function (r) {
          var item = el('li');
          var link = el('button', { class: 'link', type: 'button' }, r.title);
          link.addEventListener('click', function () { ask(r.title); });
          item.appendChild(link);
          list.appendChild(item);
        });
        var close = el('button', { type: 'button', 'aria-label': '关闭提示' }, '×');
        close.addEventListener('click', function () {
          state.bannerDismissed = true;
          save();
          banner.setAttribute('hidden', '');
        });
        // One line until asked: the reminders must not take the conversation's room on a small screen.
        var what = el('div', { class: 'what' });
        var toggle = el('button', { class: 'toggle', type: 'button', 'aria-expanded': 'false' },
          '近期提示（' + Math.min(3, body.reminders.length) + '条）▸');
        list.setAttribute('hidden', '');
        toggle.addEventListener('click', function () {
          var open = list.hasAttribute('hidden');
          if (open) { list.removeAttribute('hidden'); } else { list.setAttribute('hidden', ''); }
          toggle.setAttribute('aria-expanded', String(open));
          toggle.textContent = toggle.textContent.slice(0, -1) + (open ? '▾' : '▸');
        });
        what.appendChild(toggle);
        what.appendChild(list);
        banner.appendChild(what);
        banner.appendChild(close);
        banner.removeAttribute('hidden');
      })
      .catch(function () { /* reminders are a courtesy: the chat works without them */ });
  }
  function setOpen(open) {
    state.open = open;
    save();
    if (open) {
      panel.removeAttribute('hidden');
      launcher.setAttribute('aria-expanded', 'true');
      greet();
      showReminders();
      input.focus();
    } else {
      panel.setAttribute('hidden', '');
      launcher.setAttribute('aria-expanded', 'false');
      launcher.focus();
    }
  }

  launcher.addEventListener('click', function () { setOpen(panel.hasAttribute('hidden')); });
  closeBtn.addEventListener('click', function () { setOpen(false); });
  largeBtn.addEventListener('click', function () {
    state.large = !state.large;
    wrap.className = state.large ? 'large' : '';
    largeBtn.setAttribute('aria-pressed', String(state.large));
    try { if (state.large) { localStorage.setItem(LARGE, '1'); } else { localStorage.removeItem(LARGE); } } catch (e) { /* private mode */ }
    save();
  });
  panel.addEventListener('keydown', function (e) { if (e.key === 'Escape') { setOpen(false); } });
  form.addEventListener('submit', function (e) { e.preventDefault(); var q = input.value; input.value = ''; ask(q); });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event('submit')); }
  });

  state.messages.forEach(render);
  function mount() {
    document.body.appendChild(host);
    if (state.open) { setOpen(true); }
  }
  if (document.body) { mount(); } else { document.addEventListener('DOMContentLoaded', mount); }
  // ---- "看看我的情况": the no-penalty check (issue 19), self-contained ---------------------------------
  // One question at a time (是 / 否 / 不确定), back and restart; the outcome comes from POST /api/check and is
  // shown as the server wrote it (fixed, staff-approved texts). Each step is announced (aria-live) and
  // focus moves to the new question or outcome, so it works with the keyboard and a screen reader.
  var CHECK_CSS = '.ck{margin-top:8px;border-top:1px dashed #ccc;padding-top:8px;white-space:normal}' +
    '.ck button{min-height:44px;min-width:44px;border:1px solid #767676;background:#fff;color:#1f1f1f;border-radius:8px;padding:6px 14px;cursor:pointer;font-size:1em}' +
    '.ck .start{border-color:' + color + ';color:#8c1d18;font-weight:bold}' +
    '.ck .step,.ck .lead{font-size:.85em;color:#444;margin:0}.ck .q{font-weight:bold;margin:4px 0 8px;outline:none}' +
    '.ck .row{display:flex;flex-wrap:wrap;gap:8px;margin:6px 0}.ck .row .yes,.ck .row .no,.ck .row .unsure{flex:1 1 5em}' +
    '.ck .nav{display:flex;flex-wrap:wrap;gap:8px;margin-top:4px}.ck .nav button{border-color:#ccc;font-size:.9em}' +
    '.ck .res{outline:none}.ck .res h3{margin:0 0 6px;font-size:1em}.ck .res ol{margin:6px 0;padding-left:1.4em}.ck .basis{font-size:.9em;color:#444}';
  root.appendChild(el('style', null, CHECK_CSS));
  var CHECK_TITLES = { no_penalty: '法律规定不予处罚的情形', may_be_spared: '法律规定可以不予处罚的情形（由执法部门决定）',
    not_applicable: '这些不予处罚的规定可能不适用', uncertain: '还说不好，建议先咨询' };

  function checkDialog(reply) {
    var check = reply.check;
    var wrapCk = el('div', { class: 'ck', role: 'group', 'aria-label': '自查：我这种情况能不罚吗' });
    var live = el('div', { 'aria-live': 'polite' });
    var answers = {};
    var i = 0;
    function clear() { while (live.firstChild) { live.removeChild(live.firstChild); } }
    function button(cls, text, onClick) {
      var b = el('button', { type: 'button', class: cls }, text);
      b.addEventListener('click', onClick);
      return b;
    }
    function restart() { answers = {}; i = 0; question(); }
    function question() {
      clear();
      var c = check.conditions[i];
      live.appendChild(el('p', { class: 'step' }, '第' + (i + 1) + '题，共' + check.conditions.length + '题'));
      var q = el('p', { class: 'q', tabindex: '-1' }, c.question);
      live.appendChild(q);
      var row = el('div', { class: 'row', role: 'group', 'aria-label': '您的回答' });
      [['yes', '是', true], ['no', '否', false], ['unsure', '不确定', null]].forEach(function (a) {
        row.appendChild(button(a[0], a[1], function () {
          answers[c.id] = a[2];
          if (++i < check.conditions.length) { question(); } else { finish(); }
        }));
      });
      live.appendChild(row);
      var nav = el('div', { class: 'nav' });
      if (i > 0) { nav.appendChild(button('back', '上一题', function () { i--; question(); })); }
      nav.appendChild(button('restart', '重新开始', restart));
      live.appendChild(nav);
      q.focus();
    }
    function finish() {
      clear();
      live.appendChild(el('p', { class: 'step' }, '正在查看法律规定…'));
      post('/api/check', { entryId: check.entryId, answers: answers }).then(function (res) {
        clear();
        var r = el('div', { class: 'res', tabindex: '-1' });
        if (!res.ok) {
          r.appendChild(el('p', null, (res.body && res.body.error && res.body.error.message) || '暂时无法查看，请稍后再试。'));
        } else {
          r.appendChild(el('h3', null, CHECK_TITLES[res.body.outcome] || '自查结果'));
          r.appendChild(el('p', null, res.body.explanation));
          r.appendChild(el('p', { class: 'basis' }, '依据：' + res.body.legalBasis));
          var steps = el('ol', { 'aria-label': '现在可以做什么' });
          (res.body.nextSteps || []).forEach(function (s) { steps.appendChild(el('li', null, s)); });
          r.appendChild(el('p', null, '现在可以做什么：'));
          r.appendChild(steps);
        }
        live.appendChild(r);
        var nav = el('div', { class: 'nav' });
        nav.appendChild(button('back', '上一题', function () { i = check.conditions.length - 1; question(); }));
        nav.appendChild(button('restart', '重新开始', restart));
        live.appendChild(nav);
        r.focus();
      }, function () {
        clear();
        live.appendChild(el('p', null, '网络异常，暂时无法查看。您可以拨打' + HOTLINE + '政务服务便民热线咨询。'));
        live.appendChild(button('restart', '重新开始', restart));
      });
    }
    var start = button('start', '看看我的情况', function () { wrapCk.removeChild(start); restart(); });
    wrapCk.appendChild(el('p', { class: 'lead' }, '回答' + check.conditions.length + '个问题，看看法律对您这种情况怎么规定（仅供参考）。'));
    wrapCk.appendChild(start);
    wrapCk.appendChild(live);
    return wrapCk;
  }
})();
