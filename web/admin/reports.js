/* Staff console: the evaluation report and the consent records. */
(function () {
  'use strict';
  var C = window.Console;
  var el = C.el, button = C.button, api = C.api, table = C.table, message = C.message, show = C.show, fail = C.fail,
    field = C.field, select_ = C.select_, status = C.status, ROLE = C.ROLE;

  var CONSENT = { active: '有效', withdrawn: '已撤回', superseded: '已被新同意取代' };
  /** "2026-W48" as "2026年第48周". */
  function week(w) { var m = /^(\d{4})-W(\d{2})$/.exec(w || ''); return m ? m[1] + '年第' + Number(m[2]) + '周' : w; }

  function report() {
    api('GET', '/report?weeks=12').then(function (r) {
      var district = r.rows.filter(function (x) { return x.department === '全区'; });
      var chart = el('div', null, { role: 'img', 'aria-label': '每周回答率' });
      district.forEach(function (x) {
        var line = el('div', week(x.week) + ' ');
        var bar = el('span'); bar.className = 'bar'; bar.style.width = Math.round((x.answeredShare || 0) * 300) + 'px';
        line.appendChild(bar);
        line.appendChild(document.createTextNode(' ' + (x.answeredShare == null ? '–' : Math.round(x.answeredShare * 100) + '%')));
        chart.appendChild(line);
      });
      var download = el('a', '下载 CSV', { href: '/admin/api/report.csv?weeks=12' });
      show('评估报告（近12周）', [download, el('h3', '每周回答率'), chart,
        table(['周', '单位', '提问', '已回答', '回答率', '有帮助', '没帮助', '满意度', '提醒送达', '同意', '撤回'], r.rows.map(function (x) {
          return [week(x.week), x.department, x.questions, x.answered, x.answeredShare == null ? '' : x.answeredShare.toFixed(3), x.helpful,
            x.notHelpful, x.satisfaction == null ? '' : x.satisfaction.toFixed(3), x.remindersDelivered, x.consentsGiven, x.consentsWithdrawn];
        })),
        el('h3', '工作人员核实（按单位）'),
        table(['单位', '待核实', '核实后审核中', '已核实并发布'], (r.verification || []).map(function (v) {
          return [v.department, v.waiting, v.inReview, v.verified];
        })),
        el('h3', '反馈最差的条目（可考虑调整或取消）'),
        table(['编号', '标题', '单位', '有帮助', '没帮助'], r.worstEntries.map(function (w) { return [w.id, w.title, w.department, w.helpful, w.notHelpful]; }))]);
    }).catch(fail);
  }

  /** Every consent, or with a receipt code (as a caller reads it out to 12345) only its consent. */
  function consents(code) {
    var query = code ? '?code=' + encodeURIComponent(code) : '';
    Promise.all([api('GET', '/consents' + query), api('GET', '/ledger/verify')]).then(function (res) {
      var v = res[1];
      var form = el('form', null, { 'aria-label': '按回执码查找' });
      var box = field(form, '回执码（来电人读出的8位码，如 K7QM-3XPD）', el('input', null, { value: code || '', autocomplete: 'off' }));
      form.appendChild(el('button', '查找', { type: 'submit' }));
      if (code) { form.appendChild(button('显示全部', function () { consents(); }, 'secondary')); }
      form.addEventListener('submit', function (e) { e.preventDefault(); consents(box.value.trim()); });
      var rows = res[0].map(function (c) {
        var granted = (c.history || []).length ? c.history[0].at : null;
        return [c.receiptCode || '', c.receiptId, CONSENT[c.status] || c.status, C.time(granted), c.companyName, c.creditCode, c.contactName,
          c.phone, c.verified ? '是' : '否（不发短信）', c.topics.join('、')];
      });
      show('同意记录（手机号已脱敏；每次查看都会记入审计日志）', [
        el('a', '下载 CSV（手机号脱敏）', { href: '/admin/api/consents.csv' }),
        message(v.ok ? '台账校验通过：' + v.events + ' 条事件' : (v.firstBadSeq > 0 ? '台账校验失败：第 ' + v.firstBadSeq + ' 条事件（' + v.problem + '）' : '当前状态表与台账不一致（' + v.problem + '）'), v.ok),
        form,
        code && !rows.length ? message('没有回执码为“' + code + '”的同意记录。请核对读音相近的字母（本系统的码不含 0、O、1、I、L、U）。', false)
          : table(['回执码', '回执', '状态', '同意时间（北京时间）', '企业', '信用代码', '联系人', '手机', '手机已验证', '主题'], rows)]);
    }).catch(fail);
  }
  C.tab({ id: 'report', label: '评估报告', roles: ['reviewer', 'admin'], order: 40, open: report });
  C.tab({ id: 'consents', label: '同意记录', roles: ['reviewer', 'admin'], order: 50, open: function () { consents(); } });
})();
