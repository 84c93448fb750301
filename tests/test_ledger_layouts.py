"""Two layouts of follow-up reports as systems print them (texts written for these tests, sums
checked by hand): a ledger printout with the minus after each amount, and a spreadsheet copied
with tabs whose group names stand in merged cells over their columns."""
from __future__ import annotations

from pipelines.parsing import extract_document

LEDGER = """Prognos per verksamhet

                                              Budget        Helårs-     Avvikelse   Avvikelse
Verksamhet                                      2025        prognos           tkr           %
Nämnd och förvaltningsledning                 9 450-         9 120-          330         3,5
Särskilt boende                             214 800-       219 350-        4 550-        2,1-
Riktade statsbidrag                           4 000         10 840         6 840       171,0
Summa                                       220 250-       217 630-        2 620         1,2
"""

# 'Januari–augusti' and 'Helår' in the first cell of the runs they head; 'Prognos 2025*' marks a note
TABS = (
    "Utfall och prognos per nämnd\n"
    "\n"
    "Mnkr\tJanuari–augusti\t\t\tHelår\t\t\n"
    "\tUtfall\tBudget\tAvvikelse\tBudget\tPrognos 2025*\tAvvikelse\n"
    "Kommunstyrelsen\t−98,4\t−100,7\t2,3\t−151,0\t−148,2\t2,8\n"
    "Socialnämnden\t−350,7\t−343,5\t−7,2\t−515,2\t−527,4\t−12,2\n"
    "Summa\t−449,1\t−444,2\t−4,9\t−666,2\t−675,6\t−9,4\n"
    "\n"
    "* Prognosen beslutad av nämnden i september.\n"
)


def test_a_minus_after_each_amount_is_its_sign():
    [table] = extract_document("ledger.txt", LEDGER.encode("utf-8")).tables
    assert (table.caption, table.unit, table.stub_header) == ("Prognos per verksamhet", "tkr", "Verksamhet")
    assert table.headers == ["Budget 2025", "Helårsprognos", "Avvikelse tkr", "Avvikelse %"]
    values = {r.label: [c.value for c in r.cells] for r in table.rows}
    # −220 250 = −9 450 − 214 800 + 4 000; 2 620 = 330 − 4 550 + 6 840
    assert values == {
        "Nämnd och förvaltningsledning": [-9450, -9120, 330, 3.5],
        "Särskilt boende": [-214800, -219350, -4550, -2.1],
        "Riktade statsbidrag": [4000, 10840, 6840, 171.0],
        "Summa": [-220250, -217630, 2620, 1.2],
    }


def test_group_names_in_merged_cells_head_the_columns_of_their_runs():
    [table] = extract_document("tabs.txt", TABS.encode("utf-8")).tables
    assert (table.caption, table.stub_header, table.unit) == ("Utfall och prognos per nämnd", "Mnkr", "mnkr")
    # the note mark after 'Prognos 2025' is no part of the name
    assert table.headers == [
        "Januari–augusti Utfall", "Januari–augusti Budget", "Januari–augusti Avvikelse",
        "Helår Budget", "Helår Prognos 2025", "Helår Avvikelse",
    ]
    # −449,1 = −98,4 − 350,7; −9,4 = 2,8 − 12,2
    assert [c.raw_text for c in table.rows[-1].cells] == ["−449,1", "−444,2", "−4,9", "−666,2", "−675,6", "−9,4"]


FEES = """Taxor och avgifter 2026 i urval

Avgift                                                    2025      2026   Förändring
Timtaxa bygglov och tillsyn                           1 250 kr  1 300 kr        4,0 %
Måltid i förskola, per portion                           62 kr     65 kr        4,8 %
Hyra idrottshall för ungdomsföreningar                    0 kr      0 kr            –
"""


def test_amounts_printed_with_kronor_are_cells():
    """A fee table prints each amount with its unit ('1 250 kr'). Before, the amounts were read
    as the label's words ('Timtaxa bygglov och tillsyn 1 250 kr 1 300 kr') and the change as the
    only cell, under the first column."""
    [table] = extract_document("fees.txt", FEES.encode("utf-8")).tables
    assert table.headers == ["2025", "2026", "Förändring"]
    cells = {r.label: [(c.col_no, c.raw_text, c.value) for c in r.cells] for r in table.rows}
    # 4,0 % = 50 / 1 250
    assert cells["Timtaxa bygglov och tillsyn"] == [(1, "1 250 kr", 1250), (2, "1 300 kr", 1300), (3, "4,0 %", 4.0)]
    assert cells["Hyra idrottshall för ungdomsföreningar"] == [(1, "0 kr", 0), (2, "0 kr", 0), (3, "–", None)]
