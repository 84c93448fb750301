"""Print a report text to a PDF as a word processor would: a proportional font (DejaVu Sans,
else Helvetica), 8 pt on A4 landscape, one text line per PDF line, tab-separated cells at the
next tab stop (every 60 pt), 60 lines a page. It wrote the PDFs beside it from data/raw, so
that tests/test_pdf.py can check that a PDF of a report reads as the report's text does.

Not part of the project's install: run it with reportlab (`pip install reportlab`):
    python tests/data/pdf/render.py data/raw/003_96833f6bafabbf42.txt tests/data/pdf/003_96833f6bafabbf42.pdf
"""
import sys
from reportlab.pdfgen import canvas
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
import glob
ttf = (glob.glob("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf") or [None])[0]
FONT = "Helvetica"
if ttf:
    pdfmetrics.registerFont(TTFont("DejaVu", ttf)); FONT = "DejaVu"
SIZE, LEAD, PER_PAGE = 8, 11, 60
src, out = sys.argv[1], sys.argv[2]
text = open(src, encoding="utf-8").read()
lines = text.split("\n")
c = canvas.Canvas(out, pagesize=(A4[1], A4[0]))  # landscape: wide tables fit
W, H = A4[1], A4[0]
STOP = 60  # points between tab stops
for k, line in enumerate(lines):
    if k and k % PER_PAGE == 0:
        c.showPage()
    y = H - 30 - (k % PER_PAGE) * LEAD
    x = 20
    c.setFont(FONT, SIZE)
    for j, cell in enumerate(line.replace("<i>", "").replace("</i>", "").split("\t")):
        if j:
            x = 20 + (int((x - 20) / STOP) + 1) * STOP + 0  # next tab stop
            x = max(x, 20)
        c.drawString(x, y, cell)
        x += stringWidth(cell, FONT, SIZE) + stringWidth(" ", FONT, SIZE) * 0.5
c.save()
