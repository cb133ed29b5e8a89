/* stancekg actor graph: a small SVG renderer for the self-contained page written by `kg viz`.
 *
 * Reads the graph from the JSON script element #graph-data; positions come from
 * Python (a seeded layout), so the same input always gives the same picture. No library, no
 * network: every text from the data goes into the page through textContent, never as HTML.
 */
(function () {
  "use strict";

  var NS = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var svg = document.getElementById("graph");
  var viewport = document.getElementById("viewport");
  var panel = document.getElementById("evidence");
  var nodesById = {};
  var nodeElements = {};
  var edgeElements = {};
  var state = { doc: "", favor: true, against: true, minConfidence: 0, search: "" };
  var pinned = null; // {kind: "edge"|"node", id}

  data.nodes.forEach(function (node) { nodesById[node.id] = node; });

  // ------------------------------------------------------------------ small DOM helpers

  function svgEl(tag, attrs) {
    var element = document.createElementNS(NS, tag);
    Object.keys(attrs || {}).forEach(function (key) { element.setAttribute(key, attrs[key]); });
    return element;
  }

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

  function shapePath(type, r) {
    // Person: circle; Organization: square; GovernmentOrganization: diamond; Place: triangle;
    // Group: hexagon; CreativeWork (a report or post as a source): pentagon; anything else: circle.
    // Same shapes as the static picture.
    var i, points = [], a;
    switch (type) {
      case "Organization":
        a = r * 0.9;
        return "M" + -a + "," + -a + "H" + a + "V" + a + "H" + -a + "Z";
      case "GovernmentOrganization":
        a = r * 1.2;
        return "M0," + -a + "L" + a + ",0L0," + a + "L" + -a + ",0Z";
      case "Place":
        a = r * 1.25;
        return "M0," + -a + "L" + (a * 0.866) + "," + (a * 0.5) + "L" + (-a * 0.866) + "," + (a * 0.5) + "Z";
      case "Group":
        for (i = 0; i < 6; i++) {
          points.push((r * 1.05 * Math.cos(Math.PI / 3 * i)).toFixed(2) + "," + (r * 1.05 * Math.sin(Math.PI / 3 * i)).toFixed(2));
        }
        return "M" + points.join("L") + "Z";
      case "CreativeWork":
        for (i = 0; i < 5; i++) {
          a = -Math.PI / 2 + 2 * Math.PI / 5 * i;
          points.push((r * 1.1 * Math.cos(a)).toFixed(2) + "," + (r * 1.1 * Math.sin(a)).toFixed(2));
        }
        return "M" + points.join("L") + "Z";
      default:
        return "M" + -r + ",0A" + r + "," + r + " 0 1,0 " + r + ",0A" + r + "," + r + " 0 1,0 " + -r + ",0Z";
    }
  }

  function fmt(value) { return (Math.round(value * 100) / 100).toString(); }

  // ------------------------------------------------------------------ drawing

  function markers() {
    var defs = svgEl("defs");
    ["favor", "against"].forEach(function (polarity) {
      var marker = svgEl("marker", {
        id: "arrow-" + polarity, viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "11", markerHeight: "11",
        markerUnits: "userSpaceOnUse", orient: "auto"
      });
      marker.appendChild(svgEl("path", { d: "M0,0L10,5L0,10Z", fill: data.colors[polarity] }));
      defs.appendChild(marker);
    });
    svg.insertBefore(defs, svg.firstChild);
  }

  function edgeGeometry(edge) {
    var a = nodesById[edge.source], b = nodesById[edge.target];
    var dx = b.x - a.x, dy = b.y - a.y;
    // Control point as matplotlib's arc3: midpoint + bend * (dy, -dx).
    var cx = (a.x + b.x) / 2 + edge.bend * dy, cy = (a.y + b.y) / 2 - edge.bend * dx;
    function trim(px, py, qx, qy, by) {
      var ux = qx - px, uy = qy - py, length = Math.sqrt(ux * ux + uy * uy) || 1;
      return [px + ux / length * by, py + uy / length * by];
    }
    var start = trim(a.x, a.y, cx, cy, a.r + 2);
    var end = trim(b.x, b.y, cx, cy, b.r * 1.15 + 3);
    return "M" + fmt(start[0]) + "," + fmt(start[1]) + "Q" + fmt(cx) + "," + fmt(cy) + " " + fmt(end[0]) + "," + fmt(end[1]);
  }

  function draw() {
    var edgeLayer = svgEl("g", { id: "edges" });
    var nodeLayer = svgEl("g", { id: "nodes" });
    viewport.appendChild(edgeLayer);
    viewport.appendChild(nodeLayer);
    data.edges.forEach(function (edge) {
      var group = svgEl("g", {
        "class": "edge " + edge.polarity, "data-edge-id": edge.id, "data-source": edge.source,
        "data-target": edge.target, "data-polarity": edge.polarity, tabindex: "0", role: "button"
      });
      var d = edgeGeometry(edge);
      var title = svgEl("title");
      var line = svgEl("path", {
        "class": "line", d: d, stroke: data.colors[edge.polarity], "marker-end": "url(#arrow-" + edge.polarity + ")"
      });
      var hit = svgEl("path", { "class": "hit", d: d });
      group.appendChild(title);
      group.appendChild(line);
      group.appendChild(hit);
      group.addEventListener("mouseenter", function () { if (!pinned) { showEdge(edge); } });
      group.addEventListener("mouseleave", function () { if (!pinned) { showDefault(); } });
      group.addEventListener("click", function (event) { event.stopPropagation(); pin("edge", edge.id); });
      group.addEventListener("keydown", function (event) { if (event.key === "Enter") { pin("edge", edge.id); } });
      edgeLayer.appendChild(group);
      edgeElements[edge.id] = { group: group, line: line, title: title, edge: edge };
    });
    data.nodes.forEach(function (node) {
      var group = svgEl("g", {
        "class": "node", "data-node-id": node.id, "data-camp": node.camp === null ? "" : String(node.camp),
        transform: "translate(" + node.x + "," + node.y + ")", tabindex: "0", role: "button"
      });
      var title = svgEl("title");
      title.textContent = node.label + " (" + node.type + ", " + node.mentions + " mention" + (node.mentions === 1 ? "" : "s") + ")";
      var shape = svgEl("path", { "class": "shape", d: shapePath(node.type, node.r), fill: node.color });
      var label = svgEl("text", { y: String(node.r * 1.25 + 12), "text-anchor": "middle" });
      node.lines.forEach(function (line, i) {
        var span = svgEl("tspan", { x: "0", dy: i === 0 ? "0" : "1.15em" });
        span.textContent = line;
        label.appendChild(span);
      });
      group.appendChild(title);
      group.appendChild(shape);
      group.appendChild(label);
      group.addEventListener("mouseenter", function () { if (!pinned) { highlight(node.id); } });
      group.addEventListener("mouseleave", function () { if (!pinned) { highlight(null); } });
      group.addEventListener("click", function (event) { event.stopPropagation(); pin("node", node.id); });
      group.addEventListener("keydown", function (event) { if (event.key === "Enter") { pin("node", node.id); } });
      nodeLayer.appendChild(group);
      nodeElements[node.id] = group;
    });
  }

  // ------------------------------------------------------------------ filters

  function stanceVisible(stance) {
    if (state.doc && stance.doc !== state.doc) { return false; }
    if (!state[stance.polarity]) { return false; }
    return stance.confidence >= state.minConfidence - 1e-9;
  }

  function nodeVisible(node) {
    return !state.doc || node.docs.indexOf(state.doc) >= 0;
  }

  function activeStances(edge) {
    return edge.stances.map(function (i) { return data.stances[i]; }).filter(stanceVisible);
  }

  function applyFilters() {
    var shownEdges = 0, shownNodes = 0;
    data.nodes.forEach(function (node) {
      var visible = nodeVisible(node);
      nodeElements[node.id].classList.toggle("hidden", !visible);
      if (visible) { shownNodes += 1; }
    });
    data.edges.forEach(function (edge) {
      var item = edgeElements[edge.id];
      var stances = activeStances(edge);
      var visible = stances.length > 0 && nodeVisible(nodesById[edge.source]) && nodeVisible(nodesById[edge.target]);
      item.group.classList.toggle("hidden", !visible);
      if (visible) {
        shownEdges += 1;
        item.line.setAttribute("stroke-width", String(1.6 + 1.6 * Math.min(stances.length - 1, 5)));
        item.title.textContent = nodesById[edge.source].label + " \u2192 " + nodesById[edge.target].label + ": " +
          edge.polarity + " \u00d7" + stances.length;
      }
    });
    document.getElementById("status").textContent = shownNodes + " actors, " + shownEdges + " edges shown";
    applySearch();
    if (pinned && pinned.kind === "edge") {
      var pinnedEdge = edgeElements[pinned.id];
      if (pinnedEdge.group.classList.contains("hidden")) { unpin(); } else { showEdge(pinnedEdge.edge); }
    }
  }

  function applySearch() {
    var query = state.search.trim().toLowerCase();
    var matches = {};
    data.nodes.forEach(function (node) {
      var hit = query !== "" && node.search.indexOf(query) >= 0;
      if (hit) { matches[node.id] = true; }
      nodeElements[node.id].classList.toggle("match", hit);
      nodeElements[node.id].classList.toggle("dim", query !== "" && !hit);
    });
    data.edges.forEach(function (edge) {
      var touches = matches[edge.source] || matches[edge.target];
      edgeElements[edge.id].group.classList.toggle("dim", query !== "" && !touches);
    });
    return Object.keys(matches);
  }

  function highlight(nodeId) {
    if (state.search.trim()) { return; }
    var neighbours = {};
    if (nodeId) {
      neighbours[nodeId] = true;
      data.edges.forEach(function (edge) {
        if (edge.source === nodeId || edge.target === nodeId) { neighbours[edge.source] = neighbours[edge.target] = true; }
      });
    }
    data.nodes.forEach(function (node) { nodeElements[node.id].classList.toggle("dim", !!nodeId && !neighbours[node.id]); });
    data.edges.forEach(function (edge) {
      edgeElements[edge.id].group.classList.toggle("dim", !!nodeId && edge.source !== nodeId && edge.target !== nodeId);
    });
  }

  // ------------------------------------------------------------------ the side panel

  function documentLabel(docId) {
    var doc = data.documents.filter(function (d) { return d.id === docId; })[0];
    return doc ? doc.label : (docId || "unknown source");
  }

  function clearPanel() { while (panel.firstChild) { panel.removeChild(panel.firstChild); } }

  function showDefault() {
    clearPanel();
    panel.appendChild(el("p", { "class": "hint", text: "Hover over or click an arrow to read the sentences behind it; click an actor to list its claims." }));
  }

  function stanceItem(stance) {
    var parts = [documentLabel(stance.doc)];
    if (stance.when) { parts.push(stance.when); }
    parts.push("confidence " + stance.confidence.toFixed(2));
    if (stance.rule) { parts.push("rule: " + stance.rule); }
    return el("div", { "class": "stance" }, [
      el("blockquote", { "class": "evidence " + stance.polarity, text: stance.evidence }),
      stance.target_kind !== "actor" ? el("div", { "class": "on", text: "on: " + stance.target_label }) : null,
      el("div", { "class": "meta", text: parts.join(" \u00b7 ") })
    ]);
  }

  function showEdge(edge) {
    var source = nodesById[edge.source], target = nodesById[edge.target];
    var stances = activeStances(edge);
    clearPanel();
    panel.setAttribute("data-showing", "edge:" + edge.id);
    panel.appendChild(el("h2", {}, [source.label + " \u2192 " + target.label]));
    panel.appendChild(el("p", {}, [
      el("span", { "class": "badge " + edge.polarity, text: edge.polarity }),
      " " + stances.length + " stance" + (stances.length === 1 ? "" : "s")
    ]));
    stances.forEach(function (stance) { panel.appendChild(stanceItem(stance)); });
  }

  function showNode(node) {
    clearPanel();
    panel.setAttribute("data-showing", "node:" + node.id);
    var camp = node.camp === null ? "unaligned" : data.camps[node.camp].name;
    panel.appendChild(el("h2", { text: node.label }));
    var facts = [node.type, node.mentions + " mention" + (node.mentions === 1 ? "" : "s"), camp];
    panel.appendChild(el("div", { "class": "meta", text: facts.join(" \u00b7 ") }));
    if (node.posts.length) { panel.appendChild(el("div", { text: "Role: " + node.posts.join("; ") })); }
    if (node.aliases.length) { panel.appendChild(el("div", { "class": "meta", text: "Also called: " + node.aliases.join(", ") })); }
    panel.appendChild(el("h3", { text: "Claims (" + node.claims.length + ")" }));
    if (!node.claims.length) { panel.appendChild(el("p", { "class": "hint", text: "No claims attributed." })); }
    var list = el("ul", { "class": "claims" });
    node.claims.forEach(function (claim) {
      var meta = [claim.kind || "claim", documentLabel(claim.doc)];
      if (claim.when) { meta.push(claim.when); }
      list.appendChild(el("li", {}, [el("span", { "class": "claim-text", text: claim.text }), el("div", { "class": "meta", text: meta.join(" \u00b7 ") })]));
    });
    panel.appendChild(list);
    [["Stances taken", "source", "target"], ["Stances received", "target", "source"]].forEach(function (spec) {
      var rows = data.edges.filter(function (edge) { return edge[spec[1]] === node.id; });
      panel.appendChild(el("h3", { text: spec[0] }));
      if (!rows.length) { panel.appendChild(el("p", { "class": "hint", text: "None." })); return; }
      var ul = el("ul");
      rows.forEach(function (edge) {
        var count = activeStances(edge).length;
        var link = el("a", { href: "#", text: (spec[1] === "source" ? edge.polarity + " " : edge.polarity + " from ") + nodesById[edge[spec[2]]].label + " \u00d7" + count });
        link.addEventListener("click", function (event) { event.preventDefault(); pin("edge", edge.id); });
        ul.appendChild(el("li", {}, [link]));
      });
      panel.appendChild(ul);
    });
  }

  function pin(kind, id) {
    unpin(true);
    pinned = { kind: kind, id: id };
    if (kind === "edge") {
      edgeElements[id].group.classList.add("selected");
      highlight(null);
      showEdge(edgeElements[id].edge);
    } else {
      nodeElements[id].classList.add("selected");
      highlight(id);
      showNode(nodesById[id]);
    }
  }

  function unpin(keepPanel) {
    if (pinned) {
      var element = pinned.kind === "edge" ? edgeElements[pinned.id].group : nodeElements[pinned.id];
      element.classList.remove("selected");
    }
    pinned = null;
    if (!keepPanel) { highlight(null); showDefault(); panel.removeAttribute("data-showing"); }
  }

  // ------------------------------------------------------------------ legend

  function legendSwatch(draw) {
    var box = svgEl("svg", { width: "26", height: "18", viewBox: "-13 -9 26 18" });
    draw(box);
    return box;
  }

  function legend() {
    var box = document.getElementById("legend");
    function row(swatch, text) { box.appendChild(el("div", { "class": "row" }, [swatch, el("span", { text: text })])); }
    box.appendChild(el("h3", { text: "Camps (colour)" }));
    data.camps.forEach(function (camp) {
      row(legendSwatch(function (s) { s.appendChild(svgEl("circle", { r: "6", fill: camp.color, stroke: "#333" })); }),
        camp.name + " (" + camp.size + ")");
    });
    row(legendSwatch(function (s) { s.appendChild(svgEl("circle", { r: "6", fill: data.colors.unaligned, stroke: "#333" })); }),
      "unaligned (no stance between actors)");
    box.appendChild(el("h3", { text: "Actor type (shape)" }));
    data.types.forEach(function (type) {
      row(legendSwatch(function (s) { s.appendChild(svgEl("path", { d: shapePath(type.type, 6), fill: "#fff", stroke: "#333" })); }),
        type.label);
    });
    box.appendChild(el("h3", { text: "Stances (arrows: holder \u2192 target)" }));
    ["favor", "against"].forEach(function (polarity) {
      row(legendSwatch(function (s) {
        s.appendChild(svgEl("path", { d: "M-11,0H7", stroke: data.colors[polarity], "stroke-width": "2.5", "marker-end": "url(#arrow-" + polarity + ")" }));
      }), polarity === "favor" ? "in favor of" : "against");
    });
    box.appendChild(el("div", { "class": "meta", text: "Thickness: number of stances. Size: number of mentions." }));
  }

  // ------------------------------------------------------------------ controls, zoom and pan

  function controls() {
    var select = document.getElementById("doc-filter");
    data.documents.forEach(function (doc) { select.appendChild(el("option", { value: doc.id, text: doc.label })); });
    select.addEventListener("change", function () { state.doc = select.value; applyFilters(); });
    ["favor", "against"].forEach(function (polarity) {
      var box = document.getElementById("show-" + polarity);
      box.addEventListener("change", function () { state[polarity] = box.checked; applyFilters(); });
    });
    var slider = document.getElementById("min-confidence");
    var shown = document.getElementById("min-confidence-value");
    slider.addEventListener("input", function () {
      state.minConfidence = parseFloat(slider.value) || 0;
      shown.textContent = state.minConfidence.toFixed(2);
      applyFilters();
    });
    var search = document.getElementById("search");
    search.addEventListener("input", function () { state.search = search.value; applySearch(); });
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        var found = applySearch();
        if (found.length) { pin("node", found[0]); }
      }
    });
    document.getElementById("reset-view").addEventListener("click", function () { view = initialView.slice(); setView(); });
  }

  var initialView = [0, 0, data.width, data.height];
  var view = initialView.slice();

  function setView() { svg.setAttribute("viewBox", view.map(fmt).join(" ")); }

  function zoomAndPan() {
    var dragging = null;
    svg.addEventListener("wheel", function (event) {
      event.preventDefault();
      var box = svg.getBoundingClientRect();
      var fx = (event.clientX - box.left) / box.width, fy = (event.clientY - box.top) / box.height;
      var factor = event.deltaY > 0 ? 1.15 : 1 / 1.15;
      var w = view[2] * factor, h = view[3] * factor;
      view = [view[0] + (view[2] - w) * fx, view[1] + (view[3] - h) * fy, w, h];
      setView();
    }, { passive: false });
    svg.addEventListener("mousedown", function (event) {
      if (event.target !== svg && event.target.id !== "background") { return; }
      dragging = { x: event.clientX, y: event.clientY, view: view.slice(), moved: false };
      svg.classList.add("panning");
    });
    window.addEventListener("mousemove", function (event) {
      if (!dragging) { return; }
      var box = svg.getBoundingClientRect();
      var scale = Math.max(view[2] / box.width, view[3] / box.height);
      var dx = (event.clientX - dragging.x) * scale, dy = (event.clientY - dragging.y) * scale;
      if (Math.abs(dx) + Math.abs(dy) > 2) { dragging.moved = true; }
      view = [dragging.view[0] - dx, dragging.view[1] - dy, view[2], view[3]];
      setView();
    });
    window.addEventListener("mouseup", function () {
      if (dragging && !dragging.moved) { unpin(); }
      dragging = null;
      svg.classList.remove("panning");
    });
  }

  markers();
  draw();
  legend();
  controls();
  zoomAndPan();
  setView();
  showDefault();
  applyFilters();
  document.body.setAttribute("data-ready", "true");
})();
