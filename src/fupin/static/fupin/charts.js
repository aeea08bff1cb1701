// Stacked bar charts (ECharts). Each <div class="stacked-chart" data-source="ID"> reads its
// data from the json_script #ID: categories, series [{name, data}], optional codes + drill
// (a click on a bar opens ?division=<code>, keeping the other parameters when the element has
// data-keep-query). No inline script: the CSP forbids it.
(function () {
  "use strict";
  if (!window.echarts) { return; }
  document.querySelectorAll(".stacked-chart").forEach(function (el) {
    var source = document.getElementById(el.dataset.source);
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    var chart = window.echarts.init(el);
    chart.setOption({
      // Drawn in the canvas (richText): a DOM tooltip carries inline styles, which the CSP
      // (style-src 'self') refuses as soon as the pointer is over a bar.
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, renderMode: "richText" },
      legend: { top: 0 },
      grid: { left: 40, right: 20, bottom: 80, containLabel: true },
      xAxis: { type: "category", data: data.categories, axisLabel: { rotate: 30 } },
      yAxis: { type: "value" },
      series: data.series.map(function (s) {
        return { name: s.name, type: "bar", stack: "total", data: s.data };
      })
    });
    if (data.drill && data.codes) {
      chart.on("click", function (params) {
        var code = data.codes[params.dataIndex];
        if (!code) { return; }
        // data-keep-query: the screen's other parameters (year, line …) stay as they are.
        var query = new URLSearchParams(el.dataset.keepQuery ? window.location.search : "");
        query.set("division", code);
        query.delete("export");
        window.location.search = "?" + query.toString();
      });
    }
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
