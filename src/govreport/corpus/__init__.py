"""Many reports at once: inputs (files, folders, manifests), execution on Dask, the panel tables, the data package.

>>> from govreport.corpus import build_corpus
>>> result = build_corpus(["data/raw/corpus/"], "build/corpus")
"""

from govreport.corpus.run import CorpusResult, build_corpus

__all__ = ["CorpusResult", "build_corpus"]
