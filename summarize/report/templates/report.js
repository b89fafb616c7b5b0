// The report's behaviour: provenance highlights, sortable tables, the document browser.
// Plain DOM, no libraries, nothing fetched: the page works from file:// and without this script.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var status = document.getElementById("highlight-status");

  // Provenance: a briefing sentence lights up the source sentences it comes from.
  var pinned = null;
  function clearHighlight() {
    var lit = document.querySelectorAll(".text .hl");
    for (var i = 0; i < lit.length; i++) lit[i].classList.remove("hl");
  }
  function highlight(item, scroll) {
    clearHighlight();
    if (!item) return;
    var doc = item.closest(".doc");
    var n = doc.getAttribute("data-n");
    var sources = (item.getAttribute("data-src") || "").split(" ").filter(Boolean);
    var first = null;
    sources.forEach(function (i) {
      var el = document.getElementById("s" + n + "-" + i);
      if (el) { el.classList.add("hl"); first = first || el; }
    });
    if (first && scroll) {
      var box = first.closest(".text");
      if (box) box.scrollTop = first.offsetTop - box.offsetTop - box.clientHeight / 3;
    }
    if (status) {
      status.textContent = sources.length
        ? "Highlighted source sentence " + sources.map(function (i) { return +i + 1; }).join(", ")
        : "No source sentence found for this sentence";
    }
  }
  function pin(item) {
    var active = document.querySelectorAll(".bl.active");
    for (var i = 0; i < active.length; i++) active[i].classList.remove("active");
    pinned = item;
    if (item) item.classList.add("active");
    highlight(item, true);
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".bs");
    if (!link) return;
    event.preventDefault();
    pin(link.closest(".bl"));
  });
  document.addEventListener("mouseover", function (event) {
    var link = event.target.closest && event.target.closest(".bs");
    if (link) highlight(link.closest(".bl"), false);
  });
  document.addEventListener("mouseout", function (event) {
    var link = event.target.closest && event.target.closest(".bs");
    if (link && !link.contains(event.relatedTarget)) highlight(pinned, false);
  });
  document.addEventListener("focusin", function (event) {
    if (event.target.classList && event.target.classList.contains("bs")) {
      highlight(event.target.closest(".bl"), true);
    }
  });

  // Page chrome that cleaning set aside: shown greyed, or hidden.
  var chrome = document.getElementById("f-chrome");
  if (chrome) {
    chrome.addEventListener("change", function () {
      document.body.classList.toggle("hide-chrome", !chrome.checked);
    });
  }

  // Sortable tables: a button in each column heading.
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var heads = table.querySelectorAll("thead th");
    table.querySelector("thead").addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      var col = +button.getAttribute("data-col");
      var th = heads[col];
      var descending = th.getAttribute("aria-sort") !== "descending";
      for (var i = 0; i < heads.length; i++) heads[i].removeAttribute("aria-sort");
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute("data-v"), y = b.cells[col].getAttribute("data-v");
        var nx = parseFloat(x), ny = parseFloat(y);
        var order = isNaN(nx) || isNaN(ny) ? String(x).localeCompare(String(y)) : nx - ny;
        if (x === "" || y === "") order = x === "" ? 1 : -1; // missing values last
        else if (descending) order = -order;
        return order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });

  // The document browser.
  var indexNode = document.getElementById("doc-index");
  if (!indexNode) return;
  var index = JSON.parse(indexNode.textContent);
  var docs = document.querySelectorAll(".viewer .doc");
  var byKey = {};
  for (var d = 0; d < docs.length; d++) byKey[docs[d].getAttribute("data-key")] = d;
  var list = document.getElementById("doc-items");
  var listStatus = document.getElementById("list-status");
  var position = document.getElementById("doc-position");
  var controls = {
    dataset: document.getElementById("f-dataset"),
    method: document.getElementById("f-method"),
    order: document.getElementById("f-order"),
    flagged: document.getElementById("f-flagged"),
    text: document.getElementById("f-text")
  };
  var PAGE = 50;
  var page = 0;
  var shown = [];
  var current = -1;

  function worst(entry, method) {
    var values = [];
    Object.keys(entry.m).forEach(function (name) {
      if (method && name !== method) return;
      var r = entry.m[name][0];
      if (r !== null) values.push(r);
    });
    return values.length ? Math.min.apply(null, values) : null;
  }
  function flagged(entry, method) {
    return Object.keys(entry.m).reduce(function (sum, name) {
      return sum + (!method || name === method ? entry.m[name][1] : 0);
    }, 0);
  }
  function filter() {
    var dataset = controls.dataset.value, method = controls.method.value;
    var text = controls.text.value.trim().toLowerCase();
    shown = [];
    for (var i = 0; i < index.length; i++) {
      var entry = index[i];
      if (dataset && entry.d !== dataset) continue;
      if (method && !(method in entry.m)) continue;
      if (controls.flagged.checked && !flagged(entry, method)) continue;
      if (text && entry.k.toLowerCase().indexOf(text) < 0) continue;
      shown.push(i);
    }
    if (controls.order.value === "worst") {
      shown.sort(function (a, b) {
        var x = worst(index[a], method), y = worst(index[b], method);
        if (x === null || y === null) return (x === null) - (y === null) || a - b;
        return x - y || a - b;
      });
    }
  }
  function renderList() {
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    page = Math.min(page, pages - 1);
    var method = controls.method.value;
    var html = [];
    shown.slice(page * PAGE, (page + 1) * PAGE).forEach(function (i) {
      var entry = index[i];
      var r = worst(entry, method), f = flagged(entry, method);
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#doc=" + encodeURIComponent(entry.k) + (method ? "&method=" + encodeURIComponent(method) : "");
      a.textContent = entry.k;
      li.appendChild(a);
      if (r !== null) {
        var score = document.createElement("span");
        score.className = "score";
        score.textContent = " R2 " + (r * 100).toFixed(1);
        li.appendChild(score);
      }
      if (f) {
        var flag = document.createElement("span");
        flag.className = "flag-count";
        flag.textContent = " ⚠ " + f;
        li.appendChild(flag);
      }
      if (i === current) li.setAttribute("aria-current", "true");
      html.push(li);
    });
    list.textContent = "";
    html.forEach(function (li) { list.appendChild(li); });
    list.start = page * PAGE + 1;
    listStatus.textContent = shown.length
      ? shown.length + " of " + index.length + " documents; page " + (page + 1) + " of " + pages
      : "No document matches these filters.";
    document.getElementById("page-prev").disabled = page === 0;
    document.getElementById("page-next").disabled = page >= pages - 1;
  }
  function show(i, method, focus) {
    if (i < 0 || i >= docs.length) return;
    if (current >= 0) docs[current].classList.remove("current");
    current = i;
    var doc = docs[i];
    doc.classList.add("current");
    pin(null);
    var columns = doc.querySelectorAll(".method");
    var selected = null;
    for (var c = 0; c < columns.length; c++) {
      var on = !!method && columns[c].getAttribute("data-method") === method;
      columns[c].classList.toggle("selected", on);
      if (on) selected = columns[c];
    }
    var at = shown.indexOf(i);
    position.textContent = "Document " + (i + 1) + " of " + docs.length +
      (at >= 0 ? " (" + (at + 1) + " of " + shown.length + " in the list)" : "");
    if (at >= 0 && Math.floor(at / PAGE) !== page) page = Math.floor(at / PAGE);
    renderList();
    if (focus) {
      var target = selected ? selected.querySelector("h4") || selected : doc.querySelector("h2");
      target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: true });
      (selected || doc).scrollIntoView({ block: "start" });
    }
  }
  function parseHash() {
    var hash = location.hash.replace(/^#/, "");
    var params = {};
    hash.split("&").forEach(function (part) {
      var eq = part.indexOf("=");
      if (eq > 0) {
        try { params[part.slice(0, eq)] = decodeURIComponent(part.slice(eq + 1)); } catch (e) { }
      }
    });
    return params;
  }
  function followHash(focus) {
    var params = parseHash();
    if (!("doc" in params)) return false;
    var i = byKey[params.doc];
    if (i === undefined) {
      // An id alone also finds a document whose key carries its dataset.
      for (var k in byKey) if (k.split("/").pop() === params.doc) { i = byKey[k]; break; }
    }
    if (i === undefined) {
      show(current < 0 ? 0 : current, "", false);
      position.textContent = "No document '" + params.doc + "' in this report.";
      return true;
    }
    show(i, params.method || "", focus);
    return true;
  }
  function go(step) {
    if (!shown.length) return;
    var at = shown.indexOf(current);
    var next = at < 0 ? 0 : Math.min(Math.max(at + step, 0), shown.length - 1);
    var method = controls.method.value;
    history.replaceState(null, "", "#doc=" + encodeURIComponent(index[shown[next]].k) +
      (method ? "&method=" + encodeURIComponent(method) : ""));
    show(shown[next], method, true);
  }
  var form = document.querySelector(".filters");
  if (form) form.addEventListener("submit", function (event) { event.preventDefault(); });
  ["dataset", "method", "order", "flagged", "text"].forEach(function (name) {
    controls[name].addEventListener(name === "text" ? "input" : "change", function () {
      page = 0;
      filter();
      renderList();
    });
  });
  document.getElementById("page-prev").addEventListener("click", function () { page--; renderList(); });
  document.getElementById("page-next").addEventListener("click", function () { page++; renderList(); });
  document.getElementById("doc-prev").addEventListener("click", function () { go(-1); });
  document.getElementById("doc-next").addEventListener("click", function () { go(1); });
  window.addEventListener("hashchange", function () { followHash(true); });
  document.addEventListener("keydown", function (event) {
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea" || event.altKey ||
        event.ctrlKey || event.metaKey) return;
    if (event.key === "n" || event.key === "ArrowRight" || event.key === "j") { go(1); event.preventDefault(); }
    if (event.key === "p" || event.key === "ArrowLeft" || event.key === "k") { go(-1); event.preventDefault(); }
  });
  filter();
  if (!followHash(location.hash.indexOf("doc=") >= 0)) {
    if (docs.length) show(0, "", false);
    else renderList();
  }
  if (window.performance && performance.mark) performance.mark("report-ready");
})();
