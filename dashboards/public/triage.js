// certwatch dashboard — the queue's place carried to the seller and listing pages (triage.js): j/k next/previous
// lead, c/d/e decide and go on to the next lead, u back to the queue at the next row (sessionStorage).
(function () {
  'use strict';
  var KEY = 'certwatch.queue';
  var cw = window.certwatch;
  function load() {
    try { return JSON.parse(window.sessionStorage.getItem(KEY) || 'null'); } catch (e) { return null; }
  }
  function save(q) {
    try { window.sessionStorage.setItem(KEY, JSON.stringify(q)); } catch (e) { /* private mode: no place kept */ }
  }
  cw.queuePlace = { load: load, save: save };

  var nav = document.getElementById('triage-nav');
  if (!nav) return;
  var sellerId = Number(nav.getAttribute('data-seller'));
  var i18n = JSON.parse(nav.getAttribute('data-i18n') || '{}');
  var q = load();
  var ids = q && q.ids ? q.ids : [];
  var at = ids.indexOf(sellerId);
  var place = nav.querySelector('.place');
  var msg = nav.querySelector('.msg');
  if (at >= 0 && place) place.textContent = i18n.place.replace('{i}', at + 1).replace('{n}', ids.length);
  function queueUrl() { return q && q.url ? q.url : '/'; }
  function go(id) { window.location.href = '/sellers/' + id + (q && q.stored ? '' : ''); }
  function back(nextId) {
    if (q) { q.cur = nextId || sellerId; save(q); }
    window.location.href = queueUrl();
  }
  function step(d) {
    if (at < 0) { back(); return; }
    var to = ids[at + d];
    if (to) { if (q) { q.cur = to; save(q); } go(to); }
    else if (d > 0) { if (msg) msg.textContent = i18n.end; back(); }
  }
  function decide(action) {
    var body = { ids: [sellerId], action: action };
    if (action === 'note') {
      var text = window.prompt(i18n.notePrompt, '');
      if (!text) return;
      body.note = text;
    }
    cw.post('/api/sellers/decision', body).then(function (res) {
      var r = res.results && res.results[0];
      if (!r || !r.ok) { if (msg) { msg.textContent = (r && r.error) || 'error'; msg.className = 'msg error'; } return; }
      if (msg) msg.textContent = (i18n.done && i18n.done[action]) || action;
      if (action === 'note' || action === 'claim') { window.location.reload(); return; }
      // The decided lead is done: on to the next one in the queue, or back to the queue at its place.
      if (q && q.done) q.done.push(sellerId); else if (q) q.done = [sellerId];
      if (q) save(q);
      step(1);
    }).catch(function (e) { if (msg) { msg.textContent = e.message; msg.className = 'msg error'; } });
  }
  cw.triage = { decide: decide, step: step, back: back };
  document.addEventListener('keydown', function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || cw.typing(ev)) return;
    var k = ev.key;
    if (k === 'j') step(1);
    else if (k === 'k') step(-1);
    else if (k === 'c') decide('confirm');
    else if (k === 'd') decide('dismiss');
    else if (k === 'e') decide('escalate');
    else if (k === 'a') decide('claim');
    else if (k === 'u') back(at >= 0 ? ids[at] : undefined);
    else return;
    ev.preventDefault();
  });
})();
