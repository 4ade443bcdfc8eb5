from __future__ import annotations

import logging
import random
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from humanly.engine.text import CleanText, clean, normalise, sentences

GMAIL_REPLY = (
    '<div dir="ltr">Hi there,<div><br></div><div>My invoice for March is wrong &mdash; I was charged twice.</div>'
    "<div><br></div><div>Thanks,</div><div>Priya</div></div><br>"
    '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, Jun 3, 2024 at 10:02 AM Humanly Support '
    "&lt;help@humanly.app&gt; wrote:<br></div>"
    '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204)">'
    "Hello Priya,<br>We have refunded the duplicate charge.<br></blockquote></div>"
)

OUTLOOK_HTML_REPLY = (
    "<html><head><style>p.MsoNormal{margin:0}</style></head><body>"
    '<div style="font-family:Calibri">Sure, Tuesday at 10:00 works for the call.</div>'
    '<div id="appendonsend"></div><hr style="display:inline-block;width:98%">'
    '<div id="divRplyFwdMsg" dir="ltr"><b>From:</b> Humanly Support &lt;help@humanly.app&gt;<br>'
    "<b>Sent:</b> Monday, June 3, 2024 10:02 AM<br><b>To:</b> Mark Jensen<br><b>Subject:</b> Onboarding call"
    "</div><div>Hi Mark, when would suit you for the onboarding call?</div></body></html>"
)

OUTLOOK_PLAIN_REPLY = (
    "Hello,\r\n\r\nThe app still logs me out every few minutes, even after the update.\r\n\r\n"
    "Regards,\r\nMark Jensen\r\nOps Lead, Fjord Freight\r\n\r\n"
    "-----Original Message-----\r\nFrom: Humanly Support <help@humanly.app>\r\n"
    "Sent: Monday, June 3, 2024 10:02 AM\r\nTo: Mark Jensen <mark@fjord.example>\r\n"
    "Subject: RE: Logged out\r\n\r\nHi Mark, please update to 4.2 and let us know.\r\n"
)

INTERLEAVED_REPLY = (
    "Jane Doe wrote:\n"
    "> Which browser are you using?\n\n"
    "Firefox 126 on Windows 11.\n\n"
    "> Does it happen in a private window too?\n\n"
    "Yes, every time I open the dashboard.\n\n"
    "Cheers,\nTom Smith\nAcme Widgets Ltd\n+44 20 7946 0958\n"
)


@contextmanager
def no_fallback_logged() -> Iterator[list[logging.LogRecord]]:
    """Collect error records from the module, so a test can check that ``clean`` never hit its fallback."""
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Collect(level=logging.ERROR)
    module_logger = logging.getLogger("humanly.engine.text")
    module_logger.addHandler(handler)
    try:
        yield records
    finally:
        module_logger.removeHandler(handler)
    assert records == []


def split(text: str) -> list[str]:
    return [text[start:end] for start, end in sentences(text)]


def assert_valid_spans(text: str, spans: list[tuple[int, int]]) -> None:
    previous_end = 0
    covered = [False] * len(text)
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace()
        assert not text[end - 1].isspace()
        for index in range(start, end):
            covered[index] = True
        previous_end = end
    assert all(covered[i] or char.isspace() for i, char in enumerate(text))


# --- normalise ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("e\u0301te\u0301", "été"),
        ("one\r\ntwo\rthree", "one\ntwo\nthree"),
        ("nul\x00 and bell\x07 gone", "nul and bell gone"),
        ("zero\u200bwidth\u200c\u200d\ufeff\u2060join", "zerowidthjoin"),
        ("non\u00a0breaking\u2009thin\u3000ideographic", "non breaking thin ideographic"),
        ("tabs\tand    runs   of spaces", "tabs and runs of spaces"),
        ("trailing   \nspaces \t\nhere", "trailing\nspaces\nhere"),
        ("a\n\n\n\n\nb\n \n \nc", "a\n\nb\n\nc"),
        ("   \n\n padded \n\n  ", "padded"),
        ("“Curly” quotes, emoji 🎉 and Ελληνικά stay", "“Curly” quotes, emoji 🎉 and Ελληνικά stay"),
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
        ("", ""),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


# --- clean: plain text -------------------------------------------------------------------------------------


def test_plain_message_without_quotes_or_signature_is_all_text() -> None:
    result = clean("Hi,\n\nWhere is my order #4411? It was due on Friday.")
    assert result == CleanText(
        text="Hi,\n\nWhere is my order #4411? It was due on Friday.", quoted="", signature="", was_html=False
    )


def test_outlook_original_message_goes_to_quoted_and_sign_off_to_signature() -> None:
    result = clean(OUTLOOK_PLAIN_REPLY)
    assert result.text == "Hello,\n\nThe app still logs me out every few minutes, even after the update."
    assert result.signature == "Regards,\nMark Jensen\nOps Lead, Fjord Freight"
    assert result.quoted.startswith("-----Original Message-----\nFrom: Humanly Support")
    assert result.quoted.endswith("Hi Mark, please update to 4.2 and let us know.")
    assert not result.was_html


@pytest.mark.parametrize(
    "header",
    [
        "On Mon, 3 Jun 2024 at 10:02, Jane Doe <jane@example.com> wrote:",
        "On Mon, 3 Jun 2024 at 10:02, Jane Doe <\njane@example.com> wrote:",
        "On Monday, Jane Doe wrote:",
        "Jane Doe <jane@example.com> wrote:",
    ],
)
def test_reply_header_with_angle_quotes_goes_to_quoted(header: str) -> None:
    message = (
        f"The refund still has not arrived.\n\n{header}\n"
        "> Hi Sam, we issued the refund today.\n> It takes 3-5 days."
    )
    result = clean(message)
    assert result.text == "The refund still has not arrived."
    assert result.quoted == f"{header}\n> Hi Sam, we issued the refund today.\n> It takes 3-5 days."
    assert result.signature == ""


def test_top_posted_reply_header_without_angle_quotes_cuts_the_rest() -> None:
    message = (
        "Perfect, that worked.\n\nOn Tue, 4 Jun 2024 at 09:15, Humanly Support <help@humanly.app> wrote:\n"
        "Hi Sam,\nPlease clear your cache and try again.\n"
    )
    result = clean(message)
    assert result.text == "Perfect, that worked."
    assert result.quoted.startswith("On Tue, 4 Jun 2024")
    assert result.quoted.endswith("Please clear your cache and try again.")


@pytest.mark.parametrize(
    "separator",
    [
        "From: Humanly Support <help@humanly.app>\nSent: Monday, June 3, 2024 10:02 AM\nTo: Sam\nSubject: RE: Export",
        "________________________________\nFrom: Humanly Support <help@humanly.app>\nSent: Monday, June 3, 2024",
        "---------- Forwarded message ---------\nFrom: Billing <billing@humanly.app>\nDate: Mon, 3 Jun 2024",
    ],
)
def test_outlook_header_blocks_cut_the_rest(separator: str) -> None:
    result = clean(f"Thanks, that fixed it!\n\n{separator}\n\nHi Sam, try the export again.")
    assert result.text == "Thanks, that fixed it!"
    assert result.quoted == f"{separator}\n\nHi Sam, try the export again."


def test_interleaved_quotes_keep_the_new_paragraphs_in_text() -> None:
    result = clean(INTERLEAVED_REPLY)
    assert result.text == "Firefox 126 on Windows 11.\n\nYes, every time I open the dashboard."
    assert result.quoted == (
        "Jane Doe wrote:\n> Which browser are you using?\n\n> Does it happen in a private window too?"
    )
    assert result.signature == "Cheers,\nTom Smith\nAcme Widgets Ltd\n+44 20 7946 0958"


def test_message_with_only_quotes_has_no_text() -> None:
    result = clean("> We have shipped your order.\n> Tracking: 1Z999AA10123456784")
    assert result.text == ""
    assert result.quoted == "> We have shipped your order.\n> Tracking: 1Z999AA10123456784"


def test_dash_dash_space_delimiter_starts_the_signature() -> None:
    result = clean("Where is my refund?\n\n-- \nAlex Kim\nProduct Designer\nhttps://alexkim.example\n")
    assert result.text == "Where is my refund?"
    assert result.signature == "--\nAlex Kim\nProduct Designer\nhttps://alexkim.example"


@pytest.mark.parametrize(
    "footer",
    ["Sent from my iPhone", "Sent from my Android", "Get Outlook for iOS", "Sent from Mail for Windows"],
)
def test_mobile_footer_is_signature(footer: str) -> None:
    result = clean(f"Can you reset my password please?\n\n{footer}")
    assert result.text == "Can you reset my password please?"
    assert result.signature == footer


def test_sign_off_name_and_footer_all_go_to_signature() -> None:
    result = clean("The invoice PDF is blank.\n\nThanks,\nTom\n\nSent from my iPhone")
    assert result.text == "The invoice PDF is blank."
    assert result.signature == "Thanks,\nTom\n\nSent from my iPhone"


@pytest.mark.parametrize(
    "closing",
    [
        *(
            "Best wishes,",
            "Kind regards,",
            "Regards",
            "Thanks,",
            "Thank you",
            "Cheers,",
            "Best,",
            "Sincerely,",
        ),
        *("Warm regards,", "Many thanks,", "Thanks in advance!"),
    ],
)
def test_sign_off_with_name_title_company_and_phone(closing: str) -> None:
    message = f"Hi,\n\nPlease cancel my subscription.\n\n{closing}\nDana Lee\nHead of IT\nNorthwind\n555-0134"
    result = clean(message)
    assert result.text == "Hi,\n\nPlease cancel my subscription."
    assert result.signature == f"{closing}\nDana Lee\nHead of IT\nNorthwind\n555-0134"


@pytest.mark.parametrize(
    "message",
    [
        "The export fails every time I try it.\nThanks for your help!",
        "I have been a customer for years.\n\nThank you for taking the time to read this.",
        "Thanks!",
        "Thanks,\nI will wait for your reply before trying again.",
        "Regards,\nthis is about the invoice. Why was I charged twice this month when I cancelled in May?",
    ],
)
def test_closing_words_inside_content_stay_in_text(message: str) -> None:
    result = clean(message)
    assert result.text == message
    assert result.signature == ""


def test_sign_off_followed_by_too_many_lines_is_content() -> None:
    message = "Thanks,\nOne\nTwo\nThree\nFour\nFive"
    assert clean(f"Some content.\n{message}").signature == ""


# --- clean: HTML -------------------------------------------------------------------------------------------


def test_gmail_html_reply() -> None:
    result = clean(GMAIL_REPLY)
    assert result.was_html
    assert result.text == "Hi there,\n\nMy invoice for March is wrong — I was charged twice."
    assert result.signature == "Thanks,\nPriya"
    assert result.quoted == (
        "On Mon, Jun 3, 2024 at 10:02 AM Humanly Support <help@humanly.app> wrote:\n\n"
        "Hello Priya,\nWe have refunded the duplicate charge."
    )


def test_outlook_html_reply_block_and_everything_after_it_is_quoted() -> None:
    result = clean(OUTLOOK_HTML_REPLY)
    assert result.text == "Sure, Tuesday at 10:00 works for the call."
    assert result.quoted.startswith("From: Humanly Support <help@humanly.app>\nSent: Monday")
    assert result.quoted.endswith("Hi Mark, when would suit you for the onboarding call?")
    assert "MsoNormal" not in result.text + result.quoted


@pytest.mark.parametrize(
    "quote",
    [
        '<blockquote type="cite">Your ticket was closed.</blockquote>',
        '<div class="yahoo_quoted"><div>Your ticket was closed.</div></div>',
        '<div class="moz-cite-prefix">Your ticket was closed.</div>',
        '<div class="gmail_quote gmail_quote_container">Your ticket was closed.</div>',
    ],
)
def test_quoting_containers_go_to_quoted(quote: str) -> None:
    result = clean(f"<p>Please reopen it.</p>{quote}<p>It is still broken.</p>")
    assert result.text == "Please reopen it.\n\nIt is still broken."
    assert result.quoted == "Your ticket was closed."


def test_gmail_signature_div_is_signature() -> None:
    html = '<div>Is there an API?</div><div class="gmail_signature">Rui Costa<br>CTO, Lumen</div>'
    result = clean(html)
    assert result.text == "Is there an API?"
    assert result.signature == "Rui Costa\nCTO, Lumen"


def test_html_structure_becomes_lines() -> None:
    html = (
        "<html><head><title>Secret title</title><meta charset=utf-8></head><body>"
        "<h1>Bug report</h1><p>Line one<br>line two</p>"
        "<ul><li>Export fails</li><li>Login is slow</li></ul>"
        "<table><tr><th>Plan</th><td>Pro</td></tr><tr><td>Seats</td><td>12</td></tr></table>"
        "<pre>first line\nsecond line</pre></body></html>"
    )
    result = clean(html)
    assert result.text == (
        "Bug report\n\nLine one\nline two\n\n- Export fails\n- Login is slow\nPlan Pro\nSeats 12\n\n"
        "first line\nsecond line"
    )


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<html><head><title>t</title><meta x><body><P>Visible<BR/>next</P>", "Visible\nnext"),
        ("<DIV>a</DIV><div>b<br/></div><div><br></div><div>c</div>", "a\nb\n\nc"),
        ("<p>x</p><head>stray head</head><p>y</p>", "x\n\nstray head\n\ny"),
    ],
)
def test_html_tags_are_case_insensitive_and_head_only_hides_the_document_head(
    html: str, expected: str
) -> None:
    assert clean(html).text == expected


def test_links_keep_their_text_not_their_target() -> None:
    html = (
        '<p>I clicked <a href="https://evil.example/reset?id=1">reset your password</a> and saw '
        '<a href="https://humanly.app/status">https://humanly.app/status</a>.</p>'
    )
    result = clean(html)
    assert result.text == "I clicked reset your password and saw https://humanly.app/status."
    assert "evil.example" not in result.text


def test_hostile_html_is_neutralised() -> None:
    html = (
        "<p>Hello<script>alert(1)</script><style>p{display:none}</style>"
        '<img src=x onerror="alert(2)"><!-- hidden comment --> team,</p>'
        "<p>&lt;3 &amp; &quot;ok&quot; &#8364;5 &euro; &bogus; &#99999999999; &#x1F600</p>"
        "<div><div><b>unclosed <i>still text"
    )
    result = clean(html)
    assert result.was_html
    assert result.text == 'Hello team,\n\n<3 & "ok" €5 € &bogus; \ufffd 😀\n\nunclosed still text'
    for hidden in ("alert", "onerror", "hidden comment", "display"):
        assert hidden not in result.text + result.quoted + result.signature


@pytest.mark.parametrize(
    "html",
    [
        "<div>" * 200_000,
        "<blockquote>" * 80_000 + "deep",
        "<!--" + "x" * 1_000_000,
        '<div class="' + "a" * 1_000_000,
        "<a" * 500_000,
        "<" * 1_000_000,
        "<p>" + "&#" * 500_000,
        "<p><script>" + "<b>" * 300_000,
        "</span>" * 150_000,
    ],
    ids=["divs", "blockquotes", "comment", "attribute", "lt-a", "lt", "entities", "script", "end-tags"],
)
@pytest.mark.slow
def test_hostile_html_of_a_megabyte_is_fast(html: str) -> None:
    started = time.perf_counter()
    with no_fallback_logged():
        result = clean(html)
    # Linear work takes well under a second; the bound only catches a blow-up (a quadratic pass over a
    # megabyte takes minutes), with room for a busy machine.
    assert time.perf_counter() - started < 10.0
    assert isinstance(result.text, str)


# --- clean: encodings and odd input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"Caf\xe9 \x93quoted\x94 costs \x805", "Café “quoted” costs €5"),
        ("Grüße aus Köln".encode(), "Grüße aus Köln"),
        (b"\xef\xbb\xbfHello with BOM", "Hello with BOM"),
        (b"bad \x81\x8d bytes", "bad \ufffd\ufffd bytes"),
        (b"", ""),
        ("🙂🙂🎉", "🙂🙂🎉"),
        ("Привет! 我的订单在哪里？ مرحبا بكم. Hello.", "Привет! 我的订单在哪里？ مرحبا بكم. Hello."),
        ("abc\ud800def", "abc\ufffddef"),
        (" \n\t \u00a0 ", ""),
    ],
)
def test_decoding_and_odd_text(raw: str | bytes, expected: str) -> None:
    assert clean(raw).text == expected


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_never_raise(seed: int) -> None:
    data = random.Random(seed).randbytes(20_000)
    with no_fallback_logged():
        result = clean(data)
    assert result.text == normalise(result.text)


@pytest.mark.slow
def test_a_megabyte_of_text_is_fast() -> None:
    paragraph = (
        "Hi team, the export to CSV (v2.1.3) fails at 3.5 GB... and then? Mr. Smith emailed jane@example.com "
        "about it on Jan. 5th! See https://humanly.app/docs for details.\n> quoted line\nThanks,\n\n"
    )
    text = (paragraph * (1_000_000 // len(paragraph) + 1))[:1_000_000]
    started = time.perf_counter()
    result = clean(text)
    assert time.perf_counter() - started < 2.0
    assert len(result.text) > 500_000
    started = time.perf_counter()
    spans = sentences(text)
    assert time.perf_counter() - started < 2.0
    assert len(spans) > 10_000


# --- sentences ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Where is my order? It was due Friday.", ["Where is my order?", "It was due Friday."]),
        ("Really?! I paid twice... Why?", ["Really?!", "I paid twice...", "Why?"]),
        ("I waited… and waited… Nothing.", ["I waited… and waited…", "Nothing."]),
        (
            "Mr. Smith and Dr. Lee met Mrs. Ng at St. Paul's.",
            ["Mr. Smith and Dr. Lee met Mrs. Ng at St. Paul's."],
        ),
        (
            "Use a browser, e.g. Firefox, i.e. not IE. Then retry.",
            ["Use a browser, e.g. Firefox, i.e. not IE.", "Then retry."],
        ),
        ("Costs went up approx. 12% vs. last year.", ["Costs went up approx. 12% vs. last year."]),
        ("It costs 3.5 euros. Version v2.1.3 broke it.", ["It costs 3.5 euros.", "Version v2.1.3 broke it."]),
        ("Meet at 10.30am. Bring tea.", ["Meet at 10.30am.", "Bring tea."]),
        ("Order no. 12345 is late. Ticket No. 7 too.", ["Order no. 12345 is late.", "Ticket No. 7 too."]),
        ("The answer is no. Then what?", ["The answer is no.", "Then what?"]),
        ("It shipped Jan. 5th. Feb. 2nd is late.", ["It shipped Jan. 5th.", "Feb. 2nd is late."]),
        (
            "See https://humanly.app/docs?page=2. Then log in.",
            ["See https://humanly.app/docs?page=2.", "Then log in."],
        ),
        (
            "Mail jane.doe@example.com today. Or humanly.app works.",
            ["Mail jane.doe@example.com today.", "Or humanly.app works."],
        ),
        ("Signed by J. R. Smith. Approved.", ["Signed by J. R. Smith.", "Approved."]),
        ('He said "no." Then he left.', ['He said "no."', "Then he left."]),
        ("She asked (why?) Nobody knew.", ["She asked (why?)", "Nobody knew."]),
        ("Acme Inc. and Foo Ltd. and Bar Co. agreed.", ["Acme Inc. and Foo Ltd. and Bar Co. agreed."]),
        ("Why? because it broke.", ["Why?", "because it broke."]),
        (
            "is that the plan?? and how soon would it start",
            ["is that the plan??", "and how soon would it start"],
        ),
        (
            "how do i change my email\nwhat time does the driver come",
            ["how do i change my email", "what time does the driver come"],
        ),
        ("Hi team,\nthe app crashed.", ["Hi team,", "the app crashed."]),
        (
            "Steps:\n- open the app\n- click export\n1. First step\n2. Second step",
            ["Steps:", "- open the app", "- click export", "1. First step", "2. Second step"],
        ),
        (
            "This long sentence was hard-wrapped by the mail client\nover two lines. Next one",
            ["This long sentence was hard-wrapped by the mail client\nover two lines.", "Next one"],
        ),
        ("No punctuation here\nAnother line", ["No punctuation here", "Another line"]),
        ("First paragraph\n\nsecond paragraph", ["First paragraph", "second paragraph"]),
        ("我的订单没有到。请帮忙！谢谢", ["我的订单没有到。", "请帮忙！", "谢谢"]),
        (
            "Thanks for asking! 😊 Perhaps email would suit you. Bye. ❤️\nSure 👍",
            ["Thanks for asking! 😊", "Perhaps email would suit you.", "Bye. ❤️", "Sure 👍"],
        ),
        ("Here you go! 🎉🎉 :) Next.", ["Here you go! 🎉🎉", ":) Next."]),
        (
            "You'll get it back in no time 😅 Make sure you back up. I love it 😍 and more",
            ["You'll get it back in no time 😅", "Make sure you back up.", "I love it 😍 and more"],
        ),
        ("  padded text.  ", ["padded text."]),
        ("", []),
        (" \n\t ", []),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert split(text) == expected
    assert_valid_spans(text, sentences(text))


def test_sentence_spans_are_offsets_into_the_text() -> None:
    text = "Hello there. How are you?"
    assert sentences(text) == [(0, 12), (13, 25)]


# --- properties --------------------------------------------------------------------------------------------

HTML_PIECES = st.sampled_from(
    [
        *(
            "<div>",
            "</div>",
            "<p>",
            "<br>",
            "<blockquote>",
            "</blockquote>",
            '<div class="gmail_quote">',
            "<li>",
        ),
        *(
            "<script>",
            "</script>",
            "<!--",
            "-->",
            "&amp;",
            "&#",
            "&",
            "<",
            ">",
            '"',
            "'",
            "=",
            "\n",
            "> ",
            "-- ",
        ),
        *(
            "On Mon, 3 Jun 2024 at 10:02, Jane <j@x.com> wrote:",
            "From: a",
            "Sent: b",
            "To: c",
            "Thanks,",
            "Tom",
        ),
    ]
)
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(st.text())
def test_sentence_spans_are_ordered_stripped_and_cover_everything(text: str) -> None:
    for candidate in (text, normalise(text)):
        assert_valid_spans(candidate, sentences(candidate))


@PROPERTY_SETTINGS
@given(st.lists(st.one_of(HTML_PIECES, st.text(max_size=12)), max_size=40).map("".join))
def test_sentence_spans_hold_on_email_like_text(text: str) -> None:
    assert_valid_spans(text, sentences(text))


PLAIN_PIECES = st.sampled_from(
    [
        *("\n", "> ", "-- \n", "Thanks,\n", "Tom\n", "Sent from my iPhone\n", "Jane wrote:\n", "text here. "),
        *(
            "On Mon, 3 Jun 2024 at 10:02, Jane <j@x.com> wrote:\n",
            "-----Original Message-----\n",
            "From: a\n",
        ),
        *("Sent: b\n", "To: c\n", "Subject: d\n", "__________________\n"),
    ]
)


@PROPERTY_SETTINGS
@given(st.lists(st.one_of(PLAIN_PIECES, st.text(max_size=10)), max_size=40).map("".join))
def test_plain_text_loses_nothing(text: str) -> None:
    result = clean(text)
    assume(not result.was_html)
    kept = result.text + result.quoted + result.signature
    assert Counter(c for c in normalise(text) if not c.isspace()) == Counter(
        c for c in kept if not c.isspace()
    )


@PROPERTY_SETTINGS
@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@PROPERTY_SETTINGS
@given(
    st.one_of(st.text(), st.binary(), st.lists(HTML_PIECES | st.text(max_size=8), max_size=40).map("".join))
)
def test_clean_never_raises_and_returns_normalised_parts(raw: str | bytes) -> None:
    with no_fallback_logged():
        result = clean(raw)
    for part in (result.text, result.quoted, result.signature):
        assert part == normalise(part)
