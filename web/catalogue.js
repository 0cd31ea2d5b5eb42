/* Renders /api/catalogue as text (never HTML from the server); filters by words, department and method. */
(function () {
  'use strict';
  var METHODS = ['政策指引', '意见建议', '提示提醒', '劝导警示', '示范引领', '执法事项提示', '违法行为纠错', '重大案件回访', '以案释法'];
  var results = document.getElementById('results');
  var status = document.getElementById('status');
  var q = document.getElementById('q');
  var dept = document.getElementById('department');
  var method = document.getElementById('method');
  var timer = null;

  function el(tag, text, cls) {
    var n = document.createElement(tag);
    if (text != null) { n.textContent = text; }
    if (cls) { n.className = cls; }
    return n;
  }
  METHODS.forEach(function (m) { var o = el('option', m); o.value = m; method.appendChild(o); });

  function load(first) {
    var params = new URLSearchParams();
    if (q.value.trim()) { params.set('q', q.value.trim()); }
    if (dept.value) { params.set('department', dept.value); }
    if (method.value) { params.set('method', method.value); }
    fetch('/api/catalogue?' + params.toString())
      .then(function (r) { return r.json(); })
      .then(function (body) {
        if (body.error) { status.textContent = body.error.message; return; }
        if (first) {
          body.departments.forEach(function (d) { var o = el('option', d.department); o.value = d.department; dept.appendChild(o); });
        }
        render(body);
      })
      .catch(function () { status.textContent = '目录加载失败，请稍后再试或拨打12345咨询。'; });
  }

  function render(body) {
    results.textContent = '';
    status.textContent = '共 ' + body.count + ' 项';
    body.departments.forEach(function (d) {
      var section = el('section', null, 'dept');
      section.appendChild(el('h2', d.department + '（' + d.count + ' 项）'));
      section.appendChild(el('p', '咨询渠道：' + d.contact, 'contact'));
      d.methods.forEach(function (g) {
        section.appendChild(el('h3', g.method));
        var table = el('table');
        var head = el('tr');
        ['事项', '类别', '法律依据', '审核日期'].forEach(function (h) { var th = el('th', h); th.scope = 'col'; head.appendChild(th); });
        var thead = el('thead'); thead.appendChild(head); table.appendChild(thead);
        var tbody = el('tbody');
        g.items.forEach(function (item) {
          var tr = el('tr');
          var title = el('td', item.title);
          if (item.needsVerification) { title.appendChild(el('span', '待核实', 'badge')); }
          tr.appendChild(title);
          tr.appendChild(el('td', item.kind));
          tr.appendChild(el('td', item.legalBasis));
          tr.appendChild(el('td', item.reviewed));
          tbody.appendChild(tr);
        });
        table.appendChild(tbody);
        section.appendChild(table);
      });
      results.appendChild(section);
    });
  }

  q.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(function () { load(false); }, 250); });
  dept.addEventListener('change', function () { load(false); });
  method.addEventListener('change', function () { load(false); });
  document.getElementById('filters').addEventListener('submit', function (e) { e.preventDefault(); load(false); });
  document.getElementById('print').addEventListener('click', function () { window.print(); });
  load(true);
})();
