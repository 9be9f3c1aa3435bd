// Progressive enhancement only: every page works without this file.
// Timeline: the topic links jump to per-topic sections without JavaScript; with it, they filter the full list.
(function () {
  "use strict";
  var nav = document.querySelector(".topic-filter[data-filter-target]");
  if (!nav) { return; }
  var list = document.getElementById(nav.getAttribute("data-filter-target"));
  if (!list) { return; }
  var links = nav.querySelectorAll("a");
  document.body.classList.add("js-filtered");

  function apply(topic) {
    var events = list.querySelectorAll(".event");
    for (var i = 0; i < events.length; i++) {
      var topics = (events[i].getAttribute("data-topics") || "").split(" ");
      events[i].hidden = Boolean(topic) && topics.indexOf(topic) === -1;
    }
    var headings = list.querySelectorAll("ol.timeline");
    for (var j = 0; j < headings.length; j++) {
      var visible = headings[j].querySelectorAll(".event:not([hidden])").length > 0;
      headings[j].hidden = !visible;
      var title = headings[j].previousElementSibling;
      if (title && title.tagName === "H3") { title.hidden = !visible; }
    }
    for (var k = 0; k < links.length; k++) {
      var own = links[k].getAttribute("data-topic") || "";
      links[k].setAttribute("aria-pressed", own === (topic || "") ? "true" : "false");
    }
  }

  for (var n = 0; n < links.length; n++) {
    links[n].setAttribute("role", "button");
    links[n].addEventListener("click", function (event) {
      event.preventDefault();
      apply(this.getAttribute("data-topic"));
      list.scrollIntoView({ block: "start" });
    });
  }
  apply(null);
})();

// Search: the Pagefind interface on the search page, once its script (loaded with defer) is there.
(function () {
  "use strict";
  var box = document.querySelector("[data-pagefind-ui]");
  if (!box) { return; }
  var label = document.getElementById("search-label");

  // Pagefind draws its input without a visible label: tie ours to it, once the input exists.
  function labelInput() {
    var input = box.querySelector("input");
    if (!input || !label) { return Boolean(input); }
    if (!input.id) { input.id = "search-input"; }
    label.htmlFor = input.id;
    input.setAttribute("aria-labelledby", label.id);
    label.hidden = false;
    return true;
  }

  function start() {
    if (typeof window.PagefindUI !== "function") { return false; }
    // Articles are indexed in shards beside the main bundle (an edit re-indexes one): merged here, by full
    // address, since Pagefind resolves a merged bundle's links from its path.
    var merge = (box.getAttribute("data-merge") || "").split(" ").filter(Boolean).map(function (path) {
      return { bundlePath: new URL(path, document.baseURI).href };
    });
    new window.PagefindUI({ element: "#search", bundlePath: box.getAttribute("data-bundle"), mergeIndex: merge, showSubResults: true, showImages: false });
    if (!labelInput() && "MutationObserver" in window) {
      var watch = new MutationObserver(function () { if (labelInput()) { watch.disconnect(); } });
      watch.observe(box, { childList: true, subtree: true });
    }
    return true;
  }
  if (!start()) { window.addEventListener("load", start); }
})();

// Matrix: say in words that the table scrolls sideways, only when its columns are really cut.
(function () {
  "use strict";
  var wraps = document.querySelectorAll(".matrix-wrap");
  if (!wraps.length) { return; }
  function update() {
    for (var i = 0; i < wraps.length; i++) {
      var hint = wraps[i].previousElementSibling;
      if (hint && hint.classList.contains("scroll-hint")) {
        hint.hidden = wraps[i].scrollWidth <= wraps[i].clientWidth + 1;
      }
    }
  }
  update();
  window.addEventListener("resize", update);
})();
