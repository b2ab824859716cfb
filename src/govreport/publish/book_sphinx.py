"""A small Sphinx extension for the book (listed in _config.yml under sphinx.extra_extensions).

Jupyter Book 1.x always loads sphinx-thebe, whose configuration script is added to every page twice
(a `const` declared twice: a script error on every page) and which would fetch thebe from a CDN
when activated. The book never launches live kernels, so its scripts are removed from every page. The header's download
button is switched off (it links to page sources the book does not publish).
"""

from __future__ import annotations


def _is_thebe(script) -> bool:
    filename = getattr(script, "filename", None) or ""
    body = (getattr(script, "attributes", None) or {}).get("body", "") or ""
    return "thebe" in str(filename) or "THEBE_JS_URL" in body


def _drop_thebe(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if scripts:
        context["script_files"] = [s for s in scripts if not _is_thebe(s)]
    styles = context.get("css_files")
    if styles:
        context["css_files"] = [s for s in styles if "thebe" not in str(getattr(s, "filename", s))]


def _no_download_button(app, config) -> None:
    """The theme's download button offers the page's source, which the book does not copy (html_copy_source is off):
    a button to a missing file. The tables are offered as CSV on each chapter instead."""
    options = dict(config.html_theme_options or {})
    options["use_download_button"] = False
    config.html_theme_options = options


def setup(app):
    app.connect("config-inited", _no_download_button, priority=900)
    app.connect("html-page-context", _drop_thebe, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
