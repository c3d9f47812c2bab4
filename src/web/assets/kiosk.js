/* global document, window */
// The self-service kiosk's idle reset (src/identity/pages/kiosk.tsx): after
// data-kiosk-idle-seconds without a touch or a key, the screen starts again. With a flow under
// way the reset form is posted, so the server ends the flow and its code at once; the server
// also ends a flow on its own after two idle minutes, in case this script never runs.
(function () {
  'use strict';
  var body = document.body;
  var seconds = Number(body.getAttribute('data-kiosk-idle-seconds'));
  if (!(seconds > 0)) return;
  var home = body.getAttribute('data-kiosk-home') || '/staff/kiosk';
  var timer = 0;
  function reset() {
    var form = document.getElementById('kiosk-reset');
    if (form) form.submit();
    else window.location.assign(home);
  }
  function restart() {
    window.clearTimeout(timer);
    timer = window.setTimeout(reset, seconds * 1000);
  }
  ['pointerdown', 'keydown', 'input', 'touchstart'].forEach(function (name) {
    document.addEventListener(name, restart, { passive: true, capture: true });
  });
  restart();
})();
