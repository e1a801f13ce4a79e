// certwatch dashboard — seller page: the same keys as the queue (c/d/e/n/a) press the
// page's buttons, and the stored-copy frame is scrolled into view when opened.
(function () {
  'use strict';
  var cw = window.certwatch;
  function press(action) {
    var input = document.querySelector('form.inline input[name="action"][value="' + action + '"]');
    if (input) input.form.submit();
  }
  document.addEventListener('keydown', function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || cw.typing(ev)) return;
    if (ev.key === 'c') press('confirm');
    else if (ev.key === 'd') press('dismiss');
    else if (ev.key === 'e') press('escalate');
    else if (ev.key === 'n') { var ta = document.querySelector('textarea[name="note"]'); if (ta) { ev.preventDefault(); ta.focus(); } }
    else if (ev.key === 'a') { var f = document.querySelector('form[action$="/claim"]'); if (f) f.submit(); }
  });
  var frame = document.querySelector('iframe.stored');
  if (frame) frame.scrollIntoView({ block: 'start' });
})();
