/* global document, window */
// A Print button on the pages laid out to print (src/web/ui/print.tsx renders it hidden, with a
// hint that works without it). Progressive enhancement: where the browser can print from a
// script, on a computer or a phone, the button is shown and the hint, now needless, hidden.
(function () {
  'use strict';
  if (typeof window.print !== 'function') return;
  var buttons = document.querySelectorAll('[data-print]');
  if (buttons.length === 0) return;
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener('click', function () {
      window.print();
    });
    buttons[i].hidden = false;
  }
  var hints = document.querySelectorAll('[data-print-hint]');
  for (var j = 0; j < hints.length; j++) hints[j].hidden = true;
})();
