/* Staff console: question gaps: unanswered questions grouped, turned into drafts or phrasings. */
(function () {
  'use strict';
  var C = window.Console;
  var el = C.el, button = C.button, api = C.api, table = C.table, message = C.message, show = C.show, fail = C.fail,
    field = C.field, select_ = C.select_, status = C.status, ROLE = C.ROLE;

  function gaps() {
    var canEdit = C.me().role !== 'reviewer';
    api('GET', '/questions/gaps?days=30').then(function (g) {
      show('问题缺口（近30天，' + g.questions + ' 个未答或需澄清的问题）', [table(['代表问题', '次数', '例子', '结果', '处理'], g.gaps.map(function (x) {
        var actions = el('span');
        if (canEdit) {
          actions.appendChild(button('新建草稿', function () {
            api('POST', '/questions/draft', { question: x.representative, department: C.me().department })
              .then(function (v) { C.detail(v.entryId); }).catch(fail);
          }, 'secondary'));
          actions.appendChild(button('加为已有条目的问法', function () {
            var id = window.prompt('条目编号');
            if (!id) { return; }
            api('POST', '/questions/phrasing', { entryId: id.trim(), question: x.representative })
              .then(function (v) { C.detail(v.entryId); }).catch(fail);
          }, 'secondary'));
        }
        return [x.representative, x.count, x.examples.join(' / '), x.outcomes.join('、'), actions];
      }))]);
    }).catch(fail);
  }
  C.tab({ id: 'gaps', label: '问题缺口', roles: ['editor', 'reviewer', 'admin'], order: 30, open: gaps });
})();
