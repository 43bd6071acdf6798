"""CX Nirvana engagement workbook: the analyses, charts and reports behind the seven steps."""
