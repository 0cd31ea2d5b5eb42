/* Staff console: what people said under "没帮助" (masked), newest first, with the question asked; and
   Console.feedbackFor(entryId), a block for an entry's page. */
(function () {
  'use strict';
  var C = window.Console;
  var el = C.el, api = C.api, table = C.table, message = C.message, show = C.show, fail = C.fail;

  function row(f) {
    return [C.time(f.at), f.question || '（未关联：关联功能上线前的反馈）', f.reason, f.helpful ? '有帮助' : '没帮助',
      C.button(f.entryTitle || f.entryId, function () { C.detail(f.entryId); }, 'link')];
  }

  function list() {
    api('GET', '/feedback/reasons?limit=200').then(function (rows) {
      show('反馈原因（最新在前；手机号、身份证号等已脱敏）', [
        rows.length ? table(['时间（北京时间）', '提问', '原因', '评价', '条目'], rows.map(row))
          : el('p', '还没有人填写反馈原因。')]);
    }).catch(fail);
  }

  /** A block with an entry's helpful / not-helpful counts and its reasons, newest first; fills in when loaded. */
  function feedbackFor(entryId) {
    var box = el('section', null, { 'aria-label': '公众反馈' }); box.className = 'feedback-for';
    box.appendChild(el('h3', '公众反馈'));
    var body = el('div', '正在加载……');
    box.appendChild(body);
    api('GET', '/entries/' + encodeURIComponent(entryId) + '/feedback?limit=20').then(function (f) {
      body.textContent = '';
      body.appendChild(el('p', '有帮助 ' + f.helpful + ' 次，没帮助 ' + f.notHelpful + ' 次。'));
      if (f.reasons.length) {
        body.appendChild(table(['时间（北京时间）', '提问', '原因'], f.reasons.map(function (r) {
          return [C.time(r.at), r.question || '（未关联）', r.reason];
        })));
      } else {
        body.appendChild(el('p', '没有人填写原因。'));
      }
    }).catch(function (e) { body.textContent = ''; body.appendChild(message(e.message, false)); });
    return box;
  }

  C.feedbackFor = feedbackFor;
  C.tab({ id: 'feedback', label: '反馈原因', roles: ['editor', 'reviewer', 'admin'], order: 35, open: list });
})();
