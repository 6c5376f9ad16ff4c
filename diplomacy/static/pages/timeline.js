/* The timeline chart of a country or dyad page: events per period as bars stacked by
 * kind, and the mean Goldstein intensity per period as a line on its own axis (-10 to
 * +10). The numbers are the page's own (json_script "timeline-data"), the same the
 * table under the chart lists; a test reads back what the chart drew through
 * Chart.getChart(canvas). Loaded with defer, after Chart.js: the page is parsed. */
(function () {
  "use strict";

  // One colour per event kind, the same on every page.
  var COLOURS = {
    meeting: "#1f77b4", visit: "#2ca02c", press_conference: "#9467bd",
    statement: "#ff7f0e", agreement: "#17becf", incident: "#d62728",
    cancellation: "#7f7f7f"
  };

  var canvas = document.getElementById("timeline-chart");
  var source = document.getElementById("timeline-data");
  if (!canvas || !source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var labels = data.periods.map(function (period) { return period.label; });
  var datasets = data.kinds.map(function (kind, index) {
    return {
      type: "bar", label: kind.label, stack: "events", yAxisID: "y", order: 2,
      maxBarThickness: 90,
      backgroundColor: COLOURS[kind.kind] || "#8c8c8c",
      data: data.periods.map(function (period) { return period.counts[index]; })
    };
  });
  datasets.push({
    type: "line", label: "Intensity (mean Goldstein)", yAxisID: "intensity", order: 1,
    borderColor: "#222", backgroundColor: "#222", pointRadius: 4, spanGaps: true,
    data: data.periods.map(function (period) { return period.intensity_mean; })
  });

  new Chart(canvas, {
    data: {labels: labels, datasets: datasets},
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: {mode: "index", intersect: false},
      plugins: {legend: {position: "bottom"}},
      scales: {
        x: {stacked: true},
        y: {stacked: true, beginAtZero: true, ticks: {precision: 0},
            title: {display: true, text: "events"}},
        intensity: {position: "right", min: -10, max: 10, grid: {drawOnChartArea: false},
                    title: {display: true, text: "Goldstein intensity"}}
      }
    }
  });
}());
