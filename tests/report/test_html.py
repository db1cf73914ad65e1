"""reports/report.html without a browser: escaping (fuzzed), structure, determinism.

The page is parsed with the standard library's HTML parser, which tokenises the
way browsers do for what matters here: which elements and attributes exist. Article
bodies travel as JSON strings inside <script type="application/json">, so each one
is decoded and checked the same way.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from pipeline.model import Repair, Signal
from pipeline.write import report_html
from pipeline.write.article_body import Hit, highlight, hits, safe_url
from pipeline.write.report_html import render_report_html, score_chart

from . import HOSTILE, hostile_result, synthetic_result

#: Everything the report writer itself emits; anything else came from a scrape.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "nav", "main", "section", "footer", "div", "span",
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "a", "b", "i",
    "small", "code", "kbd", "mark", "del", "details", "summary", "button", "select", "option", "input", "label",
    "article", "script", "br",
}
SVG_TAGS = {"svg", "g", "path", "rect", "defs", "clippath", "use", "text", "line", "polyline", "style", "metadata",
            "rdf:rdf", "cc:work", "dc:type", "dc:date", "dc:format", "dc:creator", "cc:agent", "dc:title"}


class Page(HTMLParser):
    """Start tags with their attributes, text, and the content of every <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts.append((self._script, data))
            self._script = None
        else:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:  # an empty script
            self.scripts.append((self._script, ""))
            self._script = None


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def bodies(page: Page) -> list[Page]:
    return [parse(json.loads(src)) for attrs, src in page.scripts if attrs.get("class") == "b"]


def assert_inert(page: Page, in_body: bool = False) -> None:
    """No element, attribute or link that a scrape could have smuggled in."""
    in_svg = False
    for tag, attrs in page.tags:
        in_svg = in_svg or tag == "svg"
        assert tag in ALLOWED_TAGS or (in_svg and tag in SVG_TAGS), f"unexpected <{tag}>"
        assert not [a for a in attrs if a.lower().startswith("on")], f"event handler on <{tag}>: {attrs}"
        assert "src" not in attrs and "srcdoc" not in attrs, f"<{tag}> would fetch: {attrs}"
        if tag == "a":
            href = attrs.get("href") or ""
            assert href.startswith("#") or re.match(r"https?://", href), f"unsafe link {href!r}"
        if in_body:
            assert tag not in ("script", "style", "meta", "html", "body"), f"<{tag}> inside an article body"


def page_text(page: Page) -> str:
    return "".join(page.text + [t for b in bodies(page) for t in b.text])


# --- highlighted spans -------------------------------------------------------------

def unmark(html: str) -> str:
    """The text back from highlight(): drop our <mark> tags, then unescape."""
    inner = re.sub(r'<mark data-tip="[^"<>]*">|</mark>', "", html)
    assert "<" not in inner and ">" not in inner
    return inner.replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&")


spans = st.lists(st.tuples(st.integers(-5, 60), st.integers(-5, 60), st.text(max_size=20)), max_size=6)


@given(text=st.text(max_size=60), marks=spans)
def test_highlight_escapes_every_piece_and_keeps_the_text(text: str, marks: list[tuple[int, int, str]]) -> None:
    hits = [Hit(max(0, a), min(len(text), b), tip) for a, b, tip in marks if max(0, a) < min(len(text), b)]
    out = highlight(text, hits)
    assert isinstance(out, Markup)
    assert unmark(str(out)) == text
    assert "<mark" not in re.sub(r"<mark[^>]*>[^<]*</mark>", "", str(out)), "marks never nest"


def test_highlight_marks_exactly_the_span() -> None:
    out = str(highlight("a thevertebraeIn b", [Hit(2, 16, "glued_words +1.00: thevertebraeIn")]))
    assert out == 'a <mark data-tip="glued_words +1.00: thevertebraeIn">thevertebraeIn</mark> b'


def test_overlapping_spans_are_cut_not_nested() -> None:
    out = str(highlight("abcdef", [Hit(0, 4, "x"), Hit(2, 6, "y")]))
    assert out == '<mark data-tip="x">ab</mark><mark data-tip="x\ny">cd</mark><mark data-tip="y">ef</mark>'


def test_detail_tokens_are_found_when_a_scorer_gives_no_spans() -> None:
    result, summ = synthetic_result(1, per_article=6)
    sent = next(s for s in result.articles[0].sentences if not s.is_heading)
    sent.cleaned = "Press the back back and the spine."
    sent.signals = [Signal("repeated_words_v1", 0.5, "repeated_words", "back"), Signal("oov_rate_v1", 0.5, "unknown_words", "spine, zzz")]
    marked = [sent.cleaned[h.start : h.end] for h in hits(sent, {"repeated_words_v1": 1.0, "oov_rate_v1": 1.0})]
    assert sorted(marked) == ["back back", "spine"]


# --- the whole page ----------------------------------------------------------------

@pytest.fixture(scope="module")
def small() -> tuple[str, dict]:
    result, summ = synthetic_result(12, per_article=15)
    return render_report_html(result, summ), summ


def test_counts_shown_are_the_summary_counts(small: tuple[str, dict]) -> None:
    html, summ = small
    for verdict, n in summ["verdicts"].items():
        assert f'data-verdict-count="{verdict}">{n:,}<' in html
        assert f'data-summary-verdict="{verdict}">{n:,}<' in html
    for code, n in summ["reasons"].items():
        assert f'data-reason-count="{code}">{n:,}<' in html


def test_articles_are_ranked_worst_first() -> None:
    result, _ = synthetic_result(30, per_article=9)
    views = report_html.article_views(result.articles)
    keys = [(v.scores["mean_garble"], v.scores["garbled_rate"]) for v in views]
    assert keys == sorted(keys, reverse=True)
    assert [v.rank for v in views] == list(range(1, 31))


def test_every_sentence_is_in_a_body_once_and_in_the_index(small: tuple[str, dict]) -> None:
    html, summ = small
    page = parse(html)
    ids = [a["id"] for b in bodies(page) for t, a in b.tags if "s" in (a.get("class") or "").split()]
    assert len(ids) == len(set(ids)) == summ["sentences"] + summ["verdicts"]["heading"]
    index = json.loads(next(src for attrs, src in page.scripts if attrs.get("id") == "index"))
    assert sum(len(a) for a in index) == len(ids)


def test_dropped_copies_link_to_the_kept_copy(small: tuple[str, dict]) -> None:
    page = parse(small[0])
    ids = {a.get("id") for b in bodies(page) for _, a in b.tags} | {a.get("id") for _, a in page.tags}
    twins = [a["href"] for b in bodies(page) for t, a in b.tags if t == "a" and "twin" in (a.get("class") or "")]
    assert twins, "the synthetic batch has dup and bilingual_dup lines"
    assert all(h[1:] in ids for h in twins)


def test_self_contained_and_only_our_script_may_run(small: tuple[str, dict]) -> None:
    page = parse(small[0])
    assert not [t for t, a in page.tags if t == "link" or "src" in a]
    code = [src for attrs, src in page.scripts if "type" not in attrs]
    assert len(code) == 1
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    digest = base64.b64encode(hashlib.sha256(code[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp
    assert all(attrs.get("type") == "application/json" for attrs, _ in page.scripts if "type" in attrs)


def test_output_is_byte_identical_across_runs() -> None:
    a = render_report_html(*synthetic_result(3, per_article=9))
    b = render_report_html(*synthetic_result(3, per_article=9))
    assert a == b
    assert score_chart([0.1, 0.2, 0.9], 0.5) == score_chart([0.1, 0.2, 0.9], 0.5)
    assert "<dc:date>" not in score_chart([0.5], 0.5)


def test_no_articles_still_renders() -> None:
    result, summ = synthetic_result(0)
    html = render_report_html(result, summ)
    assert 'id="articles"' in html and "0 articles" in html


def test_hostile_text_is_inert_and_shown_literally() -> None:
    page = parse(render_report_html(*hostile_result()))
    assert_inert(page)
    for body in bodies(page):
        assert_inert(body, in_body=True)
    text = page_text(page)
    for hostile in HOSTILE:
        assert hostile.strip() in text
    assert "{{ 7*7 }}" in text


@pytest.mark.parametrize("url, link", [("https://example.com/a?b=1", True), ("http://x.y", True), ("javascript:alert(1)", False),
                                       (" JavaScript:alert(1)", False), ("data:text/html,<script>", False), ("//evil.example", False), ("", False)])
def test_only_web_urls_become_links(url: str, link: bool) -> None:
    assert bool(safe_url(url)) is link


# Text a scrape could contain: markup, template syntax, quotes, entities, controls.
_PIECES = list("<>&\"'`/=!-{}%#;: \n\tabcxyzé中\u2028") + HOSTILE + ["</script", "</SCRIPT ", "<!--", "-->", "&amp;", "&#34;", "javascript:"]
nasty = st.lists(st.sampled_from(_PIECES), max_size=12).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=nasty, cleaned=nasty, detail=nasty, url=nasty, tag=nasty, before=nasty)
def test_fuzzed_fields_never_escape_their_text(title: str, cleaned: str, detail: str, url: str, tag: str, before: str) -> None:
    result, summ = synthetic_result(1, per_article=6, seed=3)
    art = result.articles[0]
    art.title, art.url, art.tags, art.site, art.source = title, url, [tag], detail, tag
    sents = [s for s in art.sentences if not s.is_heading]
    for s in sents:
        s.text, s.cleaned = before + cleaned, cleaned
        s.signals = [Signal("oov_rate_v1", 1.0, "unknown_words", detail, [(0, len(cleaned) // 2)])]
        s.repairs = [Repair("whitespace", 0, 1, before, detail)]
    art.sentences[0].cleaned = cleaned  # a heading
    with mock.patch.object(report_html, "score_chart", return_value=Markup("")):  # numbers only; slow
        html = render_report_html(result, summ)
    page = parse(html)
    assert_inert(page)
    for body in bodies(page):
        assert_inert(body, in_body=True)
    for attrs, src in page.scripts:
        assert "</" not in src.replace("<\\/", "") and "<!" not in src
    text = page_text(page)
    for field in (title, cleaned, detail):
        assert field.strip() in text  # shown as text, not swallowed as markup
