/* stancekg actor graph, part 2 of 3: the side panel (evidence, actors, claims) and the legend.
 *
 * Evidence reads like a newspaper: the sentence with the holder, the target and the speech cue
 * marked, then the article's title, outlet, date and update time. Every text from the data goes
 * into the page through textContent, never as HTML.
 */

var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December"];

function el(tag, attrs, children) {
  var element = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (key) {
    if (key === "text") { element.textContent = attrs[key]; } else { element.setAttribute(key, attrs[key]); }
  });
  (children || []).forEach(function (child) {
    if (child === null || child === undefined) { return; }
    element.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  });
  return element;
}

function readableDate(text) {
  // "2016-09-12" (or "2016-09-12T10:00:00") -> "12 September 2016"; anything else as it is.
  var match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text || "");
  if (!match) { return text || ""; }
  return parseInt(match[3], 10) + " " + MONTHS[parseInt(match[2], 10) - 1] + " " + match[1];
}

function markedSentence(stance) {
  // The evidence with <mark>s around the holder, the target and the cue.
  var quote = el("blockquote", { "class": "evidence " + stance.polarity });
  var at = 0;
  stance.marks.forEach(function (mark) {
    if (mark[0] > at) { quote.appendChild(document.createTextNode(stance.evidence.slice(at, mark[0]))); }
    quote.appendChild(el("mark", { "class": mark[2], text: stance.evidence.slice(mark[0], mark[1]) }));
    at = mark[1];
  });
  quote.appendChild(document.createTextNode(stance.evidence.slice(at)));
  return quote;
}

function sourceLine(docIndex, when) {
  // "Title" — Outlet, 12 September 2016, 3:15 p.m.
  var doc = data.documents[docIndex] || { title: "an article", outlet: "", date: "" };
  var rest = [doc.outlet, readableDate(doc.date), when].filter(function (part) { return part; });
  return el("div", { "class": "source" }, [el("cite", { text: doc.title }), rest.length ? " \u2014 " + rest.join(", ") : null]);
}

function stanceItem(stance, withPeople) {
  var source = nodesById[stance.source], target = nodesById[stance.target];
  var head = withPeople ? el("div", { "class": "who" }, [
    el("strong", { text: source.label }), " " + (stance.polarity === "favor" ? "for" : "against") + " ",
    el("strong", { text: target.label })]) : null;
  return el("article", { "class": "stance" }, [
    head,
    markedSentence(stance),
    stance.on ? el("div", { "class": "on", text: "about: " + stance.on }) : null,
    sourceLine(stance.doc, stance.when),
    el("div", { "class": "meta", text: "confidence " + stance.confidence.toFixed(2) })
  ]);
}

function clearPanel() {
  while (panel.firstChild) { panel.removeChild(panel.firstChild); }
  panel.removeAttribute("data-showing");
}

function showDefault() {
  if (state.focus) { showNode(nodesById[state.focus]); return; }
  clearPanel();
  panel.appendChild(el("p", { "class": "hint", text: "Hover over an arrow to read the sentences behind it. " +
    "Click an actor or topic (or find one by name) to see everyone around it, with the evidence. " +
    "Drag actors to move them; scroll to zoom." }));
}

function showEdge(edge) {
  var source = nodesById[edge.source], target = nodesById[edge.target];
  clearPanel();
  panel.setAttribute("data-showing", "edge:" + edge.id);
  panel.appendChild(el("h2", {}, [source.label + " \u2192 " + target.label]));
  panel.appendChild(el("p", {}, [
    el("span", { "class": "badge " + edge.polarity, text: edge.polarity === "favor" ? "for" : "against" }),
    " " + edge.stances.length + " stance" + (edge.stances.length === 1 ? "" : "s")
  ]));
  edge.stances.forEach(function (stance) { panel.appendChild(stanceItem(stance, false)); });
}

function campName(camp) {
  if (camp === null) { return "unaligned"; }
  var found = data.camps.filter(function (c) { return c.id === camp; })[0];
  return found ? "camp " + camp + ": " + found.name : "camp " + camp;
}

function showNode(node) {
  clearPanel();
  panel.setAttribute("data-showing", "node:" + node.id);
  panel.appendChild(el("h2", { text: node.label }));
  var facts = node.kind === "topic" ? ["topic"] :
    [typeLabel(node.type), node.mentions + " mention" + (node.mentions === 1 ? "" : "s"), campName(node.camp)];
  panel.appendChild(el("div", { "class": "meta", text: facts.join(" \u00b7 ") }));
  if (node.role) { panel.appendChild(el("div", { text: node.role })); }
  if (node.aliases.length) { panel.appendChild(el("div", { "class": "meta", text: "Also called: " + node.aliases.join(", ") })); }
  var stances = activeStances().filter(function (s) { return s.source === node.id || s.target === node.id; });
  [["Stances it takes", "source"], ["Stances toward it", "target"]].forEach(function (spec) {
    var mine = stances.filter(function (s) { return s[spec[1]] === node.id; });
    if (!mine.length && (node.kind === "topic" || spec[1] === "target")) { return; }
    panel.appendChild(el("h3", { text: spec[0] + " (" + mine.length + ")" }));
    mine.slice(0, 60).forEach(function (stance) { panel.appendChild(stanceItem(stance, true)); });
    if (mine.length > 60) { panel.appendChild(el("p", { "class": "hint", text: "\u2026 and " + (mine.length - 60) + " more." })); }
  });
  if (node.kind === "actor") { claimList(node); }
}

function claimList(node) {
  panel.appendChild(el("h3", { text: "Claims (" + node.claimCount + ")" }));
  if (!node.claims.length) { panel.appendChild(el("p", { "class": "hint", text: "No claims attributed." })); return; }
  var list = el("ul", { "class": "claims" });
  node.claims.forEach(function (claim) {
    list.appendChild(el("li", {}, [el("span", { "class": "claim-text", text: claim.text }), sourceLine(claim.doc, claim.when)]));
  });
  panel.appendChild(list);
  if (node.claimCount > node.claims.length) {
    panel.appendChild(el("p", { "class": "hint", text: "The latest " + node.claims.length + " shown; kg query lists them all." }));
  }
}

function typeLabel(type) {
  var found = data.types.filter(function (t) { return t.type === type; })[0];
  return found ? found.label : "actor";
}

function legendSwatch(draw) {
  var box = svgEl("svg", { width: "26", height: "18", viewBox: "-13 -9 26 18" });
  draw(box);
  return box;
}

function legend(shown) {
  // A few entries: the camps on screen (six colours at most), unaligned, topics, shapes, arrows.
  var box = document.getElementById("legend");
  while (box.firstChild) { box.removeChild(box.firstChild); }
  box.appendChild(el("h2", { text: "Legend" }));
  function row(swatch, text) { box.appendChild(el("div", { "class": "row" }, [swatch, el("span", { text: text })])); }
  function dot(color) { return legendSwatch(function (s) { s.appendChild(svgEl("circle", { r: "6", fill: color, stroke: "#333" })); }); }
  var camps = {}, other = false, unaligned = false, topics = false, types = {};
  shown.forEach(function (node) {
    if (node.kind === "topic") { topics = true; return; }
    types[node.type] = true;
    if (node.camp === null) { unaligned = true; } else if (node.camp <= data.colors.coloured) { camps[node.camp] = true; } else { other = true; }
  });
  data.camps.forEach(function (camp) { if (camps[camp.id]) { row(dot(camp.color), camp.id + ". " + camp.name); } });
  if (other) { row(dot(data.colors.other), "smaller camps"); }
  if (unaligned) { row(dot(data.colors.unaligned), "unaligned"); }
  if (topics) { row(legendSwatch(function (s) { s.appendChild(svgEl("path", { d: shapePath("Topic", 6), fill: data.colors.topic, stroke: "#333" })); }), "topic"); }
  var shapes = el("div", { "class": "row shapes" });
  data.types.forEach(function (type) {
    if (!types[type.type]) { return; }
    shapes.appendChild(legendSwatch(function (s) { s.appendChild(svgEl("path", { d: shapePath(type.type, 6), fill: "#fff", stroke: "#333" })); }));
    shapes.appendChild(el("span", { text: type.label }));
  });
  box.appendChild(shapes);
  ["favor", "against"].forEach(function (polarity) {
    row(legendSwatch(function (s) {
      s.appendChild(svgEl("path", { d: "M-11,0H5", stroke: data.colors[polarity], "stroke-width": "2.5", "marker-end": "url(#arrow-" + polarity + ")" }));
    }), polarity === "favor" ? "for (holder \u2192 target)" : "against (thicker: more stances)");
  });
}
