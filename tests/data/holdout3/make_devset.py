"""Build tests/data/holdout3/devset.tsv and pages.tsv from hand-written labels.

The third held-out dev set: 20 machine-translated (or non-native) web pages from 20 sites, none
of them in tests/data/sites/pages.tsv, tests/data/holdout/pages.tsv or
tests/data/holdout2/pages.tsv.  15 pages come from Chinese sources, 5 pages carry bilingual
duplicates (a source-language line next to its English line, or a summary box that paraphrases
the article under it) and 2 pages repeat a line word for word.  The pages were chosen and
labelled blind on 2026-12-07 (without running the pipeline and without reading its code, tests
or output), and the set has not been measured yet (see README.md).
Each raw/ file is one excerpt exactly as the `pages` search corpus returned it (the page from
its beginning).  The labels in LABELS below were assigned by hand, one raw line at a time,
while reading those files.  This script only does the clerical part, exactly as
tests/data/sites/make_devset.py, tests/data/holdout/make_devset.py and
tests/data/holdout2/make_devset.py do:

* it loads tests/data/sites/make_devset.py by file path and uses its parse_labels(), split2()
  and build(), so pieces are cut and checked as in the sites and holdout sets;
* it checks that no site (domain) of this set is used by tests/data/sites, tests/data/holdout
  or tests/data/holdout2 (also as a sub- or parent domain), that the sample's site
  (InfraredHeatingTherapy) is not used, that each file name matches its site, and that every
  non-blank raw line has exactly one label per piece;
* build() writes devset.tsv (source, line, label, text) and pages.tsv (one row per page), with
  the csv module, delimiter "\\t", QUOTE_MINIMAL, and checks that both read back exactly.

Label codes: o=ok g=garbled b=boilerplate bd=bilingual_dup d=dup h=heading.
A line given a single label is one row holding the whole (stripped) line, even if the splitter
would cut it (the "Benefits 1. Reduce cold hands and feet" headings of 01, the title with "."
and "?" inside of 19, and the sentence of 20 that the splitter cuts after "etc.").  The code
"_" (join a piece to the row before it) is not needed in this set.  Blank lines (empty or
whitespace only) are not rows.

Run:  python3 tests/data/holdout3/make_devset.py   (from the repo root; standard library only)
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The sites set's builder (its splitter, label parser, checks and writer), so every set is cut and
# checked alike. Its folder goes first on the path: this file is also named make_devset.py.
sys.path.insert(0, str(HERE.parent / "sites"))
import make_devset as _sites  # noqa: E402

EARLIER_SETS = ("sites", "holdout", "holdout2")


# --- pages: file, url, site, topic, source_language, shape_notes (tab-separated) -------------
PAGES = """
01_coolban_com.txt	https://www.coolban.com/en/news/34834	coolban.com	health	zh	question title, bare date line, two bare image URLs between sections, "Benefits 1. Reduce cold hands and feet" headings that the splitter cuts after "1.", a verbless TCM sentence; fairly fluent MT
02_lsfbj_cn.txt	http://www.lsfbj.cn/xiyu/178.html	lsfbj.cn	health	zh	one sentence per paragraph, lines indented with two spaces, run-in labels "Ginger removes cold:" / "Cinnamon Swelling:", pinyin left untranslated ("Xinwen", "Guangui"), glued "potSmall", wrong words ("intervention area", "pedals")
03_en_newreyphon_com.txt	https://en.newreyphon.com/news_details/88.html	en.newreyphon.com	news	zh	company news: slogan title, empty "Release time:" field, long descriptive paragraphs with calques ("natural oxygen bar", "everyone or splashed water"); the page is complete
04_zheruisteel_com.txt	http://www.zheruisteel.com/news/company-news/high-strength-steel2019091203.html	zheruisteel.com	news	zh	company news: breadcrumb "Home > News > Company News", timestamp line glued above the first paragraph (no blank lines after it), "group construction" for team building, a sentence cut by a stray full stop ("… the whole event. A harmonious atmosphere …")
05_checkcheckcin_com.txt	https://www.checkcheckcin.com/en/e0ff5d6f5a550733ded09226851f4e4f-2/	checkcheckcin.com	health	zh	Hong Kong TCM site: three traditional-Chinese infographic lines at the top whose English versions come at the end of the page, two-line kicker + title ("Chrysanthemum vs. …"), non-native but clear English ("eye dirt", "retreats eye nebula"); complete page
06_pm4x_cn.txt	http://pm4x.cn/show-138-481308-1.html	pm4x.cn	health	vi	bilingual, line by line: English line then its Chinese MT line, with pinyin residue inside the Chinese ("時(shí)間"); Chinese-only title; short headings each followed by their Chinese twin; English looks like MT from Vietnamese ("4 time frames", "regular water addition")
07_21ux_com.txt	http://www.21ux.com/special-diet/drink-plenty-of-water-to-keep-healthy.html	21ux.com	health	zh	headings numbered "1, …" with a comma, a question heading glued to the first numbered heading (no blank line), literal MT of 少量多次 ("a small number of principles to drink water")
08_theshortnewz_com.txt	https://theshortnewz.com/en/article/11270	theshortnewz.com	health	zh	Taiwanese news MT: author name "zaira ." printed twice, date, template filler sentence, six "• img" bullets, "Get In Touch", title that ends with a full stop, a truncated copy of the title, Chinese box label "讀後心得" over a summary that paraphrases the article, a bullet subheading continued on an indented next line
09_vieweast_top.txt	https://vieweast.top/CulinaryCulture/InDetail/195	vieweast.top	lifestyle	zh	site tagline and category label as the first two lines, "A: …" / "B: …" part headings, many short title-case section headings ("Suitable Crowd"), two blank lines between sections, list lines that are noun lists with a full stop; fluent MT
10_withmetime_com.txt	https://withmetime.com/zh-cn/blogs/news/chrysanthemum-scaphium-affine-tea	withmetime.com	health	zh	shop blog: numbered "1. …" headings, then a second numbered list of precautions whose heading was lost, the herb 胖大海 rendered five ways ("sphagnum sphaeroides", "sphaerotheca slabs", "chubby sea", "slab daisy")
11_adroo_hk.txt	http://adroo.hk/gywm/gsxw/xwxq/dt2018/201811/t20181130_10351.html	adroo.hk	news	zh	company news: title that is a sentence, a Chinese sentence and its English translation in one line (spaces before commas), two photo captions ("Taking a photo at the starting point", "On foot"), a run-on sentence ending " !"; complete page
12_cnfeida_com.txt	http://cnfeida.com/Vigorous-Spring-Charming-Feida-Spring-Mountaineering-Activities	cnfeida.com	news	zh	company news with no title line and no blank lines; one paragraph printed twice word for word; complete page
13_en_fujianljx_com.txt	https://en.fujianljx.com/news_detail/1659743941508485120.html	en.fujianljx.com	health	zh	"[Original Article]" title that is a sentence, printed twice with three blank lines between; quoted classical verse; paragraphs that start in lower case with a run-in season label ("spring feet, …", "soaking feet in summer …")
14_sinopharm_com.txt	http://www.sinopharm.com/en/s/1395-4690-26801.html	sinopharm.com	health	zh	"Contact us" address block hard-wrapped over six lines, "Learn more >>", section label, template line "Post Time:2006-04-24 [Large Middle Small]admin View:Nanjing Morning Post 31st, March", "First, … Fourth, …" run-in list; fluent; complete page
15_newsdirectory3_com.txt	https://www.newsdirectory3.com/health-net-always-feel-digestiona-key-habit-to-help-the-body-detox-lohas-diet-free-health-net/	newsdirectory3.com	health	zh	Taiwanese news MT: starts with an image caption "… the picture shows a situational photo. (The picture is taken from freepik)", a second such caption mid-article, "[Health Channel/Comprehensive Report]" glued to the lede, lower-case heading "aid digestion", a fragment "Fat or oil." cut off by a stray full stop
16_jxbentu_cn.txt	http://jxbentu.cn/a/201809/17/WS5b9efc25a31033b4f465654d.html	jxbentu.cn	health	zh	China Daily bilingual feature copied with pinyin residue ("養(yǎng)生"): Chinese + English title in one piece, Chinese dateline, Chinese intro and Chinese section heading with no English twin, then English paragraph / Chinese paragraph pairs; English written by Chinese editors, fluent
17_cashdoc_me.txt	https://cashdoc.me/en-US/community/health_food/52729073	cashdoc.me	health	ko	Korean news MT: markdown image line with a Korean photo credit ("[사진=클립아트 코리아]") as the first line, no blank lines, short section headings without stops; fluent
18_en_sakae-clinic_com.txt	https://en.sakae-clinic.com/face-care/kafun	en.sakae-clinic.com	health	ja	Japanese clinic page MT: lower-case page title, alt texts "Acne image" / "Pollen image" / "Hay fever image", a two-line slogan, headings split over two lines ("Botulinum toxin" / "Why it works for hay fever"), words glued at lost link boundaries ("NeuronoxSo farHay fever treatmentAlthough", "90%.Botulinum toxinUntil")
19_vetdryg_ru.txt	https://vetdryg.ru/en/polza-kvashenoi-kapusty-dlya-organizma-svoistva-i-prigotovlenie	vetdryg.ru	health	ru	Russian MT: breadcrumb "home - Knowledge of the world", title line with "." "?" and "..." inside, calque "those who healthy image life" (ЗОЖ), a bare "So:" lead-in, one-sentence paragraphs
20_baonghean_vn.txt	https://baonghean.vn/en/bo-ngay-7-thoi-quen-an-sang-cuc-hai-cho-suc-khoe-10124324.html	baonghean.vn	health	vi	Vietnamese news MT: no blank lines, short section headings without stops, empty markdown image residue "![]() |" twice, a sentence cut by the splitter after "etc."; fluent
"""

# --- hand labels: "[file]" then "<raw line> <one code per piece>" -----------------------------
LABELS = """
[01_coolban_com.txt]
1 h
3 b
5 o o o o
7 b
9 h
11 o o o o o
13 b
15 h
17 h
19 o g
21 h
23 o o o
25 h
27 g

[02_lsfbj_cn.txt]
1 h
3 o o
5 o
8 g
10 o
12 o
14 o
16 o
18 g o
20 o o
22 o
24 o
26 g
29 g

[03_en_newreyphon_com.txt]
1 h
3 b
6 o
8 o o o o g g
10 o o o o o
12 o o

[04_zheruisteel_com.txt]
1 b
3 h
5 b
6 o
7 o o g
8 g o
9 o o g
10 o g

[05_checkcheckcin_com.txt]
1 bd
2 bd
3 bd
5 h
6 h
8 o o o
10 o o o
12 o o
14 o o
16 g

[06_pm4x_cn.txt]
1 bd
2 o g
3 bd
4 o g
5 bd
6 o o
7 bd
8 h
9 bd
10 h
11 bd
12 o o
13 bd
14 g

[07_21ux_com.txt]
1 h
3 o o o o
5 h
6 h
8 o o o
10 h
12 o o o o g o o
14 h
16 g o
18 h
20 g

[08_theshortnewz_com.txt]
1 b
3 b
5 b
7 b
9 b
10 b
11 b
12 b
13 b
14 b
16 b
18 o o
20 b
21 b
22 bd bd bd bd
24 o o o
26 h
27 o g

[09_vieweast_top.txt]
1 b
2 b
4 h
6 h
9 o o
12 h
14 o o o
17 h
19 o o
22 h
24 o o o
27 h
29 o o
32 h
34 o o
37 h
40 h
42 o
45 h
47 o
50 h

[10_withmetime_com.txt]
1 h
3 h
5 h
7 g o
10 h
12 g g g
14 h
16 g o g
19 g o
21 o o o
23 g

[11_adroo_hk.txt]
1 o
3 bd o o
5 b
7 g
9 b

[12_cnfeida_com.txt]
1 g o o
2 o o
3 o o
4 d d
5 o o o o

[13_en_fujianljx_com.txt]
1 o
5 d
7 o o o o
9 g o o o o
10 g o o o g o
11 o g

[14_sinopharm_com.txt]
1 b
3 b
4 b
5 b
6 b
7 b
8 b
11 b
13 b
15 h
17 b
19 o
21 o
23 o
25 o o o
27 o

[15_newsdirectory3_com.txt]
1 b b
3 g o
5 h
7 h
9 o o g
11 h
13 o o o
15 b b
17 h
19 o o o
21 h

[16_jxbentu_cn.txt]
1 h
2 b
3 bd
4 bd
5 o o o o o
6 bd
7 o o o o
8 bd
9 o o o o
10 bd

[17_cashdoc_me.txt]
1 b
2 o o o o o
3 h
4 h
5 o o o
6 h
7 o o
8 o o o
9 h
10 g

[18_en_sakae-clinic_com.txt]
1 h
3 b
5 o
7 h
9 b
10 b
12 o o o
14 b
16 h
18 h
20 g
22 g
23 o
25 h
26 h
28 h
29 h
31 b
33 o o
34 o
36 o
38 o o
40 g

[19_vetdryg_ru.txt]
1 b
2 h
5 h
7 o g
9 o g
11 o o o o o o
13 o
15 o
17 o
19 o
21 o
23 o o o g

[20_baonghean_vn.txt]
1 h
2 o o
3 h
4 o
5 o
6 o o
7 b
8 h
9 o
10 o
11 o
12 h
13 o o
14 o
15 o
16 b
17 g
"""


def main() -> None:
    _sites.build_held_out(HERE, LABELS, PAGES, EARLIER_SETS)


if __name__ == "__main__":
    sys.exit(main())
