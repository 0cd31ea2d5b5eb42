/*
 * The management link from the receipt: /consent?receipt=…&token=… shows a business its own record and
 * withdraws or erases in one step each. #print prints the record (the widget's 打印回执 opens it so).
 */
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var receipt = params.get('receipt') || '';
  var token = params.get('token') || '';
  var record = document.getElementById('record');
  var done = document.getElementById('done');
  var withdraw = document.getElementById('withdraw');
  var erase = document.getElementById('erase');
  var print = document.getElementById('print');
  var confirm = document.getElementById('confirm');
  var LABELS = { granted: '同意', withdrawn: '撤回', superseded: '被新的同意取代', erased: '删除联系人信息' };
  var STATUS = { active: '有效', withdrawn: '已撤回', superseded: '已被新的同意取代' };
  var printed = false;

  var node = RecordPage.node;
  var tell = RecordPage.teller(done);
  var beijing = RecordPage.beijing;

  function show(v) {
    record.textContent = '';
    var dl = node('dl');
    function row(term, value, cls) { dl.appendChild(node('dt', term)); dl.appendChild(node('dd', value, cls)); }
    if (v.receiptCode) { row('回执码', v.receiptCode, 'code'); }
    row('企业名称', v.companyName);
    row('统一社会信用代码', v.creditCode);
    row('状态', STATUS[v.status] || v.status);
    row('主题', v.topics.join('、'));
    row('联系人', v.contactErased ? '已删除' : (v.contactName || '') + '，' + (v.phone || ''));
    row('手机号码', v.verified ? '已通过短信验证码验证' : '未验证（不会通过短信等方式向该号码发送提醒）');
    record.appendChild(dl);
    record.appendChild(node('p', '这份同意只属于您本人：同一企业其他人的同意不会终止它，本链接也只能管理它。', 'note'));
    record.appendChild(node('h3', '变更记录（北京时间）'));
    var list = node('ul', null, 'history');
    v.history.forEach(function (h) { list.appendChild(node('li', beijing(h.at) + ' ' + (LABELS[h.event] || h.event))); });
    record.appendChild(list);
    withdraw.hidden = v.status !== 'active';
    erase.hidden = v.contactErased;
    print.hidden = false;
    if (location.hash === '#print' && !printed) { printed = true; setTimeout(function () { window.print(); }, 100); }
  }

  var call = RecordPage.caller('/api/consents/', 'X-Withdraw-Token', token, receipt);
  var load = RecordPage.loader(call, record, show);

  withdraw.addEventListener('click', function () {
    withdraw.disabled = true;
    call('POST', '/withdraw').then(function (body) {
      if (body.error) { tell(body.error.message, true); return; }
      return load().then(function () {
        tell('已撤回同意（' + beijing(body.withdrawnAt) + '）。此后不再向您推送提醒；您仍可随时使用咨询服务。');
      });
    }).catch(function () { tell('撤回失败，请稍后再试或拨打12345。', true); })
      .then(function () { withdraw.disabled = false; });
  });
  erase.addEventListener('click', function () {
    confirm.hidden = false;
    document.getElementById('erase-confirm').focus();
  });
  document.getElementById('erase-cancel').addEventListener('click', function () {
    confirm.hidden = true;
    erase.focus();
  });
  document.getElementById('erase-confirm').addEventListener('click', function () {
    confirm.hidden = true;
    call('POST', '/erase').then(function (body) {
      if (body.error) { tell(body.error.message, true); return; }
      return load().then(function () {
        tell('已删除联系人姓名和手机号码' + (body.erasedAt ? '（' + beijing(body.erasedAt) + '）' : '') + '。');
      });
    }).catch(function () { tell('删除失败，请稍后再试或拨打12345。', true); });
  });
  print.addEventListener('click', function () { window.print(); });

  if (!receipt || !token) {
    record.textContent = '链接不完整：请使用回执中的“查看、撤回或删除我的记录”链接，或拨打12345并报回执码咨询。';
  } else {
    load();
  }
})();
