"""CSV written in pieces: what a StreamingHttpResponse sends and the data package's files hold.

Rows are written ROWS_PER_PIECE at a time into a small buffer and handed on as UTF-8 bytes, so a
million-row table is never held whole, and the server does not pay a write per row.
"""

import csv
import io
from itertools import islice

from .columns import header

ROWS_PER_PIECE = 1000
BOM = "\ufeff"  # spreadsheets read UTF-8 only when the file starts with it


def csv_pieces(columns, rows, bom=False):
    """The CSV of `rows` under the header of `columns`, as bytes in pieces."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if bom:
        buffer.write(BOM)
    writer.writerow(header(columns))
    rows = iter(rows)
    while True:
        piece = list(islice(rows, ROWS_PER_PIECE))
        writer.writerows(piece)
        yield buffer.getvalue().encode()
        if len(piece) < ROWS_PER_PIECE:
            return
        buffer.seek(0)
        buffer.truncate()
