"""PlainTextImporter: bytes of a .txt file in, one normalised Article out."""

import codecs
import random
from pathlib import Path

import pytest

from desktop.domain.article import Article
from desktop.domain.text import normalise_text
from desktop.importers.import_error import ImportFailure
from desktop.importers.plain_text_importer import PlainTextImporter
from tests.support import SEED_FILE, SEED_TITLE

BBC_STYLE = (
    "Ad sales boost Time Warner profit\n"
    "\n"
    "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn for the three"
    " months to December, from $639m year-earlier.\n"
    "\n"
    "The firm, which is now one of the biggest investors in Google, benefited from sales of"
    " high-speed internet connections and higher advert sales.\n"
)


def parse(data: bytes, name: str = "article.txt") -> Article:
    return PlainTextImporter().parse(data, Path("/imports") / name)


def test_seed_title_once_and_body_without_title():
    article = parse(SEED_FILE.read_bytes(), SEED_FILE.name)
    assert article.title == SEED_TITLE
    assert article.body.startswith("Sunni militants captured a strategic northern Iraqi city")
    assert SEED_TITLE not in article.body
    assert SEED_TITLE.casefold() not in article.body.casefold()
    assert article.origin_path == str(Path("/imports") / SEED_FILE.name)


def test_seed_body_is_normalised():
    article = parse(SEED_FILE.read_bytes(), SEED_FILE.name)
    assert article.body == normalise_text(article.body)
    assert "\u00a0" not in article.body
    assert article.body.endswith("in his fight against Sunni rebels.")
    assert "\n\nIn the mid-2000s'" in article.body


def test_bbc_layout():
    article = parse(BBC_STYLE.encode("ascii"))
    assert article.title == "Ad sales boost Time Warner profit"
    assert article.paragraphs() == [
        "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn for the three"
        " months to December, from $639m year-earlier.",
        "The firm, which is now one of the biggest investors in Google, benefited from sales"
        " of high-speed internet connections and higher advert sales.",
    ]


def test_leading_blank_lines_before_title_are_ignored():
    article = parse(b"\n\n   \n" + BBC_STYLE.encode("ascii"))
    assert article.title == "Ad sales boost Time Warner profit"


def test_title_line_white_space_is_normalised():
    article = parse(b"  Ad  sales\tboost   \n\nBody text.\n")
    assert article.title == "Ad sales boost"
    assert article.body == "Body text."


def test_title_only_file():
    article = parse(b"Just a headline\n")
    assert article.title == "Just a headline"
    assert article.body == ""


def test_over_long_first_line_is_body_and_title_comes_from_file_name():
    first = "word " * 100
    article = parse(first.encode("ascii") + b"\n\nSecond paragraph.\n", "my_saved_article.txt")
    assert article.title == "my saved article"
    assert article.body.startswith("word word")
    assert article.body.endswith("Second paragraph.")


def test_utf8_with_bom():
    text = "Café owner wins prize\n\nThe crème brûlée was judged best.\n"
    article = parse(codecs.BOM_UTF8 + text.encode("utf-8"))
    assert article.title == "Café owner wins prize"
    assert article.body == "The crème brûlée was judged best."
    assert "\ufeff" not in article.title + article.body


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec):
    text = "Café owner wins prize\n\nThe crème brûlée cost €5 — a bargain.\n"
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    data = bom + text.encode(codec)  # "utf-16" writes its own BOM
    assert data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    article = parse(data)
    assert article.title == "Café owner wins prize"
    assert article.body == "The crème brûlée cost €5 — a bargain."


def test_latin1_pound_sign_decodes_to_pound():
    # The BBC corpus's sport/199.txt defect: one Latin-1 0xA3 byte in otherwise ASCII text.
    data = (
        b"Chelsea complete striker deal\n\n"
        b"Chelsea have agreed a \xa315.8m fee for the striker, the club said on Monday.\n\n"
        b"The player is expected to sign a five-year contract later this week.\n"
    )
    article = parse(data)
    assert article.title == "Chelsea complete striker deal"
    assert "\xa315.8m" in article.body  # "£15.8m"


def test_short_latin1_pound_sign_decodes_to_pound():
    article = parse(b"Price rise\n\nTickets now cost \xa35 each.\n")
    assert article.body == "Tickets now cost £5 each."


def test_invalid_utf8_bytes_do_not_raise():
    article = parse(b"Broken bytes\n\nBody \xff\xfe\xfa\xc3 text goes on here.\n")
    assert article.title == "Broken bytes"
    assert article.body.startswith("Body ")
    assert article.body.endswith("text goes on here.")


def test_random_high_bytes_never_raise():
    rng = random.Random(20240601)
    for _ in range(200):
        noise = bytes(rng.choice(range(1, 256)) for _ in range(rng.randint(1, 200)))
        article = PlainTextImporter().parse(b"Headline\n\n" + noise, Path("noise.txt"))
        assert isinstance(article.title, str)
        assert article.title
        assert "\x00" not in article.body


def test_empty_file_is_an_import_failure():
    with pytest.raises(ImportFailure, match="empty"):
        PlainTextImporter().parse(b"", Path("empty.txt"))


def test_blank_file_is_an_import_failure():
    with pytest.raises(ImportFailure):
        PlainTextImporter().parse(b" \n\r\n\t \n", Path("blank.txt"))


def test_bom_only_file_is_an_import_failure():
    with pytest.raises(ImportFailure):
        PlainTextImporter().parse(codecs.BOM_UTF8, Path("bom.txt"))


def test_nul_bytes_are_an_import_failure():
    with pytest.raises(ImportFailure, match="NUL"):
        PlainTextImporter().parse(b"Title\n\nBody\x00with\x00nul bytes\n", Path("binary.txt"))


def test_utf16_without_bom_is_refused_not_garbled():
    with pytest.raises(ImportFailure):
        PlainTextImporter().parse("Title\n\nBody\n".encode("utf-16-le"), Path("u16.txt"))


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Party time 🎉🎊 in town", "Crowds 👩‍👩‍👧 gathered 🎆 at midnight."),
        ("北京举行新闻发布会", "发言人表示，会议将于明天举行。\n\n第二段内容。"),
        ("مؤتمر صحفي في القاهرة", "قال المتحدث إن الاجتماع سيعقد غدا."),
        ("מסיבת עיתונאים בירושלים", "הדובר אמר כי הפגישה תתקיים מחר."),
        ("Mixed עברית and English 中文 🎉", "Left ← right → العربية 123 עברית."),
    ],
)
def test_non_latin_text_round_trips(title, body):
    article = parse(f"{title}\n\n{body}\n".encode())
    assert article.title == title
    assert article.body == body


def test_crlf_file_gives_same_article_as_lf_file():
    lf = SEED_FILE.read_bytes().replace(b"\r\n", b"\n")
    crlf = lf.replace(b"\n", b"\r\n")
    assert crlf != lf
    assert parse(crlf, "a.txt") == parse(lf, "a.txt")


def test_cr_only_file_gives_same_article_as_lf_file():
    lf = BBC_STYLE.encode("ascii")
    assert parse(lf.replace(b"\n", b"\r")) == parse(lf)


def test_importer_advertises_txt():
    assert ".txt" in PlainTextImporter.suffixes


def test_html_references_in_the_title_are_decoded():
    article = parse(b"&#163;1.8m indecency fine for Viacom\n\nMedia giant Viacom has paid "
                    b"a \xc2\xa31.8m fine.\n")
    assert article.title == "£1.8m indecency fine for Viacom"
    assert article.body == "Media giant Viacom has paid a £1.8m fine."


def test_repeated_headline_is_collapsed_when_only_its_references_differ():
    article = parse(b"Caf&eacute; owners protest\n\nCaf\xc3\xa9 owners protest\n\nThe body.\n")
    assert article.title == "Café owners protest"
    assert article.body == "The body."
