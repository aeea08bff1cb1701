// Programme charts (ECharts): a line per series by year, and the target line (dashed, its
// points joined across the years without a target). Each <div class="chart" data-source="ID">
// reads {years, series: [{name, data}], target?: {name, data}} from the json_script #ID.
// No inline script: the CSP forbids it.
(function () {
  "use strict";
  if (!window.echarts) { return; }
  ["coverage-chart", "demonstration-chart"].forEach(function (id) {
    var el = document.getElementById(id);
    var source = el && document.getElementById(el.dataset.source);
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    if (!data) { return; }
    var series = data.series.map(function (s) {
      return { name: s.name, type: "line", data: s.data, connectNulls: false };
    });
    if (data.target) {
      series.push({ name: data.target.name, type: "line", data: data.target.data,
                    connectNulls: true, symbol: "diamond", symbolSize: 10,
                    lineStyle: { type: "dashed" } });
    }
    var chart = window.echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis" }, legend: { top: 0 },
      grid: { left: 40, right: 20, top: 40, bottom: 30, containLabel: true },
      xAxis: { type: "category", data: data.years },
      yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
      series: series
    });
    el.dataset.ready = "1";
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
