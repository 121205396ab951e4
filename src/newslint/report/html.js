"use strict";
(function () {
  var body = document.body;
  var problems = [];
  window.addEventListener("error", function (event) {
    problems.push(String(event.message));
    body.setAttribute("data-errors", problems.join(" | "));
  });

  var PAGE = 100;
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var articles = data.articles;
  var byPath = {};
  articles.forEach(function (a, index) { a.order = index; byPath[a.path] = a; });
  var state = { sort: "count", dir: "desc", page: 1, article: null };

  function readHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    if (["path", "count", "errors", "warnings"].indexOf(params.get("sort")) >= 0) state.sort = params.get("sort");
    if (params.get("dir") === "asc" || params.get("dir") === "desc") state.dir = params.get("dir");
    var page = parseInt(params.get("page") || "1", 10);
    state.page = isNaN(page) ? 1 : page;
    state.article = params.get("article");
  }

  function writeHash() {
    var params = new URLSearchParams();
    params.set("sort", state.sort);
    params.set("dir", state.dir);
    params.set("page", String(state.page));
    if (state.article) params.set("article", state.article);
    history.replaceState(null, "", "#" + params.toString());
  }

  function sorted() {
    var key = state.sort, sign = state.dir === "asc" ? 1 : -1;
    return articles.slice().sort(function (a, b) {
      var x = a[key], y = b[key];
      if (x < y) return -sign;
      if (x > y) return sign;
      return a.order - b.order;
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function renderList() {
    var rows = sorted();
    var pages = Math.max(1, Math.ceil(rows.length / PAGE));
    state.page = Math.min(Math.max(1, state.page), pages);
    var tbody = document.querySelector("#article-list tbody");
    tbody.textContent = "";
    rows.slice((state.page - 1) * PAGE, state.page * PAGE).forEach(function (a) {
      var tr = element("tr");
      tr.setAttribute("data-path", a.path);
      if (a.path === state.article) tr.className = "open";
      tr.appendChild(element("td", "", a.path));
      [a.count, a.errors, a.warnings].forEach(function (n) { tr.appendChild(element("td", "num", String(n))); });
      var codes = element("td");
      a.codes.forEach(function (c) { codes.appendChild(element("span", "code", c)); });
      tr.appendChild(codes);
      tr.addEventListener("click", function () { state.article = a.path; update(); });
      tbody.appendChild(tr);
    });
    document.querySelectorAll("#article-list th[data-sort]").forEach(function (th) {
      th.className = th.getAttribute("data-sort") === state.sort ? "sorted-" + state.dir : "";
    });
    document.querySelectorAll(".pager").forEach(function (pager) {
      pager.textContent = "";
      var prev = element("button", "", "\u2039 previous");
      prev.disabled = state.page <= 1;
      prev.addEventListener("click", function () { state.page -= 1; update(); });
      var next = element("button", "", "next \u203A");
      next.disabled = state.page >= pages;
      next.addEventListener("click", function () { state.page += 1; update(); });
      var label = element("span", "page-label", "page " + state.page + " of " + pages);
      pager.appendChild(prev);
      pager.appendChild(label);
      pager.appendChild(next);
    });
  }

  function renderArticle() {
    var section = document.getElementById("article");
    var a = state.article ? byPath[state.article] : null;
    if (!a) { section.hidden = true; return; }
    section.hidden = false;
    document.getElementById("article-title").textContent = a.path;
    var pre = document.getElementById("article-text");
    var list = document.getElementById("article-findings");
    pre.textContent = "";
    list.textContent = "";
    var text = a.text;
    var spans = a.findings.map(function (f, index) {
      var end = Math.max(f.end, f.start + 1);
      if (text !== null) end = Math.min(end, text.length);
      return { start: f.start, end: end, finding: f, index: index };
    });
    var marks = {};
    if (text === null) {
      pre.textContent = "(the article's text is not available)";
    } else {
      // split the text at every span boundary; each piece is marked with the findings covering it
      var cuts = [0, text.length];
      spans.forEach(function (s) { if (s.end > s.start) { cuts.push(s.start); cuts.push(s.end); } });
      cuts = cuts.filter(function (c, i, all) { return all.indexOf(c) === i; }).sort(function (x, y) { return x - y; });
      for (var i = 0; i + 1 < cuts.length; i++) {
        var from = cuts[i], to = cuts[i + 1];
        var covering = spans.filter(function (s) { return s.start <= from && to <= s.end && s.end > s.start; });
        var piece = text.slice(from, to);
        if (!covering.length) { pre.appendChild(document.createTextNode(piece)); continue; }
        var mark = element("mark", covering.some(function (s) { return s.finding.severity === "error"; }) ? "error"
          : covering.every(function (s) { return s.finding.severity === "info"; }) ? "info" : "", piece);
        mark.title = covering.map(function (s) { return s.finding.code + " " + s.finding.message; }).join("\n");
        covering.forEach(function (s) { (marks[s.index] = marks[s.index] || []).push(mark); });
        pre.appendChild(mark);
      }
    }
    spans.forEach(function (s) {
      var f = s.finding;
      var li = element("li");
      li.appendChild(element("span", "sev-" + f.severity, f.code + " "));
      li.appendChild(document.createTextNode(f.message + " "));
      var where = (f.field ? f.field + " " : "") + "line " + f.line + ", column " + f.column;
      li.appendChild(element("span", "where", where));
      li.addEventListener("click", function () {
        document.querySelectorAll("mark.active").forEach(function (m) { m.classList.remove("active"); });
        (marks[s.index] || []).forEach(function (m) { m.classList.add("active"); });
        if (marks[s.index]) marks[s.index][0].scrollIntoView({ block: "center" });
      });
      list.appendChild(li);
    });
  }

  function update() {
    writeHash();
    renderList();
    renderArticle();
  }

  document.querySelectorAll("#article-list th[data-sort]").forEach(function (th) {
    th.addEventListener("click", function () {
      var key = th.getAttribute("data-sort");
      state.dir = state.sort === key && state.dir === "desc" ? "asc" : (state.sort === key ? "desc" : (key === "path" ? "asc" : "desc"));
      state.sort = key;
      state.page = 1;
      update();
    });
  });
  readHash();
  update();
  body.setAttribute("data-ready", "1");
  body.setAttribute("data-ready-ms", String(Math.round(performance.now())));
})();
