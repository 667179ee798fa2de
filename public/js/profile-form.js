// The profile form, enhanced: one short step at a time, the time zone guessed from the browser,
// ("not with" and the manager are found by person-search.js).
(function () {
  'use strict';
  var form = document.querySelector('form[data-steps]');
  if (!form) return;

  // --- time zone: the browser's guess, by its current IANA name (Asia/Calcutta → Asia/Kolkata)
  var zone = document.getElementById('timeZone');
  if (zone && !zone.value) {
    var guess = '';
    try {
      guess = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    } catch (e) {
      guess = '';
    }
    var aliases = {};
    try {
      aliases = JSON.parse(zone.getAttribute('data-aliases') || '{}');
    } catch (e) {
      aliases = {};
    }
    guess = aliases[guess] || guess;
    if (
      guess &&
      document.querySelector('#time-zone-list option[value="' + guess.replace(/"/g, '') + '"]')
    ) {
      zone.value = guess;
      var note = document.querySelector('[data-zone-guess]');
      if (note)
        note.textContent = 'We guessed ' + guess + ' from your device: change it if it is wrong.';
    }
  }

  // --- steps: with script, one section at a time with Back / Next; without, the whole form
  var steps = Array.prototype.slice.call(form.querySelectorAll('.step'));
  var links = document.querySelectorAll('[data-step-link]');
  var save = form.querySelector('.step-actions .button');
  function show(index, focus) {
    steps.forEach(function (s, i) {
      s.hidden = i !== index;
    });
    // One primary action at a time: "Next" until the last step, then "Save" (saving early still works).
    if (save) save.classList.toggle('button--secondary', index < steps.length - 1);
    Array.prototype.forEach.call(links, function (a) {
      if (a.getAttribute('data-step-link') === steps[index].id)
        a.setAttribute('aria-current', 'step');
      else a.removeAttribute('aria-current');
    });
    if (focus) {
      var h = steps[index].querySelector('h2');
      h.setAttribute('tabindex', '-1');
      h.focus();
    }
  }
  function button(label, onClick, secondary) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'button' + (secondary ? ' button--secondary' : '');
    b.textContent = label;
    b.addEventListener('click', onClick);
    return b;
  }
  if (steps.length > 1) {
    steps.forEach(function (s, i) {
      var nav = document.createElement('p');
      nav.className = 'actions';
      if (i > 0)
        nav.appendChild(
          button(
            'Back',
            function () {
              show(i - 1, true);
            },
            true,
          ),
        );
      if (i < steps.length - 1)
        nav.appendChild(
          button(
            'Next: ' +
              steps[i + 1].querySelector('h2').textContent.replace(/^Step \d+ of \d+:\s*/, ''),
            function () {
              show(i + 1, true);
            },
          ),
        );
      s.appendChild(nav);
    });
    Array.prototype.forEach.call(links, function (a) {
      a.addEventListener('click', function (ev) {
        var i = steps.findIndex(function (s) {
          return s.id === a.getAttribute('data-step-link');
        });
        if (i >= 0) {
          ev.preventDefault();
          show(i, true);
        }
      });
    });
    var invalid = form.querySelector('.field--invalid');
    var start = invalid
      ? steps.findIndex(function (s) {
          return s.contains(invalid);
        })
      : 0;
    show(Math.max(0, start), false);
  }
})();
