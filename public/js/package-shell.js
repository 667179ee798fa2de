// The tool's side of a SCORM package: tells the launcher (the LMS's SCO page) that the tool opened
// and, after every page the learner opens and every few seconds, where they stand. Messages go to
// the launcher's origin only (pinned at launch); the launcher accepts only the tool's origin.
(function () {
  'use strict';
  var frame = document.getElementById('mc-program');
  var progressUrl = frame.getAttribute('data-progress-url');
  var origin = frame.getAttribute('data-launcher-origin');
  var launcher = window.parent !== window ? window.parent : window.opener;
  if (!launcher || !origin) return;
  var POLL_MS = 15000;
  var last = '';

  function post(message) {
    try {
      launcher.postMessage(message, origin);
    } catch (e) {
      /* the launcher is gone */
    }
  }

  function report() {
    fetch(progressUrl, { headers: { Accept: 'application/json' }, credentials: 'omit' })
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .then(function (body) {
        if (!body || !body.progress) return;
        var text = JSON.stringify(body.progress);
        if (text === last) return;
        last = text;
        post({ type: 'mc-progress', progress: body.progress });
      })
      .catch(function () {
        /* offline for a moment: the next tick tries again */
      });
  }

  post({ type: 'mc-hello' });
  frame.addEventListener('load', report);
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden) report();
  });
  setInterval(report, POLL_MS);
  report();
})();
