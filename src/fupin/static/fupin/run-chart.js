// Monitoring objects by category per division; click a bar to drill down one level.
(function () {
  "use strict";
  var el = document.getElementById("run-chart");
  var dataEl = document.getElementById("run-chart-data");
  if (!el || !dataEl || !window.echarts) { return; }
  var data = JSON.parse(dataEl.textContent);
  var chart = window.echarts.init(el);
  chart.setOption({
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0 },
    grid: { left: 40, right: 20, bottom: 80, containLabel: true },
    xAxis: { type: "category", data: data.categories, axisLabel: { rotate: 30 } },
    yAxis: { type: "value" },
    series: data.series.map(function (s) {
      return { name: s.name, type: "bar", stack: "total", data: s.data };
    })
  });
  if (data.drill) {
    chart.on("click", function (params) {
      var code = data.codes[params.dataIndex];
      if (code) { window.location.search = "?division=" + encodeURIComponent(code); }
    });
  }
  window.addEventListener("resize", function () { chart.resize(); });
})();
