/* Staff console: sign-in and the tab bar. Loaded after core.js and the screens, which register their tabs. */
(function () {
  'use strict';
  var C = window.Console;
  var el = C.el, button = C.button, api = C.api;
  var tabs = document.getElementById('tabs');

  function start(account) {
    C.setMe(account);
    document.getElementById('login').hidden = true;
    document.getElementById('who').textContent = account.username + '（' + (C.ROLE[account.role] || account.role) + (account.department ? '，' + account.department : '') + '）';
    tabs.textContent = '';
    if (account.mustChangePassword) {
      // After an admin's reset the server refuses everything else until the password is changed.
      tabs.appendChild(button('退出', function () {
        api('POST', '/logout').then(function () { location.reload(); });
      }, 'secondary'));
      tabs.hidden = false;
      C.passwordForm(true);
      return;
    }
    C.tabs().filter(function (t) { return t.roles.indexOf(account.role) >= 0; }).forEach(function (t) {
      var b = button(t.label, function () { select(t); });
      b.dataset.tab = t.id;
      tabs.appendChild(b);
    });
    tabs.appendChild(button('退出', function () {
      api('POST', '/logout').then(function () { location.reload(); });
    }, 'secondary'));
    tabs.hidden = false;
    api('GET', '/vocabulary').then(function (v) { C.setVocab(v); select(C.tabs()[0]); });
  }
  C.start = start;

  function select(tab) {
    Array.prototype.forEach.call(tabs.querySelectorAll('button[data-tab]'), function (b) {
      if (b.dataset.tab === tab.id) { b.setAttribute('aria-current', 'page'); } else { b.removeAttribute('aria-current'); }
    });
    tab.open();
  }

  document.getElementById('login').addEventListener('submit', function (e) {
    e.preventDefault();
    var err = document.getElementById('login-error');
    err.textContent = '';
    api('POST', '/login', { username: document.getElementById('username').value, password: document.getElementById('password').value })
      .then(function () { return api('GET', '/me'); })
      .then(start)
      .catch(function (x) { err.textContent = x.message; });
  });
  api('GET', '/me').then(start).catch(function () { /* not signed in yet: the login form is showing */ });
})();
