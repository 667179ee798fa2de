// Finds participants by name (a page of JSON from the program) and adds them as ticked boxes,
// instead of a list of everyone: the profile's "not with" and manager, the staff's pin or forbid.
(function () {
  'use strict';
  function button(label, onClick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'button button--small button--secondary';
    b.textContent = label;
    b.addEventListener('click', onClick);
    return b;
  }
  // --- person search: a page of names from the program, added as ticked boxes
  Array.prototype.forEach.call(document.querySelectorAll('[data-person-search]'), function (box) {
    var name = box.getAttribute('data-person-search');
    var picked = document.querySelector('[data-picked="' + name + '"]');
    var multiple = picked.hasAttribute('data-multiple');
    var input = box.querySelector('input[type=search]');
    var results = box.querySelector('.search-results');
    var timer = null;
    function add(person) {
      if (!multiple)
        Array.prototype.forEach.call(picked.querySelectorAll('input'), function (i) {
          if (i.value) i.closest('li').remove();
        });
      if (!picked.querySelector('input[value="' + person.id + '"]')) {
        var li = document.createElement('li');
        var label = document.createElement('label');
        label.className = 'choice';
        var tick = document.createElement('input');
        tick.type = multiple ? 'checkbox' : 'radio';
        tick.name = name;
        tick.value = person.id;
        label.appendChild(tick);
        label.appendChild(document.createTextNode(' ' + person.name));
        li.appendChild(label);
        picked.appendChild(li);
      }
      picked.querySelector('input[value="' + person.id + '"]').checked = true;
      results.textContent = '';
      input.value = '';
      input.focus();
    }
    function search() {
      var q = input.value.trim();
      results.textContent = '';
      if (q.length < 2) return;
      var url = box.getAttribute('data-url') + '&q=' + encodeURIComponent(q);
      fetch(url, { headers: { Accept: 'application/json' } })
        .then(function (r) {
          return r.ok ? r.json() : { people: [] };
        })
        .then(function (data) {
          if (input.value.trim() !== q) return;
          results.textContent = '';
          if (!data.people.length) {
            var none = document.createElement('li');
            none.textContent = 'No one of that name in this program.';
            results.appendChild(none);
          }
          data.people.forEach(function (person) {
            var li = document.createElement('li');
            li.appendChild(
              button('Add ' + person.name, function () {
                add(person);
              }),
            );
            results.appendChild(li);
          });
          if (data.more) {
            var more = document.createElement('li');
            more.className = 'hint';
            more.textContent = 'More people match: type more of the name.';
            results.appendChild(more);
          }
        });
    }
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(search, 250);
    });
    input.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter') {
        ev.preventDefault();
        search();
      }
    });
  });
})();
