"""govreport: Chinese government work reports (政府工作报告) as traceable data.

    >>> import govreport
    >>> ex = govreport.extract("data/raw/wanzhou-2024.txt")
    >>> ex.indicators          # one row per quantitative claim, with its sentence and offsets
"""

from govreport.errors import ReportError, ReportWarning
from govreport.extraction.pipeline import Extraction, extract, extract_report
from govreport.text.report import Report, read_report
from govreport.derivation.pipeline import Derived, derive

__all__ = [
    "Derived", "Extraction", "Report", "ReportError", "ReportWarning", "derive", "extract", "extract_report", "read_report",
]
