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

  var host = el('div', { id: 'ddk-guidance-widget' });
  var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
  var css = ':host{all:initial}*{box-sizing:border-box;font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif}' +
    '.launcher{position:fixed;bottom:20px;' + position + ':20px;z-index:2147483000;background:' + color + ';color:#fff;border:0;border-radius:28px;padding:14px 20px;font-size:16px;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}' +
    '.launcher:focus-visible,button:focus-visible,textarea:focus-visible,a:focus-visible{outline:3px solid #1a56db;outline-offset:2px}' +
    '.panel{position:fixed;bottom:84px;' + position + ':20px;z-index:2147483001;width:380px;max-width:calc(100vw - 24px);height:560px;max-height:calc(100vh - 100px);background:#fff;color:#1f1f1f;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);display:flex;flex-direction:column;overflow:hidden;font-size:15px;line-height:1.6}' +
    '.panel[hidden]{display:none}.large .panel{font-size:19px}.large .launcher{font-size:20px}' +
    'header{background:' + color + ';color:#fff;padding:10px 12px;display:flex;align-items:center;gap:8px}header h2{flex:1;margin:0;font-size:1.05em}' +
    'header button{background:transparent;color:#fff;border:1px solid rgba(255,255,255,.7);border-radius:6px;padding:4px 8px;cursor:pointer;font-size:.85em}' +
    '.log{flex:1;overflow-y:auto;padding:12px;background:#f6f6f6}' +
    '.msg{margin:0 0 12px;max-width:92%;padding:8px 12px;border-radius:10px;white-space:pre-wrap;word-break:break-word}' +
    '.user{margin-left:auto;background:#fde8e6;color:#1f1f1f}.bot{background:#fff;border:1px solid #ddd}' +
    '.meta{margin-top:6px;font-size:.85em;color:#444;border-top:1px dashed #ccc;padding-top:6px}.meta a{color:#0b57d0}' +
    '.chips{display:flex;flex-wrap:wrap;gap:6px;margin:-4px 0 12px}.chip{background:#fff;border:1px solid ' + color + ';color:#8c1d18;border-radius:16px;padding:4px 10px;cursor:pointer;font-size:.9em;text-align:left}' +
    'form{display:flex;gap:8px;padding:10px;border-top:1px solid #ddd;background:#fff}' +
    'textarea{flex:1;resize:none;border:1px solid #767676;border-radius:8px;padding:8px;font-size:1em;min-height:44px;max-height:120px;color:#1f1f1f}' +
    'form button{background:' + color + ';color:#fff;border:0;border-radius:8px;padding:0 16px;font-size:1em;cursor:pointer;min-width:64px}form button:disabled{opacity:.6}' +
    '.hint{font-size:.8em;color:#444;padding:0 12px 8px;background:#fff}' +
    '.banner{display:flex;gap:8px;align-items:flex-start;background:#fff8e1;color:#3b2f00;border-bottom:1px solid #e0c060;padding:8px 12px;font-size:.88em}' +
    '.banner[hidden]{display:none}.banner ul{margin:0;padding-left:1.1em;flex:1}.banner button{background:transparent;border:0;font-size:1.1em;cursor:pointer;color:#3b2f00}' +
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
  var form = el('form');
  var input = el('textarea', { rows: '2', maxlength: '500', 'aria-label': '输入您的问题', placeholder: '请输入您的问题，例如：营业执照要挂出来吗' });
  var send = el('button', { type: 'submit' }, '发送');
  form.appendChild(input);
  form.appendChild(send);
  var hint = el('div', { class: 'hint' }, '答复来自各部门审核的行政指导内容，仅供参考，不具有强制力。人工咨询请拨打12345。');
  panel.appendChild(header);
  panel.appendChild(banner);
  panel.appendChild(log);
  panel.appendChild(form);
  panel.appendChild(hint);
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
  function add(message) {
    state.messages.push(message);
    save();
    render(message);
    log.scrollTop = log.scrollHeight;
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
          sources: res.body.sources, suggestions: res.body.suggestions });
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
        banner.appendChild(el('strong', null, '近期提示'));
        banner.appendChild(list);
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
})();
