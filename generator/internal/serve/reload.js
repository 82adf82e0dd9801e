// Live reload for "generator serve"; never part of a built site.
// Reloads the tab when its page changed, keeping the scroll position.
(function () {
  "use strict";
  var me = document.currentScript;
  var version = me ? me.getAttribute("data-version") : "";
  var key = "houqin-scroll:" + location.pathname;

  var saved = null;
  try { saved = sessionStorage.getItem(key); sessionStorage.removeItem(key); } catch (e) {}
  if (saved) {
    var xy = saved.split(",");
    var restore = function () { window.scrollTo(+xy[0] || 0, +xy[1] || 0); };
    if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
  }

  var page = location.pathname.replace(/^\/+/, "");
  if (page === "" || page.charAt(page.length - 1) === "/") page += "index.html";
  try { page = decodeURIComponent(page); } catch (e) {}

  function reload() {
    try { sessionStorage.setItem(key, window.scrollX + "," + window.scrollY); } catch (e) {}
    location.reload();
  }

  document.addEventListener("click", function (e) {
    if (e.target && e.target.id === "houqin-overlay-close") {
      var o = document.getElementById("houqin-overlay");
      if (o) o.parentNode.removeChild(o);
    }
  });

  if (!window.EventSource) return;
  var es = new EventSource("/__houqin/events");
  es.addEventListener("hello", function (e) {
    var d = JSON.parse(e.data);
    if (d.version !== version) reload();
  });
  es.addEventListener("reload", function (e) {
    var d = JSON.parse(e.data);
    if (d.version === version) return;
    if (!d.ok || d.all || !d.pages || d.pages.indexOf(page) >= 0 || document.getElementById("houqin-overlay")) {
      reload();
      return;
    }
    version = d.version;
  });
})();
