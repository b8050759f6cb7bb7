/* Breakfix browser terminal: xterm.js over a WebSocket to /learn/terminal/{scenario}.
   Binary frames carry the shell's bytes both ways; text frames carry JSON status and resize messages. */
(function () {
  'use strict';
  var screen = document.getElementById('terminal');
  var statusEl = document.getElementById('term-status');
  var reconnectBtn = document.getElementById('term-reconnect');
  var encoder = new TextEncoder();
  // the page's texts, in its language (data attributes set by the template)
  function t(key) {
    return screen.dataset[key] || key;
  }
  var term = new Terminal({
    cursorBlink: true,
    convertEol: false,
    scrollback: 5000,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace',
    fontSize: 14,
    theme: { background: '#0f1419', foreground: '#e6e1cf', cursor: '#ffcc66' }
  });
  var fit = new FitAddon.FitAddon();
  term.loadAddon(fit);
  term.open(screen);
  // for the browser console and the browser tests: window.breakfixTerminal.buffer.active ...
  window.breakfixTerminal = term;
  fit.fit();
  term.focus();

  var ws = null;
  var state = 'idle';

  function setStatus(text, s) {
    statusEl.textContent = text;
    statusEl.dataset.state = s || '';
  }

  function note(text, colour) {
    term.write('\r\n\x1b[' + (colour || '2') + 'm' + text + '\x1b[0m\r\n');
  }

  function sendResize() {
    if (ws && ws.readyState === WebSocket.OPEN) {
      ws.send(JSON.stringify({ type: 'resize', cols: term.cols, rows: term.rows }));
    }
  }

  function connect() {
    if (ws && (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING)) {
      return;
    }
    reconnectBtn.hidden = true;
    state = 'connecting';
    setStatus(t('starting'), 'starting');
    note(t('starting'));
    var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + screen.dataset.socket;
    ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    ws.onopen = function () {
      fit.fit();
      sendResize();
    };
    ws.onmessage = function (event) {
      if (typeof event.data !== 'string') {
        term.write(new Uint8Array(event.data));
        return;
      }
      var msg;
      try { msg = JSON.parse(event.data); } catch (e) { return; }
      if (msg.type === 'status') {
        setStatus(msg.message, 'starting');
        if (msg.message !== 'Starting your terminal…' && msg.message !== t('starting')) { note(msg.message); }
      } else if (msg.type === 'ready') {
        state = 'ready';
        setStatus(t('connected'), 'ready');
        term.focus();
      } else if (msg.type === 'exit') {
        // the server words it in English: say it in the page's language
        var ended = /^The shell ended(?: \(exit code (-?\d+)\))?\.$/.exec(msg.message || '');
        note(!ended ? msg.message : ended[1] ? t('shellEndedCode').replace('%n', ended[1]) : t('shellEnded'));
      } else if (msg.type === 'error') {
        setStatus(t('error'), 'error');
        note(msg.message, '31');
      }
    };
    ws.onclose = function (event) {
      state = 'closed';
      ws = null;
      var why = event.code === 1008 ? t('sessionEnded') :
        event.code === 1006 ? t('lost') : t('closed');
      setStatus(t('disconnected'), 'closed');
      note(why + ' ' + t('restart'), '33');
      reconnectBtn.hidden = false;
      if (event.code === 1008) { setTimeout(function () { location.href = '/'; }, 2500); }
    };
  }

  term.onData(function (data) {
    if (ws && ws.readyState === WebSocket.OPEN) {
      ws.send(encoder.encode(data));
    } else if (state === 'closed' && (data === '\r' || data === '\n')) {
      connect();
    }
  });
  term.onBinary(function (data) {
    if (ws && ws.readyState === WebSocket.OPEN) {
      var bytes = new Uint8Array(data.length);
      for (var i = 0; i < data.length; i++) { bytes[i] = data.charCodeAt(i) & 0xff; }
      ws.send(bytes);
    }
  });
  term.onResize(sendResize);

  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { fit.fit(); }, 80);
  });
  reconnectBtn.addEventListener('click', function () { connect(); term.focus(); });

  connect();
}());
