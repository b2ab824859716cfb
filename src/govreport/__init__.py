"""govreport: Chinese government work reports (政府工作报告) as traceable data.

    >>> import govreport
    >>> ex = govreport.extract("data/raw/wanzhou-2024.txt")
    >>> ex.indicators          # one row per quantitative claim, with its sentence and offsets

The names below are imported on first use (module ``__getattr__``), so that ``import govreport.errors`` or the
command line's ``--help`` does not pull in pandas and every stage.
"""

from __future__ import annotations

import importlib

from govreport.errors import ReportError, ReportWarning

_LAZY = {
    "Extraction": "govreport.extraction.pipeline",
    "extract": "govreport.extraction.pipeline",
    "extract_report": "govreport.extraction.pipeline",
    "Report": "govreport.text.report",
    "read_report": "govreport.text.report",
    "Derived": "govreport.derivation.pipeline",
    "derive": "govreport.derivation.pipeline",
}

__all__ = [
    "Derived", "Extraction", "Report", "ReportError", "ReportWarning", "derive", "extract", "extract_report", "read_report",
]


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'govreport' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next lookup is an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
