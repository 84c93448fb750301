"""Every threshold of the line-by-line table finder, named, with what it measures.

Lengths are in characters of a line's stripped text unless a comment says otherwise; reaches
are counted in lines. Shares are exact fractions, so that a comparison reads the same as the
integer arithmetic it replaces.
"""
from __future__ import annotations

from fractions import Fraction

# --- a line read as cells (lines.py) -------------------------------------------------------
MAX_COMPOUND_VALUE = 30  # characters: a longer cell with a digit in it is text, not a value printed with words
MIN_COMPOUND_VALUES = 2  # cells: values printed with words ('15 mkr') make a row only when this many stand together
MAX_NOTE_TOKENS = 6  # words: a longer run of text after the numbers is running text, not a note
MIN_NOTE_ROWS = 2  # rows: notes printed after the values at one place in this many rows make a column of notes
MIN_VALUES_BEFORE_NOTE = 2  # values: a note follows at least this many printed values; after fewer, the words are the label's
MIN_TAB_HEADER_CELLS = 2  # cells: a tab line of this many cells with no value but years names columns
MAX_YEAR_HEADER_LABEL = 40  # characters: a shorter text before years is the stub of a header of years
MAX_HEADER_LINE = 100  # characters: a longer line is running text, never a header
SHORT_HEADER_WORDS = 4  # words: a line this short names columns with one header word
MIN_HEADER_WORD_SHARE = 0.4  # share of a longer line's words that are header words or years

# --- what a line is in a table (roles) ----------------------------------------------------
MAX_LABEL = 110  # characters: a longer text before numbers is prose, not a row label
MAX_TAB_LABEL = 400  # characters: a longer label cell before tab-separated values is prose
MAX_LABEL_BEFORE_YEAR = 30  # characters: a longer text that ends in one year is a note, not a row
MAX_LABEL_LINE = 80  # characters: a longer line without numbers is running text, not a label line
MAX_WORDS_BEFORE_FULL_STOP = 3  # words: a longer line that ends in '.' is a sentence, not a label
MAX_MARKED_LABEL = 40  # characters: a longer line starting '* Word' is a footnote, not a marked label
MIN_FOOTNOTE_WITH_VALUES = 60  # characters: a numbered line that prints numbers is a footnote from this length
MIN_FOOTNOTE_WORDS = 3  # words: a shorter numbered line is no footnote
MIN_FOOTNOTE_LINE = 60  # characters: a longer line under a footnote is its wrapped text
MAX_TEXT_BETWEEN_ROWS = 45  # characters: longer text between rows printed as paragraphs is prose that ends the table
MIN_COLUMN_NAMES = 2  # header words: a header line of a new table names at least this many columns
MIN_NAMING_SHARE = Fraction(3, 4)  # share of a line's words that are header words when it holds no year
MIN_REPEATED_HEADER_CELLS = 2  # cells: a tab line repeats the header when this many cells are all column names
MIN_YEAR_LABELS = 2  # rows: years where the labels stand, in order, in this many rows at least make a table of years down the side
MIN_YEAR_HEADER_YEARS = 2  # years: a header of text columns then years prints at least this many

# --- where a table starts and ends (regions) ----------------------------------------------
MIN_VALUES_WITHOUT_HEADER = 2  # values: a line printing this many starts a table with no header right above
TAB_HEADER_REACH = 5  # lines: how far above the first row the tab header is looked for
MAX_STACKED_LABEL = 60  # characters: a label line above values printed one under the other is no longer
MAX_STACKED_LABELS = 8  # lines: label lines above the first of values printed one under the other
PARAGRAPH_HEADER_REACH = 14  # lines: a header broken one word a line ends within this many lines of its first
MAX_HEADER_PIECE = 14  # characters: a longer line is text, not a piece of a header broken one word a line
MAX_HEADER_PIECE_WORDS = 2  # words: a piece of a header broken one word a line has no more
FIRST_ROW_REACH = 40  # non-blank lines: how far below a header of years the first paragraph row may be
ROW_REACH = 16  # non-blank lines: how far text between rows printed as paragraphs may run
TABLE_ROW_REACH = 24  # non-blank lines: the same, inside a table already found to be one of paragraphs
MIN_ROW_PAIRS = 2  # pairs of rows: fewer say nothing about whether rows are separated by blank lines
MIN_SPACED_SHARE = Fraction(1, 2)  # share of row pairs with a blank line between, for rows printed as paragraphs
WIDE_GAP = 3  # blank lines: a gap this wide ends a table unless a row follows soon after
LABEL_AFTER_GAP = 3  # lines: after a wide gap, a label line this close may lead to the next row
ROW_AFTER_LABEL = 2  # lines: the row that follows such a label line is this close to it
ROW_AFTER_GAP = 5  # lines: after a wide gap, a row further away belongs to another table
MAX_PAGE_FURNITURE = 3  # lines: a page's footer and running header stand this close to its break, this many at most
MIN_FURNITURE_REPEATS = 3  # page breaks: a line (digits aside) next to this many at least is the pages' header or footer
MIN_FURNITURE_SHARE = Fraction(1, 3)  # of the page breaks: and next to this share of them (odd and even pages may differ)
MAX_SHORT_FURNITURE_NUMBERS = 2  # numbers: a report of three pages or fewer: its footer prints a page number and a year at most
MAX_CONTINUATION_GAP = 8  # lines: at most this many non-blank lines (page furniture, block caption) between a table and its continuation
SENTENCE_WORDS = 8  # words: a line of running text (a sentence) has at least this many
MAX_CONTINUATION_TEXT = 120  # characters: a longer line between two tables is text, so they are not one

# --- header zone and column names (header) ------------------------------------------------
MAX_PRE_ROW_LABELS = 8  # lines: label lines between a header and the first row, at most
MAX_CAPTION = 120  # characters: a longer line is running text, not a caption
MAX_UNIT_LINE_WORDS = 4  # words: a caption this short that names a unit ('Belopp i mnkr') may only give the unit of a title above it
MAX_CAPTION_WORDS = 16  # words: a caption is no longer
MAX_UNMARKED_CAPTION = 160  # characters: a line above a header taken as its caption though it names no unit
MAX_STUB_PIECE = 30  # characters: a short fragment above a header line is part of the header or its stub
MAX_STUB_PIECES = 3  # lines: such fragments, at most
MIN_BROKEN_PIECES = 2  # words: a line of column names all broken at a hyphen has at least this many
MIN_BROKEN_PIECE = 3  # characters: each such broken piece, hyphen included, is at least this long
MIN_HEADER_NAME_GAP = 3  # spaces: in a header line, a word this far from the one before begins a column name
MIN_COLUMNED_GAPS = 2  # columns: a header line laid out in columns names this many at least, one between two wide spaces
MIN_SUB_ROW_WORDS = 2  # words: a line of years or header words under complete column names adds to each
NO_COLUMN_LIMIT = 99  # columns: segment a header into as many names as its words give
MAX_ALIGN_SLACK = 2  # characters: a column's values start, or end, this near each other to be read as aligned
MIN_FITTING_SHARE = Fraction(1, 2)  # share of rows that must be readable as the header's columns for it to win

# --- reading rows (rows, spaced, paragraphs) ----------------------------------------------
MIN_ROWS_FOR_SPACING = 2  # rows: under a header of years, fewer rows are taken as paragraphs
MIN_STUB_WORDS_FOR_GOAL = 2  # words: a stub of two text columns or more lets a goal precede a row's label
MIN_CELL_GAP = 2  # spaces: a space this wide between two numbers separates cells; a thousands space is one
MIN_LABEL_GAP_SHIFTED = 3  # spaces: a wider space after a label may shift values under the columns filled above
MIN_LABEL_GAP_RIGHT = 4  # spaces: a wider space after a label may put the values in the last columns filled above
MAX_TEXT_IN_VALUE_COLUMN = 16  # characters: longer text between a row and values under it is a label, not value-column text
MIN_HEADING_PADDING = 3  # spaces: a label line padded with this many trailing spaces is a heading row, not a wrapped label
MIN_STACKED_GROUPS = 2  # columns: values printed one under the other fill at least this many
MAX_HEADING_WORDS = 6  # words: a heading that names a committee or an administration is no longer
# blocks side by side (gutters.py)
MIN_GUTTER_SPACES = 3  # spaces: a gutter between two blocks printed side by side is at least this wide
MIN_GUTTER_COLUMN = 20  # characters: a block printed beside another begins this far from the margin at least
MIN_EDGE_LINES = 3  # lines: a block beside another begins this many of its lines at one place at least
MAX_EDGE_GAP = 8  # lines: those lines stand at most this far apart
MIN_PROSE_WORDS = 5  # words: a part of a line this long, with no number at its end, reads as prose
