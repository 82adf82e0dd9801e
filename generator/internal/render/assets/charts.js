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

  /* Below this width (a phone) a chart never drops a word: a doughnut
     draws as sideways bars, and category labels that would overlap
     stand upright rather than being skipped. */
  var NARROW = 480;

  function option(el) {
    var id = el.getAttribute("data-chart");
    var narrow = el.clientWidth < NARROW;
    var src = (narrow && document.querySelector('script[data-narrow-option-for="' + id + '"]')) ||
      document.querySelector('script[data-option-for="' + id + '"]');
    if (!src) return null;
    var opt = JSON.parse(src.textContent);
    if (narrow) upright(opt, el.clientWidth);
    return opt;
  }

  function upright(opt, width) {
    [].concat(opt.xAxis || []).forEach(function (axis) {
      if (axis.type !== "category" || !axis.data) return;
      var longest = 0;
      axis.data.forEach(function (c) { longest = Math.max(longest, String(c).length); });
      if (axis.data.length * (longest * 12 + 6) > width - 80) {
        axis.axisLabel = axis.axisLabel || {};
        axis.axisLabel.rotate = 90;
      }
    });
  }

  function draw(el) {
    if (el.getAttribute("data-rendered")) return;
    var opt = option(el);
    if (!opt) return;
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    chart.setOption(opt);
    el.setAttribute("data-rendered", "true");
    drawn.push({ chart: chart, el: el, narrow: el.clientWidth < NARROW });
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
    timer = setTimeout(function () {
      drawn.forEach(function (d) {
        d.chart.resize();
        var narrow = d.el.clientWidth < NARROW;
        if (narrow !== d.narrow) {
          d.narrow = narrow;
          d.chart.setOption(option(d.el), true);
        }
      });
    }, 150);
  });
})();
