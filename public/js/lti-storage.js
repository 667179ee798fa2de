// LTI platform storage: where the LMS frame gets no cookies, the login puts a secret in the LMS's
// storage and the launch reads it back, by postMessage to the frame the platform named.
// https://www.imsglobal.org/spec/lti-pm-s/v0p1 · https://www.imsglobal.org/spec/lti-cs-oidc/v0p1
(function () {
  'use strict';
  var TIMEOUT_MS = 4000;
  var el = document.getElementById('lti-storage');
  if (!el) return;
  var d = el.dataset;

  function storageWindow() {
    var parentWindow = window.parent !== window ? window.parent : window.opener;
    if (!parentWindow) return null;
    if (d.target === '_parent') return parentWindow;
    try {
      return parentWindow.frames[d.target] || null;
    } catch (e) {
      return null;
    }
  }

  function messageId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return (b + 256).toString(16).slice(1);
    }).join('');
  }

  // Resolves with the platform's answer, or null when none comes from the platform in time.
  function ask(subject, fields) {
    return new Promise(function (resolve) {
      var target = storageWindow();
      if (!target) return resolve(null);
      var id = messageId();
      var timer = setTimeout(function () { done(null); }, TIMEOUT_MS);
      function done(answer) {
        clearTimeout(timer);
        window.removeEventListener('message', onMessage);
        resolve(answer);
      }
      function onMessage(event) {
        // Only the platform's origin may answer, and only to this message.
        if (event.origin !== d.origin) return;
        var data = event.data;
        if (!data || typeof data !== 'object' || data.message_id !== id) return;
        if (data.subject !== subject + '.response') return;
        done(data.error ? null : data);
      }
      window.addEventListener('message', onMessage);
      var message = { subject: subject, message_id: id };
      Object.keys(fields).forEach(function (name) { message[name] = fields[name]; });
      target.postMessage(message, d.origin);
    });
  }

  if (d.mode === 'login') {
    // Whatever the storage answers, the login goes on: the cookie may still get through.
    ask('lti.put_data', { key: d.key, value: d.value }).then(function () {
      window.location.replace(d.authUrl);
    });
  } else if (d.mode === 'launch') {
    ask('lti.get_data', { key: d.key }).then(function (answer) {
      var form = document.getElementById('storage-launch');
      var value = answer && typeof answer.value === 'string' ? answer.value : '';
      form.elements.namedItem('mc_storage_value').value = value;
      form.submit();
    });
  }
})();
