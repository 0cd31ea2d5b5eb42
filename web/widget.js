/*
 * 大渡口区行政指导智能助手 — embeddable widget.
 * Embed: <script src="{站点地址}/widget.js" data-api="{站点地址}" data-title="行政指导智能助手"
 *                 data-color="#b3261e" data-position="right" defer></script>
 * No dependencies, no cookies, no tracking. Everything from the server is inserted as text.
 * Sections: helpers · styles · layout · conversation · reminders · subscription · receipt · opening and focus ·
 * the no-penalty check · 留言给部门 (the form itself is messages.js, loaded from the same server when first opened).
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
  // The fixed sentence the server ends every guidance answer with (AnswerComposer.NOT_BINDING).
  var NOT_BINDING = /\n?温馨提示：以上为行政指导[^\n]*/;
  var STARTERS = ['营业执照要挂出来吗', '企业年报什么时候报', '首次违法会被罚款吗', '餐饮店要办什么许可证'];
  // The subscription topics in groups people recognise; a topic not listed here goes to 其他.
  var GROUPS = [['登记年报', ['登记注册', '年度报告', '税务发票', '商标计量']],
    ['市场与消费', ['价格收费', '广告宣传', '消费者权益', '食品安全', '个人信息', '住宿旅游', '未成年人保护']],
    ['用工社保', ['劳动用工', '社会保险']],
    ['安全生产', ['安全生产', '消防安全', '特种设备', '烟花爆竹', '燃气安全', '防汛防灾', '建筑施工']],
    ['环境与城市', ['生态环境', '城市管理']], ['行政指导与执法', ['行政指导', '行政处罚与救济']]];

  // ---- helpers -------------------------------------------------------------------------------------
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
  /** Text with the three hotlines as tel: links (only these fixed numbers; everything else stays text). */
  function withPhones(parent, text) {
    String(text).split(/(12345|12315|12333)/).forEach(function (part, i) {
      parent.appendChild(i % 2 ? el('a', { href: 'tel:' + part, class: 'tel' }, part) : document.createTextNode(part));
    });
    return parent;
  }
  /** "2026-12-02T00:34:35.555+00:00" → "2026年12月2日 08:34" (Beijing time, whatever the device's zone). */
  function beijing(iso) {
    var t = Date.parse(iso);
    if (isNaN(t)) { return iso || ''; }
    var d = new Date(t + 8 * 3600 * 1000);
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return d.getUTCFullYear() + '年' + (d.getUTCMonth() + 1) + '月' + d.getUTCDate() + '日 ' + two(d.getUTCHours()) + ':' + two(d.getUTCMinutes());
  }
  function json(r) { return r.json().then(function (j) { return { ok: r.ok, status: r.status, body: j }; }); }
  function post(path, body, headers) {
    var h = { 'Content-Type': 'application/json' };
    Object.keys(headers || {}).forEach(function (k) { h[k] = headers[k]; });
    return fetch(api + path, { method: 'POST', headers: h, body: JSON.stringify(body), credentials: 'omit' }).then(json);
  }
  function message(res, fallback) { return (res.body && res.body.error && res.body.error.message) || fallback; }

  // ---- styles --------------------------------------------------------------------------------------
  var ring = 'outline:3px solid #1a56db;outline-offset:2px';
  var css = ':host{all:initial}*{box-sizing:border-box;font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif}' +
    '.launcher{position:fixed;bottom:20px;' + position + ':20px;z-index:2147483000;background:' + color + ';color:#fff;border:0;border-radius:28px;padding:14px 20px;font-size:16px;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}' +
    '.launcher:focus-visible,button:focus-visible,textarea:focus-visible,input:focus-visible,a:focus-visible,[tabindex]:focus-visible{' + ring + '}' +
    '.panel{position:fixed;bottom:84px;' + position + ':20px;z-index:2147483001;width:380px;max-width:calc(100vw - 24px);height:min(640px,calc(100vh - 100px));max-height:calc(100vh - 100px);background:#fff;color:#1f1f1f;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);display:flex;flex-direction:column;overflow:hidden;font-size:15px;line-height:1.6}' +
    '.panel[hidden]{display:none}.large .panel{font-size:19px;height:calc(100vh - 100px)}.large .launcher{font-size:20px}' +
    // The question box comes right after the header in the page's order (Shift+Tab from it reaches 关闭 at once) but is shown last.
    'header{order:0}.banner{order:1}.scroll{order:2}.sub{order:3}.ask{order:4}' +
    'header{background:' + color + ';color:#fff;padding:4px 6px 4px 12px;display:flex;align-items:center;gap:6px}header h2{flex:1;margin:0;font-size:1.05em}' +
    'header button{background:transparent;color:#fff;border:1px solid rgba(255,255,255,.8);border-radius:6px;padding:2px 8px;cursor:pointer;font-size:.85em;min-height:44px;min-width:44px}' +
    // On the coloured header a blue ring is invisible: white with a dark rim shows on any header colour (WCAG 1.4.11).
    'header button:focus-visible,header h2:focus-visible{outline:3px solid #fff;outline-offset:0;box-shadow:0 0 0 6px #1f1f1f}' +
    'header .key{font-size:.75em;opacity:.9;margin-left:4px}' +
    '.scroll{flex:1;overflow-y:auto;background:#f6f6f6;min-height:0}.log{padding:12px}' +
    '.msg{margin:0 0 12px;max-width:92%;padding:8px 12px;border-radius:10px;white-space:pre-wrap;word-break:break-word}' +
    '.user{margin-left:auto;background:#fde8e6;color:#1f1f1f}.bot{background:#fff;border:1px solid #ddd}.msg a,.hint a{color:#0b57d0}' +
    '.meta{margin-top:6px;font-size:.85em;color:#444;border-top:1px dashed #ccc;padding-top:6px}.meta a{color:#0b57d0}' +
    '.chips{display:flex;flex-wrap:wrap;gap:6px;margin:-4px 0 12px}.chip{background:#fff;border:1px solid ' + color + ';color:#8c1d18;border-radius:22px;padding:4px 12px;cursor:pointer;font-size:.9em;text-align:left;min-height:44px}' +
    '.tip{background:none;border:0;color:#0b57d0;text-decoration:underline;cursor:pointer;font-size:.85em;padding:0 4px;min-height:44px}' +
    '[hidden]{display:none!important}' +
    '.ask{display:flex;gap:8px;padding:10px;border-top:1px solid #ddd;background:#fff}' +
    'textarea{flex:1;resize:none;border:1px solid #767676;border-radius:8px;padding:8px;font-size:1em;min-height:44px;max-height:120px;color:#1f1f1f}' +
    '.ask button{background:' + color + ';color:#fff;border:0;border-radius:8px;padding:0 16px;font-size:1em;cursor:pointer;min-width:64px;min-height:44px}.ask button:disabled{opacity:.6}' +
    '.hint{font-size:.8em;color:#444;padding:8px 12px;background:#fff;border-top:1px solid #ddd;margin:0}' +
    '.banner{display:flex;gap:4px;align-items:flex-start;background:#fff8e1;color:#3b2f00;border-bottom:1px solid #e0c060;padding:0 0 0 12px;font-size:.88em}' +
    '.banner .what{flex:1;min-width:0}.banner ul{margin:0 0 6px;padding:0;list-style:none}.banner li{display:flex;gap:.4em;align-items:baseline}.banner li::before{content:"•";flex:none}' +
    '.banner button{background:transparent;border:0;cursor:pointer;color:#3b2f00;font-size:1em;min-height:44px}.banner .toggle{font-weight:bold;padding:0;text-align:left}' +
    '.banner .x{font-size:1.3em;min-width:44px;flex:none}' +
    '.banner .link{padding:0;color:#0b57d0;text-decoration:underline;text-align:left;min-height:36px}' +
    '.fb{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px;font-size:.85em}.fb button,.sub button,.foot button{border:1px solid #767676;background:#fff;color:#1f1f1f;border-radius:6px;padding:4px 12px;cursor:pointer;font-size:1em;min-height:44px}' +
    '.fb input{flex:1;min-width:8em;border:1px solid #767676;border-radius:6px;padding:2px 6px;font-size:1em;min-height:44px}' +
    '.foot{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:8px;padding:0 12px 8px;background:#fff;font-size:.8em;color:#444}' +
    '.sub{flex:1;overflow-y:auto;padding:12px;background:#fff}.sub[hidden]{display:none}.sub h3{margin:12px 0 8px;font-size:1.1em}' +
    '.sub .field{margin:10px 0}.sub .field label{display:block;margin:0 0 2px}.sub input[type=text],.sub input[type=tel]{display:block;width:100%;border:1px solid #767676;border-radius:6px;padding:8px;font-size:1em;color:#1f1f1f;min-height:44px}' +
    '.sub [aria-invalid=true]{border:2px solid #a50e0e}.sub .ferr{display:block;color:#a50e0e;font-size:.9em}.sub .ferr:empty{display:none}' +
    '.sub .notice{white-space:pre-wrap;max-height:10em;overflow-y:auto;border:1px solid #ccc;padding:6px;font-size:.85em;background:#fafafa}' +
    '.sub fieldset{border:1px solid #ccc;border-radius:6px;margin:10px 0;padding:4px 10px 8px}.sub legend{font-weight:bold}' +
    '.sub .group{margin:4px 0}.sub .group label{display:inline-flex;align-items:center;gap:4px;min-height:36px;margin:0 12px 0 0}.sub .group label.all{font-weight:bold;display:flex}' +
    '.sub input[type=checkbox]{width:20px;height:20px;margin:0}.sub .agree-row{display:flex;gap:8px;align-items:flex-start;margin:10px 0}' +
    '.sub .primary{background:' + color + ';color:#fff;border:0;padding:6px 18px}.sub .err{color:#a50e0e}' +
    '.sub dl{margin:0}.sub dt{font-weight:bold;margin-top:6px}.sub dd{margin:0 0 0 1em}.sub .code{font-size:1.4em;letter-spacing:2px;font-weight:bold}' +
    '.sub .actions{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0}.sub .scope{font-size:.9em;color:#333}' +
    '.leave{display:flex;flex-wrap:wrap;align-items:center;gap:6px;margin-top:6px;font-size:.85em;color:#444}.leave button{border:1px solid ' + color + ';color:#8c1d18;background:#fff;border-radius:6px;padding:4px 12px;cursor:pointer;font-size:1em;min-height:44px;min-width:44px}' +
    '@media (max-width:480px){.panel,.large .panel{left:0;right:0;bottom:0;width:100vw;max-width:100vw;height:100%;max-height:100%;border-radius:0}}' +
    '@media (pointer:coarse){header .key{display:none}}';

  // ---- layout --------------------------------------------------------------------------------------
  var host = el('div', { id: 'ddk-guidance-widget', role: 'complementary', 'aria-label': title });
  var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
  root.appendChild(el('style', null, css));
  var wrap = el('div', { class: state.large ? 'large' : '' });
  var launcher = el('button', { class: 'launcher', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'ddk-panel' }, '政策咨询');
  var panel = el('section', { class: 'panel', id: 'ddk-panel', role: 'dialog', 'aria-labelledby': 'ddk-title', hidden: '' });
  var header = el('header');
  var heading = el('h2', { id: 'ddk-title', tabindex: '-1' }, title);
  var largeBtn = el('button', { type: 'button', 'aria-pressed': String(!!state.large) }, '大字');
  // Says that Esc closes (hidden on touch screens, where there is no Esc key); its text is its name.
  var closeBtn = el('button', { type: 'button', 'aria-keyshortcuts': 'Escape', title: '关闭（也可按Esc键）' }, '关闭');
  closeBtn.appendChild(el('span', { class: 'key' }, ' Esc'));
  header.appendChild(heading);
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
  var hint = withPhones(el('div', { class: 'hint' }), '答复来自各部门审核的行政指导内容，仅供参考，不具有强制力。人工咨询请拨打12345。');
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
  // 留言给部门: filled by messages.js; shown in place of the conversation, like the subscription.
  var msgs = el('div', { class: 'sub msgs', hidden: '', role: 'region', 'aria-label': '留言给部门' });
  [header, form, banner, scroller, sub, msgs].forEach(function (n) { panel.appendChild(n); });
  wrap.appendChild(launcher);
  wrap.appendChild(panel);
  root.appendChild(wrap);

  // ---- conversation --------------------------------------------------------------------------------
  var notBindingShown = false;
  function render(m) {
    if (m.role === 'user') {
      lastQuestion = m.text;
      log.appendChild(el('p', { class: 'msg user' }, m.text));
      return;
    }
    var box = el('div', { class: 'msg bot' });
    var text = m.text || '';
    var tip = text.match(NOT_BINDING);
    // The not-binding note is said in full once per conversation; later answers keep a short link to it.
    if (tip && notBindingShown) { text = text.replace(NOT_BINDING, ''); }
    box.appendChild(withPhones(el('div'), text));
    if (tip && notBindingShown) {
      var full = el('div', { class: 'meta', hidden: '' }, tip[0].trim());
      var more = el('button', { class: 'tip', type: 'button', 'aria-expanded': 'false' }, '温馨提示');
      more.addEventListener('click', function () {
        var open = full.hasAttribute('hidden');
        if (open) { full.removeAttribute('hidden'); } else { full.setAttribute('hidden', ''); }
        more.setAttribute('aria-expanded', String(open));
      });
      box.appendChild(more);
      box.appendChild(full);
    }
    if (tip) { notBindingShown = true; }
    // The answer text already names the legal basis and department; the meta line names the entry.
    (m.sources || []).forEach(function (s) {
      var meta = el('div', { class: 'meta' });
      meta.appendChild(el('div', null, '来源：' + (s.kind ? s.kind + '·' : '') + (s.title || '')));
      var href = s.url && safeUrl(s.url);
      if (href) { meta.appendChild(el('a', { href: href, target: '_blank', rel: 'noopener noreferrer' }, '查看来源')); }
      box.appendChild(meta);
    });
    if (m.matched && m.sources && m.sources.length) {
      box.appendChild(feedback(m.sources[0].id, m.questionId));
      if (m.check) { box.appendChild(checkDialog(m)); }
    }
    if (!m.matched && m.outcome !== 'answer' && text.indexOf(HOTLINE) < 0) {
      box.appendChild(withPhones(el('div', { class: 'meta' }), '需要人工帮助？请拨打12345政务服务便民热线。'));
    }
    var offer = leaveMessage(m);
    if (offer) { box.appendChild(offer); }
    log.appendChild(box);
    // "Not sure" without nearby entries, and small talk ("你能做什么"), still offer somewhere to go: the common questions.
    var next = m.suggestions && m.suggestions.length ? m.suggestions
        : (m.outcome === 'none' || m.outcome === 'greeting' ? STARTERS : []);
    if (next.length) {
      var chips = el('div', { class: 'chips', role: 'group', 'aria-label': m.suggestions && m.suggestions.length ? '您可能还想问' : '常见问题' });
      next.forEach(function (q) {
        var chip = el('button', { class: 'chip', type: 'button' }, q);
        chip.addEventListener('click', function () { ask(q); });
        chips.appendChild(chip);
      });
      log.appendChild(chips);
    }
  }
  function feedback(entryId, questionId) {
    var row = el('div', { class: 'fb', role: 'group', 'aria-label': '这条答复对您有帮助吗' });
    var yes = el('button', { type: 'button' }, '有帮助');
    var no = el('button', { type: 'button' }, '没帮助');
    function done() { row.textContent = ''; row.appendChild(el('span', { role: 'status' }, '感谢您的反馈！')); }
    yes.addEventListener('click', function () { post('/api/feedback', { entryId: entryId, helpful: true, questionId: questionId }).then(done, done); });
    no.addEventListener('click', function () {
      row.textContent = '';
      var reason = el('input', { type: 'text', maxlength: '200', 'aria-label': '没帮助的原因（选填）', placeholder: '原因（选填）' });
      var go = el('button', { type: 'button' }, '提交');
      go.addEventListener('click', function () {
        post('/api/feedback', { entryId: entryId, helpful: false, reason: reason.value, questionId: questionId }).then(done, done);
      });
      row.appendChild(reason);
      row.appendChild(go);
      reason.focus();
    });
    row.appendChild(yes);
    row.appendChild(no);
    return row;
  }
  function add(m) {
    state.messages.push(m);
    save();
    var first = log.children.length;
    render(m);
    var box = log.children[first];
    if (m.role === 'bot' && box) {
      // An answer opens at its start (the question's answer, then basis, then the disclaimer), not at its end.
      scroller.scrollTop += box.getBoundingClientRect().top - scroller.getBoundingClientRect().top - 8;
    } else {
      scroller.scrollTop = log.offsetTop + log.offsetHeight;
    }
  }
  function greet() {
    if (state.messages.length === 0) {
      add({ role: 'bot', matched: false, outcome: 'greeting', suggestions: STARTERS,
        text: '您好！我可以解答企业依法经营方面的问题。您可以直接提问，或点击下面的常见问题。' });
    }
  }
  function ask(question) {
    question = (question || '').trim();
    if (!question || send.disabled) { return; }
    add({ role: 'user', text: question });
    send.disabled = true;
    var body = { question: question };
    if (state.sessionId) { body.sessionId = state.sessionId; }
    post('/api/chat', body)
      .then(function (res) {
        if (!res.ok) { add({ role: 'bot', matched: false, text: message(res, '请求失败，请稍后再试。') }); return; }
        state.sessionId = res.body.sessionId;
        add({ role: 'bot', text: res.body.answer, matched: res.body.matched, outcome: res.body.outcome,
          sources: res.body.sources, suggestions: res.body.suggestions, questionId: res.body.questionId,
          check: res.body.check });
      })
      .catch(function () {
        add({ role: 'bot', matched: false, text: '网络异常，暂时无法回答。您可以拨打' + HOTLINE + '政务服务便民热线咨询。' });
      })
      .then(function () { send.disabled = false; });
  }

  // ---- reminders banner ----------------------------------------------------------------------------
  function showReminders() {
    if (state.bannerDismissed || banner.childNodes.length) { return; }
    fetch(api + '/api/reminders', { credentials: 'omit' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) {
        if (!body || !body.reminders || !body.reminders.length) { return; }
        var list = el('ul', { hidden: '' });
        body.reminders.slice(0, 3).forEach(function (r) {
          var item = el('li');
          var link = el('button', { class: 'link', type: 'button' }, r.title);
          link.addEventListener('click', function () { ask(r.title); });
          item.appendChild(link);
          list.appendChild(item);
        });
        var close = el('button', { type: 'button', class: 'x', 'aria-label': '关闭提示' }, '×');
        close.addEventListener('click', function () {
          state.bannerDismissed = true;
          save();
          banner.setAttribute('hidden', '');
          if (touch()) { heading.focus(); } else { input.focus(); }
        });
        // One line until asked: the reminders must not take the conversation's room on a small screen.
        var what = el('div', { class: 'what' });
        var toggle = el('button', { class: 'toggle', type: 'button', 'aria-expanded': 'false' },
          '近期提示（' + Math.min(3, body.reminders.length) + '条）▸');
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

  // ---- subscription --------------------------------------------------------------------------------
  var uid = 0;
  /** A labelled field with its own error line (aria-describedby), one per line. */
  function field(parent, label, attrs) {
    var id = 'ddk-f' + (++uid);
    var box = el('div', { class: 'field' });
    box.appendChild(el('label', { for: id }, label));
    attrs.id = id;
    attrs['aria-describedby'] = id + '-err';
    var node = el('input', attrs);
    box.appendChild(node);
    node.err = el('span', { class: 'ferr', id: id + '-err' });
    box.appendChild(node.err);
    parent.appendChild(box);
    return node;
  }
  function digits(phone) { return phone.replace(/[\s\u3000\-－—‐]/g, '').replace(/^\+86(?=\d{11}$)/, ''); }
  function showSubscribe() {
    sub.textContent = '';
    sub.removeAttribute('hidden');
    scroller.setAttribute('hidden', '');
    form.setAttribute('hidden', '');
    var back = el('button', { type: 'button' }, '返回咨询');
    back.addEventListener('click', hideSubscribe);
    sub.appendChild(back);
    if (state.receipt) { return refreshReceipt(); }
    sub.appendChild(el('h3', { tabindex: '-1' }, '订阅行政指导和执法事项提示'));
    fetch(api + '/api/consent/notice', { credentials: 'omit' }).then(function (r) { return r.json(); })
      .then(subscribeForm, function () { sub.appendChild(el('p', { class: 'err' }, '告知书加载失败，请稍后再试。')); });
  }
  function subscribeForm(n) {
    sub.appendChild(el('div', { class: 'notice', tabindex: '0', role: 'region', 'aria-label': '告知书' }, n.text));
    var f = el('form', { novalidate: '' });
    var summary = el('p', { class: 'err', role: 'alert' });
    var company = field(f, '企业（个体工商户）名称', { type: 'text', maxlength: '100', autocomplete: 'organization' });
    var code = field(f, '统一社会信用代码（18位）', { type: 'text', maxlength: '24', autocapitalize: 'characters', spellcheck: 'false' });
    var contact = field(f, '联系人姓名', { type: 'text', maxlength: '50', autocomplete: 'name' });
    // Spaces and dashes as people write numbers ("138 1234 1234") are accepted and removed.
    var phone = field(f, '手机号码（11位）', { type: 'tel', inputmode: 'numeric', maxlength: '20', autocomplete: 'tel-national' });
    // A one-time code proves the phone is the contact's own; without it the consent is kept as "unverified".
    var getCode = el('button', { type: 'button' }, '获取短信验证码');
    var codeStatus = el('span', { role: 'status' });
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
      post('/api/consents/codes', { phone: digits(phone.value) }).then(function (res) {
        if (!res.ok) {
          codeStatus.textContent = message(res, '发送失败，请稍后再试。');
          getCode.disabled = false;
          getCode.focus(); // a disabled button drops keyboard focus; give it back where it was
          return;
        }
        codeStatus.textContent = '验证码已发送，' + res.body.validMinutes + '分钟内有效。';
        setTimeout(function () { getCode.disabled = false; }, res.body.resendAfterSeconds * 1000);
        oneTime.focus();
      }, function () { codeStatus.textContent = '网络异常，请稍后再试。'; getCode.disabled = false; getCode.focus(); });
    });
    var topics = topicGroups(f, n.topics);
    var agreeRow = el('div', { class: 'agree-row' });
    var agree = el('input', { type: 'checkbox', class: 'agree', id: 'ddk-agree', 'aria-describedby': 'ddk-agree-err' });
    agreeRow.appendChild(agree);
    agreeRow.appendChild(el('label', { for: 'ddk-agree' }, '我已阅读告知书，自愿同意接收（可随时撤回）'));
    f.appendChild(agreeRow);
    agree.err = el('span', { class: 'ferr', id: 'ddk-agree-err' });
    f.appendChild(agree.err);
    f.appendChild(summary);
    f.appendChild(el('button', { type: 'submit', class: 'primary' }, '提交'));
    var fields = { company_name: company, credit_code: code, contact_name: contact, phone: phone, topics: topics.first,
      consent_not_agreed: agree, code: oneTime };
    function mark(node, text) {
      node.err.textContent = text || '';
      if (text) { node.setAttribute('aria-invalid', 'true'); } else { node.removeAttribute('aria-invalid'); }
    }
    f.addEventListener('submit', function (e) {
      e.preventDefault();
      phone.value = digits(phone.value);
      code.value = code.value.replace(/\s/g, '').toUpperCase();
      // Every mistake at once, each under its field; the server checks again and has the last word.
      var problems = [[company, !company.value.trim() && '请填写企业名称。'],
        [code, !/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code.value) && '请填写18位统一社会信用代码（不含字母I、O、Z、S、V）。'],
        [contact, !contact.value.trim() && '请填写联系人姓名。'],
        [phone, !/^1[3-9]\d{9}$/.test(phone.value) && '请填写11位手机号码，例如 138 1234 5678。'],
        [oneTime, oneTime.value.trim() && !/^\d{6}$/.test(oneTime.value.trim()) && '验证码是6位数字；也可以不填。'],
        [topics.first, !topics.chosen().length && '请至少选择一个主题。'],
        [agree, !agree.checked && '请阅读告知书并勾选同意。']];
      var wrong = problems.filter(function (p) { mark(p[0], p[1]); return p[1]; });
      summary.textContent = wrong.length ? '有' + wrong.length + '处需要修改，请看各项下方的提示。' : '';
      if (wrong.length) { wrong[0][0].focus(); return; }
      post('/api/consents', {
        companyName: company.value, creditCode: code.value, contactName: contact.value, phone: phone.value,
        topics: topics.chosen(), noticeVersion: n.version, agreed: agree.checked, code: oneTime.value.trim() || null
      }).then(function (res) {
        if (!res.ok) {
          var c = (res.body.error && res.body.error.code) || '';
          var target = fields[c.replace(/^(missing_|invalid_)|_too_long$/g, '')] || (/code/.test(c) ? oneTime : null);
          if (target) { mark(target, message(res, '')); target.focus(); summary.textContent = '有1处需要修改，请看该项下方的提示。'; } else { summary.textContent = message(res, '提交失败，请稍后再试。'); }
          return;
        }
        state.receipt = res.body;
        state.receipt.companyName = company.value.trim();
        save();
        showSubscribe();
      }, function () { summary.textContent = '网络异常，请稍后再试。'; });
    });
    sub.appendChild(f);
    if (!touch()) { company.focus(); } else { keepFocus(); }
  }
  /** The topics in groups, each with 全选; returns the chosen topics and the first box (for its error line). */
  function topicGroups(f, all) {
    var set = el('fieldset', { class: 'topics', 'aria-describedby': 'ddk-topics-err' });
    set.appendChild(el('legend', null, '希望接收的主题'));
    var seen = {};
    var groups = GROUPS.map(function (g) {
      return [g[0], g[1].filter(function (t) { if (all.indexOf(t) >= 0) { seen[t] = true; return true; } return false; })];
    });
    groups.push(['其他', all.filter(function (t) { return !seen[t]; })]);
    var boxes = [];
    groups.filter(function (g) { return g[1].length; }).forEach(function (g, i) {
      var group = el('div', { class: 'group', role: 'group', 'aria-labelledby': 'ddk-g' + i });
      var allLabel = el('label', { class: 'all', id: 'ddk-g' + i });
      var allBox = el('input', { type: 'checkbox', class: 'all' });
      allLabel.appendChild(allBox);
      allLabel.appendChild(document.createTextNode(g[0] + '（全选）'));
      group.appendChild(allLabel);
      var mine = g[1].map(function (t) {
        var l = el('label');
        var c = el('input', { type: 'checkbox', value: t });
        l.appendChild(c);
        l.appendChild(document.createTextNode(t));
        group.appendChild(l);
        c.addEventListener('change', function () {
          var n = mine.filter(function (b) { return b.checked; }).length;
          allBox.checked = n === mine.length;
          allBox.indeterminate = n > 0 && n < mine.length;
        });
        return c;
      });
      allBox.addEventListener('change', function () { mine.forEach(function (b) { b.checked = allBox.checked; }); });
      boxes = boxes.concat(mine);
      set.appendChild(group);
    });
    f.appendChild(set);
    var first = boxes[0];
    first.err = el('span', { class: 'ferr', id: 'ddk-topics-err' });
    f.appendChild(first.err);
    return { first: first, chosen: function () { return boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }); } };
  }

  // ---- receipt -------------------------------------------------------------------------------------
  function manageLink(r) {
    return api + '/consent?receipt=' + encodeURIComponent(r.receiptId) + '&token=' + encodeURIComponent(r.withdrawToken);
  }
  /** The receipt as text to keep: what a person reads to 12345, and the link that manages the consent. */
  function receiptText(r) {
    return '订阅回执（大渡口区行政指导智能助手）\n回执码：' + r.receiptCode + '\n' + (r.companyName ? '企业：' + r.companyName + '\n' : '') +
      '同意时间：' + beijing(r.grantedAt) + '（北京时间）\n主题：' + r.topics.join('、') + '\n手机号码：' + (r.verified ? '已验证' : '未验证') +
      '\n查看、撤回或删除记录：' + manageLink(r) + '\n（凭此链接即可办理，请勿转给他人；咨询请拨打12345并报回执码）\n';
  }
  /** Asks the server what became of the stored receipt (withdrawn on /consent, superseded) before showing it. */
  function refreshReceipt() {
    var r = state.receipt;
    var wait = el('p', { role: 'status' }, '正在查询订阅状态……');
    sub.appendChild(wait);
    fetch(api + '/api/consents/' + encodeURIComponent(r.receiptId), { headers: { 'X-Withdraw-Token': r.withdrawToken }, credentials: 'omit' })
      .then(json).then(function (res) {
        if (res.ok) {
          r.status = res.body.status;
          (res.body.history || []).forEach(function (h) { if (h.event === 'withdrawn') { r.withdrawnAt = h.at; } });
        } else if (res.status === 404 || res.status === 403) {
          r.status = 'gone';
        }
        save();
      }, function () { /* offline: show what we know */ })
      .then(function () { sub.removeChild(wait); showReceipt(); keepFocus(); });
  }
  /** The button that had the focus was replaced: give it to the new view's heading, inside the panel. */
  function keepFocus() {
    if (!root.activeElement || !panel.contains(root.activeElement)) { sub.querySelector('h3').focus(); }
  }
  function showReceipt() {
    var r = state.receipt;
    if (r.status !== 'active') {
      sub.appendChild(el('h3', { tabindex: '-1' }, r.status === 'superseded' ? '这份订阅已被您新的订阅取代' : r.status === 'gone' ? '没有找到这份订阅' : '已撤回同意'));
      sub.appendChild(el('p', { role: 'status' }, r.status === 'withdrawn'
        ? '已于 ' + beijing(r.withdrawnAt) + '（北京时间）撤回，此后不再向您推送。' : '这份订阅不再有效。'));
      var again = el('button', { type: 'button', class: 'again' }, '重新订阅');
      again.addEventListener('click', function () { delete state.receipt; save(); showSubscribe(); });
      sub.appendChild(again);
      return;
    }
    sub.appendChild(el('h3', { tabindex: '-1' }, '订阅成功'));
    var dl = el('dl', { class: 'receipt' });
    function row(term, value, cls) { dl.appendChild(el('dt', null, term)); dl.appendChild(el('dd', cls ? { class: cls } : null, value)); }
    row('回执码', r.receiptCode, 'code');
    dl.appendChild(el('dd', null, '咨询或查询时，拨打12345报此码即可。'));
    if (r.companyName) { row('企业', r.companyName); }
    row('同意时间', beijing(r.grantedAt) + '（北京时间）');
    row('主题', r.topics.join('、'));
    row('手机号码', r.verified ? '已通过短信验证码验证' : '未验证（不会向该号码发送短信提醒）');
    sub.appendChild(dl);
    if (r.scope) { sub.appendChild(el('p', { class: 'scope' }, r.scope)); }
    var p = el('p', null, '凭下面的链接可随时查看、撤回同意或删除联系人信息，请保存：');
    p.appendChild(el('br'));
    p.appendChild(el('a', { class: 'manage', href: manageLink(r), target: '_blank', rel: 'noopener noreferrer' }, '查看、撤回或删除我的记录'));
    sub.appendChild(p);
    var status = el('p', { role: 'status' });
    var actions = el('div', { class: 'actions' });
    function action(label, run) { var b = el('button', { type: 'button' }, label); b.addEventListener('click', run); actions.appendChild(b); }
    action('复制链接', function () {
      var done = function () { status.textContent = '链接已复制，请粘贴保存。'; };
      var fail = function () { status.textContent = '无法自动复制，请长按上面的链接复制。'; };
      if (navigator.clipboard) { navigator.clipboard.writeText(manageLink(r)).then(done, fail); } else { fail(); }
    });
    action('保存回执', function () {
      var a = el('a', { href: URL.createObjectURL(new Blob([receiptText(r)], { type: 'text/plain;charset=utf-8' })), download: '订阅回执-' + r.receiptCode + '.txt' });
      root.appendChild(a);
      a.click();
      root.removeChild(a);
      status.textContent = '回执已保存为文本文件。';
    });
    action('打印回执', function () { window.open(manageLink(r) + '#print', '_blank', 'noopener'); });
    sub.appendChild(actions);
    sub.appendChild(status);
    var w = el('button', { type: 'button', class: 'primary' }, '撤回同意');
    w.addEventListener('click', function () {
      post('/api/consents/' + encodeURIComponent(r.receiptId) + '/withdraw', { withdrawToken: r.withdrawToken }).then(function (res) {
        if (res.ok) { r.status = 'withdrawn'; r.withdrawnAt = res.body.withdrawnAt; save(); sub.textContent = ''; showSubscribe(); }
        else { status.textContent = message(res, '撤回失败，请稍后再试或拨打12345。'); }
      });
    });
    sub.appendChild(w);
  }
  function hideSubscribe() {
    if (!msgs.hasAttribute('hidden')) { closeMessage(); }
    sub.setAttribute('hidden', '');
    scroller.removeAttribute('hidden');
    form.removeAttribute('hidden');
    subBtn.focus();
  }
  subBtn.addEventListener('click', showSubscribe);

  // ---- opening, closing and focus ------------------------------------------------------------------
  /** Touch screens: focusing the question box would raise the keyboard over the suggestions. */
  function touch() { return window.matchMedia && window.matchMedia('(pointer: coarse)').matches; }
  /** The panel covers the whole screen: focus must stay in it (CSS switches at the same width). */
  function fullScreen() { return window.matchMedia && window.matchMedia('(max-width: 480px)').matches; }
  function setOpen(open) {
    state.open = open;
    save();
    if (open) {
      panel.removeAttribute('hidden');
      launcher.setAttribute('aria-expanded', 'true');
      greet();
      showReminders();
      if (touch()) { heading.focus(); } else { input.focus(); }
    } else {
      panel.setAttribute('hidden', '');
      launcher.setAttribute('aria-expanded', 'false');
      launcher.focus();
    }
  }
  function focusables() {
    return Array.prototype.filter.call(panel.querySelectorAll('button,textarea,input,a[href],[tabindex="0"]'), function (n) {
      return !n.disabled && n.getClientRects().length > 0;
    });
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
  panel.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { setOpen(false); return; }
    if (e.key !== 'Tab' || !fullScreen()) { return; }
    var all = focusables();
    var first = all[0];
    var last = all[all.length - 1];
    var at = root.activeElement;
    if (e.shiftKey && (at === first || at === heading)) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && at === last) { e.preventDefault(); first.focus(); }
  });
  form.addEventListener('submit', function (e) { e.preventDefault(); var q = input.value; input.value = ''; ask(q); });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event('submit')); }
  });

  state.messages.forEach(render);
  // For pages that embed the widget and want to hand it a question (e.g. 问问智能助手 beside a catalogue item).
  window.ddkGuidance = { ask: function (q) {
    if (panel.hasAttribute('hidden')) { setOpen(true); }
    if (!sub.hasAttribute('hidden')) { hideSubscribe(); }
    ask(String(q || '').slice(0, 500));
  } };
  function mount() {
    document.body.appendChild(host);
    if (state.open) { setOpen(true); }
    askFromAddress();
  }
  // Our own pages (the catalogue's "问智能助手" links) open the widget with a question: /?ask=…. Only when the
  // page and the assistant share an origin, so that a host site's own "ask" parameter never reaches us; the
  // parameter is removed at once, so a reload does not ask again.
  function askFromAddress() {
    if (!window.URLSearchParams || !history.replaceState || (api && api !== location.origin)) { return; }
    var params = new URLSearchParams(location.search);
    var q = (params.get('ask') || '').trim();
    if (!q) { return; }
    params.delete('ask');
    var rest = params.toString();
    history.replaceState(history.state, '', location.pathname + (rest ? '?' + rest : '') + location.hash);
    window.ddkGuidance.ask(q);
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

  // ---- 留言给部门 (issue 17) ---------------------------------------------------------------------------
  // After a did-you-mean or no-answer reply, and under every answer as "都不是/没解决", the business may leave a
  // message for the department. The form, receipt and call-back consent are in messages.js (loaded from the
  // assistant's own server the first time, so pages that embed the widget need nothing more).
  var lastQuestion = '';
  var messagesScript = null;
  function leaveMessage(m) {
    if (m.role !== 'bot' || m.outcome === 'greeting' || !m.outcome) { return null; }
    var unsure = !m.matched && (m.outcome === 'clarify' || m.outcome === 'none');
    if (!unsure && !m.matched) { return null; }
    var question = lastQuestion;
    var row = el('div', { class: 'leave' });
    row.appendChild(el('span', null, unsure ? '没有找到合适的答复？' : '都不是/没解决？'));
    var b = el('button', { type: 'button' }, '留言给部门');
    b.addEventListener('click', function () { openMessage(question); });
    row.appendChild(b);
    return row;
  }
  function openMessage(question) {
    if (!messagesScript) {
      messagesScript = new Promise(function (resolve, reject) {
        if (window.ddkGuidanceMessages) { resolve(); return; }
        var s = document.createElement('script');
        s.src = api + '/messages.js';
        s.onload = resolve;
        s.onerror = reject;
        document.head.appendChild(s);
      });
    }
    messagesScript.then(function () {
      if (!sub.hasAttribute('hidden')) { hideSubscribe(); }
      msgs.textContent = '';
      msgs.removeAttribute('hidden');
      scroller.setAttribute('hidden', '');
      form.setAttribute('hidden', '');
      window.ddkGuidanceMessages.open({ region: msgs, root: root, api: api, color: color, question: question,
        el: el, post: post, field: field, message: message, close: closeMessage });
    }, function () {
      messagesScript = null;
      add({ role: 'bot', matched: false, text: '留言功能暂时无法打开，请稍后再试，或拨打' + HOTLINE + '政务服务便民热线。' });
    });
  }
  function closeMessage() {
    msgs.setAttribute('hidden', '');
    msgs.textContent = '';
    scroller.removeAttribute('hidden');
    form.removeAttribute('hidden');
    input.focus();
  }
})();
