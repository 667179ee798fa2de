/*
 * Mentoring Circles SCORM launcher (plain JS, no build step). Finds the LMS API the standard way,
 * initializes, reads the learner, opens the tool with a signed single-use launch request, and
 * turns the tool's progress messages into SCORM data model values. Terminate/LMSFinish once.
 * @see SCORM 1.2 RTE 3.3 (API discovery, 7 levels); SCORM 2004 4th Ed. RTE 3.1.2 (500 levels)
 */
(function () {
  'use strict';
  var cfg = window.MC_PACKAGE;
  var is2004 = cfg.kind === 'scorm2004';
  var API_NAME = is2004 ? 'API_1484_11' : 'API';
  var MAX_LEVELS = is2004 ? 500 : 7;
  var FN = is2004
    ? { init: 'Initialize', finish: 'Terminate', get: 'GetValue', set: 'SetValue', commit: 'Commit', error: 'GetLastError' }
    : { init: 'LMSInitialize', finish: 'LMSFinish', get: 'LMSGetValue', set: 'LMSSetValue', commit: 'LMSCommit', error: 'LMSGetLastError' };
  var EL = is2004
    ? { id: 'cmi.learner_id', name: 'cmi.learner_name', session: 'cmi.session_time', exit: 'cmi.exit' }
    : { id: 'cmi.core.student_id', name: 'cmi.core.student_name', session: 'cmi.core.session_time', exit: 'cmi.core.exit' };
  var HELLO_TIMEOUT_MS = 20000;
  var startedAt = Date.now();
  var api = null, finished = false, toolWindow = null, helloSeen = false, applied = {}, completed = false;

  function $(id) { return document.getElementById(id); }
  function show(message, advice, isError) {
    document.body.classList.remove('mc-framed');
    $('mc-status').classList.toggle('mc-error', !!isError);
    $('mc-message').textContent = message;
    $('mc-advice').textContent = advice || '';
    $('mc-advice').hidden = !advice;
  }

  function apiIn(win) {
    var levels = 0;
    try {
      while (win && !win[API_NAME] && win.parent && win.parent !== win) {
        if (++levels > MAX_LEVELS) return null;
        win = win.parent;
      }
      return (win && win[API_NAME]) || null;
    } catch (e) {
      return null; // a cross-origin ancestor: the API is not above it
    }
  }
  function findApi() {
    var found = apiIn(window);
    if (!found && window.opener) found = apiIn(window.opener);
    if (!found && window.top && window.top.opener) found = apiIn(window.top.opener);
    return found;
  }

  function call(name, a, b) {
    try { return String(api[FN[name]](a === undefined ? '' : a, b)); } catch (e) { return 'false'; }
  }
  function get(element) { return call('get', element); }
  function set(element, value) {
    if (applied[element] === value) return false;
    var ok = call('set', element, value) === 'true';
    if (ok) applied[element] = value;
    return ok;
  }

  function pad(n, width) { var s = String(n); while (s.length < width) s = '0' + s; return s; }
  /** 1.2: HHHH:MM:SS.SS (CMITimespan); 2004: an ISO 8601 duration (timeinterval). */
  function sessionTime() {
    var cs = Math.floor((Date.now() - startedAt) / 10), s = Math.floor(cs / 100);
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60, frac = cs % 100;
    if (is2004) return 'PT' + h + 'H' + m + 'M' + sec + '.' + pad(frac, 2) + 'S';
    return pad(Math.min(h, 9999), 4) + ':' + pad(m, 2) + ':' + pad(sec, 2) + '.' + pad(frac, 2);
  }
  function commit() {
    if (finished) return;
    call('set', EL.session, sessionTime());
    call('commit');
  }

  function applyProgress(p) {
    var changed = false;
    var done = p.completed === true || completed; // once completed, a later message never undoes it
    completed = done;
    var score = typeof p.scaledScore === 'number' ? Math.max(0, Math.min(1, p.scaledScore)) : null;
    if (is2004) {
      changed = set('cmi.completion_status', done ? 'completed' : 'incomplete') || changed;
      if (p.passed === true) changed = set('cmi.success_status', 'passed') || changed;
      if (typeof p.progressMeasure === 'number') {
        changed = set('cmi.progress_measure', String(done ? 1 : Math.max(0, Math.min(1, p.progressMeasure)))) || changed;
      }
      if (score !== null) {
        changed = set('cmi.score.scaled', String(score)) || changed;
        changed = set('cmi.score.min', '0') || changed;
        changed = set('cmi.score.max', '100') || changed;
        changed = set('cmi.score.raw', String(Math.round(score * 100))) || changed;
      }
    } else {
      var status = done ? (p.passed === true ? 'passed' : 'completed') : 'incomplete';
      changed = set('cmi.core.lesson_status', status) || changed;
      if (score !== null) {
        changed = set('cmi.core.score.min', '0') || changed;
        changed = set('cmi.core.score.max', '100') || changed;
        changed = set('cmi.core.score.raw', String(Math.round(score * 100))) || changed;
      }
    }
    if (changed) commit();
  }

  function finish() {
    if (finished || !api) return;
    call('set', EL.exit, completed ? (is2004 ? 'normal' : '') : 'suspend');
    commit();
    finished = true;
    call('finish');
  }

  function hex(bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return s;
  }
  function randomNonce() {
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    return hex(b);
  }
  function sign(text) {
    var enc = new TextEncoder(), key = enc.encode(cfg.secret), data = enc.encode(text);
    if (window.crypto && window.crypto.subtle && window.isSecureContext) {
      return window.crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
        .then(function (k) { return window.crypto.subtle.sign('HMAC', k, data); })
        .then(function (sig) { return hex(new Uint8Array(sig)); });
    }
    return Promise.resolve(hex(window.MC_HMAC_SHA256(key, data)));
  }

  /** A fresh signed launch request, posted into the frame (or a window) by name. */
  function launch(learner, target) {
    var fields = { p: cfg.packageId, k: cfg.kind, l: learner.id, n: learner.name,
      t: String(Math.floor(Date.now() / 1000)), x: randomNonce(), o: window.location.origin };
    var text = ['mc-package-launch-v1', fields.p, fields.k, fields.l, fields.n, fields.t, fields.x, fields.o].join('\n');
    return sign(text).then(function (sig) {
      fields.sig = sig;
      var form = document.createElement('form');
      form.method = 'post';
      form.action = cfg.launchUrl;
      form.target = target;
      form.acceptCharset = 'utf-8';
      Object.keys(fields).forEach(function (name) {
        var input = document.createElement('input');
        input.type = 'hidden'; input.name = name; input.value = fields[name];
        form.appendChild(input);
      });
      document.body.appendChild(form);
      form.submit();
      form.parentNode.removeChild(form);
    });
  }

  function openInWindow(learner) {
    toolWindow = window.open('', 'mc-tool-window');
    if (!toolWindow) {
      show('Your browser blocked the new window.', 'Allow pop-ups for this site, then press the button again.', true);
      return;
    }
    show('The mentoring program is open in another window.', 'Keep this page open: it records your progress in the LMS.');
    $('mc-open-window').hidden = true;
    $('mc-frame').hidden = true;
    launch(learner, 'mc-tool-window');
  }

  function onMessage(event) {
    if (event.origin !== cfg.toolOrigin) return;
    var frame = $('mc-frame');
    var fromTool = event.source === (frame && frame.contentWindow) || (toolWindow && event.source === toolWindow);
    if (!fromTool || !event.data || typeof event.data !== 'object') return;
    if (event.data.type === 'mc-hello') {
      helloSeen = true;
      if (!toolWindow) { document.body.classList.add('mc-framed'); }
    }
    if (event.data.type === 'mc-progress' && event.data.progress) applyProgress(event.data.progress);
  }

  function start() {
    $('mc-title').textContent = cfg.title;
    api = findApi();
    if (!api) {
      show('This activity has to be opened from your LMS.',
        'The LMS\u2019s SCORM interface (' + API_NAME + ') was not found around this page. Open the activity from your course in the LMS; if you did, tell your LMS administrator.', true);
      return;
    }
    if (call('init') !== 'true') {
      show('The LMS did not start this activity (error ' + call('error') + ').', 'Close it and open it again from your course.', true);
      return;
    }
    var learner = { id: get(EL.id), name: get(EL.name) };
    if (!learner.id) {
      show('The LMS did not say who you are.', 'Open the activity as a signed-in learner.', true);
      return;
    }
    var status = get(is2004 ? 'cmi.completion_status' : 'cmi.core.lesson_status');
    completed = status === 'completed' || status === 'passed';
    if (!completed && (status === 'not attempted' || status === 'unknown' || status === '')) {
      set(is2004 ? 'cmi.completion_status' : 'cmi.core.lesson_status', 'incomplete');
      commit();
    }
    window.addEventListener('message', onMessage);
    window.addEventListener('pagehide', finish);
    $('mc-open-window').addEventListener('click', function () { openInWindow(learner); });
    var frame = $('mc-frame');
    frame.hidden = false;
    document.body.classList.add('mc-framed');
    launch(learner, 'mc-tool');
    // No word from the tool yet: the LMS or the browser may block it in a frame. The frame stays
    // (it may show the tool's own refusal page); a way out is offered above it.
    setTimeout(function () {
      if (helloSeen || toolWindow) return;
      show('Does the mentoring program not appear below?',
        'Your LMS or browser may block it inside this page. Open it in a new window instead.', false);
      $('mc-open-window').hidden = false;
    }, HELLO_TIMEOUT_MS);
  }

  start();
})();
