"""Writes rotated_table.pdf: one wide table printed across the page, as reports print a table
too wide for a portrait page. Run with a Python that has reportlab (not a dependency):
    python tests/data/pdf/render_rotated.py tests/data/pdf/rotated_table.pdf

Page 1: an upright page of text. Page 2: a portrait page the viewer turns (/Rotate 90), its
content drawn turned back so that it reads upright on screen. Page 3: a portrait page whose
text is itself set at right angles (no /Rotate: the reader turns the paper).
The table's arithmetic holds: Summa is the sum of the rows, Avvikelse = Budget - Prognos."""
import sys

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

PW, PH = A4
COLS = ["Budget 2025", "Utfall jan-aug", "Prognos 2025", "Avvikelse", "Utfall jan-aug 2024"]
ROWS = [("Barn och utbildning", 1012400, 668300, 1020900, 651200), ("Vard och omsorg", 845000, 570200, 851300, 548900),
        ("Samhallsbyggnad", 98600, 61400, 97100, 63900), ("Kultur och fritid", 75300, 49800, 74100, 48700)]
ROWS = [(label, [b, u, p, b - p, u24]) for label, b, u, p, u24 in ROWS]
ROWS.append(("Summa verksamheter", [sum(r[1][i] for r in ROWS) for i in range(5)]))


def fmt(v: int) -> str:
    return ("-" if v < 0 else "") + f"{abs(v):,}".replace(",", " ")


def table(c, caption, x0, y0):
    edges = [x0 + 220 + 110 * k for k in range(5)]
    c.setFont("Helvetica-Bold", 11)
    c.drawString(x0, y0, caption)
    y = y0 - 24
    c.setFont("Helvetica-Bold", 9)
    c.drawString(x0, y, "Tkr")
    for name, e in zip(COLS, edges):
        c.drawRightString(e, y, name)
    y -= 14
    for label, values in ROWS:
        c.setFont("Helvetica", 9)
        c.drawString(x0, y, label)
        for v, e in zip(values, edges):
            c.drawRightString(e, y, fmt(v))
        y -= 13


def main(out: str) -> None:
    c = canvas.Canvas(out, pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(60, PH - 80, "Delarsrapport januari-augusti 2025. Nettokostnaden per verksamhet visas i tabellerna.")
    c.showPage()
    c.setPageSize(A4)
    c.setPageRotation(90)  # the viewer turns the page a quarter clockwise
    c.saveState()
    c.translate(0, PH)
    c.rotate(-90)  # drawn turned back: upright on screen
    table(c, "Tabell 1. Nettokostnad per verksamhet", 50, PW - 60)
    c.restoreState()
    c.showPage()
    c.setPageSize(A4)
    c.setPageRotation(0)
    c.saveState()
    c.translate(PW, 0)
    c.rotate(90)  # set across the portrait page: read by turning the paper
    table(c, "Tabell 2. Nettokostnad per verksamhet, samma period", 50, PW - 60)
    c.restoreState()
    c.showPage()
    c.save()


if __name__ == "__main__":
    main(sys.argv[1])
