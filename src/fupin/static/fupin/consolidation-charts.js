// Consolidation charts (ECharts): bars per category, side by side (shares of the quality of
// exit, 0–100 %) or stacked (help amounts by year and type). Each
// <div class="consolidation-chart" data-source="ID"> reads {categories, series: [{name, data}],
// stack?, percent?, codes?, drill?} from the json_script #ID; with drill and codes, a click on
// a bar opens ?division=<code> keeping the page's other parameters (year, level).
// No inline script: the CSP forbids it.
(function () {
  "use strict";
  if (!window.echarts) { return; }
  document.querySelectorAll(".consolidation-chart").forEach(function (el) {
    var source = document.getElementById(el.dataset.source);
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    if (!data) { return; }
    var chart = window.echarts.init(el);
    chart.setOption({
      // Drawn in the canvas: a DOM tooltip carries inline styles the CSP refuses.
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, renderMode: "richText" },
      legend: { top: 0 },
      grid: { left: 40, right: 20, bottom: 80, containLabel: true },
      xAxis: { type: "category", data: data.categories, axisLabel: { rotate: 30 } },
      yAxis: data.percent ? { type: "value", min: 0, max: 100,
                              axisLabel: { formatter: "{value}%" } } : { type: "value" },
      series: data.series.map(function (s) {
        var one = { name: s.name, type: "bar", data: s.data };
        if (data.stack) { one.stack = "total"; }
        return one;
      })
    });
    if (data.drill && data.codes) {
      chart.on("click", function (params) {
        var code = data.codes[params.dataIndex];
        if (!code) { return; }
        var query = new URLSearchParams(window.location.search);
        query.set("division", code);
        query.delete("export");
        query.delete("page");
        query.delete("level");
        window.location.search = "?" + query.toString();
      });
    }
    el.dataset.ready = "1";
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
