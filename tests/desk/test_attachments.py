"""Attachments: stored under random names, named safely, typed only when the bytes agree, always
downloaded (never shown inline), and behind the same access rules as their conversation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from humanly.api.models import Token
from humanly.conversations.actions import do_attach, do_receive, do_reply
from humanly.conversations.attachments import TooLarge, content_type_of, safe_name
from humanly.conversations.models import Attachment
from humanly.desk.models import AuditEvent
from humanly.people.models import Agent, Team

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def desk(settings, tmp_path: Path) -> dict[str, object]:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = str(tmp_path)
    support, sales = (
        Team.objects.create(name="Support", slug="support"),
        Team.objects.create(name="Sales", slug="sales"),
    )
    jordan = Agent.objects.create_user("jordan", password="a-long-password-1")
    jordan.teams.add(support)
    _, secret = Token.issue(jordan, "tests")
    mine = do_receive(support, identity=("email", "ana@example.com"), text="Here is my receipt")
    theirs = do_receive(sales, identity=("email", "bo@example.com"), text="See attached")
    return {
        "client": Client(headers={"authorization": f"Bearer {secret}"}),
        "agent": jordan,
        "mine": mine,
        "theirs": theirs,
        "media": tmp_path,
    }


def _multipart(*files: tuple[str, bytes, str]) -> dict[str, object]:
    """A multipart body written by hand: Django's test client would strip the paths from the names."""
    boundary = "humanly-test-boundary"
    body = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
        f"Content-Type: {content_type}\r\n\r\n".encode()
        + data
        + b"\r\n"
        for name, data, content_type in files
    )
    body += f"--{boundary}--\r\n".encode()
    return {"data": body, "content_type": f"multipart/form-data; boundary={boundary}"}


def _upload(client: Client, message_id: int, *files: tuple[str, bytes, str]):  # type: ignore[no-untyped-def]
    return client.post(f"/api/v1/messages/{message_id}/attachments", **_multipart(*files))  # type: ignore[arg-type]


def _download(client: Client, url: str):  # type: ignore[no-untyped-def]
    response = client.get(url)
    # Reading a file's stream to the end closes it (the test client then closes the response, as a server would).
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return response, content


def test_files_are_stored_listed_and_downloaded_safely(desk) -> None:  # type: ignore[no-untyped-def]
    client, mine = desk["client"], desk["mine"]
    response = _upload(
        client,
        mine.pk,
        ("../../etc/passwd", b"root:x:0:0", "text/plain"),
        ("<script>.html", b"<script>alert(1)</script>", "text/html"),
        ("receipt.png", PNG, "image/png"),
    )
    assert response.status_code == 201, response.content
    stored = json.loads(response.content)
    assert [(a["filename"], a["content_type"]) for a in stored] == [
        ("passwd", "text/plain"),  # the claim, checked: the bytes are text
        ("_script_.html", "application/octet-stream"),
        ("receipt.png", "image/png"),
    ]
    for row in Attachment.objects.all():  # on disk: random names under MEDIA_ROOT, never the customer's
        path = Path(row.file.path)
        assert path.is_relative_to(desk["media"])
        assert row.filename not in path.name
        assert "passwd" not in str(path)
    assert AuditEvent.objects.filter(action="message.attached").count() == 3

    detail = json.loads(client.get(f"/api/v1/conversations/{mine.conversation_id}").content)
    listed = detail["messages"][0]["attachments"]
    assert [a["id"] for a in listed] == [a["id"] for a in stored]

    response, content = _download(client, stored[1]["url"])
    assert response.status_code == 200
    assert content == b"<script>alert(1)</script>"
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="_script_.html"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    response, content = _download(client, stored[2]["url"])
    assert (response["Content-Type"], content) == ("image/png", PNG)
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_reply_and_a_note_carry_their_authors_files(desk) -> None:  # type: ignore[no-untyped-def]
    client, agent, mine = desk["client"], desk["agent"], desk["mine"]
    reply = do_reply(agent, mine.conversation, "Here is the label.")
    response = _upload(client, reply.pk, ("label.pdf", b"%PDF-1.7\n...", "application/pdf"))
    assert response.status_code == 201
    assert json.loads(response.content)[0]["content_type"] == "application/pdf"
    kim = Agent.objects.create_user("kim", password="a-long-password-2")
    kim.teams.add(mine.conversation.team)
    note = do_reply(kim, mine.conversation, "Checked.", note=True)
    refused = _upload(client, note.pk, ("x.txt", b"x", "text/plain"))
    assert (refused.status_code, json.loads(refused.content)["error"]["code"]) == (400, "invalid_input")


def test_uploads_that_cannot_be_stored_are_refused_with_reasons(desk, settings) -> None:  # type: ignore[no-untyped-def]
    client, mine = desk["client"], desk["mine"]
    url = f"/api/v1/messages/{mine.pk}/attachments"
    none = client.post(url, **_multipart())  # type: ignore[arg-type]
    assert (none.status_code, json.loads(none.content)["error"]["code"]) == (400, "invalid_input")
    assert client.post(url, {"text": "no files"}).status_code == 400
    empty = _upload(client, mine.pk, ("ok.txt", b"fine", "text/plain"), ("empty.txt", b"", "text/plain"))
    assert empty.status_code == 400
    assert json.loads(empty.content)["error"]["details"] == [
        {"file": "empty.txt", "reason": "the file is empty"}
    ]
    many = _upload(client, mine.pk, *[(f"{n}.txt", b"x", "text/plain") for n in range(11)])
    assert (many.status_code, json.loads(many.content)["error"]["code"]) == (413, "too_many_files")
    settings.MAX_UPLOAD_BYTES = 1000
    big = _upload(client, mine.pk, ("big.bin", b"x" * 5000, "application/octet-stream"))
    assert (big.status_code, json.loads(big.content)["error"]["code"]) == (413, "too_large")
    assert not Attachment.objects.exists()
    assert not any(p.is_file() for p in desk["media"].rglob("*"))  # nothing half-stored either
    with pytest.raises(TooLarge):
        do_attach(None, mine, SimpleUploadedFile("big.bin", b"x" * 5000))


def test_another_teams_files_are_not_found(desk) -> None:  # type: ignore[no-untyped-def]
    client, theirs = desk["client"], desk["theirs"]
    theirs_file = do_attach(None, theirs, SimpleUploadedFile("quote.pdf", b"%PDF-1.4 secret"))
    assert _download(client, f"/api/v1/attachments/{theirs_file.pk}")[0].status_code == 404
    assert _download(client, "/api/v1/attachments/999999")[0].status_code == 404
    assert _upload(client, theirs.pk, ("x.txt", b"x", "text/plain")).status_code == 404
    assert theirs.attachments.count() == 1


def test_the_web_page_serves_files_by_the_same_rules(desk) -> None:  # type: ignore[no-untyped-def]
    mine_file = do_attach(
        None, desk["mine"], SimpleUploadedFile("page.svg", b"<svg onload=alert(1)>", "image/svg+xml")
    )
    theirs_file = do_attach(None, desk["theirs"], SimpleUploadedFile("quote.pdf", b"%PDF-1.4 secret"))
    assert mine_file.content_type == "application/octet-stream"
    browser = Client()
    assert _download(browser, f"/attachments/{mine_file.pk}")[0].status_code == 302  # to the sign-in page
    browser.force_login(desk["agent"])
    response, content = _download(browser, f"/attachments/{mine_file.pk}")
    assert (response.status_code, content) == (200, b"<svg onload=alert(1)>")
    assert response["Content-Disposition"] == 'attachment; filename="page.svg"'
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert _download(browser, f"/attachments/{theirs_file.pk}")[0].status_code == 404


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\win.ini", "win.ini"),
        ("<script>.html", "_script_.html"),
        ("invoice\u202egpj.exe", "invoicegpj.exe"),  # no right-to-left override to disguise the extension
        ("a\x00b\r\nc.txt", "abc.txt"),
        ("...hidden", "hidden"),
        ("..", "attachment"),
        ("", "attachment"),
        ("x" * 300 + ".pdf", "x" * 146 + ".pdf"),
    ],
)
def test_names_are_made_safe(given: str, kept: str) -> None:
    assert safe_name(given) == kept


@pytest.mark.parametrize(
    ("name", "claimed", "head", "recorded"),
    [
        ("photo.png", "image/png", PNG, "image/png"),
        ("photo.png", "", PNG, "image/png"),  # no claim: the name, checked against the bytes
        ("photo.png", "image/png", b"<svg/>", "application/octet-stream"),
        ("photo.jpg", "image/png", PNG, "application/octet-stream"),  # name and claim disagree
        ("notes.txt", "text/plain; charset=utf-8", "caf\u00e9".encode(), "text/plain"),
        ("notes.txt", "text/plain", b"\x00\x01binary", "application/octet-stream"),
        ("page.html", "text/html", b"<html>", "application/octet-stream"),
        ("app.js", "text/javascript", b"alert(1)", "application/octet-stream"),
        ("report.pdf", "application/pdf", b"%PDF-1.7", "application/pdf"),
    ],
)
def test_the_recorded_type_is_what_the_bytes_are(name: str, claimed: str, head: bytes, recorded: str) -> None:
    assert content_type_of(name, claimed, head) == recorded
