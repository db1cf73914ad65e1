"""Build tests/data/holdout2/devset.tsv and pages.tsv from hand-written labels.

The second held-out dev set: 20 machine-translated (or non-native) web pages from 20 sites, none
of them in tests/data/sites/pages.tsv or tests/data/holdout/pages.tsv.  12 pages come from
Chinese sources, 7 pages carry bilingual duplicates (a source-language line next to its English
line, or an English line followed by a re-translation of itself) and 3 pages repeat a line word
for word.  The pages were chosen and labelled blind on 2026-12-04 (without running the pipeline
and without reading its code or output), and the set has not been measured yet (see README.md).
Each raw/ file is one excerpt exactly as the `pages` search corpus returned it (the page from
its beginning).  The labels in LABELS below were assigned by hand, one raw line at a time,
while reading those files.  This script only does the clerical part, exactly as
tests/data/sites/make_devset.py and tests/data/holdout/make_devset.py do:

* it loads tests/data/sites/make_devset.py by file path and uses its parse_labels(), split2()
  and build(), so pieces are cut and checked as in the sites and holdout sets;
* it checks that no site (domain) of this set is used by tests/data/sites or
  tests/data/holdout (also as a sub- or parent domain), that the sample's site
  (InfraredHeatingTherapy) is not used, that each file name matches its site, and that every
  non-blank raw line has exactly one label per piece;
* build() writes devset.tsv (source, line, label, text) and pages.tsv (one row per page), with
  the csv module, delimiter "\\t", QUOTE_MINIMAL, and checks that both read back exactly.

Label codes: o=ok g=garbled b=boilerplate bd=bilingual_dup d=dup h=heading.
A line given a single label is one row holding the whole (stripped) line, even if the splitter
would cut it (titles with "." "?" or "!" inside, a heading with a stray leading ".", the
escaped list numbers "1\\." of 10).  The code "_" (join a piece to the row before it) is not
needed in this set.  Blank lines (empty or whitespace only) are not rows.

Run:  python3 tests/data/holdout2/make_devset.py   (from the repo root; standard library only)
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The sites set's builder (its splitter, label parser, checks and writer), so every set is cut and
# checked alike. Its folder goes first on the path: this file is also named make_devset.py.
sys.path.insert(0, str(HERE.parent / "sites"))
import make_devset as _sites  # noqa: E402

EARLIER_SETS = ("sites", "holdout")


# --- pages: file, url, site, topic, source_language, shape_notes (tab-separated) -------------
PAGES = """
01_dalipal_com.txt	http://dalipal.com/eng/ESGActions/20230414/1868.html	dalipal.com	news	zh	company news: category label "ESG Actions", Chinese date field "发布时间 2023-04-14" between the title and the first paragraph, long officialese sentences; fairly fluent MT
02_yzjship_com.txt	https://www.yzjship.com/en/newsdetails/71/599.html	yzjship.com	news	zh	company news: two-level breadcrumb on two lines ("news center" / "Companies news"), "2023-03-14 views 243" field, many glued words at lost line ends ("aharmonious", "thetrade", "offemale"); fluent MT
03_xhahax_com.txt	http://www.xhahax.com/Homepage/1505.html	xhahax.com	health	zh	very literal MT ("cool white open", "Xiao Bian"), page starts mid-sentence in lower case, lower-case one-line section headings, two blank lines between every paragraph
04_shopping-feedback_today.txt	https://shopping-feedback.today/longevity/doctors-several-kinds-of-foods-that-can-block-blood-vessels-middle-aged-and-elderly-people-must-eat-less-of-them-the-sooner-you-know-the-more-benefits-you-ll-reap	shopping-feedback.today	health	zh	"Longevity logo" alt text, title with "." and "!" inside printed twice, byline glued to its date ("By L-doctorPublished about a year ago 3 min read"); fluent MT of a Chinese health post
05_bestchinanews_com.txt	https://www.bestchinanews.com/Health/22709.html	bestchinanews.com	health	zh	title printed twice, bare date line, WeChat layout (one clause per line, no full stops), short section headings, a list of benefit fragments at the end
06_daydaynews_cc.txt	https://daydaynews.cc/en/regimen/3277929.html	daydaynews.cc	health	zh	no blank lines, numbered headings "01 …" / "02 …", stripped bold links leaving "and ." and stray leading "." lines, a sentence broken across two lines ("Patients like" / "should eat …")
07_en_4hw_com_cn.txt	https://en.4hw.com.cn/646/31976.html	en.4hw.com.cn	health	zh	masthead "Sihai network", page title cut mid-phrase by the site ("… honey water in the"), "First, … The sixth, …" run-in list, the title question repeated inside the first paragraph
08_facebook_jinbodhi_org.txt	https://facebook.jinbodhi.org/2017/09/23/%E5%81%A5%E5%BA%B7%E9%A3%B2%E9%A3%9F-%E6%B0%B4%E8%A6%81%E9%80%99%E6%A8%A3%E5%96%9D%E6%89%8D%E6%AD%A3%E7%A2%BA/	facebook.jinbodhi.org	health	zh	bilingual: traditional-Chinese title and paragraph first, then the English title and its translation; lost paper title "<>"; non-native but clear English
09_meiweny_cn.txt	https://www.meiweny.cn/xiaoyuan/xiaoyuanaiqingwenzhang/106532.html	meiweny.cn	health	zh	bilingual school essay: Chinese breadcrumb, title "睡眠的重要性 The importance of Sleep", bullet byline fields (作者/来源/发表于/被阅读0), the first English paragraph glued to the last bullet, each English paragraph followed by its Chinese version, indented lines
10_lingq_com.txt	https://www.lingq.com/en/learn-chinese-online/courses/1182416/an-article-about-chinese-peoples-eat-17233243/	lingq.com	health	zh	language-course text: Chinese line (word-segmented with spaces) then its English MT line; markdown residue "**…**" and escaped list numbers "1\\."; one Chinese line has no English line
11_mandrinacademy_blogspot_com.txt	https://mandrinacademy.blogspot.com/2021/07/hsk6lesson30.html?m=0	mandrinacademy.blogspot.com	health	zh	HSK lesson: pinyin / Chinese / English triplets, English hard-wrapped at clause ends with trailing spaces, lesson title repeated as the first triplet, date line
12_chinazhaokao_com.txt	http://www.chinazhaokao.com/jiaoxuesheji/122768.html	chinazhaokao.com	travel	zh	translation-practice page: timestamp, Chinese page title of another exercise, Chinese sentence and English translation on one line, alternative re-translations with "…" placeholders, a sentence hard-wrapped before its number ("5.6 square kms.")
13_ameblo_jp.txt	https://ameblo.jp/talk-talk-english/entry-12845535104.html	ameblo.jp	health	ja	English-club blog: Japanese paragraph then the members' English version, emoji alt text glued to text ("桜", "ネザーランド・ドワーフ"), "参加者:" / "MC:" / "Blog:" fields, "<今日のトピック>" label, whitespace-only lines
14_worldorder-fansite_com.txt	https://www.worldorder-fansite.com/post/2016/02/26/detox	worldorder-fansite.com	health	ja	fan translation of a Japanese post: one sentence per paragraph, kaomoji "∑(゜Д゜)" / "(^_^)" / "(LOL)" after sentences, two "From a standpoint of …," group heads over numbered items with "→" result lines, translator credit at the end
15_blog_goo_ne_jp.txt	https://blog.goo.ne.jp/classyj/m/202106/2	blog.goo.ne.jp	lifestyle	ja	Japanese blog archive of two English posts: service notice, blog name and Japanese tagline, "date | 日記" fields, blog-ranking links, comment and share widgets between the posts, sentences hard-wrapped mid-clause, the same greeting opening both posts
16_en_fnnews_com.txt	https://en.fnnews.com/news/202511200844286022	en.fnnews.com	news	ko	Korean news MT: weekday dateline, title with a quoted question and "...", "Input" / "Updated" fields each on two lines, photo credit "/Photo = Getty Images Bank", "[Financial News]" tag glued to the lede; fluent
17_earthpressnews_com.txt	https://earthpressnews.com/bad-news-for-tea-drinkers-it-makes-it-harder-to-have-children-what-you-should-watch-out-for/	earthpressnews.com	health	tr	Turkish MT: title with "!" and "…", truncated alt-text copy of the title, ALL-CAPS section headings (one in title case), stock-photo id "iStock-1294933580" between sections
18_sudanscoop_com.txt	https://sudanscoop.com/health/learn-the-importance-of-drinking-water-and-lemon-on-the-lagoon/	sudanscoop.com	health	ar	Arabic MT: "on the lagoon" / "on lumps" for "on an empty stomach", list items all numbered "1." (one heading with a full stop, one with a colon), a heading directly above its paragraph
19_idee-fuer-mich_de.txt	https://www.idee-fuer-mich.de/en/health/healthy-living/live-longer-walking-increases-your-lifespan-2023.html	idee-fuer-mich.de	health	de	German MT: untranslated German image caption with "© iStock" glued, followed by its English caption; "Live longer: …" headings; meaning errors ("sit down … instead of sitting")
20_tydba_com.txt	https://tydba.com/benefits-of-drinking-water-with-lemon-on-an-empty-stomach/	tydba.com	health	es	Spanish MT: Spanish calques ("And is what to take", "And it is that"), short headings without stops, a two-blank-line gap under the title
"""

# --- hand labels: "[file]" then "<raw line> <one code per piece>" -----------------------------
LABELS = """
[01_dalipal_com.txt]
1 b
3 h
5 b
7 o
9 o o
11 o o
13 o

[02_yzjship_com.txt]
1 b
3 b
5 h
7 b
9 o o
12 o o o o
14 o o

[03_xhahax_com.txt]
1 o g g
4 h
7 g g
10 g g
13 h
16 h
19 o g
22 h
25 g g g
28 h
31 g
34 h
37 g g

[04_shopping-feedback_today.txt]
1 b
3 h
5 d
7 b
9 o o o o o
11 o o o o
13 o o o g

[05_bestchinanews_com.txt]
1 h
3 d
5 b
7 h
9 o
11 o
13 o g
15 g
17 g
19 o o
21 h
23 g
25 g
27 h
29 o
31 g
33 o
35 o
37 o

[06_daydaynews_cc.txt]
1 g
2 o
3 h
4 h
5 o o
6 h
7 o
8 g
9 o o
11 h
12 h
13 g
14 o g
15 g
16 o
17 h
18 o g

[07_en_4hw_com_cn.txt]
1 b
3 h
5 g o o o
7 o o o
9 o
11 g
13 o
15 o o
17 g
19 o
21 g
23 g

[08_facebook_jinbodhi_org.txt]
1 bd
2 bd
3 h
4 o o o o
5 o o o o
6 o o o o
8 o g

[09_meiweny_cn.txt]
1 b
2 b
4 h
6 b
7 b
8 b
9 b
10 o o o o
12 bd
14 o g o o o
16 bd
18 o o g

[10_lingq_com.txt]
1 h
2 bd
3 bd
4 o
5 bd
6 o
7 bd
8 o
9 bd
10 o
11 bd
12 o
13 bd
14 o
15 bd
16 o
17 bd
18 bd
19 o
20 bd
21 o
22 bd
23 o
24 bd
25 o
26 bd
27 o
28 bd
29 g

[11_mandrinacademy_blogspot_com.txt]
1 b
3 h
5 h
7 h
10 bd
11 bd
12 d
15 bd
16 bd
17 o
19 bd
20 bd
21 g
23 bd
24 bd
25 o
27 bd
28 bd
29 o
31 bd
32 bd
33 g
35 bd
36 bd
37 g
39 bd
40 bd
41 o
43 bd
44 bd
45 o
47 bd
48 bd
49 g
51 bd
52 bd
53 g
55 bd
56 bd
57 g
59 bd
60 bd
61 o
63 bd

[12_chinazhaokao_com.txt]
1 b
3 b
5 h
7 bd o
9 g
11 g
14 g
16 g
19 o
21 bd
24 o
27 g o o
29 bd bd
31 g o
33 bd bd

[13_ameblo_jp.txt]
1 bd
5 o o o b
9 b
11 b
13 b
17 h
19 bd
23 o o o
27 bd
31 o o o g

[14_worldorder-fansite_com.txt]
1 o
3 o o
5 o
7 o b
9 o
11 o
13 o
15 o
17 o
19 o
21 h
23 o
25 o
27 o
29 o
31 o
33 o
35 h
37 o
39 o
41 o
43 o
45 o
47 o b
49 o b
51 o
53 o
55 o o b
57 o b
61 b

[15_blog_goo_ne_jp.txt]
1 b
3 b
5 b
7 h
9 b
10 o
12 o
13 g
14 g
16 g
17 g
19 o
20 o
22 o
23 o
24 o
25 o
26 o
28 o
29 o
31 g
32 g
33 o
35 b
36 b
37 b
38 b
40 b
42 b
43 b
44 b
45 b
46 b
47 b
49 h
51 b
52 o
54 o
55 o
56 o
57 o
59 o
60 o
61 g g
62 o
63 o
65 g

[16_en_fnnews_com.txt]
1 b
3 h
5 b
6 b
7 b
8 b
9 b
11 o o
12 o
13 o o
14 o o o
15 o o
16 g

[17_earthpressnews_com.txt]
1 h
3 b
5 o o
7 o
9 h
11 o o
13 h
15 h
17 o o
19 h
21 o o
23 h
25 o o o o
27 h
29 o o o o
31 b
33 h
35 o g

[18_sudanscoop_com.txt]
1 h
3 g
5 h
6 o
8 o
10 o
12 h
14 o
16 h
18 g
20 h
21 o

[19_idee-fuer-mich_de.txt]
1 h
3 o o o o o
5 bd
6 o
8 o
10 h
12 o o o o o o
14 h
16 g o
17 o o g

[20_tydba_com.txt]
1 h
4 g
6 g o
8 o
10 o
12 h
14 o o
16 g
18 o
20 h
22 o o
24 o o
26 h
28 o o
30 o g
"""


def main() -> None:
    _sites.build_held_out(HERE, LABELS, PAGES, EARLIER_SETS)


if __name__ == "__main__":
    sys.exit(main())
