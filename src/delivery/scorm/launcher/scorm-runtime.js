/*
 * The LMS side of the launcher: finds the SCORM API the standard way, reads the learner, and turns
 * the tool's progress into data model values, committing after each change; Terminate/LMSFinish
 * once. @see SCORM 1.2 RTE 3.3 (API discovery, 7 levels); SCORM 2004 4th Ed. RTE 3.1.2 (500 levels)
 */
(function () {
  'use strict';
  window.McScormRuntime = function (kind) {
    var is2004 = kind === 'scorm2004';
    var API_NAME = is2004 ? 'API_1484_11' : 'API';
    var MAX_LEVELS = is2004 ? 500 : 7;
    var FN = is2004
      ? {
          init: 'Initialize',
          finish: 'Terminate',
          get: 'GetValue',
          set: 'SetValue',
          commit: 'Commit',
          error: 'GetLastError',
        }
      : {
          init: 'LMSInitialize',
          finish: 'LMSFinish',
          get: 'LMSGetValue',
          set: 'LMSSetValue',
          commit: 'LMSCommit',
          error: 'LMSGetLastError',
        };
    var EL = is2004
      ? {
          id: 'cmi.learner_id',
          name: 'cmi.learner_name',
          session: 'cmi.session_time',
          exit: 'cmi.exit',
        }
      : {
          id: 'cmi.core.student_id',
          name: 'cmi.core.student_name',
          session: 'cmi.core.session_time',
          exit: 'cmi.core.exit',
        };
    var startedAt = Date.now();
    var api = null,
      finished = false,
      applied = {},
      completed = false;

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
      try {
        return String(api[FN[name]](a === undefined ? '' : a, b));
      } catch (e) {
        return 'false';
      }
    }
    function get(element) {
      return call('get', element);
    }
    function set(element, value) {
      if (applied[element] === value) return false;
      var ok = call('set', element, value) === 'true';
      if (ok) applied[element] = value;
      return ok;
    }

    function pad(n, width) {
      var s = String(n);
      while (s.length < width) s = '0' + s;
      return s;
    }
    /** 1.2: HHHH:MM:SS.SS (CMITimespan); 2004: an ISO 8601 duration (timeinterval). */
    function sessionTime() {
      var cs = Math.floor((Date.now() - startedAt) / 10),
        s = Math.floor(cs / 100);
      var h = Math.floor(s / 3600),
        m = Math.floor((s % 3600) / 60),
        sec = s % 60,
        frac = cs % 100;
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
      // Once completed, a later message never undoes it.
      var done = p.completed === true || completed;
      completed = done;
      var score =
        typeof p.scaledScore === 'number' ? Math.max(0, Math.min(1, p.scaledScore)) : null;
      if (is2004) {
        changed = set('cmi.completion_status', done ? 'completed' : 'incomplete') || changed;
        if (p.passed === true) changed = set('cmi.success_status', 'passed') || changed;
        if (typeof p.progressMeasure === 'number') {
          changed =
            set(
              'cmi.progress_measure',
              String(done ? 1 : Math.max(0, Math.min(1, p.progressMeasure)))
            ) || changed;
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

    /** Initialize, read the learner, and mark a first attempt incomplete; or the problem. */
    function begin() {
      api = findApi();
      if (!api) return { problem: 'no-api', apiName: API_NAME };
      if (call('init') !== 'true') return { problem: 'init', error: call('error') };
      var learner = { id: get(EL.id), name: get(EL.name) };
      if (!learner.id) return { problem: 'no-learner' };
      var statusElement = is2004 ? 'cmi.completion_status' : 'cmi.core.lesson_status';
      var status = get(statusElement);
      completed = status === 'completed' || status === 'passed';
      if (!completed && (status === 'not attempted' || status === 'unknown' || status === '')) {
        set(statusElement, 'incomplete');
        commit();
      }
      return { learner: learner };
    }

    return { begin: begin, applyProgress: applyProgress, finish: finish };
  };
})();
