"""Analysis of a built graph, read through Oxigraph (a store folder in place, a file in memory),
never from spaCy objects and never as a full rdflib copy.

One concern per module, data flowing down this list: :mod:`.records` (typed records read from the
graph), :mod:`.graphs` (the NetworkX actor graphs), :mod:`.camps` (sides by structural balance),
:mod:`.targets` (a node by name), :mod:`.stats` (``kg stats``), :mod:`.export` (Gephi and
Cytoscape), :mod:`.style` (colours and shapes), :mod:`.layout` (positions and labels),
:mod:`.page` (the interactive HTML page and its ``assets/``), :mod:`.figure` (PNG and SVG),
:mod:`.timeline`, and :mod:`.viz` (``kg viz``: a file by its suffix)."""
