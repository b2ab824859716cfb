"""Errors and warnings for bad input: each carries a one-line message meant for a person."""

from __future__ import annotations


class ReportError(Exception):
    """Base class: the input cannot be turned into a report. ``str(err)`` is a one-line message."""


class InputNotFoundError(ReportError):
    """The path does not exist or is not a file."""


class EmptyInputError(ReportError):
    """The file or text is empty (or only white space)."""


class BinaryInputError(ReportError):
    """The bytes are not text (NUL bytes, control characters, a known binary signature)."""


class EncodingError(ReportError):
    """The bytes decode in none of the supported encodings (or in a mixture of them)."""


class InputTooLargeError(ReportError):
    """The input is larger than the documented limit."""


class NotAReportError(ReportError):
    """The text has no report structure or no numbers at all."""


class UnsupportedTextError(ReportError):
    """The text is written in a way the extractor would read wrongly (Traditional Chinese, a number too large)."""


class ReportWarning(UserWarning):
    """Something a reader should know, that does not stop the work (e.g. a report with no targets)."""
