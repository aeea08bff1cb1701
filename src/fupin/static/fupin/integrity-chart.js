// The plot of an integrity signal (ECharts). <div class="integrity-chart" data-source="ID">
// reads the json_script #ID the engine's plot data: a histogram (lower_edges, counts,
// counterfactual, line, bin_width) or digit frequencies (digits, observed, expected), or the
// heaped share against the reference. No inline script: the CSP forbids it.
(function () {
  "use strict";
  if (!window.echarts) { return; }
  document.querySelectorAll(".integrity-chart").forEach(function (el) {
    var source = document.getElementById(el.dataset.source);
    if (!source) { return; }
    var d = JSON.parse(source.textContent);
    var text = el.dataset;
    var option;
    if (d.lower_edges) {
      var labels = d.lower_edges.map(function (x) { return Math.round(x); });
      var lineIndex = labels.indexOf(Math.round(d.line));
      option = {
        tooltip: { trigger: "axis" },
        legend: { top: 0 },
        grid: { left: 40, right: 20, bottom: 60, containLabel: true },
        xAxis: { type: "category", data: labels, axisLabel: { rotate: 45 } },
        yAxis: { type: "value" },
        series: [
          { name: text.counts || "households", type: "bar", data: d.counts,
            markLine: lineIndex < 0 ? undefined : { symbol: "none", label: { formatter: String(Math.round(d.line)) },
              lineStyle: { color: "#c0392b", width: 2 }, data: [{ xAxis: lineIndex }] } },
          { name: text.counterfactual || "counterfactual", type: "line", smooth: true,
            symbol: "none", data: d.counterfactual }
        ]
      };
    } else if (d.digits) {
      var series = [{ name: text.observed || "observed", type: "bar", data: d.observed }];
      if (d.expected) {
        series.push({ name: text.expected || "expected", type: "line", symbol: "circle", data: d.expected });
      }
      option = {
        tooltip: { trigger: "axis" }, legend: { top: 0 },
        grid: { left: 40, right: 20, bottom: 40, containLabel: true },
        xAxis: { type: "category", data: d.digits }, yAxis: { type: "value" }, series: series
      };
    } else if (d.share !== undefined) {
      option = {
        tooltip: {}, grid: { left: 40, right: 20, bottom: 40, containLabel: true },
        xAxis: { type: "category", data: [text.share || "share", text.reference || "reference"] },
        yAxis: { type: "value", max: 1 },
        series: [{ type: "bar", data: [d.share, d.reference] }]
      };
    } else { return; }
    var chart = window.echarts.init(el);
    chart.setOption(option);
    el.dataset.drawn = "1";
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
