// certwatch dashboard — statistics charts with the locally served ECharts; data comes from the page's
// data attributes (the CSP forbids inline scripts). Axis labels are never cut or skipped: grids
// contain their labels, every category label is drawn (interval 0), long ones wrap.
(function () {
  'use strict';
  var box = document.getElementById('stats');
  if (!box || !window.echarts) return;
  var s = JSON.parse(box.getAttribute('data-stats'));
  var L = JSON.parse(box.getAttribute('data-labels'));
  var charts = [];
  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el) return;
    var c = window.echarts.init(el, null, { renderer: 'canvas' });
    c.setOption(Object.assign({
      animation: false,
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      grid: { left: 8, right: 16, top: 48, bottom: 8, containLabel: true },
    }, option));
    charts.push(c);
  }
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  function wrap(text, width) {
    var out = '';
    for (var i = 0; i < text.length; i += width) out += (i ? '\n' : '') + text.slice(i, i + width);
    return out;
  }
  var x = s.series.map(function (r) { return s.period === 'month' ? r.bucket.slice(0, 7) : r.bucket; });
  function line(name, key) { return { name: name, type: 'line', data: s.series.map(function (r) { return r[key]; }) }; }
  chart('chart-series', {
    legend: { top: 0, type: 'scroll' },
    xAxis: { type: 'category', data: x, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [line(L.newListings, 'new_listings'), line(L.flaggedListings, 'flagged_listings'), line(L.newSellers, 'new_sellers'),
      line(L.confirmedSellers, 'confirmed_sellers'), line(L.referredCases, 'referred_cases'), line(L.closedCases, 'closed_cases')],
  });
  var certs = s.byCert.slice(0, 12);
  chart('chart-cert', {
    title: { text: L.byCert, textStyle: { fontSize: 13 } },
    legend: { top: 22, right: 0, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 24, top: 56, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, axisLabel: { interval: 0, fontSize: 11, formatter: function (v) { return wrap(v, 12); } }, data: L.certNames.slice(0, 12) },
    series: [
      { name: L.leads, type: 'bar', data: certs.map(function (r) { return r.leads; }) },
      { name: L.flaggedListings, type: 'bar', data: certs.map(function (r) { return r.listings; }) },
    ],
  });
  chart('chart-platform', {
    title: { text: L.byPlatform, textStyle: { fontSize: 13 } },
    legend: { top: 22, right: 0, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: L.platformNames, axisLabel: { interval: 0, rotate: L.platformNames.length > 4 ? 30 : 0, fontSize: 11 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: L.leads, type: 'bar', data: s.byPlatform.map(function (r) { return r.leads; }) },
      { name: L.flaggedListings, type: 'bar', data: s.byPlatform.map(function (r) { return r.listings; }) },
    ],
  });
  chart('chart-status', {
    title: { text: L.byStatus, textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'item', renderMode: 'richText' },
    series: [{ type: 'pie', radius: ['35%', '62%'], top: 24, label: { formatter: '{b} {c}' }, data: s.byStatus.map(function (r) { return { name: L.status[r.status] || r.status, value: r.sellers }; }) }],
  });
})();
