/* The withdrawal link: /consent?receipt=…&token=… shows the business its record and withdraws in one step. */
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var receipt = params.get('receipt') || '';
  var token = params.get('token') || '';
  var record = document.getElementById('record');
  var button = document.getElementById('withdraw');
  var LABELS = { granted: '同意', withdrawn: '撤回', superseded: '被新的同意取代', erased: '删除联系人信息' };
  var STATUS = { active: '有效', withdrawn: '已撤回', superseded: '已被新的同意取代' };

  function line(text) { var p = document.createElement('p'); p.textContent = text; return p; }

  function show(v) {
    record.textContent = '';
    record.appendChild(line('企业名称：' + v.companyName));
    record.appendChild(line('统一社会信用代码：' + v.creditCode));
    record.appendChild(line('状态：' + (STATUS[v.status] || v.status)));
    record.appendChild(line('主题：' + v.topics.join('、')));
    if (v.contactName) { record.appendChild(line('联系人：' + v.contactName + '，' + v.phone)); }
    record.appendChild(line('手机号码：' + (v.verified ? '已通过短信验证码验证' : '未验证（不会通过短信等方式向该号码发送提醒）')));
    record.appendChild(line('这份同意只属于您本人：同一企业其他人的同意不会终止它，本链接也只能撤回它。'));
    var list = document.createElement('ul');
    v.history.forEach(function (h) {
      var li = document.createElement('li');
      li.textContent = h.at + ' ' + (LABELS[h.event] || h.event);
      list.appendChild(li);
    });
    record.appendChild(list);
    button.hidden = v.status !== 'active';
  }

  function load() {
    fetch('/api/consents/' + encodeURIComponent(receipt), { headers: { 'X-Withdraw-Token': token } })
      .then(function (r) { return r.json(); })
      .then(function (body) {
        if (body.error) { record.textContent = body.error.message; return; }
        show(body);
      })
      .catch(function () { record.textContent = '查询失败，请稍后再试或拨打12345咨询。'; });
  }

  button.addEventListener('click', function () {
    button.disabled = true;
    fetch('/api/consents/' + encodeURIComponent(receipt) + '/withdraw', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Withdraw-Token': token }, body: '{}'
    }).then(function (r) { return r.json(); }).then(function (body) {
      if (body.error) { record.textContent = body.error.message; return; }
      load();
    }).then(function () { button.disabled = false; });
  });

  if (!receipt || !token) {
    record.textContent = '链接不完整：请使用回执中的撤回链接。';
  } else {
    load();
  }
})();
