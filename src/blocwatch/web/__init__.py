"""Page templates (Jinja2) and static assets shared by the dashboard and the offline report."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from blocwatch import __version__

STATIC_DIR = Path(__file__).parent / "static"
ECHARTS_VERSION = "6.1.0"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment over ``blocwatch/web/templates`` (HTML autoescaped)."""
    return Environment(loader=PackageLoader("blocwatch.web", "templates"),
                       autoescape=select_autoescape(("html",)), trim_blocks=True, lstrip_blocks=True)


def render(template: str, **context: Any) -> str:
    """Render one template with the shared context (version, CSS)."""
    from blocwatch.report.style import CSS

    return environment().get_template(template).render(version=__version__, base_css=CSS, **context)


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date_label(d: date | None, precision: str | None = "day") -> str:
    """A date at its precision: "2019", "Oct 2024", "3 Oct 2024"; "undated" for None."""
    if d is None:
        return "undated"
    if precision == "year":
        return str(d.year)
    if precision == "month":
        return f"{MONTHS[d.month - 1]} {d.year}"
    if precision == "before":  # an undated act of a state that ended that day
        return f"by {date_label(d)}"
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def render_dashboard() -> str:
    """The dashboard page; its data comes from the HTTP API."""
    return render("dashboard.html", echarts_version=ECHARTS_VERSION)
