"""Writes side_by_side.pdf: blocks printed side by side. Run with a Python that has reportlab
(not a dependency):
    python tests/data/pdf/render_side_by_side.py tests/data/pdf/side_by_side.pdf

Page 1: a page set in two columns of text; the right column holds a table of staff under its
caption, beside the left column's prose. Page 2: a heading over the full width, then two
tables side by side (staff in numbers, sick leave in per cent), then a paragraph over the full
width. The tables' arithmetic holds: each Summa/Totalt row is the sum of the rows above it
(sick leave: the total is printed as the report gives it, not a sum)."""
import sys

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

PW, PH = A4
PROSE = ("Nämnden redovisar ett underskott jämfört med budget för perioden. Det förklaras "
         "främst av ökade kostnader för placeringar och bemanning inom äldreomsorgen samt lägre "
         "intäkter från taxor och avgifter. Åtgärder har vidtagits under våren.").split()
STAFF = [("Tillsvidareanställda", 1245, 1268), ("Visstidsanställda", 187, 176), ("Timavlönade", 64, 58)]
STAFF_3 = [("Tillsvidareanställda", 1245, 1268, 1281), ("Visstidsanställda", 187, 176, 169)]
SICK = [("Kvinnor", "7,9", "7,4", "7,1"), ("Män", "4,8", "4,6", "4,4"), ("Totalt", "7,2", "6,8", "6,5")]


def fmt(v: int) -> str:
    return f"{v:,}".replace(",", " ")


def prose_column(c, x, y, width_chars=46, lines=14):
    words, k = PROSE * 4, 0
    c.setFont("Helvetica", 10)
    for _ in range(lines):
        line = ""
        while k < len(words) and len(line) + len(words[k]) < width_chars:
            line, k = f"{line} {words[k]}".strip(), k + 1
        c.drawString(x, y, line)
        y -= 13
    return y


def right_numbers(c, xs, y, values, font="Helvetica"):
    c.setFont(font, 10)
    for x, v in zip(xs, values):
        c.drawRightString(x, y, v)


def page_two_columns(c):
    c.setFont("Helvetica-Bold", 14)
    c.drawString(50, PH - 60, "Personal och ekonomi")
    prose_column(c, 50, PH - 100, lines=24)
    x = 310
    prose_column(c, x, PH - 100, lines=6)
    y = PH - 100 - 6 * 13 - 20
    c.setFont("Helvetica-Bold", 10)
    c.drawString(x, y, "Personal, antal")
    y -= 14
    xs = [x + 190, x + 250]
    right_numbers(c, xs, y, ["2024", "2025"], "Helvetica-Bold")
    total = [0, 0]
    for label, a, b in STAFF:
        y -= 13
        c.setFont("Helvetica", 10)
        c.drawString(x, y, label)
        right_numbers(c, xs, y, [fmt(a), fmt(b)])
        total = [total[0] + a, total[1] + b]
    y -= 13
    c.setFont("Helvetica", 10)
    c.drawString(x, y, "Summa")
    right_numbers(c, xs, y, [fmt(v) for v in total])
    prose_column(c, x, y - 30, lines=6)


def page_tables_side_by_side(c):
    c.setFont("Helvetica-Bold", 14)
    c.drawString(50, PH - 60, "Personalnyckeltal")
    y0 = PH - 100
    left, right = 50, 320
    lxs, rxs = [left + 150 + 45 * k for k in range(3)], [right + 110 + 45 * k for k in range(3)]
    c.setFont("Helvetica-Bold", 10)
    c.drawString(left, y0, "Personal, antal")
    c.drawString(right, y0, "Sjukfrånvaro, %")
    right_numbers(c, lxs, y0 - 14, ["2023", "2024", "2025"], "Helvetica-Bold")
    right_numbers(c, rxs, y0 - 14, ["2023", "2024", "2025"], "Helvetica-Bold")
    rows = STAFF_3 + [("Summa", *[sum(r[k] for r in STAFF_3) for k in (1, 2, 3)])]
    y = y0 - 14
    for (label, *values), (sick_label, *rates) in zip(rows, SICK):
        y -= 13
        c.setFont("Helvetica", 10)
        c.drawString(left, y, label)
        right_numbers(c, lxs, y, [fmt(v) for v in values])
        c.setFont("Helvetica", 10)
        c.drawString(right, y, sick_label)
        right_numbers(c, rxs, y, rates)
    c.setFont("Helvetica", 10)
    c.drawString(left, y - 30, "Sjukfrånvaron har minskat under året efter riktade insatser på arbetsplatserna.")


def main(out: str) -> None:
    c = canvas.Canvas(out, pagesize=A4)
    page_two_columns(c)
    c.showPage()
    page_tables_side_by_side(c)
    c.showPage()
    c.save()


if __name__ == "__main__":
    main(sys.argv[1])
