/* stancekg actor graph: drawing, zoom and drag, controls (runs last). */

var LINE = 14;  // label line height, px

function canvasSize() {
  var box = svg.getBoundingClientRect();
  return { width: Math.max(box.width, 200), height: Math.max(box.height, 200) };
}

function screen(node) { return { x: node.x * view.k + view.x, y: node.y * view.k + view.y }; }

function render() {
  var stances = activeStances();
  if (state.focus && !nodesById[state.focus]) { state.focus = null; }
  shown = state.focus ? focusNodes(stances) : overviewNodes(stances);
  var onScreen = {};
  shown.forEach(function (node) { onScreen[node.id] = true; });
  edges = arrows(stances, onScreen);
  if (pinned) { pinned = null; }
  drawNodes();
  var area = canvasSize(), index = {};
  var items = shown.map(function (node, i) {
    index[node.id] = i;
    var size = elements[node.id].size, r = radius(node);
    return { w: Math.max(size.w, 2 * r) + 8, h: 2 * r + size.h + 6, dy: (size.h + 6) / 2, camp: node.kind === "topic" ? null : node.camp,
      fixed: node.id === state.focus };
  });
  var links = edges.map(function (edge) {
    var a = nodesById[edge.source], b = nodesById[edge.target];
    var allies = a.camp !== null && a.camp === b.camp;
    return { s: index[edge.source], t: index[edge.target], weight: allies ? 1 : (b.kind === "topic" ? 0.6 : 0.35) };
  });
  forceLayout(items, links, area);
  shown.forEach(function (node, i) { node.x = items[i].x; node.y = items[i].y; });
  view = { k: 1, x: 0, y: 0 };
  drawEdges();
  positions();
  legend(shown);
  status(stances);
  showDefault();
  applySearch();
  document.getElementById("overview").hidden = !state.focus;
}

function drawNodes() {
  while (nodeLayer.firstChild) { nodeLayer.removeChild(nodeLayer.firstChild); }
  elements = {};
  shown.forEach(function (node) {
    var r = radius(node);
    var group = svgEl("g", { "class": "node " + node.kind + (node.id === state.focus ? " focus" : ""), "data-node-id": node.id,
      "data-camp": node.camp === null ? "" : String(node.camp), tabindex: "0", role: "button" });
    var title = svgEl("title");
    title.textContent = node.label + (node.kind === "topic" ? " (topic)" : " (" + typeLabel(node.type) + ", " + campName(node.camp) + ")");
    group.appendChild(title);
    group.appendChild(svgEl("path", { "class": "shape", d: shapePath(node.kind === "topic" ? "Topic" : node.type, r), fill: nodeColor(node) }));
    var label = svgEl("text", { "class": "label" });
    labelLines(node.label).forEach(function (line, i) {
      var span = svgEl("tspan", { x: "0", dy: i === 0 ? "0" : String(LINE) });
      span.textContent = line;
      label.appendChild(span);
    });
    group.appendChild(label);
    nodeLayer.appendChild(group);
    var box = label.getBBox();
    elements[node.id] = { group: group, label: label, size: { w: Math.ceil(box.width) + 2, h: Math.ceil(box.height) + 1, top: -box.y } };
    nodeEvents(group, node);
  });
}

function drawEdges() {
  while (edgeLayer.firstChild) { edgeLayer.removeChild(edgeLayer.firstChild); }
  edges.forEach(function (edge) {
    var group = svgEl("g", { "class": "edge " + edge.polarity + (edge.stances.length === 1 && edges.length > 2 * shown.length ? " faint" : ""), "data-edge-id": edge.id, "data-source": edge.source,
      "data-target": edge.target, tabindex: "0", role: "button" });
    var title = svgEl("title");
    title.textContent = nodesById[edge.source].label + " \u2192 " + nodesById[edge.target].label + ": " +
      (edge.polarity === "favor" ? "for" : "against") + ", " + edge.stances.length + " stance" + (edge.stances.length === 1 ? "" : "s");
    edge.line = svgEl("path", { "class": "line", stroke: data.colors[edge.polarity], "stroke-width": String(1.5 + 1.3 * Math.min(edge.stances.length - 1, 5)),
      "marker-end": "url(#arrow-" + edge.polarity + ")" });
    edge.hit = svgEl("path", { "class": "hit" });
    group.appendChild(title);
    group.appendChild(edge.line);
    group.appendChild(edge.hit);
    group.addEventListener("mouseenter", function () { if (!pinned) { showEdge(edge); } });
    group.addEventListener("mouseleave", function () { if (!pinned) { showDefault(); } });
    group.addEventListener("click", function (event) { event.stopPropagation(); pin(edge); });
    group.addEventListener("keydown", function (event) { if (event.key === "Enter") { pin(edge); } });
    edgeLayer.appendChild(group);
    edge.group = group;
  });
}

function edgePath(edge) {
  var a = screen(nodesById[edge.source]), b = screen(nodesById[edge.target]);
  var dx = b.x - a.x, dy = b.y - a.y;
  var cx = (a.x + b.x) / 2 + edge.bend * dy, cy = (a.y + b.y) / 2 - edge.bend * dx;
  function trim(px, py, by) {
    var ux = cx - px, uy = cy - py, length = Math.sqrt(ux * ux + uy * uy) || 1;
    return [px + ux / length * by, py + uy / length * by];
  }
  var start = trim(a.x, a.y, radius(nodesById[edge.source]) + 2);
  var end = trim(b.x, b.y, radius(nodesById[edge.target]) * 1.2 + 3);
  return "M" + start[0].toFixed(1) + "," + start[1].toFixed(1) + "Q" + cx.toFixed(1) + "," + cy.toFixed(1) + " " +
    end[0].toFixed(1) + "," + end[1].toFixed(1);
}

function positions() {
  shown.forEach(function (node) {
    var p = screen(node);
    elements[node.id].group.setAttribute("transform", "translate(" + p.x.toFixed(1) + "," + p.y.toFixed(1) + ")");
  });
  edges.forEach(function (edge) { var d = edgePath(edge); edge.line.setAttribute("d", d); edge.hit.setAttribute("d", d); });
  labels();
}

function labels() {
  // Labels keep their screen size; where one would overlap another it is hidden (shown on hover).
  var area = canvasSize();
  var items = shown.map(function (node) {
    var p = screen(node), size = elements[node.id].size;
    return { x: p.x, y: p.y, r: radius(node), w: size.w, h: size.h };
  });
  var boxes = placeLabels(items, { x0: 0, y0: 0, x1: area.width, y1: area.height });
  shown.forEach(function (node, i) {
    var box = boxes[i], label = elements[node.id].label, p = items[i];
    label.classList.toggle("off", !box);
    if (!box) { return; }
    var anchor = box.side === "right" ? "start" : box.side === "left" ? "end" : "middle";
    var x = box.side === "right" ? box.x0 - p.x : box.side === "left" ? box.x1 - p.x : 0;
    label.setAttribute("text-anchor", anchor);
    label.setAttribute("transform", "translate(" + x.toFixed(1) + "," + (box.y0 - p.y + elements[node.id].size.top).toFixed(1) + ")");
  });
}

function status(stances) {
  var between = {};
  stances.forEach(function (s) { if (nodesById[s.target].kind === "actor") { between[s.source] = between[s.target] = true; } });
  var unfiltered = state.doc === "" && state.favor && state.against && state.minConfidence === 0;
  var total = unfiltered ? data.withStances : Object.keys(between).length;
  var actors = shown.filter(function (n) { return n.kind === "actor"; }).length, topics = shown.length - actors;
  function count(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  var text = state.focus ? "Around " + nodesById[state.focus].label + ": " + count(shown.length - 1, "neighbour") :
    total ? actors + " of " + count(total, "actor") + " with stances between actors" + (topics ? ", " + count(topics, "topic") : "") :
    count(actors, "actor") + " and " + count(topics, "topic") + " (no stances between actors)";
  document.getElementById("status").textContent = text + " \u00b7 " + count(edges.length, "arrow");
}

// ------------------------------------------------------------------ interaction

function pin(edge) {
  unpin();
  pinned = edge;
  edge.group.classList.add("selected");
  showEdge(edge);
}

function unpin() {
  if (pinned && pinned.group) { pinned.group.classList.remove("selected"); }
  pinned = null;
}

function focusOn(id) {
  state.focus = id;
  unpin();
  render();
}

function highlight(id) {
  var near = {};
  if (id) { near[id] = true; edges.forEach(function (e) { if (e.source === id || e.target === id) { near[e.source] = near[e.target] = true; } }); }
  shown.forEach(function (node) { elements[node.id].group.classList.toggle("dim", !!id && !near[node.id]); });
  edges.forEach(function (e) { e.group.classList.toggle("dim", !!id && e.source !== id && e.target !== id); });
}

function nodeEvents(group, node) {
  var drag = null;
  group.addEventListener("mouseenter", function () { if (!drag) { highlight(node.id); group.classList.add("hover"); } });
  group.addEventListener("mouseleave", function () { if (!drag) { highlight(null); group.classList.remove("hover"); } });
  group.addEventListener("keydown", function (event) { if (event.key === "Enter") { focusOn(node.id); } });
  group.addEventListener("mousedown", function (event) {
    event.stopPropagation();
    event.preventDefault();
    drag = { x: event.clientX, y: event.clientY, nx: node.x, ny: node.y, moved: false };
    function move(e) {
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; }
      node.x = drag.nx + dx / view.k; node.y = drag.ny + dy / view.k;
      positions();
    }
    function up() {
      window.removeEventListener("mousemove", move);
      window.removeEventListener("mouseup", up);
      var moved = drag.moved;
      drag = null;
      if (!moved) { focusOn(node.id); }
    }
    window.addEventListener("mousemove", move);
    window.addEventListener("mouseup", up);
  });
}

function zoomAndPan() {
  var panning = null, frame = null;
  function redraw() { if (!frame) { frame = requestAnimationFrame(function () { frame = null; positions(); }); } }
  svg.addEventListener("wheel", function (event) {
    event.preventDefault();
    var box = svg.getBoundingClientRect(), px = event.clientX - box.left, py = event.clientY - box.top;
    var factor = event.deltaY > 0 ? 1 / 1.15 : 1.15, k = Math.min(Math.max(view.k * factor, 0.2), 12);
    view = { k: k, x: px - (px - view.x) * k / view.k, y: py - (py - view.y) * k / view.k };
    redraw();
  }, { passive: false });
  svg.addEventListener("mousedown", function (event) {
    panning = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y, moved: false };
    svg.classList.add("panning");
  });
  window.addEventListener("mousemove", function (event) {
    if (!panning) { return; }
    var dx = event.clientX - panning.x, dy = event.clientY - panning.y;
    if (Math.abs(dx) + Math.abs(dy) > 2) { panning.moved = true; }
    view = { k: view.k, x: panning.vx + dx, y: panning.vy + dy };
    redraw();
  });
  window.addEventListener("mouseup", function (event) {
    if (panning && !panning.moved && !event.target.closest(".edge")) { unpin(); showDefault(); }
    panning = null;
    svg.classList.remove("panning");
  });
}

function applySearch() {
  var query = state.search.trim().toLowerCase();
  shown.forEach(function (node) {
    var hit = query !== "" && node.search.indexOf(query) >= 0;
    elements[node.id].group.classList.toggle("match", hit);
  });
}

function bestMatch(query) {
  query = query.trim().toLowerCase();
  if (!query) { return null; }
  var tests = [function (n) { return n.label.toLowerCase() === query; }, function (n) { return n.search.indexOf(query) === 0; },
    function (n) { return n.search.indexOf(query) >= 0; }];
  for (var t = 0; t < tests.length; t++) {
    var hits = data.nodes.filter(tests[t]).sort(function (a, b) { return (a.kind === "topic") - (b.kind === "topic") || a.rank - b.rank; });
    if (hits.length) { return hits[0]; }
  }
  return null;
}

function markers() {
  var defs = svgEl("defs");
  ["favor", "against"].forEach(function (polarity) {
    var marker = svgEl("marker", { id: "arrow-" + polarity, viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "10",
      markerHeight: "10", markerUnits: "userSpaceOnUse", orient: "auto" });
    marker.appendChild(svgEl("path", { d: "M0,0L10,5L0,10Z", fill: data.colors[polarity] }));
    defs.appendChild(marker);
  });
  svg.insertBefore(defs, svg.firstChild);
}

function controls() {
  var cap = document.getElementById("cap");
  var most = data.nodes.filter(function (n) { return n.kind === "actor"; }).length;
  [5, 10, 20, 30, 50, 100, 150, 250].filter(function (n) { return n < most; }).concat([most]).forEach(function (n) {
    cap.appendChild(el("option", { value: String(n), text: (n === most ? "all " + n : "top " + n) + " actors" }));
  });
  state.cap = Math.min(state.cap, most);
  cap.value = String(state.cap);
  cap.addEventListener("change", function () { state.cap = parseInt(cap.value, 10); render(); });
  var docs = document.getElementById("doc-filter");
  data.documents.forEach(function (doc, i) {
    var parts = [readableDate(doc.date), doc.outlet, doc.title].filter(function (p) { return p; });
    docs.appendChild(el("option", { value: String(i), text: parts.join(" \u00b7 ").slice(0, 90) }));
  });
  docs.addEventListener("change", function () { state.doc = docs.value; render(); });
  [["show-topics", "topics"], ["show-loners", "loners"], ["show-favor", "favor"], ["show-against", "against"]].forEach(function (spec) {
    var box = document.getElementById(spec[0]);
    box.checked = state[spec[1]];
    box.addEventListener("change", function () { state[spec[1]] = box.checked; render(); });
  });
  var slider = document.getElementById("min-confidence"), value = document.getElementById("min-confidence-value");
  slider.addEventListener("change", function () { state.minConfidence = parseFloat(slider.value) || 0; value.textContent = state.minConfidence.toFixed(2); render(); });
  slider.addEventListener("input", function () { value.textContent = (parseFloat(slider.value) || 0).toFixed(2); });
  var search = document.getElementById("search");
  search.addEventListener("input", function () { state.search = search.value; applySearch(); });
  search.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") { return; }
    var found = bestMatch(search.value);
    if (found) { focusOn(found.id); }
  });
  document.getElementById("overview").addEventListener("click", function () { state.focus = null; render(); });
  document.getElementById("reset-view").addEventListener("click", function () { view = { k: 1, x: 0, y: 0 }; positions(); });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape" && state.focus) { state.focus = null; render(); } });
}

markers();
controls();
zoomAndPan();
render();
document.body.setAttribute("data-ready", "true");
