// Tells the LMS how tall the page is, so a long page grows the frame instead of scrolling inside it.
// Canvas and Moodle honour lti.frameResize: https://canvas.instructure.com/doc/api/file.lti_window_post_message.html
(function () {
  'use strict';
  if (window.parent === window) return;
  var last = 0;
  var queued = false;

  function send() {
    queued = false;
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    // The height is not secret and the LMS origin is not known to the page: any parent may read it.
    window.parent.postMessage({ subject: 'lti.frameResize', height: height }, '*');
  }

  function schedule() {
    if (queued) return;
    queued = true;
    window.requestAnimationFrame(send);
  }

  if (window.ResizeObserver) new ResizeObserver(schedule).observe(document.documentElement);
  window.addEventListener('load', schedule);
  document.addEventListener('toggle', schedule, true);
  schedule();
})();
