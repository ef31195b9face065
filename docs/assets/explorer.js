/*
 * Awesome MedVLM explorer: filters, sorting and shareable URL state over papers.json.
 *
 * Plain JavaScript, loaded on every page (extra_javascript); it does nothing unless the page
 * has the explorer (#medvlm-explorer). Built to stay fast with 10k papers:
 *   - every paper is prepared once (lower-cased search text of title, authors, model and
 *     summary; year; terms);
 *   - a filter change is one pass over the current sort order (sort orders are computed once
 *     per column and direction, then cached);
 *   - only the first PAGE matching rows are in the table ("Show more" adds the next PAGE), and a
 *     row element, once built, is reused.
 * Record text is only ever set with textContent, never parsed as HTML.
 */
(function () {
  "use strict";

  var PAGE = 100;
  var URL_DELAY = 150; // ms
  var AXES = ["task", "strategy", "modality", "dataset", "kind"];
  var FIELDS = { task: "tasks", strategy: "strategies", modality: "modalities", dataset: "datasets" };
  // Query keys in the order they appear in a shared URL.
  var KEYS = ["q", "task", "strategy", "modality", "dataset", "kind", "from", "to", "code", "sort"];
  // The first click on a column sorts it this way (year: newest first).
  var DESCENDING_FIRST = { year: true };
  var DEFAULT_SORT = "-year"; // papers.json is already in this order (year, then title, id)

  function textKey(value) {
    return value ? String(value).toLowerCase() : "";
  }

  function prepare(paper, index) {
    var terms = {};
    AXES.forEach(function (axis) {
      terms[axis] = axis === "kind" ? [paper.kind || "method"] : paper[FIELDS[axis]] || [];
    });
    var authors = paper.authors || [];
    return {
      paper: paper,
      index: index,
      hay: [paper.title || "", authors.join("\n"), paper.model || "", paper.summary || ""]
        .join("\n").toLowerCase(),
      terms: terms,
      year: typeof paper.year === "number" ? paper.year : null,
      code: Boolean(paper.links && paper.links.code),
      keys: { title: textKey(paper.title), model: textKey(paper.model), venue: textKey(paper.venue) },
      row: null
    };
  }

  // Records sorted by one column; papers without a value go last in both directions, and ties
  // keep the catalog's reading order.
  function sortedBy(records, sort) {
    var descending = sort.charAt(0) === "-";
    var key = descending ? sort.slice(1) : sort;
    var value = key === "year"
      ? function (record) { return record.year; }
      : function (record) { return record.keys[key] || null; };
    return records.slice().sort(function (a, b) {
      var x = value(a), y = value(b);
      if (x === y) return a.index - b.index;
      if (x === null) return 1;
      if (y === null) return -1;
      var order = x < y ? -1 : 1;
      return descending ? -order : order;
    });
  }

  function Explorer(root, papers) {
    this.root = root;
    this.base = root.getAttribute("data-root") || "";
    this.form = root.querySelector("form");
    this.count = root.querySelector("#medvlm-count");
    this.tbody = root.querySelector("tbody");
    this.more = root.querySelector("#medvlm-more");
    this.headers = Array.prototype.slice.call(root.querySelectorAll("th[data-sort]"));
    this.labels = this.termLabels();
    this.records = papers.map(prepare);
    this.orders = {};
    this.orders[DEFAULT_SORT] = this.records;
    this.matches = [];
    this.shown = PAGE;
    this.sort = DEFAULT_SORT;
    this.urlTimer = 0;
  }

  Explorer.prototype.termLabels = function () {
    var labels = {};
    var form = this.form;
    AXES.forEach(function (axis) {
      labels[axis] = {};
      var select = form.elements[axis];
      Array.prototype.forEach.call(select.options, function (option) {
        if (option.value) labels[axis][option.value] = option.getAttribute("data-label");
      });
    });
    return labels;
  };

  // --- state: form <-> URL ---------------------------------------------------------------

  Explorer.prototype.state = function () {
    var elements = this.form.elements;
    var state = { q: elements.q.value.trim(), code: elements.code.checked ? "1" : "" };
    AXES.concat(["from", "to"]).forEach(function (name) { state[name] = elements[name].value; });
    state.sort = this.sort === DEFAULT_SORT ? "" : this.sort;
    return state;
  };

  Explorer.prototype.restore = function (query) {
    var params = new URLSearchParams(query);
    var elements = this.form.elements;
    elements.q.value = params.get("q") || "";
    elements.code.checked = params.get("code") === "1";
    AXES.concat(["from", "to"]).forEach(function (name) {
      var select = elements[name];
      select.value = params.get(name) || "";
      if (select.selectedIndex < 0) select.value = ""; // an unknown term or year: no filter
    });
    var sort = params.get("sort") || DEFAULT_SORT;
    var column = sort.replace(/^-/, "");
    var known = this.headers.some(function (th) { return th.getAttribute("data-sort") === column; });
    this.sort = known ? sort : DEFAULT_SORT;
  };

  Explorer.prototype.writeURL = function (state) {
    var params = new URLSearchParams();
    KEYS.forEach(function (key) { if (state[key]) params.set(key, state[key]); });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, "", url);
    }
  };

  // --- filtering and rendering -------------------------------------------------------------

  Explorer.prototype.order = function () {
    if (!this.orders[this.sort]) this.orders[this.sort] = sortedBy(this.records, this.sort);
    return this.orders[this.sort];
  };

  Explorer.prototype.matcher = function (state) {
    var q = state.q.toLowerCase();
    var from = state.from ? Number(state.from) : null;
    var to = state.to ? Number(state.to) : null;
    var axes = AXES.filter(function (axis) { return state[axis]; });
    var code = state.code === "1";
    return function (record) {
      if (code && !record.code) return false;
      if (from !== null && (record.year === null || record.year < from)) return false;
      if (to !== null && (record.year === null || record.year > to)) return false;
      for (var i = 0; i < axes.length; i++) {
        if (record.terms[axes[i]].indexOf(state[axes[i]]) < 0) return false;
      }
      return !q || record.hay.indexOf(q) >= 0;
    };
  };

  Explorer.prototype.apply = function (keepShown) {
    var state = this.state();
    this.matches = this.order().filter(this.matcher(state));
    if (!keepShown) this.shown = PAGE;
    this.render();
    // history.replaceState costs Chromium ~15 ms per call when called often (typing): the
    // address bar follows once the filters settle.
    var self = this;
    window.clearTimeout(this.urlTimer);
    this.urlTimer = window.setTimeout(function () { self.writeURL(state); }, URL_DELAY);
  };

  Explorer.prototype.render = function () {
    var visible = this.matches.slice(0, this.shown);
    var fragment = document.createDocumentFragment();
    for (var i = 0; i < visible.length; i++) fragment.appendChild(this.row(visible[i]));
    this.tbody.replaceChildren(fragment);
    var total = this.records.length, found = this.matches.length;
    var text = found === total
      ? "All " + total.toLocaleString("en") + " papers"
      : found.toLocaleString("en") + " of " + total.toLocaleString("en") + " papers match";
    if (visible.length < found) text += " (showing the first " + visible.length.toLocaleString("en") + ")";
    this.count.textContent = text + ".";
    this.count.setAttribute("data-count", String(found));
    var rest = found - visible.length;
    this.more.hidden = rest <= 0;
    this.more.textContent = "Show " + Math.min(rest, PAGE).toLocaleString("en") + " more";
    var sort = this.sort;
    this.headers.forEach(function (th) {
      var column = th.getAttribute("data-sort");
      if (sort.replace(/^-/, "") === column) {
        th.setAttribute("aria-sort", sort.charAt(0) === "-" ? "descending" : "ascending");
      } else {
        th.removeAttribute("aria-sort");
      }
    });
  };

  function cell(row, text) {
    var td = document.createElement("td");
    if (text) td.textContent = text;
    row.appendChild(td);
    return td;
  }

  Explorer.prototype.row = function (record) {
    if (record.row) return record.row;
    var paper = record.paper, labels = this.labels;
    var row = document.createElement("tr");
    row.setAttribute("data-paper-id", paper.id);
    var title = cell(row, "");
    var link = document.createElement("a");
    link.href = this.base + "papers/" + encodeURIComponent(paper.id) + "/";
    link.textContent = paper.title;
    title.appendChild(link);
    var authors = paper.authors || [];
    if (authors.length) {
      var names = document.createElement("div");
      names.className = "medvlm-table__authors";
      names.textContent = authors.slice(0, 3).join(", ") + (authors.length > 3 ? " et al." : "");
      title.appendChild(names);
    }
    cell(row, paper.model || "");
    cell(row, record.year === null ? "" : String(record.year));
    cell(row, paper.venue || "");
    ["task", "strategy", "modality"].forEach(function (axis) {
      cell(row, record.terms[axis].map(function (term) { return labels[axis][term] || term; }).join(", "));
    });
    var code = cell(row, "");
    if (record.code) {
      var repo = document.createElement("a");
      repo.href = paper.links.code;
      repo.textContent = "Code";
      code.appendChild(repo);
    }
    record.row = row;
    return row;
  };

  // --- wiring ------------------------------------------------------------------------------

  Explorer.prototype.start = function () {
    var self = this;
    // The address as loaded (see initialQuery below); a later page, swapped in by instant
    // navigation, starts from its own address.
    this.restore(initialQuery === null ? window.location.search : initialQuery);
    initialQuery = null;
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.form.addEventListener("reset", function (event) {
      event.preventDefault(); // clear by hand, then filter: the native reset happens too late
      self.restore("");
      self.apply(false);
    });
    // Typing filters as it goes; selects and the checkbox filter on change (not twice).
    this.form.addEventListener("input", function (event) {
      if (event.target.type === "search" || event.target.type === "text") self.apply(false);
    });
    this.form.addEventListener("change", function (event) {
      if (event.target.type !== "search" && event.target.type !== "text") self.apply(false);
    });
    this.headers.forEach(function (th) {
      th.querySelector("button").addEventListener("click", function () {
        var column = th.getAttribute("data-sort");
        var current = self.sort.replace(/^-/, "");
        if (current === column) {
          self.sort = self.sort.charAt(0) === "-" ? column : "-" + column;
        } else {
          self.sort = DESCENDING_FIRST[column] ? "-" + column : column;
        }
        self.apply(true);
      });
    });
    this.more.addEventListener("click", function () {
      self.shown += PAGE;
      self.render();
    });
    this.apply(false);
    this.root.setAttribute("data-state", "ready");
  };

  // The address as loaded: assets/explorer-query.js (in the page's <head>) may have taken ?q=
  // out of it before Material's search could claim it.
  var initialQuery = window.__medvlmQuery || window.location.search;

  function init() {
    var root = document.getElementById("medvlm-explorer");
    if (!root || root.getAttribute("data-state")) return;
    root.setAttribute("data-state", "loading");
    var count = root.querySelector("#medvlm-count");
    fetch(root.getAttribute("data-src"))
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) { new Explorer(root, data.papers || []).start(); })
      .catch(function (error) {
        root.setAttribute("data-state", "failed");
        count.textContent = "Could not load the papers (" + error.message + ").";
      });
  }

  init();
  // With Material's instant navigation a page is swapped in without a reload: run again then.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  }
})();
