// certwatch dashboard — seller page: the queue's keys come from triage.js (j/k, c/d/e/a decide
// and go on to the next lead, u back to the queue); here n focuses the note, r the referral form.
(function () {
  'use strict';
  var cw = window.certwatch;
  document.addEventListener('keydown', function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || cw.typing(ev)) return;
    if (ev.key === 'n') { var ta = document.querySelector('textarea[name="note"]'); if (ta) { ev.preventDefault(); ta.focus(); } }
    else if (ev.key === 'r') { var unit = document.querySelector('form[action$="/refer"] input[name="unit"], form[action$="/close"] input[name="outcome"]'); if (unit) { ev.preventDefault(); unit.focus(); } }
  });
  var frame = document.querySelector('iframe.stored');
  if (frame) frame.scrollIntoView({ block: 'start' });
})();
