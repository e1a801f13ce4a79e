// certwatch dashboard — triage queue: j/k move, x select, c/d/e/n/a act on the selection
// (or the current row), v all posts in place, o/Enter open; the place is kept across pages.
(function () {
  'use strict';
  var table = document.getElementById('queue');
  if (!table) return;
  var cw = window.certwatch;
  var i18n = JSON.parse(table.getAttribute('data-i18n') || '{}');
  var me = table.getAttribute('data-me');
  var rows = Array.prototype.slice.call(table.querySelectorAll('tbody tr[data-id]'));
  var message = document.getElementById('queue-message');
  var counter = document.getElementById('selected-count');
  var cur = 0;

  function say(text, bad) {
    message.textContent = text;
    message.className = bad ? 'flash error' : 'flash';
  }
  var place = cw.queuePlace;
  var here = window.location.pathname + window.location.search;
  function remember() {
    if (!place || !rows.length) return;
    place.save({ url: here, ids: rows.map(function (r) { return Number(r.getAttribute('data-id')); }), cur: Number(rows[cur].getAttribute('data-id')) });
  }
  function focusRow(i) {
    if (!rows.length) return;
    cur = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach(function (r, k) { r.classList.toggle('current', k === cur); });
    var shown = rows[cur].nextElementSibling && rows[cur].nextElementSibling.classList.contains('posts-row') ? rows[cur].nextElementSibling : rows[cur];
    rows[cur].scrollIntoView({ block: 'nearest' });
    if (shown !== rows[cur]) shown.scrollIntoView({ block: 'nearest' });
    remember();
  }
  function toggleRow(row) {
    var next = row.nextElementSibling;
    var button = row.querySelector('button.expand');
    if (next && next.classList.contains('posts-row')) {
      next.parentNode.removeChild(next);
      if (button) { button.textContent = i18n.showAll; button.setAttribute('aria-expanded', 'false'); }
      return;
    }
    var tr = document.createElement('tr');
    tr.className = 'posts-row';
    var td = document.createElement('td');
    td.colSpan = row.children.length;
    td.textContent = i18n.loading;
    tr.appendChild(td);
    row.parentNode.insertBefore(tr, row.nextSibling);
    if (button) { button.textContent = i18n.hideAll; button.setAttribute('aria-expanded', 'true'); }
    fetch('/sellers/' + row.getAttribute('data-id') + '/posts', { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.text(); })
      // Our own server-rendered, escaped fragment (html/escape.ts, html/highlight.ts); the CSP runs no script in it.
      .then(function (text) { td.innerHTML = text; tr.scrollIntoView({ block: 'nearest' }); })
      .catch(function (e) { td.textContent = e.message; });
  }
  function selected() {
    var ids = rows.filter(function (r) { return r.querySelector('input.sel').checked; }).map(function (r) { return Number(r.getAttribute('data-id')); });
    return ids.length ? ids : rows.length ? [Number(rows[cur].getAttribute('data-id'))] : [];
  }
  function updateCount() {
    var n = rows.filter(function (r) { return r.querySelector('input.sel').checked; }).length;
    counter.textContent = n ? i18n.selected.replace('{n}', n) : '';
  }
  function rowOf(id) {
    return rows.filter(function (r) { return Number(r.getAttribute('data-id')) === id; })[0];
  }
  function showClaim(row, assignee) {
    var cell = row.querySelector('td.claim');
    row.setAttribute('data-assignee', assignee || '');
    row.classList.toggle('taken', !!assignee && assignee !== me);
    cell.textContent = !assignee ? '' : assignee === me ? i18n.claimedByMe : i18n.claimedBy.replace('{user}', assignee);
  }
  function act(action) {
    var ids = selected();
    if (!ids.length) return;
    // Only boxes ticked now are cleared when the answer comes: a row ticked while the request
    // was in flight belongs to the analyst's next action.
    var ticked = rows.filter(function (r) { return r.querySelector('input.sel').checked; });
    var body = { ids: ids, action: action };
    if (action === 'note') {
      var text = window.prompt(i18n.notePrompt, '');
      if (!text) return;
      body.note = text;
    }
    cw.post('/api/sellers/decision', body).then(function (res) {
      var failed = [];
      res.results.forEach(function (r) {
        var row = rowOf(r.sellerId);
        if (!row) return;
        if (!r.ok) { failed.push('#' + r.sellerId + ': ' + r.error); return; }
        var badge = row.querySelector('td.status .badge');
        if (r.status) {
          var lead = row.querySelector('td.status').getAttribute('data-category') === 'lead';
          badge.textContent = (lead ? i18n.status : i18n.statusNotLead)[r.status] || r.status;
          badge.className = 'badge s-' + r.status + (lead ? '' : ' not-lead');
        }
        if (r.assignee !== undefined) showClaim(row, r.assignee);
        else if (action !== 'note') showClaim(row, me);
        if (ticked.indexOf(row) >= 0) row.querySelector('input.sel').checked = false;
        row.classList.add('done');
      });
      updateCount();
      say(failed.length ? failed.join('; ') : (i18n.done && i18n.done[action] || action) + '：' + ids.map(function (i) { return '#' + i; }).join('、'), failed.length > 0);
      if (!failed.length && ids.length === 1 && action !== 'note' && action !== 'claim') {
        if (cur === rows.length - 1) say(i18n.end, false);
        focusRow(cur + 1);
      }
    }).catch(function (e) { say(e.message, true); });
  }

  document.addEventListener('keydown', function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || cw.typing(ev)) return;
    var k = ev.key;
    if (k === 'j') focusRow(cur + 1);
    else if (k === 'k') focusRow(cur - 1);
    else if (k === 'x') { var box = rows[cur] && rows[cur].querySelector('input.sel'); if (box) { box.checked = !box.checked; updateCount(); } }
    else if (k === 'c') act('confirm');
    else if (k === 'd') act('dismiss');
    else if (k === 'e') act('escalate');
    else if (k === 'n') act('note');
    else if (k === 'a') act('claim');
    else if (k === 'v') { if (rows[cur]) toggleRow(rows[cur]); }
    else if (k === 'o' || k === 'Enter') { if (rows[cur]) { remember(); window.location.href = rows[cur].querySelector('td.seller a').getAttribute('href'); } }
    else return;
    ev.preventDefault();
  });
  Array.prototype.forEach.call(document.querySelectorAll('.toolbar button[data-action]'), function (b) {
    b.addEventListener('click', function () { act(b.getAttribute('data-action')); });
  });
  rows.forEach(function (r, i) {
    var button = r.querySelector('button.expand');
    if (button) button.addEventListener('click', function (ev) { ev.stopPropagation(); focusRow(i); toggleRow(r); });
    r.addEventListener('click', function (ev) { if (ev.target.tagName !== 'A') focusRow(i); });
    r.querySelector('input.sel').addEventListener('change', updateCount);
  });

  function refreshClaims() {
    var ids = rows.map(function (r) { return r.getAttribute('data-id'); }).join(',');
    cw.get('/api/claims?ids=' + ids).then(function (res) {
      res.claims.forEach(function (c) {
        var row = rowOf(c.id);
        if (row && (row.getAttribute('data-assignee') || '') !== (c.assignee || '')) showClaim(row, c.assignee);
      });
    }).catch(function () { /* the next poll retries */ });
  }
  setInterval(refreshClaims, 10000);
  // Back from a seller or listing page: the row the analyst was on (or decided last) stays current.
  var saved = place && place.load();
  var start = 0;
  if (saved && saved.url === here && saved.cur) {
    var ids = rows.map(function (r) { return Number(r.getAttribute('data-id')); });
    var at = ids.indexOf(saved.cur);
    if (at < 0 && saved.ids) {
      // The lead left this view (decided): the first one after it that is still here.
      var from = saved.ids.indexOf(saved.cur);
      for (var n = from + 1; from >= 0 && n < saved.ids.length && at < 0; n++) at = ids.indexOf(saved.ids[n]);
    }
    if (at >= 0) start = at;
  }
  focusRow(start);
})();
