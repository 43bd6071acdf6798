"""What a run folder gives besides the reports: the tables of every report as one Excel workbook
(:mod:`cxlib.exports.tables`) and the engagement's story as an editable slide deck
(:mod:`cxlib.exports.deck`).

Both read what the run wrote (executed notebooks, step results); neither computes a new number.
"""
from cxlib.exports.deck import write_deck
from cxlib.exports.tables import excel_format, write_tables

__all__ = ["excel_format", "write_deck", "write_tables"]
