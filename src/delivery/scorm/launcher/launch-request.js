/*
 * The signed, single-use launch request the tool checks (scorm-launch.ts: the same fields in the
 * same order).
 */
(function () {
  'use strict';

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
  function sign(cfg, text) {
    var enc = new TextEncoder(),
      key = enc.encode(cfg.secret),
      data = enc.encode(text);
    if (window.crypto && window.crypto.subtle && window.isSecureContext) {
      return window.crypto.subtle
        .importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
        .then(function (k) {
          return window.crypto.subtle.sign('HMAC', k, data);
        })
        .then(function (sig) {
          return hex(new Uint8Array(sig));
        });
    }
    return Promise.resolve(hex(window.MC_HMAC_SHA256(key, data)));
  }

  /** A fresh signed launch request, posted into the frame (or a window) by name. */
  function launch(cfg, learner, target) {
    var fields = {
      p: cfg.packageId,
      k: cfg.kind,
      l: learner.id,
      n: learner.name,
      t: String(Math.floor(Date.now() / 1000)),
      x: randomNonce(),
      o: window.location.origin,
    };
    var text = [
      'mc-package-launch-v1',
      fields.p,
      fields.k,
      fields.l,
      fields.n,
      fields.t,
      fields.x,
      fields.o,
    ].join('\n');
    return sign(cfg, text).then(function (sig) {
      fields.sig = sig;
      var form = document.createElement('form');
      form.method = 'post';
      form.action = cfg.launchUrl;
      form.target = target;
      form.acceptCharset = 'utf-8';
      Object.keys(fields).forEach(function (name) {
        var input = document.createElement('input');
        input.type = 'hidden';
        input.name = name;
        input.value = fields[name];
        form.appendChild(input);
      });
      document.body.appendChild(form);
      form.submit();
      form.parentNode.removeChild(form);
    });
  }

  window.McLaunchRequest = { post: launch };
})();
