// Stand-in for the chart loader: draws a small SVG into every chart a
// little later, as the real loader does once the runtime has loaded.
setTimeout(function () {
  document.querySelectorAll(".chart-canvas[data-chart]").forEach(function (el, i) {
    el.innerHTML = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 300" width="600" height="300">' +
      '<rect x="20" y="' + (100 - i * 20) + '" width="80" height="' + (180 + i * 20) + '" fill="#3a7"/>' +
      '<text x="300" y="40" font-size="20">图表 ' + el.getAttribute("data-chart") + '</text></svg>';
    el.setAttribute("data-rendered", "true");
  });
}, 200);
