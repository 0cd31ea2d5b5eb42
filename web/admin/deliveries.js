/* Staff console: the reminder outbox for reviewers and admins: the latest deliveries, how many wait, went out, failed
   for good or were cancelled (a withdrawal), with the last error of each. No contact data: a business appears by
   its credit code, the contact by the receipt of their consent. */
(function () {
  'use strict';
  var C = window.Console;
  var el = C.el, api = C.api, table = C.table, show = C.show, fail = C.fail;
  var STATUS = { pending: '待发送', sent: '已发送', failed: '发送失败', cancelled: '已取消（同意已撤回）' };

  function list() {
    api('GET', '/deliveries').then(function (rows) {
      var counts = {};
      rows.forEach(function (r) { counts[r.status] = (counts[r.status] || 0) + 1; });
      var summary = Object.keys(STATUS).filter(function (s) { return counts[s]; })
        .map(function (s) { return STATUS[s] + ' ' + counts[s] + ' 条'; }).join('，');
      var nodes = [el('p', rows.length
        ? '最近 ' + rows.length + ' 条推送（最新在前）：' + summary + '。发送失败的会按间隔重试，重试次数用完才记为“发送失败”。'
        : '还没有推送记录。没有配置推送地址（WEBHOOK_URL）时不推送提醒，企业仍可在咨询窗口和日历中看到提醒。')];
      if (rows.length) {
        nodes.push(table(['编号', '提醒条目', '年度', '统一社会信用代码', '同意回执', '状态', '已尝试', '下次尝试（北京时间）', '最后一次错误', '创建', '完成'],
          rows.map(function (r) {
            return [String(r.id), C.button(r.reminderId, function () { C.detail(r.reminderId); }, 'link'), String(r.season),
              r.creditCode, r.receiptId, STATUS[r.status] || r.status, String(r.attempts),
              r.status === 'pending' ? C.time(r.nextAttemptAt) : '', r.lastError || '', C.time(r.createdAt), C.time(r.finishedAt)];
          })));
      }
      show('提醒推送记录', nodes);
    }).catch(fail);
  }

  C.tab({ id: 'deliveries', label: '提醒推送', roles: ['reviewer', 'admin'], order: 55, open: list });
})();
