"""GX Data Docs that open offline: no stylesheet or script from a CDN.

GX writes pages that load Bootstrap, jQuery, bootstrap-table, Font Awesome and Vega from CDNs,
and fills the index page's tables from JavaScript. Offline (and on servers that cannot reach
the internet) such a page shows no style and empty tables. This rewrite removes every http(s)
stylesheet, script and image, links a small local stylesheet instead, and writes the index
tables' rows as plain HTML (each row a link to its page). No Dagster here.
"""
from __future__ import annotations

import ast
import html
import re
from pathlib import Path

OFFLINE_CSS = """
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.text-danger, .ge-failed-icon::before { color: #b00020; }
.text-success, .ge-success-icon::before { color: #1b7f3b; }
.ge-failed-icon::before { content: "✗"; }
.ge-success-icon::before { content: "✓"; }
.cooltip > span, .tooltip, .modal, nav .dropdown-menu, .collapse:not(.show) { display: none; }
code, pre { background: #f6f6f6; }
"""

_REMOTE_LINK = re.compile(r"<link\b[^>]*href=\"https?://[^\"]*\"[^>]*>", re.I)
_REMOTE_SCRIPT = re.compile(r"<script\b[^>]*src=\"https?://[^\"]*\"[^>]*>\s*</script>", re.I)
_REMOTE_IMG = re.compile(r"<img\b[^>]*src=\"https?://[^\"]*\"[^>]*>", re.I)
_TABLE_SCRIPT = re.compile(
    r"<script>\s*\$\('#(?P<id>[\w-]+)'\)\.bootstrapTable\(\s*Object\.assign\(\s*\{\s*"
    r"columns: (?P<columns>\[.*?\]),\s*data: (?P<data>\[.*?\]),\s*toolbar:.*?</script>",
    re.S,
)


def make_offline(docs_dir: Path) -> list[Path]:
    """Rewrite every page of the Data Docs site in `docs_dir`; the pages rewritten."""
    styles = docs_dir / "static" / "styles"
    styles.mkdir(parents=True, exist_ok=True)
    (styles / "offline.css").write_text(OFFLINE_CSS, encoding="utf-8")
    pages = sorted(docs_dir.rglob("*.html"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        rel = "../" * (len(page.relative_to(docs_dir).parts) - 1)
        text = _TABLE_SCRIPT.sub(lambda m: _static_rows_script(m), text)
        text = _fill_tables(text)
        text = _REMOTE_LINK.sub("", text)
        text = _REMOTE_SCRIPT.sub("", text)
        text = _REMOTE_IMG.sub("", text)
        text = text.replace("</head>", f'<link rel="stylesheet" href="{rel}static/styles/offline.css">\n</head>', 1)
        page.write_text(text, encoding="utf-8")
    return pages


_PENDING: dict[str, str] = {}


def _static_rows_script(m: re.Match) -> str:
    """Turn a bootstrap-table script into its rows (kept until the table is filled)."""
    columns = ast.literal_eval(m["columns"])
    data = ast.literal_eval(m["data"])
    head = "".join(f"<th>{html.escape(str(c.get('title', c['field'])))}</th>" for c in columns) + "<th></th>"
    rows = []
    for row in data:
        link = row.get("_table_row_link_path")
        cells = [f"<td>{row.get(c['field'], '')}</td>" for c in columns]
        if link:
            cells.append(f'<td><a href="{html.escape(link)}">open</a></td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    _PENDING[m["id"]] = f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"
    return ""


def _fill_tables(text: str) -> str:
    for table_id, body in list(_PENDING.items()):
        pattern = re.compile(r"(<table\b[^>]*id=\"" + re.escape(table_id) + r"\"[^>]*>)(.*?)(</table>)", re.S)
        text, n = pattern.subn(lambda m: m[1] + body + m[3], text, count=1)
        if n:
            del _PENDING[table_id]
    return text


def remote_assets(docs_dir: Path) -> list[str]:
    """The http(s) stylesheets and scripts the site's pages still load (none after the rewrite)."""
    found = set()
    for page in docs_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        found.update(re.findall(r"<link\b[^>]*href=\"(https?://[^\"]*)\"", text))
        found.update(re.findall(r"<script\b[^>]*src=\"(https?://[^\"]*)\"", text))
    return sorted(found)
