"""Build tests/data/holdout5/devset.tsv and pages.tsv from hand-written labels.

The fifth held-out dev set: 20 machine-translated (or non-native) web pages from 20 sites, none
of them in tests/data/sites/pages.tsv or the pages.tsv of tests/data/holdout, holdout2, holdout3
or holdout4.  11 pages come from Chinese sources, the other 9 from Japanese, Thai, Italian,
Portuguese, German, Russian (Kazakhstan), Hindi, Persian and Greek sources.  The topics are
company news, product pages, travel, beauty, lifestyle, food and health.  5 pages carry
bilingual duplicates (an English line followed by its Chinese line, Chinese paragraphs before
their English, a Japanese list before its English list, an Italian verse before its English
translation, and Chinese-only title lines), 4 pages repeat a title word for word (4 dup rows) and
2 more repeat furniture.  The pages were chosen and labelled blind on 2026-12-07 (without running
the pipeline and without reading its code, tests or output), and the set has not been measured
yet (see README.md).
Each raw/ file is one excerpt exactly as the `pages` search corpus returned it (the page from
its beginning).  The labels in LABELS below were assigned by hand, one raw line at a time,
while reading those files.  This script only does the clerical part, exactly as
tests/data/sites/make_devset.py and the four earlier holdout builders do:

* it loads tests/data/sites/make_devset.py by file path and uses its build_held_out(), which
  uses parse_labels(), split2() and build(), so pieces are cut and checked as in the earlier sets;
* it checks that no site (domain) of this set is used by tests/data/sites or the four earlier
  holdout sets (also as a sub- or parent domain), that the sample's site (InfraredHeatingTherapy)
  is not used, that each file name matches its site, and that every non-blank raw line has
  exactly one label per piece;
* build() writes devset.tsv (source, line, label, text) and pages.tsv (one row per page), with
  the csv module, delimiter "\\t", QUOTE_MINIMAL, and checks that both read back exactly.

Label codes: o=ok g=garbled b=boilerplate bd=bilingual_dup d=dup h=heading.
A line given a single label is one row holding the whole (stripped) line, even if the splitter
would cut it (the template-field line 05:6 cut after "Co.", the numbered headings 04:13 and 04:31
"Ⅰ. ..." / "Ⅱ. ...", and the subtitle 13:2 "Who doesn't know Rose? Is there anybody, really?").
The code "_" joins a piece to the row before it; it is used once, to keep the name in 06:15 "The
owner of the strange building is w. J. sinbeson, a Californian born in1898." in one row.
Blank lines (empty or whitespace only) are not rows.

Run:  python3 tests/data/holdout5/make_devset.py   (from the repo root; standard library only)
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The sites set's builder (its splitter, label parser, checks and writer), so every set is cut and
# checked alike. Its folder goes first on the path: this file is also named make_devset.py.
sys.path.insert(0, str(HERE.parent / "sites"))
import make_devset as _sites  # noqa: E402

EARLIER_SETS = ("sites", "holdout", "holdout2", "holdout3", "holdout4")


# --- pages: file, url, site, topic, source_language, shape_notes (tab-separated) -------------
PAGES = """
01_zfj-textile_com.txt	https://www.zfj-textile.com/Celebrating-the-Mid-Autumn-Festival-id67029707.html	zfj-textile.com	news	zh	textile maker's company news, complete page: title, breadcrumb "Home » News » <title>", the title again, a field line "Views: 0     Author: Site Editor     Publish Time: ...     Origin: Site", paragraphs separated by two blank lines, two fused clauses ("... kicked off the festival is a traditional game ..."), "laughter and laughter"; footer "Quick Links", phone, address, "Contact us", copyright line
02_m_ystpak_com.txt	http://m.ystpak.com/n1868081/Team-activity-in-September.htm	m.ystpak.com	news	zh	packaging maker's team-activity news (mobile site): the title printed twice, one-line items "The first one was ..." / "The second item is ..." with trailing spaces, a long run-on paragraph, a bare sub-heading "About Mid-Autumn Festival" glued under it without a blank line, encyclopedic paragraphs, cut by the excerpt
03_ailin-galaxy_com.txt	https://www.ailin-galaxy.com/blog/first-acquaintance-with-thermos-tumblers/	ailin-galaxy.com	products	zh	drinkware maker's blog: hard-wrapped at a fixed width with a blank line after every wrapped line, so sentences run over two to four paragraphs; date line "Wednesday, Nov,9th 2022", two questions under the intro, "★" line, lettered headings "A.201 stainless steel, ..." / "B.304 ..."
04_solidflask_com.txt	https://www.solidflask.com/four-kinds-of-drinks-that-cant-be-put-in-the-vacuum-flasks.html	solidflask.com	products	zh	flask maker's article: the company name printed twice and "Contact Us" above the title, Roman-numeral section headings "Ⅰ. ..." (cut by the splitter after "Ⅰ."), "1. ..." sub-headings, "(1) ... ;" step lines, WeChat calques ("popular in the moments", "a trend of "regimen"")
05_eng_gxta_gov_cn.txt	http://eng.gxta.gov.cn/ReadArt.asp?Art_ID=6	eng.gxta.gov.cn	travel	zh	Guangxi tourism site (old ASP page): site banner, breadcrumb "Now your station: Shangri-La Wherever >> Read Article", indented title, a field line "Editor:... Organization:... Edited Date:... Visitors:4012", an indented template paragraph about the site's database ("double click the ist you're interested below"), lines indented with spaces, no blank lines in the article
06_wjfww_com.txt	https://wjfww.com/zhuanti/redian/lordr9.html	wjfww.com	travel	zh	Chinese model-essay site: Chinese breadcrumb in two lines, the Chinese title (no English) printed twice and again between the paragraphs, a Chinese section label "景點英語導遊詞 篇1", an English tour-guide speech in MT with words glued at lost line breaks ("parkbuilt", "in1898", "UnitedStates") and the name "w. J. sinbeson" cut by the splitter
07_ccdyzl_cn.txt	http://www.ccdyzl.cn/gaokao/201608/454056.shtml	ccdyzl.cn	travel	zh	textbook reading text, line by line: an English line (often one clause of a sentence, cut at a comma) followed by its Chinese translation in traditional characters, no blank lines; a heading pair; no title
08_m_zuowenba_net.txt	https://m.zuowenba.net/zuowen/1049506.html	m.zuowenba.net	travel	zh	pupil's travel essay: each Chinese paragraph followed by an English translation paragraph, no blank lines, no title; a line of classical poetry translated literally; cut by the excerpt
09_nikisho_com.txt	https://www.nikisho.com/makeup/you-do-not-know-the-cold-knowledge-of-cosmetics/	nikisho.com	beauty	zh	cosmetics blog: the title is a garbled sentence ("You do not know the cold knowledge of cosmetics, see is to earn."), short noun-phrase sub-headings between two or four blank lines, very literal MT ("isolation cream", "brush acid", "The wind of the acid"), an unrelated filler sentence
10_articlestoread_online.txt	https://articlestoread.online/is-the-astringent-necessary-to-skin-care-109066/	articlestoread.online	beauty	zh	beauty article as a myth list: headings that state the myth ("The lotion color will cause allergy culprit", "Make-up water in the end should be slapped with a cotton pad or?"), answers starting with a run-in "Secret:", paragraphs without a final full stop, very literal MT ("the face of the dead", "Hand shot to send")
11_dozziv_com.txt	https://www.dozziv.com/amuwap/home-organization/storage-organization/984/	dozziv.com	lifestyle	zh	home-organisation article: a title-case title with a colon, one sentence or short paragraph per line, no blank lines, one sub-heading, 餐厅 translated as "restaurants"; fluent (possibly LLM) MT; cut by the excerpt
12_travelwithmiyabi_com.txt	https://www.travelwithmiyabi.com/%E3%80%90tokyos-guidebook-4%E3%80%91%E6%9D%B1%E4%BA%AC%E3%81%AE%E3%82%AC%E3%82%A4%E3%83%89%E3%83%96%E3%83%83%E3%82%AF4/	travelwithmiyabi.com	travel	ja	Japanese guide's blog: English + Japanese title "【Tokyo’s guidebook 4】東京のガイドブック4" in one piece, a Japanese "●god・・・shrine ⇒ blessings" list, then the English text hard-wrapped with blank lines between the wrapped lines and leading spaces, then the same list in English; non-native English
13_huahintoday_com.txt	https://www.huahintoday.com/health/properties-of-roses/	huahintoday.com	beauty	th	Thai local magazine: a two-question subtitle under the title without a blank line, a "•" list in which a lost line break glues the heading "Nutrition facts per 1 cup of rose tea" to the end of a bullet, verbless bullets; non-native English
14_esfoodtechnologies_com.txt	https://esfoodtechnologies.com/zamboni.html	esfoodtechnologies.com	food	it	Italian food-machinery page, complete: an MT sentence ("as per Olindo Guerrini, in art Lawrence Stecchetti"), an Italian verse with " / " line marks, then its English translation in parentheses with the same marks
15_adelaiderecipes_com.txt	http://adelaiderecipes.com/ebook/easter/traditional_portuguese_sponge_cake?c=2c07b909-9719-41c5-b494-6bb407b4825a&p=84706745-e981-492c-b33d-85ab4a646eac	adelaiderecipes.com	food	pt	recipe site with a Portuguese recipe in MT, complete: "Homepage Homepage", breadcrumb "Home > easter", "Photo 1" / "Photo 2" printed twice, an image disclaimer, template fields with their values on the next line ("Preparation time" / "45 - 45 mins"), a whitespace-only line, indented numbered steps; "eggnog" for the beaten eggs, "form" for the tin
16_kirchhoff-automotive_com.txt	https://www.kirchhoff-automotive.com/international/media/news-archive/news-single/?tx_ttnews%5Btt_news%5D=10087&cHash=21e2d040425892086064559e0e3e3ba3	kirchhoff-automotive.com	news	de	German supplier's news, complete: a non-native headline "Passed without an variances", one paragraph, "<- Back to: News archive"
17_eng_thaispakst_kz.txt	http://eng.thaispakst.kz/our-policy/	eng.thaispakst.kz	beauty	ru	Thai spa in Kazakhstan, English version of a Russian page: a Russian browser-outdated warning on the first line, the title printed twice, short sub-headings, a sub-heading that is a sentence ("Make your appointment with certain therapist."), phone numbers in the text, non-native MT ("paradisiacal delight of Thai massage"); cut by the excerpt
18_thistimeworld_com.txt	https://thistimeworld.com/single_page?single=415	thistimeworld.com	health	hi	Indian news site, Hindi MT: "molasses" and "jaggery" used for the same गुड़, a heading ending in "-", numbered tips "1. ..." to "10. ..." with the text on the same line, wrong words ("make lado, you get windy", "apathy, decay"); ends in blank lines
19_chistamedia_com.txt	https://www.chistamedia.com/saffron/	chistamedia.com	food	fa	Iranian media company page on saffron, complete: no title, an image caption "Saffron flower" between paragraphs, one sub-heading, Persian number style "150/000", "This colorful and precious herb, have onion."
20_hnproducts_gr.txt	http://www.hnproducts.gr/data/index.php?option=com_content&view=article&id=22&Itemid=11	hnproducts.gr	food	el	Greek food producer (Joomla page), complete: the Greek print-button label "Εκτύπωση" as the first line, a title, flowery non-native English ("sculptured from Mediterranean sun", "in addition to extended consumption")
"""

# --- hand labels: "[file]" then "<raw line> <one code per piece>" -----------------------------
LABELS = """
[01_zfj-textile_com.txt]
1 h
2 b
4 d
6 b
8 o o
11 g o o
14 o
17 o o o
20 o o
23 o o o
26 b
29 b
30 b
31 b
32 b

[02_m_ystpak_com.txt]
1 h
3 d
6 o
8 o
10 o
11 o
12 o
13 o
14 o o o o o o
15 h
17 o o
19 o o o
21 o o g

[03_ailin-galaxy_com.txt]
1 h
3 b
5 o
7 o
11 o
13 h
15 o g
17 g
19 o
22 g
24 g g
26 g
28 g
30 o
33 h
35 g
37 g g
39 g g
41 g g
43 g
45 o
47 h
49 g
51 g g

[04_solidflask_com.txt]
1 b
2 b
3 b
5 h
7 g o
9 o
11 o
13 h
15 h
17 o o
19 h
21 o
23 o
25 o
27 o
29 o
31 h
33 h
35 o o o
37 g

[05_eng_gxta_gov_cn.txt]
1 b
2 b
4 h
6 b
8 b b b b
10 o
11 o o o o o
12 o o
13 o
14 o o g

[06_wjfww_com.txt]
1 b
3 b
5 bd
7 d
9 bd
11 o g g o
13 b
15 o _ _ o o o o o o o o o o g

[07_ccdyzl_cn.txt]
1 g
2 bd
3 o
4 bd
5 o
6 bd
7 g
8 bd
9 o
10 bd
11 o
12 bd
13 g
14 bd
15 h
16 bd
17 o
18 bd
19 o
20 bd
21 g
22 bd
23 g
24 bd
25 o
26 bd
27 o
28 bd
29 o
30 bd

[08_m_zuowenba_net.txt]
1 bd
2 o o o o
3 bd
4 o o o
5 bd
6 g o o g

[09_nikisho_com.txt]
1 g
4 h
7 o o g
10 h
13 g g
18 h
21 g g
24 h
27 g g g
30 h
33 o g g

[10_articlestoread_online.txt]
1 h
3 o o
6 g
9 g
12 h
15 g
18 g
21 h
24 g g o
27 g g
29 h
32 o
35 h

[11_dozziv_com.txt]
1 h
2 o
3 o
4 o
5 o o
6 o
7 o
8 o o
9 o
10 o
11 h
12 g
13 o o
14 o
15 g

[12_travelwithmiyabi_com.txt]
1 h
8 bd
10 bd
12 bd
14 bd
16 bd
18 bd
20 bd
26 o
28 g
30 o
32 g
34 g
36 o
38 o
40 o
42 o
44 o
46 o
48 o
50 o
52 o
54 o
56 o
58 g

[13_huahintoday_com.txt]
1 h
2 h
4 o o
6 o o
8 o
10 o
11 o
12 o h
13 o
14 o
15 o o o o
16 o
17 o
18 o
19 o g

[14_esfoodtechnologies_com.txt]
1 g
2 bd
3 o

[15_adelaiderecipes_com.txt]
1 b
2 b
4 h
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
18 h
22 o
24 o
26 o
28 o
30 o o
32 o
34 o
36 o

[16_kirchhoff-automotive_com.txt]
1 h
3 o o o o
5 b

[17_eng_thaispakst_kz.txt]
1 b b
2 h
4 d
7 o
9 o
11 o
14 o o o
17 o
19 o o
22 h
24 o o o o
27 h
29 o g
33 o o o g

[18_thistimeworld_com.txt]
1 h
3 o o o o o o
5 o o o g
7 h
9 o o
11 g
13 o o
15 o o
17 o o
19 g
21 o o
23 o
25 o
27 o
29 o

[19_chistamedia_com.txt]
1 o o o o
3 o g o
5 o o o
7 b
9 g
11 o o
14 h
16 o o
18 o o

[20_hnproducts_gr.txt]
1 b
3 h
5 o
7 o
9 o o o
12 o g
14 o
"""


def main() -> None:
    _sites.build_held_out(HERE, LABELS, PAGES, EARLIER_SETS)


if __name__ == "__main__":
    sys.exit(main())
