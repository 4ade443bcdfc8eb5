"""Cleaning of raw customer messages and sentence spans.

``clean`` separates what the customer wrote this time from the earlier messages quoted in it and from the
signature, keeping all three. It accepts plain text or an HTML mail body, as ``str`` or ``bytes``, and never
raises. ``sentences`` splits text into ``(start, end)`` character spans. Everything runs in linear time.
"""

from __future__ import annotations

import contextlib
import html
import itertools
import logging
import re
import unicodedata
from dataclasses import dataclass
from operator import itemgetter

__all__ = ["CleanText", "clean", "is_greeting", "normalise", "sentences", "stem"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CleanText:
    """A message split into the new text, the quoted earlier messages and the signature (all normalised)."""

    text: str
    quoted: str
    signature: str
    was_html: bool


_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAK = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff]")
_ODD_SPACE = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACE_RUN = re.compile(f"[ {_ODD_SPACE}]{{2,}}|[{_ODD_SPACE}]")
_TRAILING_SPACE = re.compile(r" +(?=\n)")
_BLANK_LINES = re.compile(r"\n{3,}")
# A burst of ! or ? ("!!", "?!?"): heat in a message or a draft.
BURST = re.compile(r"[!?]{2,}")


def normalise(text: str) -> str:
    """NFC, ``\\n`` line ends, no control or zero-width characters, single spaces, at most one blank line."""
    text = _SURROGATE.sub("\ufffd", text)
    text = _LINE_BREAK.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACE_RUN.sub(" ", text)
    text = _TRAILING_SPACE.sub("", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return unicodedata.normalize("NFC", text).strip()


def _decode(raw: bytes) -> str:
    for codec in ("utf-8-sig", "cp1252"):
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode(codec)
    return raw.decode("utf-8", errors="replace")


_HTML_HINT = re.compile(
    r"<(?:!doctype|html|head|body|p|div|br|span|table|tr|td|blockquote|ul|ol|li|font|b|i|u|strong|em|img"
    r"|h[1-6]|meta|style|script|pre|hr|center)\b[^<>]*>|<a\s[^<>]*\bhref|</(?:p|div|span|a|b|i|td|li)>|<!--",
    re.IGNORECASE,
)


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


_BREAKS = dict.fromkeys(
    _names(
        "address article aside caption center dd details dir div dl dt fieldset figcaption figure footer "
        "form header hr li main nav ol section summary table tbody tfoot thead tr ul"
    ),
    1,
) | dict.fromkeys(_names("blockquote h1 h2 h3 h4 h5 h6 p pre"), 2)
_VOID = _names("area base br col embed hr img input link meta param source track wbr")
_RAW = {
    name: re.compile(f"</{name}", re.IGNORECASE)
    for name in _names("iframe noembed noframes noscript script style textarea title xmp")
}
_ELEMENT_EFFECTS = {"blockquote": "quote", "head": "skip", "pre": "pre"}
_REST_QUOTED = ("divrplyfwdmsg", "appendonsend", "mail-editor-reference-message-container")
_QUOTE_CLASSES = ("gmail_quote", "yahoo_quoted", "moz-cite-prefix")
_SIGNATURE_CLASSES = ("gmail_signature", "moz-signature")
_TAG = re.compile(r"""<(/?)([A-Za-z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>?""")
_CLASS_OR_ID = re.compile(r"""(?:^|[\s/])(class|id)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*))""", re.IGNORECASE)
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


def _after(doc: str, needle: str, start: int) -> int:
    end = doc.find(needle, start)
    return len(doc) if end == -1 else end + len(needle)


class _Channel:
    """Text collected for one destination, tracking how many line breaks it ends with."""

    __slots__ = ("newlines", "parts")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.newlines = 1

    def write(self, chunk: str) -> None:
        self.parts.append(chunk)
        body = chunk.rstrip("\n")
        self.newlines = self.newlines + len(chunk) if not body else len(chunk) - len(body)

    def ensure_breaks(self, count: int) -> None:
        if self.parts and self.newlines < count:
            self.write("\n" * (count - self.newlines))


class _HtmlToText:
    """A small linear-time HTML tokenizer that renders text into new, quoted and signature channels."""

    def __init__(self) -> None:
        self.text, self.quoted, self.signature = _Channel(), _Channel(), _Channel()
        self._stack: list[tuple[str, str]] = []
        self._open: dict[str, int] = {}
        self._depth = {"quote": 0, "signature": 0, "skip": 0, "pre": 0}
        self._rest_quoted = False

    def feed(self, doc: str) -> None:
        pos, size = 0, len(doc)
        while pos < size:
            lt = doc.find("<", pos)
            if lt == -1:
                self._data(doc[pos:])
                return
            if lt > pos:
                self._data(doc[pos:lt])
            pos = self._markup(doc, lt)

    def _markup(self, doc: str, lt: int) -> int:
        if doc.startswith("<!--", lt):
            return _after(doc, "-->", lt + 4)
        tag = _TAG.match(doc, lt)
        if tag is None:
            if doc.startswith(("<!", "<?", "</"), lt):
                return _after(doc, ">", lt + 2)
            self._data("<")
            return lt + 1
        name = tag.group(2).lower()
        if tag.group(1):
            self._end(name)
        elif name in _RAW:
            close = _RAW[name].search(doc, tag.end())
            return len(doc) if close is None else _after(doc, ">", close.end())
        else:
            self._start(name, tag.group(3))
        return tag.end()

    def _channel(self) -> _Channel:
        if self._rest_quoted or self._depth["quote"]:
            return self.quoted
        return self.signature if self._depth["signature"] else self.text

    def _breaks(self, count: int) -> None:
        for channel in (self.text, self.quoted, self.signature):
            channel.ensure_breaks(count)

    def _effect(self, name: str, attributes: str) -> str:
        if name == "head" and (self._open.get("body") or self.text.parts):
            return ""
        if name in _ELEMENT_EFFECTS or not attributes.strip():
            return _ELEMENT_EFFECTS.get(name, "")
        attrs = {
            match.group(1).lower(): html.unescape(match.group(match.lastindex or 1)).lower()
            for match in _CLASS_OR_ID.finditer(attributes)
        }
        classes, ident = attrs.get("class", ""), attrs.get("id", "")
        if any(marker in classes or marker in ident for marker in _REST_QUOTED):
            self._rest_quoted = True
        if any(marker in classes for marker in _QUOTE_CLASSES):
            return "quote"
        if ident == "signature" or any(marker in classes for marker in _SIGNATURE_CLASSES):
            return "signature"
        return ""

    def _start(self, name: str, attributes: str) -> None:
        if name == "body" and self._open.get("head"):
            self._end("head")
        if name == "br":
            self._channel().write("\n")
        elif name in _BREAKS:
            self._breaks(_BREAKS[name])
        if name in _VOID:
            return
        effect = self._effect(name, attributes)
        if effect:
            self._depth[effect] += 1
        self._stack.append((name, effect))
        self._open[name] = self._open.get(name, 0) + 1
        channel = self._channel()
        if name == "li":
            channel.write("- ")
        elif name in {"td", "th"} and not channel.newlines:
            channel.write(" ")

    def _end(self, name: str) -> None:
        if not self._open.get(name):
            return
        while self._stack:
            tag, effect = self._stack.pop()
            self._open[tag] -= 1
            if tag in _BREAKS:
                self._breaks(_BREAKS[tag])
            if effect:
                self._depth[effect] -= 1
            if tag == name:
                return

    def _data(self, data: str) -> None:
        if self._depth["skip"]:
            return
        if "&" in data:
            data = html.unescape(data)
        channel = self._channel()
        if not self._depth["pre"]:
            data = _HTML_SPACE.sub(" ", data)
            if channel.newlines:
                data = data.lstrip(" ")
        if data:
            channel.write(data)


_ORIGINAL = re.compile(
    r"-{2,} ?(?:original message|forwarded message|ursprüngliche nachricht|message d'origine) ?-{2,}",
    re.IGNORECASE,
)
_UNDERSCORES = re.compile(r"_{10,}")
_HEADER_FIELD = re.compile(r"\*?(from|sent|date|to|cc|subject)\*? ?:", re.IGNORECASE)
_WROTE = re.compile(r"(?i)(?:wrote|writes|a écrit|schrieb|escribió|ha scritto|schreef|skrev) ?:\**$")
_DATE_HINT = re.compile(r"\d|@")
_FOOTER = re.compile(
    r"(?:sent from my \S.{0,40}|sent from (?:mail|outlook) for \S.{0,30}|get outlook for \S.{0,30}"
    r"|sent from yahoo mail.{0,30}|sent from samsung.{0,40}|sent via .{1,40})",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"(?:(?:many |thanks )?thanks(?: again| so much| very much| in advance| a lot)?"
    r"|thank you(?: again| so much| very much| in advance)?|thx|ta|cheers|best|all the best|take care"
    r"|(?:with )?(?:best|kind|kindest|warm|warmest|many) (?:regards|wishes)|(?:with )?regards"
    r"|(?:yours )?(?:sincerely|truly|faithfully)|warmly|respectfully)"
    r" ?[,.!]*",
    re.IGNORECASE,
)
_DELIMITER = re.compile(r"^ *--$", re.MULTILINE)


def _next_is_quote(lines: list[str], index: int, stop: int) -> bool:
    for line in lines[index : min(stop, index + 2)]:
        if line.strip():
            return line.lstrip().startswith(">")
    return False


def _ends_with_wrote(line: str) -> bool:
    return line.rstrip("*").endswith(":") and _WROTE.search(line[-40:]) is not None


def _attribution(lines: list[str], index: int, stop: int) -> int:
    """How many lines (0 to 3) an ``... wrote:`` header starting at ``index`` spans."""
    joined = lines[index].strip()
    if not joined or len(joined) > 300:
        return 0
    if _ends_with_wrote(joined):
        return 1
    if not joined.startswith("On "):
        return 0
    for extra in (1, 2):
        follow = lines[index + extra].strip() if index + extra < stop else ""
        joined = f"{joined} {follow}"
        if not follow or len(joined) > 300:
            return 0
        if _ends_with_wrote(joined):
            return extra + 1 if _DATE_HINT.search(joined) else 0
    return 0


def _header_fields(lines: list[str]) -> list[str]:
    found = (_HEADER_FIELD.match(line.lstrip()) for line in lines)
    return ["" if match is None else match.group(1).lower() for match in found]


def _is_header_block(fields: list[str], index: int) -> bool:
    following = set(fields[index + 1 : index + 9])
    return (
        fields[index] == "from" and bool(following & {"sent", "date"}) and bool(following & {"to", "subject"})
    )


def _reply_cut(lines: list[str]) -> int:
    """Index of the first line of a top-posted earlier message (``len(lines)`` if there is none)."""
    fields: list[str] = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped.startswith(("--", "__", "*", "From", "On ")):
            continue
        if stripped[0] in "*F":
            fields = fields or _header_fields(lines)
            if _is_header_block(fields, index):
                return index
        if _ORIGINAL.fullmatch(stripped):
            return index
        if _UNDERSCORES.fullmatch(stripped):
            following = next((rest.strip() for rest in lines[index + 1 : index + 3] if rest.strip()), "")
            if following.lstrip("*").startswith("From"):
                return index
        span = _attribution(lines, index, len(lines)) if stripped.startswith("On ") else 0
        header = " ".join(lines[index : index + span])
        if span and _DATE_HINT.search(header) and not _next_is_quote(lines, index + span, len(lines)):
            return index
    return len(lines)


def _separate_quotes(text: str) -> tuple[list[str], list[str]]:
    """Split lines into the customer's own lines and quoted ones, keeping a blank line between groups."""
    lines = text.split("\n")
    cut = _reply_cut(lines)
    quoted_flags = [line.lstrip().startswith(">") for line in lines[:cut]]
    for index, line in enumerate(lines[:cut]):
        if quoted_flags[index] or not (line.rstrip("*").endswith(":") or line.lstrip().startswith("On ")):
            continue
        span = _attribution(lines, index, cut)
        if span and _next_is_quote(lines, index + span, cut):
            quoted_flags[index : index + span] = [True] * span
    new: list[str] = []
    quoted: list[str] = []
    for is_quoted, group in itertools.groupby(zip(quoted_flags, lines, strict=False), key=itemgetter(0)):
        target = quoted if is_quoted else new
        if target:
            target.append("")
        target.extend(line for _, line in group)
    if cut < len(lines):
        quoted.extend(["", *lines[cut:]])
    return new, quoted


def _signature_like(line: str) -> bool:
    words = line.split()
    return len(line) <= 60 and len(words) <= 8 and not (line[-1] in ".!?" and len(words) >= 4)


def _sign_off_start(lines: list[str], end: int) -> int:
    """Index of a closing line (``Kind regards,``) followed by at most four short lines, else ``end``."""
    short_lines = 0
    for index in range(end - 1, -1, -1):
        stripped = lines[index].strip()
        if not stripped:
            continue
        if _CLOSING.fullmatch(stripped):
            return index if any(line.strip() for line in lines[:index]) else end
        short_lines += 1
        if short_lines > 4 or not _signature_like(stripped):
            return end
    return end


def _separate_signature(lines: list[str]) -> tuple[list[str], list[str]]:
    joined = "\n".join(lines)
    delimiter = _DELIMITER.search(joined)
    body = lines[: joined.count("\n", 0, delimiter.start())] if delimiter else lines
    end = len(body)
    while end and (not body[end - 1].strip() or _FOOTER.fullmatch(body[end - 1].strip())):
        end -= 1
    start = _sign_off_start(body, end)
    return body[:start], lines[start:]


def _join(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part)


def _clean(raw: str | bytes) -> CleanText:
    document = _decode(raw) if isinstance(raw, bytes) else _SURROGATE.sub("\ufffd", raw)
    was_html = _HTML_HINT.search(document) is not None
    html_quoted = html_signature = ""
    if was_html:
        renderer = _HtmlToText()
        renderer.feed(document)
        document = "".join(renderer.text.parts)
        html_quoted = normalise("".join(renderer.quoted.parts))
        html_signature = normalise("".join(renderer.signature.parts))
    new, quoted = _separate_quotes(normalise(document))
    body, signature = _separate_signature(new)
    return CleanText(
        text=normalise("\n".join(body)),
        quoted=_join(normalise("\n".join(quoted)), html_quoted),
        signature=_join(normalise("\n".join(signature)), html_signature),
        was_html=was_html,
    )


def clean(raw: str | bytes) -> CleanText:
    """Split a raw message (plain text or HTML, ``str`` or ``bytes``) into new text, quotes and signature."""
    try:
        return _clean(raw)
    except Exception:
        logger.exception("could not separate the parts of a message of length %d", len(raw))
        text = _decode(raw) if isinstance(raw, bytes) else raw
        return CleanText(text=normalise(text), quoted="", signature="", was_html=False)


WRAPPED_LINE = 50
_CLOSERS = "\"'”’»)\\]}」』"
# Emoji after a full stop close the sentence before them ("Thanks for asking! 😊 Next, ..."), and
# so does an emoji in place of the stop ("back in no time 😅 Make sure...").
_EMOJI = "\u2600-\u27bf\U0001f000-\U0001faff"
_CANDIDATE = re.compile(
    f"(?P<cjk>[。！？]+[{_CLOSERS}]*)|(?P<stop>[.!?…]+[{_CLOSERS}]*)(?=\\s|\\Z)|(?P<newline>\\n\\s*)|"
    f"(?P<emoji>[{_EMOJI}][{_EMOJI}\ufe0f\u200d]*)(?=[ \t]+[A-Z\\[])"
)
_NON_SPACE = re.compile(r"\S")
_EMOJI_TAIL = re.compile(f"[ \t]*[{_EMOJI}][{_EMOJI}\ufe0f\u200d]*(?=\\s|\\Z)")
_EMOJI_END = re.compile(f"[\\s{_EMOJI}\ufe0f\u200d]+$")

_OPENERS = "\"'“‘«([{"
_ABBREVIATIONS = _names(
    "mr mrs ms dr st prof sr jr mt vs etc approx inc ltd co corp dept est fig ca cf al e.g i.e "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_NUMBER_ABBREVIATIONS = _names("no nos nr vol pp ref art")
_DOTTED = re.compile(r"(?:\w\.)+\w")
_LIST_ITEM = re.compile(r" *(?:[-*•·–]|\d{1,3}[.)]|[a-z][.)]) ")
_GREETING = re.compile(
    r"(?i)(?:hi|hello|hey|hiya|dear|greetings|good (?:morning|afternoon|evening))\b.{0,40}"
)


def without_emoji_tail(text: str) -> str:
    """``text`` without the emoji (and spaces) that close it: "Done! 🙂" is "Done!"."""
    return _EMOJI_END.sub("", text)


def is_greeting(line: str) -> bool:
    """Whether a line is only a greeting ("Hi Ana,", "Dear Customer Services,", "Hello")."""
    return _GREETING.fullmatch(line) is not None and (line[-1] in ",!:" or len(line.split()) <= 3)


_SUFFIXES = ("ing", "ed", "es", "s", "ly")


def stem(word: str) -> str:
    """A light stem for matching words: "charged", "charges" and "charging" all become "charg"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _continues(text: str, line_start: int, newline: re.Match[str]) -> bool:
    """Whether the next line, starting in lowercase, continues a hard-wrapped sentence."""
    line = text[line_start : newline.start()].strip()
    return (
        newline.group().count("\n") == 1
        and len(line) >= WRAPPED_LINE
        and not (_LIST_ITEM.match(line) or _LIST_ITEM.match(text, newline.end()) or is_greeting(line))
    )


def _at_line_start(text: str, start: int, index: int) -> bool:
    while index > start and text[index - 1] == " ":
        index -= 1
    return index == start or text[index - 1] == "\n"


def _keeps_going(text: str, line_start: int, stop: int, following: str) -> bool:
    """Whether a full stop at ``stop`` belongs to an abbreviation, an initial or a list number."""
    window = text[max(line_start, stop - 40) : stop]
    if not window or window[-1].isspace():
        return False
    word = window.split()[-1]
    token = word.lstrip(_OPENERS)
    lowered = token.lower()
    if lowered in _ABBREVIATIONS or _DOTTED.fullmatch(token) or (len(token) == 1 and token.isupper()):
        return True
    if lowered in _NUMBER_ABBREVIATIONS and (following.isdigit() or following == "#"):
        return True
    marker = (token.isdigit() and len(token) <= 3) or (len(token) == 1 and token.isalpha())
    return marker and _at_line_start(text, line_start, stop - len(word))


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append((start + lead, start + lead + len(stripped)))


def sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` spans of the sentences of ``text``: ordered, disjoint, stripped, covering it all."""
    spans: list[tuple[int, int]] = []
    cut = line_start = 0
    for match in _CANDIDATE.finditer(text):
        boundary = match.end()
        if match.lastgroup == "newline":
            wrapped = text[boundary : boundary + 1].islower() and _continues(text, line_start, match)
            line_start, boundary = boundary, match.start()
            if wrapped:
                continue
        elif match.lastgroup == "stop":
            following = _NON_SPACE.search(text, boundary)
            lowercase_next = following is None or following.group().islower()
            if lowercase_next and not ("?" in match.group() or "!" in match.group()):
                continue
            if (
                following is not None
                and match.group() == "."
                and _keeps_going(text, line_start, match.start(), following.group())
            ):
                continue
            tail = _EMOJI_TAIL.match(text, boundary)
            if tail:
                boundary = tail.end()
        elif match.lastgroup == "emoji" and match.start() < cut:
            continue  # closing a sentence already cut after its stop
        _add_span(text, cut, boundary, spans)
        cut = boundary
    _add_span(text, cut, len(text), spans)
    return spans
