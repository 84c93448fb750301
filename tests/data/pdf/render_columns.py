"""Print two tables to a PDF as a word processor lays out a table: labels left-aligned, values
right-aligned at each column's right edge, column names centred over their column and broken
over two lines, one name of each of the first two tables on one line only (the first table's
headers aligned to the bottom of their cells, the second's to the top); the third table's first
header line names groups of two columns, each centred over its two, and its totals are the
first table's (the same net costs, per activity); the fourth prints the second's projects in mnkr
under names of three lines, two of them with no third. Proportional font (DejaVu Sans, else
Helvetica). It wrote `columns_two_line_header.pdf` beside it for tests/test_header_positions.py.

Not part of the project's install: run it with reportlab (`pip install reportlab`):
    python tests/data/pdf/render_columns.py tests/data/pdf/columns_two_line_header.pdf
"""
import glob
import sys

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

ttf = (glob.glob("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf") or [None])[0]
FONT = "Helvetica"
if ttf:
    pdfmetrics.registerFont(TTFont("DejaVu", ttf))
    FONT = "DejaVu"
SIZE, LEAD, LEFT = 9, 13, 60
RIGHT_EDGES = [320, 390, 460, 535]  # points: each value column's right edge
WIDTH = 62  # points: a column's width, its name centred in it

TABLES = [
    (
        "Driftredovisning per nämnd (mnkr)",
        [["Budget", "Utfall", "", "Avvikelse"], ["2025", "jan–aug", "Prognos", "mot budget"]],
        [
            ("Kommunstyrelsen", ["145,2", "96,1", "143,0", "2,2"]),
            ("Barn- och utbildningsnämnden", ["1 012,4", "668,3", "1 020,9", "-8,5"]),
            ("Socialnämnden", ["845,0", "570,2", "851,3", "-6,3"]),
            ("Tekniska nämnden", ["98,6", "61,4", "97,1", "1,5"]),
            ("Summa", ["2 101,2", "1 396,0", "2 112,3", "-11,1"]),
        ],
        "",
    ),
    (
        "Investeringar per projekt, tkr",
        [["Budget", "Utfall", "Prognos", "Avvikelse"], ["2025", "jan–aug", "helår", ""]],
        [
            ("Ny förskola Norr", ["12 000", "4 350", "11 500", "500"]),
            ("Gång- och cykelväg", ["3 500", "1 200", "3 800", "-300"]),
            ("IT-investeringar", ["1 800", "950", "1 800", "0"]),
            ("Summa", ["17 300", "6 500", "17 100", "200"]),
        ],
        "Projekt",
    ),
    (
        "Nettokostnad per verksamhet, mnkr",
        # names of groups of columns, centred over both: (name, first column, last column)
        [[("Jan–aug 2025", 0, 1), ("Helår 2025", 2, 3)], ["Budget", "Utfall", "Budget", "Prognos"]],
        [
            ("Grundskola", ["600,0", "598,4", "900,0", "905,1"]),
            ("Gymnasieskola", ["250,0", "251,6", "375,0", "377,2"]),
            ("Äldreomsorg", ["450,0", "446,0", "676,2", "680,0"]),
            ("Övrig verksamhet", ["100,0", "100,0", "150,0", "150,0"]),
            ("Summa", ["1 400,0", "1 396,0", "2 101,2", "2 112,3"]),
        ],
        "",
    ),
    (
        "Investeringar per projekt, mnkr",
        [["Total", "Prognos", "Avvikelse", "Avvikelse"], ["budget", "helår", "mot budget", "%"], ["2025", "2025", "", ""]],
        [
            ("Ny förskola Norr", ["12,0", "11,5", "0,5", "4,2 %"]),
            ("Gång- och cykelväg", ["3,5", "3,8", "-0,3", "-8,6 %"]),
            ("IT-investeringar", ["1,8", "1,8", "0,0", "0,0 %"]),
            ("Summa", ["17,3", "17,1", "0,2", "1,2 %"]),
        ],
        "",
    ),
]


def main(out: str) -> None:
    c = canvas.Canvas(out, pagesize=A4)
    y = A4[1] - 60
    c.setFont(FONT, SIZE)
    c.drawString(LEFT, y, "Delårsrapport januari–augusti 2025")
    y -= 2 * LEAD
    for caption, header, rows, stub in TABLES:
        c.drawString(LEFT, y, "Nämndernas ekonomi följs upp per månad och redovisas i tabellen nedan.")
        y -= 2 * LEAD
        c.drawString(LEFT, y, caption)
        y -= 2 * LEAD
        for k, names in enumerate(header):
            if stub and k == len(header) - 1:
                c.drawString(LEFT, y, stub)
            for col, name in enumerate(names):
                if isinstance(name, tuple):
                    name, first, last = name
                    centre = (RIGHT_EDGES[first] + RIGHT_EDGES[last]) / 2 - WIDTH / 2
                    c.drawCentredString(centre, y, name)
                elif name:
                    c.drawCentredString(RIGHT_EDGES[col] - WIDTH / 2, y, name)
            y -= LEAD
        for label, values in rows:
            c.drawString(LEFT, y, label)
            for value, edge in zip(values, RIGHT_EDGES):
                c.drawRightString(edge, y, value)
            y -= LEAD
        y -= 2 * LEAD
    c.showPage()
    c.save()


if __name__ == "__main__":
    main(sys.argv[1])
