// certwatch dashboard — statistics charts with the locally served ECharts; data comes
// from the page's data attributes (the CSP forbids inline scripts).
(function () {
  'use strict';
  var box = document.getElementById('stats');
  if (!box || !window.echarts) return;
  var s = JSON.parse(box.getAttribute('data-stats'));
  var L = JSON.parse(box.getAttribute('data-labels'));
  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el) return;
    var c = window.echarts.init(el, null, { renderer: 'canvas' });
    c.setOption(Object.assign({ animation: false, tooltip: { trigger: 'axis', renderMode: 'richText' }, grid: { left: 40, right: 16, top: 40, bottom: 40 } }, option));
    window.addEventListener('resize', function () { c.resize(); });
  }
  var x = s.series.map(function (r) { return r.bucket; });
  function line(name, key) { return { name: name, type: 'line', data: s.series.map(function (r) { return r[key]; }) }; }
  chart('chart-series', {
    legend: { top: 0 },
    xAxis: { type: 'category', data: x },
    yAxis: { type: 'value', minInterval: 1 },
    series: [line(L.newSellers, 'new_sellers'), line(L.confirmedSellers, 'confirmed_sellers'), line(L.newListings, 'new_listings'), line(L.flaggedListings, 'flagged_listings')],
  });
  chart('chart-cert', {
    title: { text: L.byCert, textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    grid: { left: 120, right: 16, top: 36, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: s.byCert.slice(0, 12).map(function (r) { return r.code + ' ' + r.label; }).reverse() },
    series: [{ type: 'bar', data: s.byCert.slice(0, 12).map(function (r) { return r.listings; }).reverse() }],
  });
  chart('chart-platform', {
    title: { text: L.byPlatform, textStyle: { fontSize: 13 } },
    xAxis: { type: 'category', data: s.byPlatform.map(function (r) { return r.platform; }) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: s.byPlatform.map(function (r) { return r.listings; }) }],
  });
  chart('chart-status', {
    title: { text: L.byStatus, textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'item', renderMode: 'richText' },
    series: [{ type: 'pie', radius: ['35%', '65%'], top: 20, data: s.byStatus.map(function (r) { return { name: L.status[r.status] || r.status, value: r.sellers }; }) }],
  });
})();
