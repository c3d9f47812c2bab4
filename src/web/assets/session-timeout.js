/* global document, window, setTimeout, clearTimeout, fetch, URLSearchParams */
// Warns a signed-in person a little before their session ends for being idle, with a button to
// stay signed in (src/web/session-warning.tsx renders the hidden notice). Progressive
// enhancement: without this script nothing warns, and a form sent late keeps its answers.
(function () {
  'use strict';
  var box = document.getElementById('session-warning');
  if (!box || !window.fetch || !window.URLSearchParams) return;
  var idle = Number(box.getAttribute('data-idle-seconds'));
  var warnBefore = Number(box.getAttribute('data-warn-before-seconds'));
  if (!(idle > warnBefore) || !(warnBefore > 60)) return;
  var text = document.getElementById('session-warning-text');
  var form = box.querySelector('form');
  var button = form && form.querySelector('button');
  if (!text || !form || !button) return;
  var question = text.textContent;
  var warnTimer = 0;
  var endTimer = 0;

  function schedule() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    // Counted from this page's request; the server notes activity to the minute, so the end
    // is taken a minute early.
    warnTimer = setTimeout(show, (idle - warnBefore) * 1000);
    endTimer = setTimeout(ended, (idle - 60) * 1000);
  }

  function show() {
    text.textContent = question;
    button.hidden = false;
    box.hidden = false;
    button.focus();
  }

  function ended() {
    clearTimeout(warnTimer);
    text.textContent = box.getAttribute('data-ended-text');
    button.hidden = true;
    box.hidden = false;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var body = new URLSearchParams();
    var fields = form.querySelectorAll('input[type="hidden"]');
    for (var i = 0; i < fields.length; i++) body.append(fields[i].name, fields[i].value);
    fetch(form.action, { method: 'POST', body: body, credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) return ended();
        text.textContent = box.getAttribute('data-kept-text');
        button.hidden = true;
        setTimeout(function () {
          box.hidden = true;
        }, 4000);
        schedule();
      })
      .catch(ended);
  });

  schedule();
})();
