/*
 * The link from a message's receipt: /messages/{ticket}?token=… shows the status and the department's reply,
 * takes the rating, and withdraws the message or erases the contact in one step each (#print prints at once).
 */
(function () {
  'use strict';
  var ticket = decodeURIComponent(location.pathname.split('/').pop() || '');
  var token = new URLSearchParams(location.search).get('token') || '';
  var box = document.getElementById('message');
  var replyCard = document.getElementById('reply-card');
  var replyBox = document.getElementById('reply');
  var rateCard = document.getElementById('rate-card');
  var done = document.getElementById('done');
  var withdraw = document.getElementById('withdraw');
  var erase = document.getElementById('erase');
  var print = document.getElementById('print');
  var confirm = document.getElementById('confirm');
  var pending = null;
  var printed = false;

  var node = RecordPage.node;
  var tell = RecordPage.teller(done);

  function show(v) {
    box.textContent = '';
    var dl = node('dl');
    function row(term, value, cls) { if (value) { dl.appendChild(node('dt', term)); dl.appendChild(node('dd', value, cls)); } }
    row('留言编号', v.ticket, 'ticket');
    var st = node('dd');
    st.appendChild(node('span', v.statusLabel, 'status ' + v.status));
    dl.appendChild(node('dt', '办理状态'));
    dl.appendChild(st);
    row('留言时间（北京时间）', v.receivedAtText);
    row('承诺答复日期', v.dueDateText + '前（工作日计算，节假日顺延）');
    row('承办部门', v.department);
    row('企业名称', v.companyName);
    row('主题', v.topic);
    row('留言内容', v.question);
    row('联系方式', v.contactErased ? '已删除' : (v.contactKept ? '已留（仅用于回复本条留言）' : '未留（请凭本页查看答复）'));
    row('撤回时间', v.withdrawnAtText);
    box.appendChild(dl);
    var steps = node('ol', null, 'steps');
    var order = ['received', 'assigned', 'replied'];
    var reached = v.status === 'withdrawn' ? -1 : order.indexOf(v.status);
    ['已收到', '已分派部门', '已答复'].forEach(function (label, i) {
      steps.appendChild(node('li', label, i <= reached ? 'reached' : ''));
    });
    box.appendChild(steps);

    replyBox.textContent = '';
    replyCard.hidden = !v.reply;
    if (v.reply) {
      replyBox.appendChild(node('p', v.reply.text, 'answer'));
      var rd = node('dl');
      rd.appendChild(node('dt', '法律依据'));
      rd.appendChild(node('dd', v.reply.legalBasis.map(function (b) { return b.citation; }).join('；')));
      rd.appendChild(node('dt', '答复部门'));
      rd.appendChild(node('dd', v.reply.department));
      rd.appendChild(node('dt', '答复时间（北京时间）'));
      rd.appendChild(node('dd', v.reply.repliedAtText));
      if (v.rating) {
        rd.appendChild(node('dt', '您的评价'));
        rd.appendChild(node('dd', v.rating.rating + (v.rating.reason ? '（' + v.rating.reason + '）' : '')));
      }
      replyBox.appendChild(rd);
    }
    rateCard.hidden = !(v.reply && !v.rating && v.status === 'replied');
    withdraw.hidden = v.status === 'withdrawn';
    erase.hidden = !v.contactKept;
    print.hidden = false;
    if (location.hash === '#print' && !printed) { printed = true; setTimeout(function () { window.print(); }, 100); }
  }

  var call = RecordPage.caller('/api/messages/', 'X-Message-Token', token, ticket);
  var load = RecordPage.loader(call, box, show);
  function ask(text, action) {
    pending = action;
    document.getElementById('confirm-text').textContent = text;
    confirm.hidden = false;
    document.getElementById('confirm-yes').focus();
  }

  withdraw.addEventListener('click', function () {
    ask('确定撤回这条留言吗？撤回后部门不再办理，也不会再联系您。', function () {
      return call('POST', '/withdraw').then(function (body) {
        if (body.error) { tell(body.error.message, true); return; }
        show(body);
        tell('留言已撤回（' + body.withdrawnAtText + '）。');
      });
    });
  });
  erase.addEventListener('click', function () {
    ask('确定删除您留下的联系人姓名和手机号码吗？删除后无法恢复，部门不会再打电话或发短信答复您，答复仍可在本页查看。', function () {
      return call('POST', '/erase').then(function (body) {
        if (body.error) { tell(body.error.message, true); return; }
        show(body);
        tell('已删除您的联系人姓名和手机号码。');
      });
    });
  });
  document.getElementById('confirm-yes').addEventListener('click', function () {
    confirm.hidden = true;
    var action = pending;
    pending = null;
    if (action) { action().catch(function () { tell('操作失败，请稍后再试或拨打12345。', true); }); }
  });
  document.getElementById('confirm-no').addEventListener('click', function () { confirm.hidden = true; pending = null; });
  print.addEventListener('click', function () { window.print(); });
  document.getElementById('rate-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var chosen = document.querySelector('input[name="rating"]:checked');
    if (!chosen) { tell('请选择“满意”“基本满意”或“不满意”。', true); return; }
    call('POST', '/rating', { rating: chosen.value, reason: document.getElementById('rate-reason').value })
      .then(function (body) {
        if (body.error) { tell(body.error.message, true); return; }
        show(body);
        tell('感谢您的评价。');
      }).catch(function () { tell('提交失败，请稍后再试。', true); });
  });

  if (!ticket || !token) {
    box.textContent = '链接不完整：请使用留言回执中的链接，或拨打12345并报留言编号咨询。';
  } else {
    load();
  }
})();
