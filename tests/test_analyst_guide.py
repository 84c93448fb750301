"""Every query of docs/analyst-guide.md returns the answer printed under it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "analyst-guide.md"
BLOCK = re.compile(r"### (?P<title>.+?)\n.*?```sql\n(?P<sql>.*?)```\s*\n(?P<table>(?:\|[^\n]*\|\n?)+)", re.S)


def worked_questions():
    return [(m["title"], m["sql"], m["table"]) for m in BLOCK.finditer(GUIDE.read_text(encoding="utf-8"))]


def test_ten_questions():
    assert len(worked_questions()) == 10


def _cell(text: str):
    text = text.strip()
    try:
        return round(float(text), 6)
    except ValueError:
        return text


def _value(v):
    if v is None:
        return ""
    if isinstance(v, (int, float)):
        return round(float(v), 6)
    return _cell(str(v))


@pytest.mark.parametrize(("title", "sql", "table"), worked_questions(), ids=lambda x: x[:40] if isinstance(x, str) else "")
def test_worked_question(db, title, sql, table):
    lines = [l for l in table.strip().splitlines() if l.strip()]
    expected = [[_cell(c) for c in l.strip().strip("|").split("|")] for l in lines[2:]]
    got = [[_value(v) for v in row] for row in db.execute(sql).fetchall()]
    assert got == expected, title
