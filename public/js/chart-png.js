// PNG of a dashboard chart (#16): the chart's SVG, already in the page, drawn on a canvas at 2x on
// white and saved as <prefix>-<chart>.png (the SVG download is <prefix>-<chart>.svg). No request
// is made, so no session-bearing URL is involved. The buttons stay hidden without this script.
(function () {
  'use strict';
  var SCALE = 2;
  var SVG_NS = 'http://www.w3.org/2000/svg';

  function sizeOf(svg) {
    var box = svg.viewBox && svg.viewBox.baseVal;
    var width = parseFloat(svg.getAttribute('width')) || (box && box.width) || svg.clientWidth;
    var height = parseFloat(svg.getAttribute('height')) || (box && box.height) || svg.clientHeight;
    return { width: width, height: height };
  }

  // The page's stylesheet does not reach an SVG drawn as an image: carry its colours and font.
  function standalone(svg, size) {
    var copy = svg.cloneNode(true);
    copy.setAttribute('xmlns', SVG_NS);
    copy.setAttribute('width', String(size.width));
    copy.setAttribute('height', String(size.height));
    var style = getComputedStyle(svg);
    copy.setAttribute('color', style.color);
    copy.setAttribute('font-family', style.fontFamily);
    return new XMLSerializer().serializeToString(copy);
  }

  // A data: URL, not a Blob URL: the page's CSP allows images from 'self' and data: only.
  function loadImage(xml) {
    return new Promise(function (resolve, reject) {
      var image = new Image();
      image.onload = function () {
        resolve(image);
      };
      image.onerror = function () {
        reject(new Error('the chart could not be drawn'));
      };
      image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(xml);
    });
  }

  function save(canvas, name) {
    canvas.toBlob(function (blob) {
      if (!blob) return;
      var url = URL.createObjectURL(blob);
      var link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () {
        URL.revokeObjectURL(url);
      }, 10000);
    }, 'image/png');
  }

  function exportPng(button) {
    var svg = button.closest('.dash-figure').querySelector('svg.chart-svg');
    if (!svg) return Promise.resolve();
    var size = sizeOf(svg);
    var holder = button.closest('[data-export-prefix]');
    var prefix = holder ? holder.getAttribute('data-export-prefix') : 'chart';
    return loadImage(standalone(svg, size)).then(function (image) {
      var canvas = document.createElement('canvas');
      canvas.width = Math.round(size.width * SCALE);
      canvas.height = Math.round(size.height * SCALE);
      var context = canvas.getContext('2d');
      context.fillStyle = '#fff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.scale(SCALE, SCALE);
      context.drawImage(image, 0, 0, size.width, size.height);
      save(canvas, prefix + '-' + button.getAttribute('data-chart-png') + '.png');
    });
  }

  var buttons = document.querySelectorAll('button[data-chart-png]');
  for (var i = 0; i < buttons.length; i++) {
    var button = buttons[i];
    var wrap = button.closest('.dash-png');
    if (wrap) wrap.hidden = false;
    button.addEventListener('click', function (event) {
      var target = event.currentTarget;
      target.disabled = true;
      exportPng(target)
        .catch(function (error) {
          target.setAttribute('title', error.message);
        })
        .then(function () {
          target.disabled = false;
        });
    });
  }
})();
