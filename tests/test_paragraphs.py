"""Pure helpers for PDF-text tables whose rows are paragraphs (labels, goals, stacked values)."""
from __future__ import annotations

import pytest

from pipelines.parsing.lines import analyse_line
from pipelines.parsing.paragraphs import paragraph_above, split_goal
from pipelines.parsing.stacked import stacked_paragraph_rows


@pytest.mark.parametrize(
    ("line", "goal", "rest"),
    [
        # 002 l.860: a goal and the first words of the indicator on one line
        ("God kundsamverkan Antal genomförda ", "God kundsamverkan", "Antal genomförda"),
        # 002 l.955: a wide space between the two text columns
        (" En robust förvaltning  Alla enheter har kontinui-", "En robust förvaltning", "Alla enheter har kontinui-"),
        # a proper name after one word is not a goal: 'Lösningsgrad Kontakt' (002 l.950)
        ("Lösningsgrad Kontakt ", "", "Lösningsgrad Kontakt"),
        # a new sentence inside the label: 'kWh/m2/år. Avser' (000 l.1074)
        ("kWh/m2/år. Avser ", "", "kWh/m2/år. Avser"),
    ],
)
def test_split_goal(line, goal, rest):
    assert split_goal(line) == (goal, rest)


def lines_of(text: str):
    return [analyse_line(i + 1, raw) for i, raw in enumerate(text.split("\n"))]


def test_label_of_two_paragraphs_and_a_year_note():
    # the layout of 000 l.754–767: a label, a note under it, then '2020:' and the value
    infos = lines_of(
        "Kvarvarande andel \nnettoutsläpp, %. \n\nMåttet publiceras \nmed två års efter-\nsläpning \n\n2020: \n49 "
    )
    pending = [i for i in infos[:-1] if not i.blank]
    by_line = {i.line_no: i for i in infos}
    label = paragraph_above(pending, infos[-1], by_line)
    assert [i.text.strip() for i in label] == [
        "Kvarvarande andel", "nettoutsläpp, %.", "Måttet publiceras", "med två års efter-", "släpning",
    ]


def test_a_goal_wider_than_the_label_is_not_joined():
    # 000 l.633–651: the goal text is printed wider than the label column
    infos = lines_of(
        "Trygghetsskapande åtgärder på all-\nmänna platser och ett aktivt ansvar.\n\n"
        "Nationella trygg-\nhetsundersökningen.\n\nAvser andel av be-\nfolkningen.  25 I.U. I.U."
    )
    pending = [i for i in infos[:-1] if not i.blank]
    by_line = {i.line_no: i for i in infos}
    label = paragraph_above(pending, infos[-1], by_line)
    assert [i.text.strip() for i in label] == ["Nationella trygg-", "hetsundersökningen.", "Avser andel av be-"]


def test_stacked_values_under_paragraph_labels():
    # the layout of 000 l.3133–3177: three label paragraphs, then one group of values per
    # column; an empty line ends a group, lines of spaces separate the rows in it
    text = "\n".join([
        "Nyttjandegrad ", "hemtjänst tätort ", "glesbygd ", " ", "Andel arbetade ", "timmar timavlönade ", "",
        "59% ", "47% ", " ", " ", "19% ", "",
        "60% ", "46% ", " ", " ", "17% ", "",
    ])
    rows = stacked_paragraph_rows(lines_of(text))
    got = [(" ".join(line.text.strip() for line in r.label_lines), [(col, v.text.strip()) for col, v in r.cells])
           for r in rows]
    assert got == [
        ("Nyttjandegrad hemtjänst tätort", [(1, "59%"), (2, "60%")]),
        ("glesbygd", [(1, "47%"), (2, "46%")]),
        ("Andel arbetade timmar timavlönade", [(1, "19%"), (2, "17%")]),
    ]
