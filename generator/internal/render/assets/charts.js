/* Chart loader: fetches the ECharts runtime (served by this site) only when
   a chart comes near the screen, then draws each chart as SVG from the
   option embedded next to it. Without JavaScript the data tables remain. */
(function () {
  "use strict";
  var script = document.currentScript;
  var runtime = script && script.getAttribute("data-runtime");
  var queue = [];
  var drawn = [];
  var loading = false;

  function draw(el) {
    if (el.getAttribute("data-rendered")) return;
    var id = el.getAttribute("data-chart");
    var src = document.querySelector('script[data-option-for="' + id + '"]');
    if (!src) return;
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    chart.setOption(JSON.parse(src.textContent));
    el.setAttribute("data-rendered", "true");
    drawn.push(chart);
  }

  function flush() {
    var list = queue;
    queue = [];
    list.forEach(draw);
  }

  function want(el) {
    queue.push(el);
    if (window.echarts) return flush();
    if (loading || !runtime) return;
    loading = true;
    var s = document.createElement("script");
    s.src = runtime;
    s.onload = flush;
    document.head.appendChild(s);
  }

  function all() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-chart]"));
  }

  var eager = document.body.hasAttribute("data-charts-eager") || !("IntersectionObserver" in window);
  if (eager) {
    all().forEach(want);
  } else {
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) {
          io.unobserve(e.target);
          want(e.target);
        }
      });
    }, { rootMargin: "200px 0px" });
    all().forEach(function (el) { io.observe(el); });
  }
  window.addEventListener("beforeprint", function () { all().forEach(want); });

  var timer;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { drawn.forEach(function (c) { c.resize(); }); }, 150);
  });
})();
