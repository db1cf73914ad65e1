"""Build tests/data/holdout/devset.tsv and pages.tsv from hand-written labels.

The holdout dev set: 10 machine-translated (or non-native) web pages from 10 sites, none of
them in tests/data/sites/pages.tsv.  The pages were chosen and labelled on 2026-12-04, after
the cleanup rules were written, and measured once blind; rules written since looked at its
misses (see README.md).  Each raw/ file is
one excerpt exactly as the `pages` search corpus returned it (the page from its beginning).
The labels in LABELS below were assigned by hand, one raw line at a time, while reading those
files (never from pipeline output).  This script only does the clerical part, exactly as
tests/data/sites/make_devset.py does:

* it parses LABELS and cuts each raw line into sentences with parse_labels(), rows_for_line()
  and split2() of tests/data/sites/make_devset.py (split() copied verbatim from tests/data/make_devset.py,
  plus the script-change cuts for bilingual lines), so pieces are cut as in the sites set;
* it checks that every non-blank line of every raw file has exactly one label per piece, that
  no label points at a blank or missing line or file, and that every row text is an exact
  substring of its raw line;
* it writes devset.tsv (source, line, label, text) and pages.tsv (one row per page), with the
  csv module, delimiter "\\t", QUOTE_MINIMAL, and checks that devset.tsv reads back exactly.

Label codes: o=ok g=garbled b=boilerplate bd=bilingual_dup d=dup h=heading.
A line given a single label is one row holding the whole (stripped) line, even if the splitter
would cut it (a title with "." inside, a caption with "Prof.  Dr.").
The code "_" joins a piece to the row before it: it repairs cuts the splitter makes at
non-boundaries (here only the glued list number "1.In the cold autumn ...").  The joined text
is the raw substring from the first piece to the last, so it stays exact.
Blank lines (empty or whitespace only) are not rows.

Run:  python3 tests/data/holdout/make_devset.py   (from the repo root; standard library only)
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The sites set's builder (its splitter, label parser, checks and writer), so every set is cut and
# checked alike. Its folder goes first on the path: this file is also named make_devset.py.
sys.path.insert(0, str(HERE.parent / "sites"))
import make_devset as _sites  # noqa: E402

EARLIER_SETS = ("sites",)


# --- pages: file, url, site, topic, source_language, shape_notes (tab-separated) -------------
PAGES = """
01_vnnow_net.txt	https://vnnow.net/en/health/eat-three-bitter-avoid-two-sweet-for-a-healthy-liver-148957.html	vnnow.net	health	vi	language switcher printed twice ("Eng English" / "China 中国人"), 15-item bullet menu incl. an untranslated Vietnamese item, "Sunday, 23/11/2025 | 06:02 GMT+7" dateline, quoted title, standfirst, two-word section headings; fairly fluent MT
02_blogtuan_info.txt	https://blogtuan.info/2022/03/29/the-types-of-tubers-that-are-available-in-the-corner-of-the-kitchen-really-help-to-nourish-the-liver-they-are-cheap-but-vietnamese-people-rarely-use-them/	blogtuan.info	health	vi	long title line with no full stop, mistranslated photo caption "Association of Prof.  Dr.  …", sub-heading, sentence-shaped photo caption between paragraphs, "tulips"/"saffron" wrong words
03_news_laodong_vn.txt	https://news.laodong.vn/chuyen-nha-minh/4-luu-y-khi-dung-am-sieu-toc-dung-cach-giu-do-ben-lau-1415581.ldo	news.laodong.vn	how-to	vi	Vietnamese byline "Tuấn Đạt (Theo Healthline) |", one sentence per paragraph, three section headings plus one heading-shaped line that ends in a full stop ("Do not boil water multiple times.")
04_cm_asiae_co_kr.txt	https://cm.asiae.co.kr/en/article/2023012014223712997	cm.asiae.co.kr	news	ko	Korean skip link, "bar_progress" / "Text Size" / "Close" widgets, question title, bracketed reporter byline glued to the lede, image caption repeating the title with "[Image source=Clipart Korea]", double blank lines
05_koon_ru.txt	https://koon.ru/en/vse-o-mede-poleznye-svoistva-meda-opredelenie-kachestva-meda-mify-o	koon.ru	health	ru	SEO title with "." inside, social widget residue ("Join the “” community!" / "In contact with:"), a table of honey varieties whose name column was lost (bare indication fragments), short headings "Honey water..." / "Weight loss:"
06_boned_ru.txt	https://boned.ru/en/grill-menu/med-dlya-organizma-cheloveka-med-donnikovyi-poleznye-svoistva.html	boned.ru	health	ru	title with "." inside, "09.08.2019 Grill menu" date + category line, lost link text ("In the last article titled, I"), "He contains:" with a bullet list of one-word items ending in ";"
07_goodlucknuts_com.txt	http://www.goodlucknuts.com/n1872126/Are-Walnuts-Good-for-Your-Brain.htm	goodlucknuts.com	products	zh	company blog: question title, "Issue Time:2022/03/11" field directly above the first paragraph, untranslated pinyin ("Bunao"); otherwise fairly fluent
08_china-jingxi_com.txt	https://www.china-jingxi.com/news/do-you-really-drink-water.html	china-jingxi.com	products	zh	company news page: category breadcrumb and tagline, "Mar 16,2021 / News, Industry News / Author: ShengKui" line, "Misunderstanding N:" headings (one glued under a paragraph with no blank line), stray counter "0", literal idioms ("dry and dry", "The drip did not enter")
09_m_dillerbottle_com.txt	http://m.dillerbottle.com/news/drink-more-water-as-the-weather-gets-colder-23389913.html	m.dillerbottle.com	products	zh	company news page: "- May 16, 2019-" date line, run-in numbered items ("1.In" glued, "2. Don't"), a colon lead-in heading for the second list, trailing space on the truncated last line
10_indonesiantaste_com.txt	https://indonesiantaste.com/benefits-of-papaya-leaves-starting-from-anticancer-to-hair-growth	indonesiantaste.com	health	id	"Jakarta, CNN Indonesia —" source line, no blank lines, numbered headings "1. Treating dengue fever" each followed by one paragraph line, "Launch WebMd…" / "Launch Healthline…" (MT of Indonesian "melansir", citing) glued to sentences
"""

# --- hand labels: "[file]" then "<raw line> <one code per piece>" -----------------------------
LABELS = """
[01_vnnow_net.txt]
1 b
2 b
4 b
5 b
6 b
7 b
8 b
9 b
10 b
11 b
12 b
13 b
14 b
15 b
16 b
17 b
18 b
19 b
20 b
21 b
24 h
26 o
28 o o o o
30 h
32 o o o
34 o o o
36 o o
38 h
40 g

[02_blogtuan_info.txt]
1 h
3 b
5 h
7 o o
9 o o
11 o g
13 b
16 o o o
18 o g o
20 g

[03_news_laodong_vn.txt]
1 h
3 b
5 o
7 o
9 o
11 o
13 h
15 o o
17 o o
19 o
21 o o
23 o o
25 h
27 o g

[04_cm_asiae_co_kr.txt]
1 b
2 b
4 b
6 b
8 h
10 o
13 o
16 o
19 o
22 o o
25 o
28 o
31 o
33 b b b
35 g

[05_koon_ru.txt]
1 h
3 b
4 b
7 o
10 g
13 o o
15 o
18 g o
21 g o
24 g o
27 o o
30 g o
32 h
34 o o g o o
36 h
38 o o o
40 h
42 o g

[06_boned_ru.txt]
1 h
3 b
5 o o
7 o g o o
9 h
11 o o o
13 o
14 o
15 o
16 o
17 o
18 o
20 o o o o
23 o o
25 o o o o g

[07_goodlucknuts_com.txt]
1 h
3 b
4 o o
6 o o
8 o
10 o o o o
12 o o
14 g g

[08_china-jingxi_com.txt]
1 b
3 b
5 h
7 b
9 o o o o o g o
10 h
12 o o o g o
14 h
16 o o o
18 h
20 o o o o
22 b

[09_m_dillerbottle_com.txt]
1 h
3 b
5 o o g o
7 o _ o
9 o o o
11 g g
13 o o o
16 h
18 o o
20 o
22 g

[10_indonesiantaste_com.txt]
1 b
2 g
3 o
4 o o
5 h
6 g o
7 o o o
8 o o
9 o
10 h
11 o g
12 h
13 o
14 h
15 o o
16 h
17 o
18 h
19 o g
"""


def main() -> None:
    _sites.build_held_out(HERE, LABELS, PAGES, EARLIER_SETS)


if __name__ == "__main__":
    sys.exit(main())
