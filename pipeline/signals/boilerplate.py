"""Boilerplate: lines that are not article content.

Learned from repetition and shape rather than from one site's phrases:
- `repeated_line`  a short line seen many times in the input (SEO captions, nav links), or any line
                   one page prints three times (alt text, teasers), or a short one twice in a row (an
                   image's alt text and caption; both counted in pipeline/run.py);
- `caption_like`   a short lowercase keyword line seen in several articles, or a line under a caption
                   marker ("▲ Korean traditional food, Kimchi");
- `date_line`      a line that is only a date (archive lists), or a short unfinished line around one
                   ("Updated: 25-07-2025", "Sunday, June 16, 2024 | 07:24 WIB");
- `nav_line`       breadcrumbs ("Home > Health > Tips", "Current location - ..."), bylines ("By Rose Salas"),
                   datelines ("Jakarta, CNN Indonesia —"),
                   logos and menu labels doubled by their icon's alt text ("TheJakartaPost", "Search IconSearch"),
                   menus flattened to a line ("Home  Contact Us  About", a row of archive years), and
                   vertical menus and a word or three between two furniture lines (segment/furniture.py);
- `field_line`     template fields and page furniture: "Source: Network Views: 123", "Tagged with:",
                   "5609 Views", "Advertisement", "Loading...", photo credits, "Picture 1 of ..." and
                   a vocabulary list's entries ("Chronic: adj. 慢性的");
- `source_line`    "Source: …", "… stills source: …", "This article was compiled by …";
- `disclaimer`, `share_prompt`, `promo`  short lines built around the vocabulary
  every site uses for these (infringement, thumbs up, follow us, WeChat …);
- `trailer`        everything after a disclaimer, share prompt, promo or date list
  near the end of an article (related-post links, "more information").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..config import BoilerplateConfig
from .lexical import CJK

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(
    rf"^\W*(?:(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})|(?:\d{{1,2}}\s+{_MONTH},?\s+\d{{4}})|"
    r"(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)|(?:\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}))"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\W*$",
    re.I,
)
_SOURCE = re.compile(
    r"(?:^\W*(?:source|sources|via|credit|credits|photo|image|picture|pictures|stills|editor|author|reporter)\s*[:：=]"
    r"|\b(?:stills\s+)?source\s*[:：]\s*\S+\W*$"
    r"|^\W*this (?:article|text|post) (?:was |is )?(?:compiled|reprinted|translated|adapted|excerpted|taken|from)\b"
    r"|^\W*(?:\w+ly\s+)?(?:produced|compiled|translated|proofread)\s*(?:by[\s:：]|[|:：])|^\W*special thanks to\b)",
    re.I,
)
_DISCLAIMER = re.compile(
    r"\b(?:infring\w*|copyright|all rights reserved|for reference only|disclaimer|not (?:constitute|intended as|a substitute for) (?:medical |professional )?advice"
    r"|(?:contact|inform) us (?:to|for) (?:delete|removal)|contact (?:us )?(?:to )?delete|from the (?:inter)?net(?:work)?\b|reprint(?:ed)? with permission"
    r"|do not (?:necessarily )?(?:reflect|match|represent)\b.{0,30}\b(?:views?|viewpoints?|opinions?)|(?:do|does) not endorse|advertising on (?:our|this) (?:site|website))",
    re.I,
)
_SHARE = re.compile(
    r"\b(?:share (?:this|it|with)|thumbs up|give (?:\w+ ){0,3}a (?:like|thumbs)|like and (?:share|follow|subscribe)|subscribe|follow us"
    r"|click (?:here|the link|to read)|scan the (?:qr )?code|good article\?|please (?:like|share|forward)|read more)\b"
    r"|read more\s*[→»>›.…]*\s*$",  # a teaser's link glued to its last word ("…ItRead More →")
    re.I,
)
# A writer's plea to be followed opens the line and may run long ("Follow me and I will share …").
_FOLLOW = re.compile(r"^\W*(?:please\s+)?(?:follow|subscribe to) (?:me|us|my|our)\b", re.I)
_PROMO = re.compile(
    r"\b(?:wechat|weibo|whatsapp|telegram|instagram|facebook|twitter|tiktok|douyin|public (?:number|account)|official account"
    r"|download (?:the|our) app|add (?:us|me) on|coupon|discount code|buy now|order now)\b",
    re.I,
)


_HAS_DATE = re.compile(
    rf"\b(?:{_MONTH}\s*\d{{1,2}}(?:st|nd|rd|th)?,?\s*\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}[-/.年]\d{{1,2}}(?:[-/.月]\d{{1,2}})?"
    r"|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm)?)",
    re.I,
)
# A trail of at least two separators between short parts, or a "you are here" lead-in.
_CRUMBS = re.compile(r"^[^>»›]{1,40}(?:\s*[>»›]\s*[^>»›]{1,60}){2,}$|^\W*(?:home|首页)\s*[>»›/|]|\b(?:current location|you are here)\b|您现在的位置|当前位置", re.I)
_BYLINE = re.compile(r"^\W*(?:by|posted by|written by|edited by|reported by|author|editor)\s*[:：]?\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}\b"
                     # or a name and its outlet: "Sebastian Partogi (The Jakarta Post)", "Li Wei (Xinhua)"
                     r"|^[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*\([\w&.' -]{0,30}\b(?:post|times|daily|news|press|herald|journal|tribune|gazette|"
                     r"xinhua|reuters|ap|afp|bernama|antara|yonhap|kyodo|agency|staff|writer|reporter|correspondent|contributor)\)\s*$", re.I)
# Labels of the fields page templates print: a line of two or more of them, or one alone with its colon.
_FIELD = (r"(?:updated?|update date|posted(?: on| in)?|published|release(?: time| date)?|time|date|source|views|author|editor|edit(?:ed by)?|"
          r"responsible editor|editor in charge|"
          r"tags?|tagged with|categor(?:y|ies)|filed under|comments?|search|locations?|follow us(?: on)?|share(?: to| this)?)")
_FIELDS = re.compile(rf"(?:^|\s)(?:{_FIELD})\s*[:：]", re.I)
_FIELD_ALONE = re.compile(rf"^\W*{_FIELD}\s*[:：]?\W*$", re.I)
_FURNITURE = re.compile(
    r"^\W*(?:\d[\d,.]*\s*(?:views?|reads?|comments?|likes?|shares?)|advertisement|loading\.*|print|change size|share this article|read more\W*"
    r"|(?:also|related|recommended)\s+read(?:ing)?\s*[:：].*|read\s*[:：].*|picture \d+ of .*|posted in\s+\w+(?:\s+\w+)?"
    # the links every template has, alone on their line ("Contact us", "Learn more >>")
    r"|contact(?: us)?|get in touch(?: with us)?|about us|(?:learn|see|view|load) more|more|back to (?:the )?top|(?:previous|prev|next)(?: (?:article|post|page))?"
    # an image's address or file name left where the image was
    r"|(?:https?://|www\.)\S+|\S+\.(?:jpe?g|png|gif|webp|svg)(?:\?\S*)?"
    # an image's alt text: a word or three and what it is ("Acne image", "WordPress.com Logo", "thumbnail"),
    # or a camera's file name ("100_4499", "IMG_2031", "DSC-0042")
    r"|(?:[\w.'-]+\s+){0,3}(?:image|photo|picture|pic|illustration|logo|icon|thumbnail)s?|(?:[a-z]{1,4}|\d{3})[_-]\d{3,}(?:[_-]\d+)*"
    # a blog platform's comment and log-in widget ("Leave a Reply", "4 thoughts on “…”", "Pingback: …",
    # "You are commenting using your WordPress.com account.", "Log Out / Change )", "Advertisements")
    r"|leave a (?:reply|comment)|\d+ (?:thoughts?|comments?|responses?|repl(?:y|ies)) (?:on|to)\b.*|(?:\d+\.\s*)?(?:ping|track)back:.*"
    r"|you are commenting using your\b.*|log out\s*/\s*change\W*|fill in your details below\b.*|advertisements?|post (?:a )?comment)\W*$",
    re.I,
)
# A caption's credit ("… - Photo: D.N.", "… [Image source=Clipart Korea]"), or a stock agency's ("Dionisvera/Shutterstock").
_CREDIT = re.compile(
    r"\s[-–—|(]\s*(?:photo|image|picture|source|credit)s?\s*[:：][^!?]{1,40}\)?\s*$"
    r"|\[(?:photo|image|picture)s?(?: source)?\s*[=:：][^\]]{1,40}\]\s*$"
    # "… (The picture is taken from freepik)", "(Photo by Li Wei)", "(Image courtesy of WHO)"
    r"|\(\s*(?:the\s+)?(?:photo|image|picture|pic)s?\s+(?:(?:is|are|was|were)\s+)?(?:taken\s+from|sourced\s+from|courtesy\s+of|from|by|via)\s[^()]{1,40}\)\W*$"
    r"|^[\w .'-]{1,40}/\s*(?:shutterstock|getty\s*images|istock(?:photo)?|alamy|adobe\s*stock|depositphotos|123rf|pixabay|unsplash|dreamstime)\W*$",
    re.I,
)
# What the page's template says around the article: a bracketed label alone ("[Anchor Lead]"),
# browser and cookie notices.
_TEMPLATE = re.compile(
    r"^\s*\[[^\]]{1,30}\]\s*$|\b(?:update your browser|browser is out of date|enable javascript|(?:this site|we) uses? cookies|accept (?:all )?cookies"
    r"|(?:get|go) to the download page)\b",
    re.I,
)


# A menu flattened to one line: capitalised items of one to three words set apart by runs of spaces
# in the raw line ("Home  Contact Us"; repair collapses the runs), or a row of numbers ("2024 2023
# 2022 …": archive years).
_ITEM = r"[A-Z0-9][^\s.!?。]*(?: [^\s.!?。]+){0,2}"
_MENU = re.compile(rf"^[^\w\n]*{_ITEM}(?:[ \t]{{2,}}{_ITEM}){{1,}}[^\w\n.!?。]*$|^\s*(?:\d{{1,4}}\s+){{3,}}\d{{0,4}}\s*$")
# A menu label printed twice, once as the icon's alt text: "Search IconSearch", "Advertising
# Advertising Free Newsletter". Every word capitalised; a word repeated next to itself, or glued
# to the end of another (a repeat further on is a writer's: "Eat Well, Sleep Well").
def _doubled_label(t: str, words: int) -> bool:
    toks = re.findall(r"[^\W\d_]+", t)
    if not 2 <= words <= 8 or not toks or not all(w[0].isupper() for w in toks):
        return False
    return any(a.lower() == b.lower() and len(a) >= 4 for a, b in zip(toks, toks[1:])) or any(
        len(b) > len(a) >= 4 and b.endswith(a) for a in toks for b in toks)


# A news dateline alone on its line: a place, the outlet and a dash ("Jakarta, CNN Indonesia —").
_DATELINE = re.compile(r"^[A-Z][\w.' -]{1,30},\s*[A-Z][\w.'& -]{1,40}?\s*[—–-]+\s*$")

# A site's logo as its alt text: three or more words run together ("TheJakartaPost", "BusinessTianjin" is two).
_LOGO = re.compile(r"^\W*[A-Z][a-z]+(?:[A-Z][a-z]+){2,}\W*$")

# A caption's marker (Korean and Chinese news put ▲ or ▼ before the words under a photo).
_CAPTION_MARK = re.compile(r"^\s*[▲△▼▽]\s*\S")
# A vocabulary list's entry: "3. on the rise: ph. 增加", "Chronic: adj. [ˋkrɑnɪk] 慢性的": an English word
# or phrase, a part of speech, and its gloss in the source language.
_GLOSSARY = re.compile(r"^\W*(?:\d{1,3}\s*[.、)]\s*)?[A-Za-z][\w '-]{0,40}[:：]\s*(?:n|v|vt|vi|adj|adv|ph|phr|prep|conj|abbr|pron)\.", re.I)


def norm_key(text: str) -> str:
    """Key for counting repeated lines: case, punctuation and spacing ignored."""
    return " ".join(re.findall(r"\w+", text.lower()))


class RepetitionStats:
    """Counts of short lines across the whole input (one pass, before judging)."""

    def __init__(self, cfg: BoilerplateConfig) -> None:
        self.cfg = cfg
        self.count: Counter[str] = Counter()
        self.articles: dict[str, set[str]] = defaultdict(set)

    def add(self, article_id: str, text: str) -> None:
        if len(text.split()) <= self.cfg.max_words:
            key = norm_key(text)
            if key:
                self.count[key] += 1
                self.articles[key].add(article_id)

    def merge(self, other: RepetitionStats) -> None:
        """Add the counts of another part of the input (a part holds whole articles)."""
        self.count.update(other.count)
        for key, ids in other.articles.items():
            self.articles[key] |= ids

    def frequent(self) -> RepetitionStats:
        """The same answers from `repeated`, keeping only the lines it can flag: far smaller
        than every short line's counts, which is what a cluster's workers are sent."""
        out = RepetitionStats(self.cfg)
        for key, n in self.count.items():
            if n >= self.cfg.min_repeats or len(self.articles[key]) >= self.cfg.min_articles:
                out.count[key] = n
                out.articles[key] = self.articles[key]
        return out

    def repeated(self, text: str) -> str | None:
        key = norm_key(text)
        if not key or len(text.split()) > self.cfg.max_words:
            return None
        if self.count[key] >= self.cfg.min_repeats:
            return "repeated_line"
        stripped = text.strip()
        if (
            len(self.articles[key]) >= self.cfg.min_articles
            and stripped[:1].islower()
            and not stripped.endswith((".", "!", "?"))
        ):
            return "caption_like"
        return None


def shape_reason(text: str, raw: str | None = None) -> str | None:
    """Reason code when a line's shape says it is boilerplate, else None. `raw`: the line before
    repair, whose runs of spaces show a flattened menu."""
    t = text.strip()
    words = len(t.split())
    if t and sum(ch.isalpha() for ch in t) < 2 and not any(ch.isdigit() or ord(ch) >= 0x1F000 for ch in t):
        # Bullets and stars of a form the scrape flattened ("• *", "★★★"); a line of emoji is the
        # writer's, not the template's.
        return "field_line"
    stamps = len(_HAS_DATE.findall(t)) if words <= 30 else 0
    # A short unfinished line around a date, or a headline printed with its stamps
    # ("… 입력 2019.12.19 (15:13) 수정 2019.12.19 (16:45)").
    if _DATE.match(t) or (stamps and (words <= 12 or stamps >= 3) and not t.endswith((".", "!", "?", "。"))):
        return "date_line"
    if words <= 25 and _CRUMBS.search(t) or words <= 8 and (_BYLINE.match(t) and not t.endswith((".", "!", "?")) or _DATELINE.match(t)):
        return "nav_line"
    if words <= 20 and (len(_FIELDS.findall(t)) >= 2 or _FIELD_ALONE.match(t)):
        return "field_line"
    if words <= 40 and _MENU.match((raw if raw is not None else text).strip()):
        return "nav_line"
    if _doubled_label(t, words) or _LOGO.match(t):
        return "nav_line"
    if words <= 20 and _CAPTION_MARK.match(t):
        return "caption_like"
    if words <= 15 and _GLOSSARY.match(t) and CJK.search(t):
        return "field_line"
    return next((reason for most, pattern, reason in _VOCABULARY if words <= most and pattern.search(t)), None)


# Short lines built around what every site's template says: (at most this many words, the
# pattern, the reason), tried in order.
_VOCABULARY = ((15, _FURNITURE, "field_line"), (40, _CREDIT, "field_line"), (40, _TEMPLATE, "field_line"),
               (40, _DISCLAIMER, "disclaimer"), (25, _SOURCE, "source_line"), (15, _SHARE, "share_prompt"), (30, _FOLLOW, "share_prompt"), (15, _PROMO, "promo"))


#: Reasons after which the rest of an article, near its end, is a trailer.
TRAILER_STARTERS = {"disclaimer", "share_prompt", "promo", "date_line"}
