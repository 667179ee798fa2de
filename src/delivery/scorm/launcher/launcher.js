/*
 * Mentoring Circles SCORM launcher (plain JS, no build step): starts the SCORM runtime, opens the
 * tool with a signed launch request in its frame (or a window), and hands the tool's progress
 * messages, from the tool's origin and its frame or window only, to the runtime.
 */
(function () {
  'use strict';
  var cfg = window.MC_PACKAGE;
  var scorm = window.McScormRuntime(cfg.kind);
  var HELLO_TIMEOUT_MS = 20000;
  var toolWindow = null,
    helloSeen = false;

  function $(id) {
    return document.getElementById(id);
  }
  function show(message, advice, isError) {
    document.body.classList.remove('mc-framed');
    $('mc-status').classList.toggle('mc-error', !!isError);
    $('mc-message').textContent = message;
    $('mc-advice').textContent = advice || '';
    $('mc-advice').hidden = !advice;
  }

  function openInWindow(learner) {
    toolWindow = window.open('', 'mc-tool-window');
    if (!toolWindow) {
      show(
        'Your browser blocked the new window.',
        'Allow pop-ups for this site, then press the button again.',
        true
      );
      return;
    }
    show(
      'The mentoring program is open in another window.',
      'Keep this page open: it records your progress in the LMS.'
    );
    $('mc-open-window').hidden = true;
    $('mc-frame').hidden = true;
    window.McLaunchRequest.post(cfg, learner, 'mc-tool-window');
  }

  function onMessage(event) {
    if (event.origin !== cfg.toolOrigin) return;
    var frame = $('mc-frame');
    var fromTool =
      event.source === (frame && frame.contentWindow) ||
      (toolWindow && event.source === toolWindow);
    if (!fromTool || !event.data || typeof event.data !== 'object') return;
    if (event.data.type === 'mc-hello') {
      helloSeen = true;
      if (!toolWindow) {
        document.body.classList.add('mc-framed');
      }
    }
    if (event.data.type === 'mc-progress' && event.data.progress)
      scorm.applyProgress(event.data.progress);
  }

  function start() {
    $('mc-title').textContent = cfg.title;
    var begun = scorm.begin();
    if (begun.problem === 'no-api') {
      show(
        'This activity has to be opened from your LMS.',
        'The LMS\u2019s SCORM interface (' +
          begun.apiName +
          ') was not found around this page. Open the activity from your course in the LMS; ' +
          'if you did, tell your LMS administrator.',
        true
      );
      return;
    }
    if (begun.problem === 'init') {
      show(
        'The LMS did not start this activity (error ' + begun.error + ').',
        'Close it and open it again from your course.',
        true
      );
      return;
    }
    if (begun.problem) {
      show('The LMS did not say who you are.', 'Open the activity as a signed-in learner.', true);
      return;
    }
    var learner = begun.learner;
    window.addEventListener('message', onMessage);
    window.addEventListener('pagehide', scorm.finish);
    $('mc-open-window').addEventListener('click', function () {
      openInWindow(learner);
    });
    var frame = $('mc-frame');
    frame.hidden = false;
    document.body.classList.add('mc-framed');
    window.McLaunchRequest.post(cfg, learner, 'mc-tool');
    // No word from the tool yet: the LMS or the browser may block it in a frame. The frame stays
    // (it may show the tool's own refusal page); a way out is offered above it.
    setTimeout(function () {
      if (helloSeen || toolWindow) return;
      show(
        'Does the mentoring program not appear below?',
        'Your LMS or browser may block it inside this page. Open it in a new window instead.',
        false
      );
      $('mc-open-window').hidden = false;
    }, HELLO_TIMEOUT_MS);
  }

  start();
})();
