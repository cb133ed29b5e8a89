/* stancekg actor graph, part 1 of 3: layout. Pure functions, no DOM.
 *
 * A seeded force-directed layout (Fruchterman and Reingold) in which allies pull harder than
 * opponents and each of the main camps is drawn toward a column of its own; then boxes (a node
 * with its label) are pushed apart until none overlap; then each label goes below, above, right or
 * left of its node, wherever it is free, or is hidden (it shows on hover). The same graph and
 * filters always give the same picture.
 */

function seededRandom(seed) {
  // mulberry32: a small, fast, seedable generator (the page must be deterministic).
  var state = seed >>> 0;
  return function () {
    state = (state + 0x6d2b79f5) >>> 0;
    var t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function campColumns(items, width) {
  // The two largest camps on screen (two or more members each) lean left and right of the centre,
  // so the main split reads across the picture; everything else is drawn to the centre.
  var sizes = {}, columns = {};
  items.forEach(function (item) { if (item.camp !== null) { sizes[item.camp] = (sizes[item.camp] || 0) + 1; } });
  var main = Object.keys(sizes).map(Number).filter(function (c) { return sizes[c] > 1; })
    .sort(function (a, b) { return sizes[b] - sizes[a] || a - b; }).slice(0, 2).sort(function (a, b) { return a - b; });
  if (main.length === 2) { columns[main[0]] = width * 0.36; columns[main[1]] = width * 0.64; }
  return columns;
}

function forceLayout(items, links, area) {
  // items: [{w, h, dy, camp, fixed}] (box size and the box centre's offset below the node);
  // links: [{s, t, weight}] (item indices). Sets item.x, item.y (node centres) inside area.
  var n = items.length, random = seededRandom(42), i, j, step;
  if (!n) { return; }
  var cx = area.width / 2, cy = area.height / 2;
  var columns = campColumns(items, area.width);
  items.forEach(function (item, index) {
    var angle = index * 2.399963, radius = Math.sqrt(index + 0.5) / Math.sqrt(n) * Math.min(cx, cy) * 0.8;
    var home = columns[item.camp];
    item.x = home !== undefined ? home + (random() - 0.5) * area.width * 0.1 : cx + radius * Math.cos(angle);
    item.y = cy + radius * Math.sin(angle) + (random() - 0.5) * 10;
    if (item.fixed) { item.x = cx; item.y = cy; }
  });
  if (n === 1) { return; }
  var k = Math.sqrt(area.width * area.height / n) * 0.45;
  var temperature = area.width / 8, iterations = 300;
  var dx = new Float64Array(n), dy = new Float64Array(n);
  // Many arrows would pull a dense picture into a knot: each link pulls less when there are many.
  var damping = Math.min(1, 2.5 * n / Math.max(links.length, 1));
  for (step = 0; step < iterations; step++) {
    dx.fill(0); dy.fill(0);
    for (i = 0; i < n; i++) {
      for (j = i + 1; j < n; j++) {
        var ex = items[i].x - items[j].x, ey = items[i].y - items[j].y;
        var d2 = Math.max(ex * ex + ey * ey, 1), force = k * k / d2;
        dx[i] += ex * force; dy[i] += ey * force; dx[j] -= ex * force; dy[j] -= ey * force;
      }
    }
    links.forEach(function (link) {
      var a = items[link.s], b = items[link.t];
      var ex = a.x - b.x, ey = a.y - b.y, d = Math.sqrt(ex * ex + ey * ey) || 1, pull = d / k * link.weight * damping;
      dx[link.s] -= ex * pull; dy[link.s] -= ey * pull; dx[link.t] += ex * pull; dy[link.t] += ey * pull;
    });
    for (i = 0; i < n; i++) {
      var item = items[i], home = columns[item.camp];
      // Gravity, as a weak link to the centre (to its camp's column), so components stay close.
      var gx = (home !== undefined ? home : cx) - item.x, gy = cy - item.y, gd = Math.sqrt(gx * gx + gy * gy);
      dx[i] += gx * gd / k * 0.4; dy[i] += gy * gd / k * 0.55;
      var length = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1, move = Math.min(length, temperature);
      if (!item.fixed) { item.x += dx[i] / length * move; item.y += dy[i] / length * move; }
      clampItem(item, area);
    }
    temperature = Math.max(temperature * 0.985, 0.5);
  }
  spread(items, area);
  makeRoom(items, area, 300);
}

function spread(items, area) {
  // Use the room there is: scale the picture about its centre (at most 1.6 times) to fill the area.
  var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  items.forEach(function (item) {
    x0 = Math.min(x0, item.x - item.w / 2); x1 = Math.max(x1, item.x + item.w / 2);
    y0 = Math.min(y0, item.y + item.dy - item.h / 2); y1 = Math.max(y1, item.y + item.dy + item.h / 2);
  });
  var mx = (x0 + x1) / 2, my = (y0 + y1) / 2;
  var scale = Math.min((area.width - 20) / Math.max(x1 - x0, 1), (area.height - 20) / Math.max(y1 - y0, 1), 1.6);
  if (scale <= 1) { return; }
  items.forEach(function (item) {
    item.x = area.width / 2 + (item.x - mx) * scale;
    item.y = area.height / 2 + (item.y - my) * scale;
    clampItem(item, area);
  });
}

function clampItem(item, area) {
  var margin = 6;
  item.x = Math.min(Math.max(item.x, item.w / 2 + margin), Math.max(area.width - item.w / 2 - margin, item.w / 2 + margin));
  var top = item.h / 2 - item.dy + margin, bottom = area.height - item.h / 2 - item.dy - margin;
  item.y = Math.min(Math.max(item.y, top), Math.max(bottom, top));
}

function makeRoom(items, area, rounds) {
  // Push overlapping boxes apart along the axis where they overlap least, half each; exact
  // pushes settle in a few rounds. Boxes are centred at (x, y + dy).
  var n = items.length, round, i, j, moved;
  for (round = 0; round < rounds; round++) {
    moved = false;
    for (i = 0; i < n; i++) {
      for (j = i + 1; j < n; j++) {
        var a = items[i], b = items[j];
        var ex = a.x - b.x, ey = (a.y + a.dy) - (b.y + b.dy);
        var ox = (a.w + b.w) / 2 + 4 - Math.abs(ex), oy = (a.h + b.h) / 2 + 2 - Math.abs(ey);
        if (ox <= 0 || oy <= 0) { continue; }
        moved = true;
        var sa = a.fixed ? 0 : (b.fixed ? 1 : 0.5), sb = 1 - sa;
        if (ox < oy) {
          var sx = ex > 0 || (ex === 0 && i < j) ? 1 : -1;
          a.x += sx * ox * sa; b.x -= sx * ox * sb;
        } else {
          var sy = ey > 0 || (ey === 0 && i < j) ? 1 : -1;
          a.y += sy * oy * sa; b.y -= sy * oy * sb;
        }
        clampItem(a, area); clampItem(b, area);
      }
    }
    if (!moved) { return; }
  }
}

function boxesOverlap(a, b) {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

function placeLabels(items, bounds) {
  // items: [{x, y, r, w, h}] in screen pixels, most important first. Returns, per item, the
  // label's box {x0, y0, x1, y1, side} or null when no side is free (the label is then hidden).
  var placed = [], result = [];
  var discs = items.map(function (item) {
    return { x0: item.x - item.r, y0: item.y - item.r, x1: item.x + item.r, y1: item.y + item.r };
  });
  items.forEach(function (item, index) {
    var gap = item.r + 3, w = item.w, h = item.h;
    var options = [
      { side: "below", x0: item.x - w / 2, y0: item.y + gap, x1: item.x + w / 2, y1: item.y + gap + h },
      { side: "above", x0: item.x - w / 2, y0: item.y - gap - h, x1: item.x + w / 2, y1: item.y - gap },
      { side: "right", x0: item.x + gap, y0: item.y - h / 2, x1: item.x + gap + w, y1: item.y + h / 2 },
      { side: "left", x0: item.x - gap - w, y0: item.y - h / 2, x1: item.x - gap, y1: item.y + h / 2 }
    ];
    var chosen = null;
    for (var o = 0; o < options.length && !chosen; o++) {
      var box = options[o];
      if (box.x0 < bounds.x0 || box.y0 < bounds.y0 || box.x1 > bounds.x1 || box.y1 > bounds.y1) { continue; }
      var free = placed.every(function (other) { return !boxesOverlap(box, other); }) &&
        discs.every(function (disc, d) { return d === index || !boxesOverlap(box, disc); });
      if (free) { chosen = box; }
    }
    if (chosen) { placed.push(chosen); }
    result.push(chosen);
  });
  return result;
}
