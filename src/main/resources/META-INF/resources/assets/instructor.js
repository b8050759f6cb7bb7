/* Breakfix: the instructor's pages. Everything from learners or the cluster goes into the DOM as text. */
(function () {
  'use strict';

  var csrfMeta = document.querySelector('meta[name="breakfix-csrf"]');
  var CSRF = csrfMeta ? csrfMeta.getAttribute('content') : '';

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  /** JSON over fetch with the session's CSRF token; resolves {status, body}. */
  function api(method, url, body) {
    var headers = { 'Accept': 'application/json' };
    if (method !== 'GET') { headers['X-CSRF-Token'] = CSRF; }
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    return fetch(url, { method: method, headers: headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (r) {
        if (r.status === 401) { window.location.href = '/instructor/login?next=' + encodeURIComponent(location.pathname); }
        return r.text().then(function (t) {
          var parsed = null;
          try { parsed = t ? JSON.parse(t) : null; } catch (e) { parsed = { detail: t }; }
          return { status: r.status, body: parsed };
        });
      });
  }

  function problemText(res) {
    var b = res.body || {};
    return (b.detail || b.title || ('The server answered ' + res.status)) + '';
  }

  function duration(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    if (seconds < 60) { return seconds + 's'; }
    var m = Math.floor(seconds / 60);
    if (m < 60) { return m + 'm'; }
    var h = Math.floor(m / 60);
    return h + 'h ' + (m % 60) + 'm';
  }

  function clock(iso) {
    if (!iso) { return ''; }
    var d = new Date(iso);
    return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  var STATE_LABEL = { 'not-started': 'Not started', 'broken': 'Broken', 'stabilising': 'Stabilising', 'passed': 'Passed' };

  // ---------------------------------------------------------------- matrix page
  function matrixPage() {
    var table = document.getElementById('matrix');
    var body = document.getElementById('matrix-body');
    var scenarios = table.getAttribute('data-scenarios').split(' ').filter(Boolean);
    var titles = {};
    Array.prototype.forEach.call(table.querySelectorAll('th[data-scenario]'), function (th) {
      titles[th.getAttribute('data-scenario')] = th.querySelector('.col-title').textContent;
    });
    var rows = [];            // [{learner, name, cells}]
    var byName = {};          // name -> row
    var received = {};        // name/scenario -> Date.now() when the cell arrived (for countdowns)
    var filterName = document.getElementById('filter-name');
    var filterState = document.getElementById('filter-state');
    var sortSelect = document.getElementById('sort');

    function key(name, scenario) { return name + '/' + scenario; }

    function stuckSeconds(cell) {
      if (!cell || !cell.startedAt || cell.state === 'passed' || cell.state === 'not-started') { return -1; }
      return (Date.now() - Date.parse(cell.startedAt)) / 1000;
    }

    function countdown(name, scenario, cell) {
      var at = received[key(name, scenario)] || Date.now();
      var left = (cell.stableInSeconds || 0) - (Date.now() - at) / 1000;
      return Math.max(0, Math.ceil(left));
    }

    function labUrl(row, scenario) {
      return '/instructor/labs/' + encodeURIComponent(row.learner) + '/' + encodeURIComponent(scenario);
    }

    function cellContent(row, scenario) {
      var cell = row.cells[scenario] || { state: 'not-started' };
      var a = el('a', 'cell cell-' + cell.state);
      a.href = labUrl(row, scenario);
      a.setAttribute('data-state', cell.state);
      var main = el('span', 'cell-main');
      var sub = el('span', 'cell-sub');
      var tip = [row.learner + ' · ' + (titles[scenario] || scenario), STATE_LABEL[cell.state] || cell.state];
      if (cell.state === 'not-started') {
        main.textContent = cell.reason === 'Starting' ? 'Starting…' : '—';
      } else if (cell.state === 'broken') {
        var stuck = stuckSeconds(cell);
        var young = stuck >= 0 && stuck < 20 && (cell.pod === 'Unknown' || cell.pod === 'ContainerCreating');
        main.textContent = young ? 'Starting…' : (cell.pod || 'Broken');
        sub.textContent = stuck >= 0 ? 'stuck ' + duration(stuck) : '';
        if (cell.reason) { tip.push(cell.reason); }
      } else if (cell.state === 'stabilising') {
        main.textContent = 'Running';
        var c = el('span', 'countdown-i', countdown(row.name, scenario, cell) + 's');
        c.setAttribute('data-countdown', key(row.name, scenario));
        sub.appendChild(document.createTextNode('stable in '));
        sub.appendChild(c);
      } else if (cell.state === 'passed') {
        main.textContent = '✓ Passed';
        var bits = [];
        if (cell.passedAt) { bits.push(clock(cell.passedAt)); }
        bits.push(cell.attempts + (cell.attempts === 1 ? ' check' : ' checks'));
        sub.textContent = bits.join(' · ');
        if (cell.passedAt) { tip.push('passed at ' + new Date(cell.passedAt).toLocaleString()); }
      }
      if (cell.hintsUsed) { tip.push(cell.hintsUsed + (cell.hintsUsed === 1 ? ' hint' : ' hints') + ' used'); }
      if (cell.state !== 'not-started' && cell.state !== 'passed' && cell.attempts) { tip.push(cell.attempts + ' checks'); }
      a.title = tip.join('\n');
      a.setAttribute('aria-label', tip.join(', '));
      a.appendChild(main);
      if (sub.textContent || sub.firstChild) { a.appendChild(sub); }
      return a;
    }

    function cellMenu(row, scenario) {
      var d = el('details', 'menu cell-menu cell-actions');
      var s = el('summary', 'kebab', '⋯');
      s.setAttribute('aria-label', 'Actions for ' + row.learner + ', ' + (titles[scenario] || scenario));
      d.appendChild(s);
      var pop = el('div', 'menu-pop');
      var cell = row.cells[scenario] || { state: 'not-started' };
      var actions = cell.state === 'not-started' ? ['start'] : ['reset', 'solve'];
      actions.forEach(function (action) {
        var b = el('button', null, { start: 'Start lab…', reset: 'Reset lab…', solve: 'Solve lab…' }[action]);
        b.type = 'button';
        b.setAttribute('data-bulk', action);
        b.setAttribute('data-scope', 'cell');
        b.setAttribute('data-learner', row.learner);
        b.setAttribute('data-scenario', scenario);
        pop.appendChild(b);
      });
      d.appendChild(pop);
      return d;
    }

    function fillCell(td, row, scenario) {
      clear(td);
      var cell = row.cells[scenario] || { state: 'not-started' };
      td.className = 'mcell mcell-' + cell.state;
      td.appendChild(cellContent(row, scenario));
      td.appendChild(cellMenu(row, scenario));
    }

    function passedCount(row) {
      return scenarios.filter(function (s) { return row.cells[s] && row.cells[s].state === 'passed'; }).length;
    }

    function fillProgress(td, row) {
      clear(td);
      var n = passedCount(row);
      var bar = el('span', 'mini-track');
      var fill = el('span', 'mini-fill');
      fill.style.width = Math.round(100 * n / Math.max(1, scenarios.length)) + '%';
      bar.appendChild(fill);
      td.appendChild(el('span', 'mini-count', n + '/' + scenarios.length));
      td.appendChild(bar);
    }

    function rowElement(row) {
      var tr = el('tr');
      tr.id = 'row-' + row.name;
      tr.setAttribute('data-learner', row.learner);
      var th = el('th', 'learner-cell');
      th.scope = 'row';
      var wrap = el('div', 'learner-head');
      var av = el('span', 'avatar', initials(row.learner));
      av.setAttribute('aria-hidden', 'true');
      wrap.appendChild(av);
      wrap.appendChild(el('span', 'learner-label', row.learner));
      var menu = el('details', 'menu cell-menu');
      var sum = el('summary', 'kebab', '⋯');
      sum.setAttribute('aria-label', 'Actions for ' + row.learner);
      menu.appendChild(sum);
      var pop = el('div', 'menu-pop');
      [['start', 'Start missing labs…'], ['reset', 'Reset all labs…'], ['solve', 'Solve all labs…']].forEach(function (a) {
        var b = el('button', null, a[1]);
        b.type = 'button';
        b.setAttribute('data-bulk', a[0]);
        b.setAttribute('data-scope', 'row');
        b.setAttribute('data-learner', row.learner);
        pop.appendChild(b);
      });
      menu.appendChild(pop);
      wrap.appendChild(menu);
      th.appendChild(wrap);
      tr.appendChild(th);
      scenarios.forEach(function (s) {
        var td = el('td');
        td.id = 'cell-' + row.name + '-' + s;
        td.setAttribute('data-scenario', s);
        fillCell(td, row, s);
        tr.appendChild(td);
      });
      var p = el('td', 'progress-cell');
      fillProgress(p, row);
      tr.appendChild(p);
      return tr;
    }

    function initials(name) {
      var words = String(name).trim().split(/[\s._@-]+/).filter(Boolean);
      return words.slice(0, 2).map(function (w) { return w.charAt(0); }).join('').toUpperCase() || '?';
    }

    function visible(row) {
      var q = filterName.value.trim().toLowerCase();
      if (q && row.learner.toLowerCase().indexOf(q) < 0 && row.name.indexOf(q) < 0) { return false; }
      var st = filterState.value;
      if (st && !scenarios.some(function (s) { return (row.cells[s] || { state: 'not-started' }).state === st; })) { return false; }
      return true;
    }

    function sortKey(row) {
      var how = sortSelect.value;
      if (how === 'stuck') {
        return -Math.max.apply(null, scenarios.map(function (s) { return stuckSeconds(row.cells[s]); }));
      }
      if (how === 'progress') { return passedCount(row); }
      if (how.indexOf('stuck:') === 0) { return -stuckSeconds(row.cells[how.substring(6)]); }
      return 0;
    }

    function render() {
      var shown = rows.filter(visible);
      var keyed = shown.map(function (r) { return { r: r, k: sortKey(r) }; });
      keyed.sort(function (a, b) {
        if (a.k !== b.k) { return a.k - b.k; }
        return a.r.learner.localeCompare(b.r.learner);
      });
      var frag = document.createDocumentFragment();
      keyed.forEach(function (x) { frag.appendChild(rowElement(x.r)); });
      clear(body);
      if (!rows.length) {
        var tr = el('tr', 'matrix-empty');
        var td = el('td', null, 'No learners yet. Start the class from a roster, or wait for learners to start a lab.');
        td.colSpan = scenarios.length + 2;
        tr.appendChild(td);
        body.appendChild(tr);
      } else if (!shown.length) {
        var tr2 = el('tr', 'matrix-empty');
        var td2 = el('td', null, 'No learner matches the filter.');
        td2.colSpan = scenarios.length + 2;
        tr2.appendChild(td2);
        body.appendChild(tr2);
      } else {
        body.appendChild(frag);
      }
      var filterOn = filterName.value.trim() || filterState.value;
      document.getElementById('shown-count').textContent = filterOn ? shown.length + ' of ' + rows.length + ' learners' : '';
      table.setAttribute('data-state-filter', filterState.value);
      Array.prototype.forEach.call(table.querySelectorAll('th[data-scenario]'), function (th) {
        th.classList.toggle('sorted', sortSelect.value === 'stuck:' + th.getAttribute('data-scenario'));
      });
      stats();
    }

    function stats() {
      var counts = { 'not-started': 0, broken: 0, stabilising: 0, passed: 0 };
      rows.forEach(function (r) {
        scenarios.forEach(function (s) { counts[(r.cells[s] || { state: 'not-started' }).state]++; });
      });
      document.getElementById('stat-learners').textContent = rows.length;
      document.getElementById('stat-started').textContent = rows.length * scenarios.length - counts['not-started'];
      document.getElementById('stat-broken').textContent = counts.broken;
      document.getElementById('stat-stabilising').textContent = counts.stabilising;
      document.getElementById('stat-passed').textContent = counts.passed;
    }

    function onMatrix(m) {
      var now = Date.now();
      rows = m.learners.map(function (r) {
        scenarios.forEach(function (s) { received[key(r.name, s)] = now; });
        return { learner: r.learner, name: r.name, cells: r.cells };
      });
      byName = {};
      rows.forEach(function (r) { byName[r.name] = r; });
      render();
    }

    function onCells(delta) {
      var now = Date.now();
      delta.cells.forEach(function (c) {
        var row = byName[c.name];
        if (!row) {
          row = { learner: c.learner, name: c.name, cells: {} };
          rows.push(row);
          byName[c.name] = row;
        }
        row.cells[c.scenario] = c.cell;
        received[key(c.name, c.scenario)] = now;
        var td = document.getElementById('cell-' + c.name + '-' + c.scenario);
        if (td && visible(row)) {
          var open = td.querySelector('details[open]');
          if (!open) { fillCell(td, row, c.scenario); }
          var tr = document.getElementById('row-' + c.name);
          if (tr) { fillProgress(tr.querySelector('.progress-cell'), row); }
          td.classList.add('flash');
          setTimeout(function () { td.classList.remove('flash'); }, 900);
        } else if (!td && visible(row)) {
          render();
        }
      });
      stats();
    }

    function setLive(state, text) {
      var s = document.getElementById('live-state');
      s.setAttribute('data-state', state);
      document.getElementById('live-text').textContent = text;
    }

    function connect() {
      var es = new EventSource('/api/class/matrix/live');
      es.addEventListener('open', function () { setLive('live', 'Live'); });
      es.addEventListener('matrix', function (e) { setLive('live', 'Live'); onMatrix(JSON.parse(e.data)); });
      es.addEventListener('cells', function (e) { onCells(JSON.parse(e.data)); });
      es.addEventListener('error', function () {
        setLive('down', 'Reconnecting…');
        if (es.readyState === EventSource.CLOSED) { setTimeout(connect, 2000); }
      });
    }

    // countdowns every second; "stuck" times every 20 s
    setInterval(function () {
      Array.prototype.forEach.call(document.querySelectorAll('[data-countdown]'), function (c) {
        var parts = c.getAttribute('data-countdown').split('/');
        var row = byName[parts[0]];
        if (row && row.cells[parts[1]]) { c.textContent = countdown(parts[0], parts[1], row.cells[parts[1]]) + 's'; }
      });
    }, 1000);
    setInterval(function () {
      if (!document.querySelector('.matrix details[open]')) { render(); }
    }, 20000);

    filterName.addEventListener('input', render);
    filterState.addEventListener('change', render);
    sortSelect.addEventListener('change', render);
    table.querySelector('thead').addEventListener('click', function (e) {
      var b = e.target.closest('.col-sort');
      if (!b) { return; }
      var v = b.getAttribute('data-sort');
      sortSelect.value = sortSelect.value === v ? 'name' : v;
      render();
    });

    // close other menus when one opens; close on outside click
    document.addEventListener('click', function (e) {
      Array.prototype.forEach.call(document.querySelectorAll('details.menu[open]'), function (d) {
        if (!d.contains(e.target)) { d.removeAttribute('open'); }
      });
    });

    // ---- bulk operations
    var confirmDialog = document.getElementById('confirm-dialog');
    var ops = document.getElementById('operations');

    var VERB = { start: 'Start', reset: 'Reset', solve: 'Solve' };
    var WHAT = {
      start: 'creates the namespace and the broken workload of each lab that is not started yet; labs that run are left as they are.',
      reset: 'deletes everything in the lab\'s namespace and creates the broken workload again. Attempts and earlier passes are kept.',
      solve: 'applies the chapter\'s solution, as a learner would. Use it to demonstrate a fix or to check the cluster.'
    };

    function describe(scope, btn) {
      var learner = btn.getAttribute('data-learner');
      var scenario = btn.getAttribute('data-scenario');
      var t = titles[scenario] || scenario;
      if (scope === 'cell') { return { learners: [learner], scenarios: [scenario], label: t + ' of ' + learner, count: 1 }; }
      if (scope === 'row') { return { learners: [learner], scenarios: [], label: 'every lab of ' + learner, count: scenarios.length }; }
      if (scope === 'column') { return { learners: [], scenarios: [scenario], label: t + ' for every learner', count: rows.length }; }
      return { learners: [], scenarios: [], label: 'every lab of every learner', count: rows.length * scenarios.length };
    }

    function ask(title, text, items, okLabel, danger) {
      return new Promise(function (resolve) {
        document.getElementById('confirm-title').textContent = title;
        document.getElementById('confirm-desc').textContent = text;
        var list = document.getElementById('confirm-list');
        clear(list);
        items.forEach(function (i) { list.appendChild(el('li', null, i)); });
        var ok = document.getElementById('confirm-ok');
        ok.textContent = okLabel;
        ok.className = 'btn ' + (danger ? 'btn-danger' : 'btn-primary');
        confirmDialog.returnValue = '';
        confirmDialog.addEventListener('close', function handler() {
          confirmDialog.removeEventListener('close', handler);
          resolve(confirmDialog.returnValue === 'ok');
        });
        confirmDialog.showModal();
      });
    }

    document.addEventListener('click', function (e) {
      var btn = e.target.closest('[data-bulk]');
      if (!btn) { return; }
      var menu = btn.closest('details');
      if (menu) { menu.removeAttribute('open'); }
      var action = btn.getAttribute('data-bulk');
      var d = describe(btn.getAttribute('data-scope'), btn);
      var items = [];
      if (d.learners.length) { items.push('Learner: ' + d.learners.join(', ')); } else { items.push('Learners: all ' + rows.length); }
      items.push(d.scenarios.length ? 'Lab: ' + d.scenarios.map(function (s) { return titles[s] || s; }).join(', ')
        : 'Labs: all ' + scenarios.length);
      ask(VERB[action] + ' ' + d.label + '?', VERB[action] + ' ' + WHAT[action], items,
        VERB[action] + (d.count > 1 ? ' ' + d.count + ' labs' : ' lab'), action !== 'start')
        .then(function (ok) {
          if (ok) { runOperation({ action: action, learners: d.learners, scenarios: d.scenarios }, VERB[action] + ' ' + d.label); }
        });
    });

    function runOperation(request, label) {
      var box = el('section', 'card op op-running');
      box.setAttribute('aria-label', label);
      var head = el('div', 'op-head');
      head.appendChild(el('strong', 'op-title', label));
      var status = el('span', 'op-status', 'Starting…');
      head.appendChild(status);
      var close = el('button', 'btn btn-xs btn-ghost op-close', 'Dismiss');
      close.type = 'button';
      close.hidden = true;
      close.addEventListener('click', function () { box.remove(); });
      head.appendChild(close);
      box.appendChild(head);
      var track = el('div', 'op-track');
      var fill = el('div', 'op-fill');
      track.appendChild(fill);
      box.appendChild(track);
      var failures = el('ul', 'op-failures');
      box.appendChild(failures);
      ops.insertBefore(box, ops.firstChild);

      function show(op) {
        var finished = op.done + op.failed + op.skipped;
        fill.style.width = (op.total ? Math.round(100 * finished / op.total) : 100) + '%';
        var text = finished + ' of ' + op.total + ' labs';
        if (op.failed) { text += ' · ' + op.failed + ' failed'; }
        if (op.skipped) { text += ' · ' + op.skipped + ' skipped'; }
        if (op.state === 'done') { text = (op.failed ? 'Finished with failures: ' : 'Done: ') + text; }
        status.textContent = text;
        clear(failures);
        (op.labs || []).filter(function (l) { return l.state === 'failed'; }).forEach(function (l) {
          var li = el('li');
          li.appendChild(el('strong', null, l.learner + ' · ' + (titles[l.scenario] || l.scenario)));
          li.appendChild(el('span', null, ' ' + (l.message || 'failed')));
          failures.appendChild(li);
        });
        box.setAttribute('data-state', op.state);
        if (op.state === 'done') {
          box.classList.remove('op-running');
          box.classList.add(op.failed ? 'op-failed' : 'op-done');
          close.hidden = false;
        }
      }

      function fail(text) {
        box.classList.remove('op-running');
        box.classList.add('op-failed');
        box.setAttribute('data-state', 'refused');
        status.textContent = text;
        close.hidden = false;
      }

      api('POST', '/api/class/operations', request).then(function (res) {
        if (res.status !== 202 && res.status !== 200) { fail('Refused: ' + problemText(res)); return; }
        show(res.body);
        var id = res.body.id;
        (function poll() {
          if (res.body.state === 'done') { return; }
          setTimeout(function () {
            api('GET', '/api/class/operations/' + encodeURIComponent(id)).then(function (r) {
              if (r.status !== 200) { fail('Lost track of the operation: ' + problemText(r)); return; }
              res = r;
              show(r.body);
              poll();
            }, function () { poll(); });
          }, 500);
        })();
      }, function () { fail('The server could not be reached.'); });
    }

    // ---- class start
    var startDialog = document.getElementById('start-dialog');
    document.getElementById('open-start').addEventListener('click', function () {
      document.getElementById('start-error').textContent = '';
      startDialog.showModal();
    });
    document.getElementById('start-form').addEventListener('submit', function (e) {
      var submitter = e.submitter;
      if (!submitter || submitter.value !== 'ok') { return; }
      var names = document.getElementById('roster').value.split(/\r?\n/).map(function (l) { return l.trim(); })
        .filter(Boolean);
      var chosen = Array.prototype.filter.call(startDialog.querySelectorAll('input[name=scenario]'), function (c) { return c.checked; })
        .map(function (c) { return c.value; });
      if (!names.length || !chosen.length) {
        e.preventDefault();
        document.getElementById('start-error').textContent = !names.length ? 'Enter at least one learner name.' : 'Choose at least one lab.';
        return;
      }
      var unique = names.filter(function (n, i) { return names.indexOf(n) === i; });
      runOperation({ action: 'start', learners: unique, scenarios: chosen.length === scenarios.length ? [] : chosen },
        'Start ' + chosen.length + (chosen.length === 1 ? ' lab' : ' labs') + ' for ' + unique.length
        + (unique.length === 1 ? ' learner' : ' learners'));
    });

    // ---- class end
    var endDialog = document.getElementById('end-dialog');
    var endInput = document.getElementById('end-confirm');
    var endOk = document.getElementById('end-ok');
    document.getElementById('open-end').addEventListener('click', function () {
      document.getElementById('class-menu').removeAttribute('open');
      endInput.value = '';
      endOk.disabled = true;
      endOk.hidden = false;
      document.getElementById('end-body').hidden = false;
      document.getElementById('end-result').textContent = '';
      document.getElementById('end-cancel').textContent = 'Cancel';
      endDialog.showModal();
    });
    endInput.addEventListener('input', function () { endOk.disabled = endInput.value.trim() !== 'end class'; });
    document.getElementById('end-form').addEventListener('submit', function (e) {
      if (!e.submitter || e.submitter.value !== 'ok') { return; }
      e.preventDefault();
      endOk.disabled = true;
      var result = document.getElementById('end-result');
      result.textContent = 'Ending the class…';
      api('POST', '/api/class/end', { confirm: endInput.value.trim() }).then(function (res) {
        if (res.status !== 200) { result.textContent = 'Not ended: ' + problemText(res); endOk.disabled = false; return; }
        var b = res.body;
        document.getElementById('end-body').hidden = true;
        endOk.hidden = true;
        document.getElementById('end-cancel').textContent = 'Close';
        result.textContent = 'Class ended. Deleted ' + b.namespaces + (b.namespaces === 1 ? ' lab namespace, ' : ' lab namespaces, ')
          + b.homes + (b.homes === 1 ? ' home namespace' : ' home namespaces') + ', and removed '
          + b.nodeLabels + (b.nodeLabels === 1 ? ' node label.' : ' node labels.');
      }, function () { result.textContent = 'The server could not be reached.'; endOk.disabled = false; });
    });

    connect();
  }

  // ---------------------------------------------------------------- preflight page
  function preflightPage() {
    var list = document.getElementById('checks');
    var stateEl = document.getElementById('preflight-state');
    var meta = document.getElementById('preflight-meta');
    var error = document.getElementById('preflight-error');
    var run = document.getElementById('run-preflight');
    var prepull = document.getElementById('prepull');
    var ICON = { pending: '○', running: '◌', pass: '✓', warn: '!', fail: '✗' };

    function show(report) {
      clear(list);
      (report.checks || []).forEach(function (c) {
        var li = el('li', 'pf-check pf-' + c.status);
        li.setAttribute('data-check', c.id);
        li.setAttribute('data-status', c.status);
        var mark = el('span', 'pf-mark', ICON[c.status] || '?');
        mark.setAttribute('aria-hidden', 'true');
        li.appendChild(mark);
        var text = el('div', 'pf-text');
        var title = el('strong', null, c.title);
        text.appendChild(title);
        text.appendChild(el('span', 'sr-only', ': ' + c.status));
        if (c.detail) { text.appendChild(el('p', 'pf-detail', c.detail)); }
        if (c.fix) {
          var fix = el('p', 'pf-fix');
          fix.appendChild(el('span', 'pf-fix-label', 'What to do: '));
          fix.appendChild(document.createTextNode(c.fix));
          text.appendChild(fix);
        }
        li.appendChild(text);
        li.appendChild(el('span', 'pf-status', c.status));
        list.appendChild(li);
      });
      var running = report.state === 'running';
      stateEl.setAttribute('data-state', running ? 'running' : report.passed ? 'passed' : 'failed');
      stateEl.className = 'pill ' + (running ? 'pill-running' : report.passed ? 'pill-fixed' : 'pill-broken');
      stateEl.textContent = running ? 'Running…' : report.passed ? 'Ready for class' : 'Needs attention';
      meta.textContent = (running ? 'Started ' : 'Ran ') + new Date(report.startedAt).toLocaleString()
        + (report.finishedAt ? ' · took ' + duration((Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000) : '');
      run.disabled = running;
      prepull.disabled = running;
      return running;
    }

    function poll() {
      api('GET', '/api/class/preflight').then(function (res) {
        if (res.status === 404) { return; }
        if (res.status !== 200) { error.textContent = problemText(res); return; }
        if (show(res.body)) { setTimeout(poll, 500); }
      });
    }

    function start(url) {
      error.textContent = '';
      run.disabled = true;
      prepull.disabled = true;
      api('POST', url).then(function (res) {
        if (res.status === 202 || res.status === 200) {
          if (show(res.body)) { setTimeout(poll, 500); }
        } else {
          error.textContent = problemText(res);
          if (res.status === 409) { setTimeout(poll, 500); } else { run.disabled = false; prepull.disabled = false; }
        }
      }, function () { error.textContent = 'The server could not be reached.'; run.disabled = false; prepull.disabled = false; });
    }

    run.addEventListener('click', function () { start('/api/class/preflight'); });
    prepull.addEventListener('click', function () { start('/api/class/preflight/prepull'); });
    poll();
  }

  function init() {
    if (document.getElementById('matrix')) { matrixPage(); }
    if (document.getElementById('checks')) { preflightPage(); }
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); } else { init(); }
})();
