/* stancekg actor graph, part 3 of 3: what is shown, drawing, and interaction.
 *
 * The overview shows the actors with the most stances between actors (a cap the reader can
 * raise), optionally topics and actors without such stances; focus mode shows one actor's or
 * topic's neighbourhood. Every change of what is shown lays the picture out again. Zoom spreads
 * the nodes apart while labels and nodes keep their size on screen; nodes can be dragged.
 */

var NS = "http://www.w3.org/2000/svg";
var data = JSON.parse(document.getElementById("graph-data").textContent);
var svg = document.getElementById("graph");
var edgeLayer = document.getElementById("edges");
var nodeLayer = document.getElementById("nodes");
var panel = document.getElementById("evidence");
var nodesById = {};
var state = { cap: data.cap, topics: data.topics, loners: false, doc: "", favor: true, against: true,
  minConfidence: 0, search: "", focus: data.focus };
var view = { k: 1, x: 0, y: 0 };
var shown = [];       // nodes on screen, most important first
var edges = [];       // arrows on screen
var pinned = null;    // an edge whose evidence stays in the panel
var elements = {};    // node id -> {group, label, lines: [tspan], widths}

data.nodes.forEach(function (node) { nodesById[node.id] = node; });

function svgEl(tag, attrs) {
  var element = document.createElementNS(NS, tag);
  Object.keys(attrs || {}).forEach(function (key) { element.setAttribute(key, attrs[key]); });
  return element;
}

function radius(node) {
  return node.kind === "topic" ? 7 : Math.min(22, 6 + 2.6 * Math.sqrt(Math.max(node.mentions, 0)));
}

function shapePath(type, r) {
  // Person: circle; Organization: square; GovernmentOrganization: diamond; Place: triangle;
  // Group: hexagon; CreativeWork: pentagon; Topic: a wide rounded tag. As in the static picture.
  var i, points = [], a;
  switch (type) {
    case "Organization": a = r * 0.9; return "M" + -a + "," + -a + "H" + a + "V" + a + "H" + -a + "Z";
    case "GovernmentOrganization": a = r * 1.2; return "M0," + -a + "L" + a + ",0L0," + a + "L" + -a + ",0Z";
    case "Place": a = r * 1.25; return "M0," + -a + "L" + (a * 0.866) + "," + (a * 0.5) + "L" + (-a * 0.866) + "," + (a * 0.5) + "Z";
    case "Topic": return "M" + (-1.6 * r) + "," + (-r) + "H" + (1.6 * r) + "V" + r + "H" + (-1.6 * r) + "Z";
    case "Group": case "CreativeWork":
      var sides = type === "Group" ? 6 : 5;
      for (i = 0; i < sides; i++) {
        a = (type === "Group" ? 0 : -Math.PI / 2) + 2 * Math.PI / sides * i;
        points.push((r * 1.08 * Math.cos(a)).toFixed(2) + "," + (r * 1.08 * Math.sin(a)).toFixed(2));
      }
      return "M" + points.join("L") + "Z";
    default: return "M" + -r + ",0A" + r + "," + r + " 0 1,0 " + r + ",0A" + r + "," + r + " 0 1,0 " + -r + ",0Z";
  }
}

function nodeColor(node) {
  if (node.kind === "topic") { return data.colors.topic; }
  if (node.camp === null) { return data.colors.unaligned; }
  var camp = data.camps.filter(function (c) { return c.id === node.camp; })[0];
  return node.camp <= data.colors.coloured && camp ? camp.color : data.colors.other;
}

function labelLines(label) {
  // At most two lines of about 22 characters; the last one shortened with an ellipsis.
  var words = label.split(/\s+/), lines = [], line = "";
  words.forEach(function (word) {
    if (line && (line + " " + word).length > 22) { lines.push(line); line = word; } else { line = line ? line + " " + word : word; }
  });
  if (line) { lines.push(line); }
  if (lines.length > 2) { lines = [lines[0], lines.slice(1).join(" ")]; }
  return lines.map(function (text) { return text.length > 26 ? text.slice(0, 25) + "\u2026" : text; });
}

// ------------------------------------------------------------------ what is shown

function activeStances() {
  return data.stances.filter(function (s) {
    if (state.doc !== "" && String(s.doc) !== state.doc) { return false; }
    if (!state[s.polarity]) { return false; }
    return s.confidence >= state.minConfidence - 1e-9;
  });
}

function byCountThenRank(counts) {
  return function (a, b) { return (counts[b.id] || 0) - (counts[a.id] || 0) || a.rank - b.rank || (a.kind < b.kind ? -1 : 1); };
}

function overviewNodes(stances) {
  var between = {}, onTopics = {}, topicCounts = {};
  stances.forEach(function (s) {
    if (nodesById[s.target].kind === "topic") {
      onTopics[s.source] = (onTopics[s.source] || 0) + 1;
    } else {
      between[s.source] = (between[s.source] || 0) + 1; between[s.target] = (between[s.target] || 0) + 1;
    }
  });
  var score = {};
  var actors = data.nodes.filter(function (node) {
    if (node.kind !== "actor") { return false; }
    score[node.id] = (between[node.id] || 0) + (state.topics ? onTopics[node.id] || 0 : 0);
    return score[node.id] > 0 || (state.loners && state.doc === "");
  }).sort(byCountThenRank(score));
  var topicSlots = state.topics ? Math.min(Math.max(1, Math.round(state.cap / 3)), state.cap) : 0;
  var picked = connected(actors, Math.max(state.cap - topicSlots, state.topics ? 0 : state.cap), stances);
  var onScreen = {};
  picked.forEach(function (node) { onScreen[node.id] = true; });
  stances.forEach(function (s) {
    if (onScreen[s.source] && nodesById[s.target].kind === "topic") { topicCounts[s.target] = (topicCounts[s.target] || 0) + 1; }
  });
  var topics = data.nodes.filter(function (node) { return node.kind === "topic" && topicCounts[node.id]; })
    .sort(byCountThenRank(topicCounts)).slice(0, topicSlots);
  if (topics.length < topicSlots) { picked = connected(actors, state.cap - topics.length, stances); }
  return picked.concat(topics);
}

function connected(ranked, count, stances) {
  // The top ``count`` actors; those whose stances all lead off the picture give their places to
  // the next actors tied to the ones shown, so the overview is not strewn with loose nodes.
  var top = ranked.slice(0, count), inTop = {}, tied = {}, touching = {}, order = {};
  top.forEach(function (node) { inTop[node.id] = true; });
  stances.forEach(function (s) { if (inTop[s.source] && inTop[s.target]) { tied[s.source] = tied[s.target] = true; } });
  var kept = top.filter(function (node) { return tied[node.id]; });
  var loose = top.filter(function (node) { return !tied[node.id]; });
  if (kept.length < 2 || !loose.length) { return top; }
  stances.forEach(function (s) {
    if (tied[s.source]) { touching[s.target] = true; }
    if (tied[s.target]) { touching[s.source] = true; }
  });
  var extra = ranked.slice(count).filter(function (node) { return touching[node.id]; }).slice(0, loose.length);
  ranked.forEach(function (node, i) { order[node.id] = i; });
  return kept.concat(extra, loose.slice(0, loose.length - extra.length))
    .sort(function (a, b) { return order[a.id] - order[b.id]; });
}

function focusNodes(stances) {
  var centre = nodesById[state.focus], counts = {};
  stances.forEach(function (s) {
    if (s.source === centre.id) { counts[s.target] = (counts[s.target] || 0) + 1; }
    if (s.target === centre.id) { counts[s.source] = (counts[s.source] || 0) + 1; }
  });
  var around = Object.keys(counts).filter(function (id) { return id !== centre.id; })
    .map(function (id) { return nodesById[id]; }).sort(byCountThenRank(counts)).slice(0, Math.max(state.cap, 12) - 1);
  return [centre].concat(around);
}

function arrows(stances, onScreen) {
  // One arrow per holder, target and polarity among the nodes on screen; parallel arrows bend apart.
  var groups = {}, list = [];
  stances.forEach(function (s) {
    if (!onScreen[s.source] || !onScreen[s.target]) { return; }
    var key = s.source + "\u0000" + s.target + "\u0000" + s.polarity;
    if (!groups[key]) { groups[key] = { source: s.source, target: s.target, polarity: s.polarity, stances: [] }; list.push(groups[key]); }
    groups[key].stances.push(s);
  });
  var pairs = {};
  list.forEach(function (edge, i) {
    edge.id = "e" + i;
    var pair = [edge.source, edge.target].sort().join("\u0000");
    (pairs[pair] = pairs[pair] || []).push(edge);
  });
  Object.keys(pairs).forEach(function (pair) {
    var members = pairs[pair];
    members.forEach(function (edge) {
      var same = members.filter(function (other) { return other.source === edge.source; });
      edge.bend = members.length === 1 ? 0 : 0.12 + 0.14 * same.indexOf(edge);
    });
  });
  return list;
}
