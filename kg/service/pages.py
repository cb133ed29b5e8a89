"""The pages of ``kg serve``: the query form and the actor graph, self-contained (no script,
style or font from anywhere; the Content-Security-Policy forbids any other source)."""

from __future__ import annotations

import html
import json
import threading
from typing import Callable

from kg.graph.sparql import default_prefixes

# Every page is self-contained: no script, style, font or image from anywhere, no request but to us.
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
       "font-src data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


def _canned_queries() -> dict[str, str]:
    from importlib import resources

    from kg.graph.query import canned_names

    folder = resources.files("kg.graph").joinpath("queries")
    return {name: folder.joinpath(f"{name}.rq").read_text(encoding="utf-8").strip() for name in canned_names()}


_EXAMPLE = """SELECT ?holder ?polarity ?target (COUNT(*) AS ?stances) WHERE {
  ?stance a skg:Stance ; skg:holder/rdfs:label ?holder ;
          skg:polarity ?polarity ; skg:target/rdfs:label ?target .
}
GROUP BY ?holder ?polarity ?target
ORDER BY DESC(?stances) ?holder
LIMIT 50"""


_SCRIPT = """const form = document.getElementById("form"), query = document.getElementById("query");
const result = document.getElementById("result"), status = document.getElementById("status");
document.getElementById("canned").addEventListener("change", e => {
  if (CANNED[e.target.value]) query.value = CANNED[e.target.value];
});
function cell(term) {
  if (!term) return "";
  if (term.type === "literal" && term["xml:lang"]) return term.value + " @" + term["xml:lang"];
  return term.type === "bnode" ? "_:" + term.value : term.value;
}
function table(data) {
  const t = document.createElement("table"), head = t.insertRow();
  if ("boolean" in data) { head.insertCell().textContent = String(data.boolean); return t; }
  for (const v of data.head.vars) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }
  for (const b of data.results.bindings) {
    const row = t.insertRow();
    for (const v of data.head.vars) row.insertCell().textContent = cell(b[v]);
  }
  return t;
}
form.addEventListener("submit", async e => {
  e.preventDefault();
  const fmt = document.getElementById("format").value;
  status.textContent = "running…"; result.textContent = "";
  const started = performance.now();
  try {
    const r = await fetch("/sparql", { method: "POST", body: new URLSearchParams({ query: query.value, format: fmt }) });
    const text = await r.text();
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (!r.ok) {
      const p = document.createElement("p"); p.className = "error"; p.textContent = r.status + ": " + text;
      result.appendChild(p); status.textContent = ""; return;
    }
    if (fmt === "json") {
      const data = JSON.parse(text);
      result.appendChild(table(data));
      status.textContent = ("boolean" in data ? "" : data.results.bindings.length + " rows, ") + seconds + " s";
    } else {
      const pre = document.createElement("pre"); pre.textContent = text; result.appendChild(pre);
      status.textContent = seconds + " s";
    }
  } catch (error) { status.textContent = String(error); }
});
"""


def query_page(label: str, timeout: float, max_rows: int, viz: bool) -> str:
    """The query form: works without script (the answer replaces the page); with script, tables."""
    prefixes = default_prefixes()
    canned = _canned_queries()
    options = "".join(f'<option value="{html.escape(n)}">{html.escape(n)}</option>' for n in canned)
    prefix_list = ", ".join(f"{p}:" for p in prefixes)
    data = json.dumps(canned).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    viz_link = '<a href="/viz">actor graph</a> · ' if viz else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>kg serve: {html.escape(label)}</title>
<style>
body {{ font: 15px/1.4 system-ui, sans-serif; margin: 1.5em auto; max-width: 72em; padding: 0 1em; color: #222; }}
textarea {{ width: 100%; height: 14em; font: 13px/1.4 ui-monospace, monospace; box-sizing: border-box; }}
table {{ border-collapse: collapse; margin-top: 1em; font-size: 13px; }}
th, td {{ border: 1px solid #ccc; padding: .25em .5em; text-align: left; vertical-align: top; max-width: 40em;
  overflow-wrap: anywhere; }}
th {{ background: #f3f3f3; }} pre {{ background: #f6f6f6; padding: .8em; overflow: auto; }}
.note {{ color: #666; font-size: 13px; }} .error {{ color: #a00; white-space: pre-wrap; }}
</style></head>
<body>
<h1>{html.escape(label)}</h1>
<p class="note">{viz_link}SPARQL endpoint: <code>/sparql</code> (GET or POST, read-only).
Predeclared prefixes: {html.escape(prefix_list)}. Limits: {timeout:g} s, {max_rows} rows.</p>
<form id="form" method="post" action="/sparql">
<p><label>Canned query: <select id="canned"><option value="">(choose)</option>{options}</select></label></p>
<textarea name="query" id="query" spellcheck="false">{html.escape(_EXAMPLE)}</textarea>
<p><label>Answer as <select name="format" id="format">
<option value="json">table (SPARQL JSON)</option><option value="csv">CSV</option><option value="tsv">TSV</option>
<option value="xml">SPARQL XML</option><option value="ttl">Turtle (CONSTRUCT, DESCRIBE)</option>
<option value="jsonld">JSON-LD (CONSTRUCT, DESCRIBE)</option></select></label>
<button type="submit">Run</button> <span id="status" class="note"></span></p>
</form>
<div id="result"></div>
<script>
const CANNED = {data};
{_SCRIPT}</script>
</body></html>
"""


def placeholder_page(message: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>kg serve: actor graph</title>
<style>body {{ font: 15px/1.4 system-ui, sans-serif; margin: 2em; }}</style></head>
<body><h1>Actor graph</h1><p>{html.escape(message)}</p><p><a href="/">Query page</a></p></body></html>
"""


class VizPage:
    """The actor graph page, drawn once in the background (a large graph takes a while)."""

    def __init__(self, store_path: str, enabled: bool, log: Callable[[str], None]) -> None:
        self.page: str | None = None if enabled else placeholder_page(
            "The actor graph is switched off (kg serve --no-viz).")
        self.log = log
        if enabled:
            threading.Thread(target=self._draw, args=(store_path,), daemon=True, name="kg-serve-viz").start()

    def _draw(self, store_path: str) -> None:
        try:
            from kg.analysis import viz

            self.page = viz.to_html(store_path)  # read in place: no copy of the store
        except Exception as error:  # noqa: BLE001 - the endpoint works without the picture
            message = str(error).splitlines()[0] if str(error) else type(error).__name__
            self.log(f"warning: the actor graph page could not be drawn ({message})")
            self.page = placeholder_page(f"The actor graph could not be drawn: {message}")

    def get(self) -> str | None:
        return self.page
