"""Extraction: article text in, typed records out (documents, mentions, actors, claims, stances).

Stages, in order: :mod:`.ingest` (files to documents), :mod:`.nlp` (spaCy, loaded once, run with
``nlp.pipe``), :mod:`.actors` (mentions), :mod:`.resolve` (mentions to actors), :mod:`.claims`
(who said what), :mod:`.stance` (who is for or against whom or what, scored with
:mod:`.polarity`), :mod:`.pipeline` (the stages per article, actors merged across articles) and
:mod:`.records` (what is handed on). :mod:`.evaluate` scores all of it against gold annotations.
Nothing here knows RDF.
"""
