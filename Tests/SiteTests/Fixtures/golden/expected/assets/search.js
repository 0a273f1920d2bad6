/* Brightspots search: runs in the browser against /search/index.json (written by the build; its format is described
   in Sources/BrightspotsSite/SearchIndex.swift). No server, no other hosts, no framework. Without JavaScript the page
   shows the tag and principle indexes instead. */
(function () {
  "use strict";

  var form = document.getElementById("search-form");
  if (!form || !window.fetch || !window.URLSearchParams || !window.history || !history.replaceState) return;

  var input = document.getElementById("search-q");
  var filters = {
    kind: document.getElementById("search-kind"),
    tag: document.getElementById("search-tag"),
    principle: document.getElementById("search-principle"),
    year: document.getElementById("search-year")
  };
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-list");
  var browse = document.getElementById("search-browse");
  var initialStatus = status.textContent;

  var LIMIT = 100;
  var WEIGHT = { title: 8, label: 4, summary: 2, body: 1 };
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"];
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var VALUE = {};
  for (var a = 0; a < ALPHABET.length; a++) VALUE[ALPHABET.charAt(a)] = a;

  var index = null;

  // The same rules as SearchText.words in the build: lower case, accents removed, runs of letters and digits.
  function words(text) {
    return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").match(/[\p{L}\p{N}]+/gu) || [];
  }

  // SearchText.titleSlug: ASCII letters and digits, apostrophes dropped, anything else one hyphen.
  function titleSlug(title) {
    var slug = "", pending = false;
    for (var i = 0; i < title.length; i++) {
      var c = title.charAt(i), code = title.charCodeAt(i);
      if (code >= 65 && code <= 90) { c = String.fromCharCode(code + 32); code += 32; }
      if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
        if (pending && slug) slug += "-";
        pending = false;
        slug += c;
      } else if (c !== "'" && c !== "\u2019") {
        pending = true;
      }
    }
    return slug;
  }

  // SearchPostings.decode: entry positions from "~" + bits, or from base-32 gaps.
  function decode(text) {
    var positions = [], i, value;
    if (text.charAt(0) === "~") {
      for (i = 1; i < text.length; i++) {
        value = VALUE[text.charAt(i)];
        for (var bit = 0; bit < 6; bit++) if (value & (1 << bit)) positions.push((i - 1) * 6 + bit);
      }
    } else {
      var previous = -1, gap = 0;
      for (i = 0; i < text.length; i++) {
        value = VALUE[text.charAt(i)];
        gap = gap * 32 + (value & 31);
        if (value < 32) { previous += gap + 1; positions.push(previous); gap = 0; }
      }
    }
    return positions;
  }

  function prepare(data) {
    var kinds = data.kinds, tags = data.tags, principles = data.principles;
    var entries = data.entries.map(function (row, position) {
      var slug = typeof row[2] === "string" ? row[2] : titleSlug(row[0]).slice(0, row[2][0]) + row[2][1];
      var kind = kinds[row[3]] || ["", "", "/"];
      var tagged = decode(row[5]).filter(function (t) { return tags[t]; });
      var drawnOn = decode(row[6]).filter(function (p) { return principles[p]; });
      var labels = [];
      tagged.forEach(function (t) { labels.push(tags[t][0], tags[t][1]); });
      drawnOn.forEach(function (p) { labels.push(principles[p][0], principles[p][1]); });
      return {
        position: position, title: row[0], summary: row[1], url: kind[2] + slug + "/",
        kind: kind[0], kindLabel: kind[1], date: row[4], year: String(Math.floor(row[4] / 10000)),
        tags: tagged.map(function (t) { return tags[t][0]; }),
        principles: drawnOn.map(function (p) { return principles[p][0]; }),
        titleWords: words(row[0]), summaryWords: words(row[1]), labelWords: words(labels.join(" "))
      };
    });
    var terms = data.terms ? data.terms.split(" ") : [];
    var postings = data.postings ? data.postings.split(" ") : [];
    var stopwords = {};
    (data.stopwords || "").split(" ").forEach(function (w) { if (w) stopwords[w] = true; });
    return { entries: entries, terms: terms, postings: postings, decoded: {}, stopwords: stopwords };
  }

  // The entries whose body, summary or team holds a word starting with `prefix`.
  function bodyMatches(prefix) {
    var found = {};
    for (var i = 0; i < index.terms.length; i++) {
      if (index.terms[i].lastIndexOf(prefix, 0) !== 0) continue;
      var positions = index.decoded[i] || (index.decoded[i] = decode(index.postings[i]));
      for (var j = 0; j < positions.length; j++) found[positions[j]] = true;
    }
    return found;
  }

  // A field's score for one query word: its weight for a word starting with it, one more for the whole word.
  function fieldScore(fieldWords, term, weight) {
    var best = 0;
    for (var i = 0; i < fieldWords.length; i++) {
      if (fieldWords[i] === term) return weight + 1;
      if (best === 0 && fieldWords[i].lastIndexOf(term, 0) === 0) best = weight;
    }
    return best;
  }

  function queryTerms(query) {
    var all = words(query), seen = {}, kept = [];
    var content = all.filter(function (w) { return !index.stopwords[w]; });
    (content.length ? content : all).forEach(function (w) { if (!seen[w]) { seen[w] = true; kept.push(w); } });
    return kept;
  }

  // Every query word must match somewhere (by prefix); title beats tags and principles, which beat the summary,
  // which beats the body. Equal scores keep the index's order, newest first.
  function search(query, chosen) {
    var terms = queryTerms(query);
    var candidates = index.entries.filter(function (e) {
      return (!chosen.kind || e.kind === chosen.kind) && (!chosen.year || e.year === chosen.year)
        && (!chosen.tag || e.tags.indexOf(chosen.tag) >= 0)
        && (!chosen.principle || e.principles.indexOf(chosen.principle) >= 0);
    });
    if (!terms.length) return candidates;
    var body = terms.map(bodyMatches);
    var scored = [];
    candidates.forEach(function (e) {
      var total = 0;
      for (var t = 0; t < terms.length; t++) {
        var score = Math.max(fieldScore(e.titleWords, terms[t], WEIGHT.title),
                             fieldScore(e.labelWords, terms[t], WEIGHT.label),
                             fieldScore(e.summaryWords, terms[t], WEIGHT.summary),
                             body[t][e.position] ? WEIGHT.body : 0);
        if (!score) return;
        total += score;
      }
      scored.push({ entry: e, score: total });
    });
    scored.sort(function (x, y) { return y.score - x.score || x.entry.position - y.entry.position; });
    return scored.map(function (s) { return s.entry; });
  }

  function dateText(date) {
    var year = Math.floor(date / 10000), month = Math.floor(date / 100) % 100, day = date % 100;
    return { iso: year + "-" + (month < 10 ? "0" : "") + month + "-" + (day < 10 ? "0" : "") + day,
             text: day + " " + MONTHS[month - 1] + " " + year };
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function item(entry) {
    var li = element("li", "card");
    var heading = element("h3", "card-title");
    var link = element("a", "", entry.title);
    link.href = entry.url;
    heading.appendChild(link);
    li.appendChild(heading);
    var meta = element("p", "card-meta");
    meta.appendChild(element("span", "kind-label", entry.kindLabel));
    meta.appendChild(document.createTextNode(" · "));
    var date = dateText(entry.date);
    var time = element("time", "", date.text);
    time.setAttribute("datetime", date.iso);
    meta.appendChild(time);
    li.appendChild(meta);
    if (entry.summary) li.appendChild(element("p", "card-summary", entry.summary));
    return li;
  }

  function chosenFilters() {
    var chosen = {};
    Object.keys(filters).forEach(function (name) { if (filters[name]) chosen[name] = filters[name].value; });
    return chosen;
  }

  function describe(query) {
    var parts = [];
    if (query) parts.push("\u201C" + query + "\u201D");
    Object.keys(filters).forEach(function (name) {
      var select = filters[name];
      if (select && select.value) parts.push(select.options[select.selectedIndex].text);
    });
    return parts.join(", ");
  }

  function updateAddress(query, chosen) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    Object.keys(chosen).forEach(function (name) { if (chosen[name]) params.set(name, chosen[name]); });
    var search = params.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
  }

  function run() {
    if (!index) return;
    var query = input.value.trim();
    var chosen = chosenFilters();
    updateAddress(query, chosen);
    var filtering = Object.keys(chosen).some(function (name) { return chosen[name]; });
    list.textContent = "";
    if (!query && !filtering) {
      list.hidden = true;
      status.className = "";
      status.textContent = initialStatus;
      return;
    }
    var found = search(query, chosen);
    var described = describe(query);
    if (!found.length) {
      list.hidden = true;
      status.className = "empty";
      status.textContent = "No reflections match " + described + ". Try fewer or shorter words, or remove a filter.";
      return;
    }
    var shown = found.slice(0, LIMIT);
    shown.forEach(function (entry) { list.appendChild(item(entry)); });
    list.hidden = false;
    status.className = "";
    status.textContent = (found.length === 1 ? "1 reflection matches " : found.length + " reflections match ")
      + described + (found.length > LIMIT ? ". The first " + LIMIT + " are shown: add words or filters to narrow them." : ".");
  }

  var timer = null;
  function runSoon() {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  }

  // Read ?q=…&kind=… so results can be linked to.
  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  Object.keys(filters).forEach(function (name) {
    var select = filters[name], value = params.get(name);
    if (!select || !value) return;
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) { select.value = value; break; }
    }
  });

  form.hidden = false;
  results.hidden = false;
  browse.hidden = true;
  status.textContent = "Loading the search index\u2026";

  form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); run(); });
  input.addEventListener("input", runSoon);
  Object.keys(filters).forEach(function (name) { if (filters[name]) filters[name].addEventListener("change", run); });

  fetch(form.getAttribute("data-index"), { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    })
    .then(function (data) {
      index = prepare(data);
      run();
    })
    .catch(function () {
      form.hidden = true;
      status.className = "empty";
      status.textContent = "The search index could not be loaded. Browse by tag and principle below instead.";
      browse.hidden = false;
    });
})();
