/* Staff console: the reminder outbox for reviewers and admins: how many deliveries wait, went out, failed for good or
   were cancelled (a withdrawal) in the whole outbox, and the deliveries themselves, newest first, a page at a time,
   of one status or all, with the last error of each. No contact data: a business appears by its credit code, the
   contact by the receipt of their consent. */
(function () {
  'use strict';
  var C = window.Console;
  var el = C.el, api = C.api, table = C.table, show = C.show, fail = C.fail, message = C.message, field = C.field;
  var STATUS = { pending: '待发送', sent: '已发送', failed: '发送失败', cancelled: '已取消（同意已撤回）' };
  var PAGE = 200;

  function row(r) {
    return [String(r.id), C.button(r.reminderId, function () { C.detail(r.reminderId); }, 'link'), String(r.season),
      r.creditCode, r.receiptId, STATUS[r.status] || r.status, String(r.attempts),
      r.status === 'pending' ? C.time(r.nextAttemptAt) : '', r.lastError || '', C.time(r.createdAt), C.time(r.finishedAt)];
  }

  function list() {
    api('GET', '/deliveries/counts').then(function (counts) {
      var total = Object.keys(counts).reduce(function (n, s) { return n + counts[s]; }, 0);
      if (!total) {
        show('提醒推送记录', [el('p', '还没有推送记录。没有配置推送地址（WEBHOOK_URL）时不推送提醒，企业仍可在咨询窗口和日历中看到提醒。')]);
        return;
      }
      var summary = Object.keys(STATUS).filter(function (s) { return counts[s]; })
        .map(function (s) { return STATUS[s] + ' ' + counts[s] + ' 条'; }).join('，');
      var form = el('form', null, { 'aria-label': '筛选推送记录' }); form.className = 'audit-filters';
      var status = el('select', null, { name: 'status' });
      status.appendChild(el('option', '全部状态（' + total + ' 条）', { value: '' }));
      Object.keys(STATUS).forEach(function (s) {
        status.appendChild(el('option', STATUS[s] + '（' + (counts[s] || 0) + ' 条）', { value: s }));
      });
      field(form, '状态', status);
      var shown = el('p', null, { role: 'status' });
      var results = el('div');
      var more = C.button('加载更早的 ' + PAGE + ' 条', function () { load(false); });
      more.hidden = true;
      var rows = [];

      function load(fresh) {
        var before = fresh || !rows.length ? '' : '&before=' + rows[rows.length - 1].id;
        var of = status.value ? '&status=' + status.value : '';
        api('GET', '/deliveries?size=' + PAGE + of + before).then(function (page) {
          rows = fresh ? page : rows.concat(page);
          var all = status.value ? counts[status.value] || 0 : total;
          results.textContent = '';
          results.appendChild(rows.length ? table(['编号', '提醒条目', '年度', '统一社会信用代码', '同意回执', '状态', '已尝试',
            '下次尝试（北京时间）', '最后一次错误', '创建', '完成'], rows.map(row)) : el('p', '没有这种状态的推送记录。'));
          shown.textContent = '已显示最新的 ' + rows.length + ' 条，共 ' + all + ' 条。';
          more.hidden = page.length < PAGE;
        }).catch(function (err) { results.textContent = ''; results.appendChild(message(err.message, false)); });
      }
      status.addEventListener('change', function () { load(true); });
      form.addEventListener('submit', function (e) { e.preventDefault(); load(true); });
      show('提醒推送记录', [el('p', '全部推送：' + summary + '。发送失败的会按间隔重试，重试次数用完才记为“发送失败”。'),
        form, shown, results, more]);
      load(true);
    }).catch(fail);
  }

  C.tab({ id: 'deliveries', label: '提醒推送', roles: ['reviewer', 'admin'], order: 55, open: list });
})();
