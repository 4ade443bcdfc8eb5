"""Files on messages: what an upload is called, what it is, and how it is handed back.

Nothing uploaded is trusted. The name kept is a bare base name, for display and for the download; on disk
a file has a random name. The content type recorded is one of a short list of harmless types, and only
when the name, the client's claim and the first bytes agree; anything else is
``application/octet-stream``. A download is always an attachment (never shown inline), with ``nosniff``
and a sandboxing Content-Security-Policy, so an HTML, SVG or script file can never run in the desk.
"""

from __future__ import annotations

import codecs
import mimetypes
import re
import unicodedata
from collections.abc import Sequence

from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse

from humanly.conversations.models import Attachment

OCTET_STREAM = "application/octet-stream"
MAX_NAME = 150
MAX_FILES = 10  # files in one upload
# Characters that mean something to a file system or a shell on some platform.
UNSAFE = re.compile(r'[<>:"/\\|?*]+')
# The types recorded when the bytes say so: each with the way its files begin (None: text).
ZIP = (b"PK\x03\x04",)
SIGNATURES: dict[str, tuple[bytes, ...] | None] = {
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "image/webp": (b"RIFF",),  # and "WEBP" at byte 8, checked below
    "application/pdf": (b"%PDF-",),
    "application/zip": ZIP,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ZIP,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ZIP,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ZIP,
    "text/plain": None,
    "text/csv": None,
}
# Python's own table only, so the answer does not depend on the machine's /etc/mime.types.
_TYPES = mimetypes.MimeTypes()


def safe_name(name: str) -> str:
    """A base name safe to show and to offer for download: no folders, no control or formatting
    characters (such as right-to-left overrides), no leading dots, at most ``MAX_NAME`` characters."""
    name = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith(("C", "Zl", "Zp")))
    name = UNSAFE.sub("_", name).strip().lstrip(".").strip()
    if len(name) > MAX_NAME:
        stem, dot, extension = name.rpartition(".")
        keep = f".{extension}" if dot and stem and len(extension) <= 16 else ""
        name = name[: MAX_NAME - len(keep)].rstrip() + keep
    return name or "attachment"


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)  # the head may end mid-character
    except UnicodeDecodeError:
        return False
    return True


def content_type_of(name: str, claimed: str | None, head: bytes) -> str:
    """The type to record for a file called ``name`` (already safe), which the client says is
    ``claimed`` and which begins with ``head``."""
    claimed = (claimed or "").split(";")[0].strip().lower()
    by_name = _TYPES.guess_type(name, strict=False)[0]
    candidate = claimed if claimed and claimed != OCTET_STREAM else by_name
    if candidate is None or candidate not in SIGNATURES or (by_name and by_name != candidate):
        return OCTET_STREAM
    signatures = SIGNATURES[candidate]
    if signatures is None:
        return candidate if _is_text(head) else OCTET_STREAM
    if not head.startswith(signatures):
        return OCTET_STREAM
    if candidate == "image/webp" and head[8:12] != b"WEBP":
        return OCTET_STREAM
    return candidate


class TooLarge(ValueError):
    """A file over the desk's upload limit (HUMANLY_MAX_UPLOAD_MB)."""


def check(upload: UploadedFile, limit: int) -> int:
    """The size of ``upload``; refused when it is empty (ValueError) or over ``limit`` bytes (TooLarge)."""
    if not upload.size:
        raise ValueError("the file is empty")
    if upload.size > limit:
        raise TooLarge(f"the file is {upload.size:,} bytes; the most this desk accepts is {limit:,} bytes")
    return upload.size


def refusals(uploads: Sequence[UploadedFile], limit: int) -> list[tuple[str, ValueError]]:
    """Each file of ``uploads`` that would be refused, by its safe name, with the reason; checked before
    anything is stored so that a batch is stored whole or not at all."""
    refused = []
    for upload in uploads:
        try:
            check(upload, limit)
        except ValueError as exc:
            refused.append((safe_name(upload.name or ""), exc))
    return refused


def serve(attachment: Attachment) -> FileResponse:
    """The file, as a download that a browser never renders."""
    content_type = attachment.content_type if attachment.content_type in SIGNATURES else OCTET_STREAM
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.filename,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
