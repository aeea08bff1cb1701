// Cases opened per month (ECharts line).
(function () {
  "use strict";
  var el = document.getElementById("case-trend");
  var dataEl = document.getElementById("case-trend-data");
  if (!el || !dataEl || !window.echarts) { return; }
  var data = JSON.parse(dataEl.textContent);
  var chart = window.echarts.init(el);
  chart.setOption({
    tooltip: { trigger: "axis" }, grid: { left: 40, right: 20, top: 20, bottom: 30 },
    xAxis: { type: "category", data: data.months }, yAxis: { type: "value" },
    series: [{ type: "line", data: data.counts, areaStyle: {} }]
  });
})();
