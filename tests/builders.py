"""Fixture builders shared by the test folders (tests/ is on sys.path under pytest)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from factdiff.core.model import Sentence


def make_pdf(*pages: Sequence[str]) -> bytes:
    """A minimal hand-written PDF: one Helvetica text stream per page (ASCII lines)."""
    n = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n))
    font = 3 + 2 * n
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode(),
    ]
    for i, lines in enumerate(pages):
        shown = " ".join(f"({line}) Tj T*" for line in lines)
        stream = f"BT /F1 12 Tf 14 TL 72 720 Td {shown} ET".encode()
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def rewrite_pdf(data: bytes, *, user_password: str | None = None, owner: str = "owner") -> bytes:
    """``data`` written again by pypdf, optionally encrypted (RC4: no extra packages)."""
    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(data))
    if user_password is not None:
        writer.encrypt(user_password=user_password, owner_password=owner, algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def sentences_of(text: str) -> tuple[Sentence, ...]:
    """One sentence per line of ``text``, with exact spans (no segmenter involved)."""
    out, start = [], 0
    for i, line in enumerate(text.split("\n")):
        out.append(Sentence(index=i, start=start, end=start + len(line), text=line))
        start += len(line) + 1
    return tuple(out)


def words_in_conflict(result, kind) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """The (a_text, b_text) of a fact comparison's conflicts of one kind, in order."""
    return [(c.a_text, c.b_text) for c in result.conflicts if c.kind is kind]
