"""Build tests/data/sites/devset.tsv and pages.tsv from hand-written labels.

The dev set "from text we did not write": 60 machine-translated (and a few fluent) web pages
from 57 sites, stored verbatim in raw/ (each file is one excerpt exactly as the `pages` search
corpus returned it).  The labels in LABELS below were assigned by hand, one raw line at a time,
while reading those files (never from pipeline output).  This script only does the clerical part:

* it cuts each raw line into sentences with the rule splitter of tests/data/make_devset.py
  (copied verbatim as split()), plus one extension for bilingual lines (split2(): a Latin
  sentence end glued to CJK text, or a CJK sentence end followed by Latin text, is a cut);
* it checks that every non-blank line of every raw file has exactly one label per piece, that
  no label points at a blank or missing line or file, and that every row text is an exact
  substring of its raw line;
* it writes devset.tsv (source, line, label, text) and pages.tsv (one row per page).

Label codes: o=ok g=garbled b=boilerplate bd=bilingual_dup d=dup h=heading.
A line given a single label is one row holding the whole (stripped) line, even if the splitter
would cut it (breadcrumbs, glossary entries, a title with "?" inside).
The code "_" joins a piece to the row before it: it repairs cuts the splitter makes at
non-boundaries ("dr. Inggrid", "U. S. researchers", "Nov. 18", "(lat. Fagopyrum").  The joined
text is the raw substring from the first piece to the last, so it stays exact.
Blank lines (empty or whitespace only) are not rows.

Run:  python tests/data/sites/make_devset.py   (from the repo root; standard library only)
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

CODES = {"o": "ok", "g": "garbled", "b": "boilerplate", "bd": "bilingual_dup", "d": "dup", "h": "heading"}
ABBR = re.compile(r"\b(?:st|St|Dr|Mr|Mrs|vs|al|No|e\.g|i\.e)\.$")


# --- copied verbatim from tests/data/make_devset.py -------------------------------------------
def split(line: str) -> list[str]:
    """Cut a raw line into sentences; every piece is an exact substring of the line."""
    s = line.strip()
    out: list[str] = []
    start = 0
    mnum = re.match(r"^\d+\.\s+", s)  # "1. Massage yourself": the list number is not a sentence
    for m in re.finditer(r"[.!?]+[\"”']*(?=(\s+)|(?=[A-Z\"“]))", s):
        if mnum and m.end() <= mnum.end():
            continue
        if ABBR.search(s[: m.start() + 1]):
            continue
        if m.group(1) is None:  # glued: "Step 1.Stand", "unwise.\"And"
            if not (m.start() > 0 and (s[m.start() - 1].isalnum() or s[m.start() - 1] in '")')):
                continue
        seg = s[start : m.end()].strip()
        if seg:
            out.append(seg)
            start = m.end()
    rest = s[start:].strip()
    if rest:
        out.append(rest)
    merged: list[str] = []
    for seg in out:  # a lone closing quote belongs to the sentence before it
        if merged and re.fullmatch(r"[\"”'\s.!?]+", seg):
            a = s.index(merged[-1])
            b = s.index(seg, a + len(merged[-1])) + len(seg)
            merged[-1] = s[a:b]
        else:
            merged.append(seg)
    return merged


# --- extension for bilingual (English + CJK) lines --------------------------------------------
CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u2e80-\u2fdf\uff00-\uffef\uac00-\ud7af"
# Extra cut points for bilingual lines (not in tests/data/make_devset.py, whose sample has no CJK):
# a Latin sentence end glued to CJK text ("Chinese.一盤"), or a CJK sentence end followed by
# Latin text ("。There").  Runs of CJK text are not cut further (。 inside Chinese is not a cut).
SCRIPT_CUT = re.compile(r"(?<![" + CJK + r"])[.!?][\"”']?(?=[" + CJK + r"])|[。！？](\s*)(?=[A-Za-z\"“])")


def split2(line: str) -> list[str]:
    """split(), then cut at script changes; every piece is an exact substring of the line."""
    out: list[str] = []
    for seg in split(line):
        pos = 0
        for m in SCRIPT_CUT.finditer(seg):
            end = m.end() if m.group(1) is None else m.start() + 1
            piece = seg[pos:end].strip()
            if piece:
                out.append(piece)
            pos = m.end()
        piece = seg[pos:].strip()
        if piece:
            out.append(piece)
    return out


# --- pages: file, url, site, topic, source_language, shape_notes (tab-separated) -------------
PAGES = """
01_womendesports_com.txt	https://womendesports.com/Healthclass/icuwzzfmzz.html	womendesports.com	health	zh	breadcrumb "Current location - ... -" line, title repeated under it, numbered section heading, long paragraphs
02_womendesports_com.txt	https://womendesports.com/Healthrecipe/sdajpzbpuu.html	womendesports.com	health	zh	question headings with "=" and "?", one paragraph per line, no blank lines
03_tcmmaintenance_com.txt	https://tcmmaintenance.com/Decoct-and-take/44632	tcmmaintenance.com	health	zh	【bracketed】 headings, date line, whitespace-only lines between sections
04_tcmmaintenance_com.txt	https://tcmmaintenance.com/Senior-Living/44509	tcmmaintenance.com	health	zh	date line, indented heading and indented paragraphs, whitespace-only lines
05_besteduchina_com.txt	http://www.besteduchina.com/tcm_regimen.html	besteduchina.com	health	zh	numbered headings (1. Introduction ...), "1)." list items, each on its own paragraph
06_welcometochina_com_au.txt	https://welcometochina.com.au/2079-2079.html	welcometochina.com.au	health	zh	category label "Food in China", "[translated from]" tag, inline Chinese (枸杞), "1," recipe list
07_mjy-shop_com.txt	https://mjy-shop.com/three-taboos-and-four-major-effects-of-wolfberry/	mjy-shop.com	health	zh	SEO/alt caption line ("taboos of wolfberry"), sub-headings with the paragraph on the next line
08_theepochtimes_com.txt	https://theepochtimes.com/health/wolfberry-nourishes-the-kidneys-and-eyes-eminent-tcm-physician-explains-5-best-ways-to-eat-it_5281126.html	theepochtimes.com	health	zh	fluent hard negative; title printed twice, photo credit, byline, "Updated:" / "0:00" player fields
09_beanscene_com.txt	http://www.beanscene.com/p/265.html	beanscene.com	news	zh	whole article on one line; news dateline glued to the first sentence; quotations, names, numbers
10_cardozapub_com.txt	http://cardozapub.com/CompleteRecipeBook/bvbrxkzlgm.html	cardozapub.com	health	zh	numbered list "1. Label: text" one item per line, no blank lines (cross-site twin of another MT copy)
11_ccr1978_cn.txt	http://www.ccr1978.cn/anmo/45.html	ccr1978.cn	health	zh	very literal MT ("raise the liver", "carrots and carrots"); one sentence per paragraph, indented lines
12_en-health_articles01_com.txt	https://en-health.articles01.com/how-to-care-for-the-liver-in-spring/	en-health.articles01.com	health	zh	numbered headings; line-break residue inside sentences ("basically It is", "will Often")
13_cnhealthexperts_com.txt	http://cnhealthexperts.com/bj/bjxz/20140212_793087.html	cnhealthexperts.com	health	zh	"• Time: 2014-02-12" template field, blank-line gaps
14_grtgwcl_cn.txt	http://www.grtgwcl.cn/date/2020/01/14	grtgwcl.cn	health	zh	archive teaser: title glued to body on one line, ends in "ItRead More →"
15_laitimes_com.txt	https://www.laitimes.com/en/article/2l32g_2z37i.html	laitimes.com	lifestyle	zh	WeChat verse layout (one clause per line, no full stops), title repeated 5 more times as image alt text
16_krmedia_info.txt	https://krmedia.info/what-are-the-importance-of-good-health/	krmedia.info	health	zh	Baike-style article: title twice plus SEO caption, infobox residue (Chinese name / Foreign name), spaces before punctuation
17_luanban_com.txt	https://luanban.com/how-to-keep-healthy-and-prevent-diseases-zhang-wenhong-summed-up-10-health-treasures/	luanban.com	health	zh	title with "?" inside, paragraphs starting lowercase, literal idioms
18_lujuba_top.txt	https://lujuba.top/en/amp/946979.html	lujuba.top	lifestyle	zh	meta-description teaser (truncated) above the article: a paraphrased second translation of the opening
19_newsflash_city.txt	https://newsflash.city/2402/3159f4f3e278bcc1.html	newsflash.city	news	zh	"Follow me ..." prompt, markdown "**" residue, one paragraph per line
20_m_odaily_com_cn.txt	https://m.odaily.com.cn/en/post/5153053	m.odaily.com.cn	news	zh	Chinese byline, date and reading-time fields; "Produced | Odaily" printed twice; glued link text; bullet list
21_kunjianfurniture_com.txt	https://www.kunjianfurniture.com/news/what-are-the-advantages-and-disadvantages-of-massage-chairs-for-human-body.html	kunjianfurniture.com	products	zh	"Update:Nov.11 2022" template field, numbered items with text on the same line, question heading
22_smartmakmall_com.txt	https://www.smartmakmall.com/blogs/news/the-good-and-bad-of-massage-chair-to-human-body	smartmakmall.com	products	zh	no title; footer "date — author" line
23_koseimassagechair_com.txt	https://www.koseimassagechair.com/news-show-513933.html	koseimassagechair.com	products	zh	whole article on one line after a short title
24_en_3z0_cn.txt	https://en.3z0.cn/mall/show-6171.html	en.3z0.cn	products	zh	15 leading blank lines; sentences ending in full-width "。"; "2. Production:In" glued labels
25_en_china-zeiss_com.txt	http://en.china-zeiss.com/about_contact/dzcp7e0.html	en.china-zeiss.com	products	zh	"1," numbered clauses ending in ";", one per paragraph, two list blocks with headings
26_powersteeringrack_net.txt	http://www.powersteeringrack.net/how-to-order.htm	powersteeringrack.net	products	zh	breadcrumb "Home > Customer Care > How to Order", leftover form widgets ("• *", "Male Female", "Message boardmin&max")
27_businesstianjin_com.txt	http://businesstianjin.com/index.php?option=com_content&view=article&id=14681:art-a-leisure-chinese-traditional-healthcare-the-health-preservation-theory&catid=284:2019-november&Itemid=100	businesstianjin.com	health	zh	site navigation block, year archive bar, "Share to", byline, caption glued to its duplicate, image-id glued to a sentence, trailing Chinese translation
28_360docs_net.txt	https://360docs.net/doc/0826069302.html	360docs.net	health	zh	Chinese document-site header and disclaimers (title printed twice), English essay hard-wrapped mid-sentence
29_hxen_net.txt	http://hxen.net/englisharticle/yingyuyuedu/2012-03-01/170045.html	hxen.net	health	zh	Chinese breadcrumb; English sentence(s) and the Chinese version on the same line
30_kekenet_com.txt	http://www.kekenet.com/read/201911/598418.shtml	kekenet.com	health	zh	bilingual page: English line, then the same line in Chinese; Chinese breadcrumb, source/editor line
31_ntdtv_com_tw.txt	https://www.ntdtv.com.tw/b5/20110927/video/75408.html?%E3%80%90%E7%9C%8B%E6%96%B0%E8%81%9E%E5%AD%B8%E8%8B%B1%E8%AA%9E%E3%80%91%E4%B8%AD%E5%9C%8B%E6%85%A2%E6%80%A7%E7%96%BE%E7%97%85%E5%A2%9E%E5%8A%A0	ntdtv.com.tw	health	zh	bilingual news lesson: Chinese header and dateline, glossary with phonetics, English/Chinese line pairs, one glued ("Chinese.一盤")
32_ny-yy_com.txt	http://ny-yy.com/h-cnn-77.html	ny-yy.com	health	zh	lesson header mixing Chinese and English; each line = English paragraph + Chinese translation
33_hzjpw_com.txt	https://hzjpw.com/baike/332888.html	hzjpw.com	lifestyle	zh	exam Q&A: PDF word-gluing ("thedishes", "meacidity"), question lines followed by their Chinese translation
34_fukaotang_com.txt	https://fukaotang.com/course/show/38338.html	fukaotang.com	health	zh	translation exercise: Chinese paragraph first, English translation on the next line
35_m_xuexicn_net.txt	https://m.xuexicn.net/huati/39222122.html	m.xuexicn.net	lifestyle	zh	exam essay samples; a Blake quatrain followed by its Chinese translation line by line
36_indonesia1w_us.txt	http://indonesia1w.us/Indonesian-Nutritious-Drinks-are-good-for-health	indonesia1w.us	health	id	"Edited by admin on <date>" field, untranslated Indonesian terms
37_malekdide07_blogspot_com.txt	http://malekdide07.blogspot.com/2017/08/history-of-herbal-medicine.html	malekdide07.blogspot.com	health	id	one paragraph per line, no blank lines; "jamu" translated as "herbal medicine" throughout
38_observerid_com.txt	https://observerid.com/jamu-as-a-promotive-and-curative-effort/	observerid.com	health	id	date/time header, image caption + "(Source: Special)" credit, splitter traps ("dr.", quoted question)
39_nesia_id.txt	http://nesia.id/indonesian-traditional-medicine-jamu-tea.html	nesia.id	health	id	caption "Jamu Tea" printed twice under the title, "Read : ..." teaser to another post
40_thejakartapost_com.txt	https://www.thejakartapost.com/paper/2020/11/23/never-mind-its-shocking-taste-drinking-jamu-is-good-for-you.html	thejakartapost.com	health	id	fluent hard negative; browser-warning banner, byline/date, "Share This Article", title twice, drop cap split off ("V" / "arious")
41_scienceinfo_net.txt	https://scienceinfo.net/compensation-or-selfpoisoning.html	scienceinfo.net	health	vi	ellipses lost ("boiled ." / "because ..."), "Picture 1 of <title>" image caption
42_scienceinfo_net.txt	https://scienceinfo.net/the-time-should-not-eat-pigs-heart.html	scienceinfo.net	health	vi	"Picture 1 of <title>" caption followed by the caption text, broken list punctuation (". , fluke")
43_missnews_net.txt	http://missnews.net/health/3-harmful-habits-when-eating-pig-intestines-cause-extremely-dangerous-diseases-90-of-vietnamese-are-suffering-from-80161.html	missnews.net	health	vi	headings on their own line, "• 5609 Views" and "Loading..." widgets
44_vietnam_vn.txt	https://www.vietnam.vn/en/canh-mang-dua-muoi-thit-dong-ngay-tet-nhung-ai-khong-nen-an	vietnam.vn	health	vi	one paragraph per line, photo captions with "- Photo: NAME" inside the text flow
45_e_vnexpress_net.txt	https://e.vnexpress.net/news/perspectives/readers-views/after-26-years-of-eating-out-i-was-diagnosed-with-cancer-4744579.html	e.vnexpress.net	health	vi	fluent hard negative (reader essay); byline/date line and opinion disclaimer
46_kyen_kr.txt	http://kyen.kr/news/view.php?idx=3425&mcode=m214ymv	kyen.kr	health	ko	Korean masthead glued to the title, Korean "email article"/registration fields, "▲" photo captions; L2 student English
47_news_kbs_co_kr.txt	http://news.kbs.co.kr/news/view.do?ncd=4346384	news.kbs.co.kr	news	ko	fluent hard negative (broadcast transcript); Korean date fields, "[Anchor Lead]", "[Pkg]", "[Soundbite] NAME :" tags
48_rentatmy_com.txt	https://rentatmy.com/?p=131	rentatmy.com	how-to	hi	romanised Hindi SEO keyword glued to the first sentence, one paragraph per line, Indian-English idioms
49_plus100years_com.txt	https://www.plus100years.com/does-salt-cause-high-blood-pressure-know-how-salt-effects-on-your-body	plus100years.com	health	en	one sentence per line, "Updated:" field, "Also Read:" teaser, keyword heading repeated as a question
50_eng_taifunavia_ru.txt	https://eng.taifunavia.ru/shipping	eng.taifunavia.ru	products	ru	dense legal MT, three paragraphs, no headings
51_imba-gear_com.txt	https://imba-gear.com/faq/	imba-gear.com	products	ru	short option lines, numbered legal clauses "1.1 ...", a stripped e-mail address ("address:,")
52_mycharmen_gitlab_io.txt	http://mycharmen.gitlab.io/diet-nutrition7/buckwheat388.html	mycharmen.gitlab.io	health	ru	very literal MT with transliterated Russian ("buterbrodik", "nizya"), dash-for-"is" style
53_en_medicalmed_de.txt	https://en.medicalmed.de/12022-celebnaja-grechka-8-svojstv-znakomogo-produkta.php.htm	en.medicalmed.de	health	ru	literal MT of a Russian health article, short garbled headings ("Well of vitamins")
54_dselection_ru.txt	https://dselection.ru/en/grechka-himicheskii-sostav-i-pishchevaya-cennost-literaturnyi-obzor-grechnevaya-kasha.html	dselection.ru	health	ru	SEO title, "buckwheat, buckwheat or buckwheat" (lost distinction between two Russian words), stray "(lat." split
55_educamosenfamilia_com.txt	https://www.educamosenfamilia.com/en/post/take-care-of-your-diet-and-acquire-good-eating-habits	educamosenfamilia.com	health	es	Spanish MT with untranslated Spanish title/words, quote + attribution line ("Hipócrates")
56_policlinicacomarcaldelvendrell_es.txt	https://policlinicacomarcaldelvendrell.es/eat-well-to-be-well/?lang=en	policlinicacomarcaldelvendrell.es	health	es	short page, a list announced by "should be:" is missing
57_healthlift_wordpress_com.txt	https://healthlift.wordpress.com/	healthlift.wordpress.com	health	fr	blog home page: one-word section headings, "Tagged with:" / "Posted in Health", teaser of the next post
58_health_clevelandclinic_org.txt	https://health.clevelandclinic.org/does-salt-raise-blood-pressure	health.clevelandclinic.org	health	en	fluent hard negative; site menu residue, "Advertisement" + ad disclaimer block inside the article
59_deyproject_org.txt	https://deyproject.org/salt-intake-increase-blood-pressure/	deyproject.org	health	en	spun/AI text; title repeated and re-worded as headings
60_besthealthierlife_com.txt	https://besthealthierlife.com/sugar-your-health-vs-politics-always-read-the-ingredients-label-part-1-of-2/	besthealthierlife.com	health	en	synonym-spun English ("Your Well being", "Half 1 of two", "kilos per individual and yr")
"""

# --- hand labels: "[file]" then "<raw line> <one code per piece>" -----------------------------
LABELS = """
[01_womendesports_com.txt]
1 b
2 h
3 o
5 g o o o g o o o o o
7 g o o o o g o o o g

[02_womendesports_com.txt]
1 h
2 o o o
3 h
4 o o o o
5 h
6 g g o

[03_tcmmaintenance_com.txt]
1 h
3 b
5 o
7 h
9 o o o o
11 o o o
18 h
20 o g

[04_tcmmaintenance_com.txt]
1 h
3 b
5 o o o o o o o
11 h
13 o o o o o o
15 o g

[05_besteduchina_com.txt]
1 h
3 o o o o g g
5 h
7 o
9 o
11 g
13 o
15 g
17 h
19 o
21 o
23 o
25 h
27 o
29 o
31 o
33 o
35 h
37 g

[06_welcometochina_com_au.txt]
1 b
3 h
5 o g o o
8 o o g
10 h
12 o o
14 h
16 o
18 o
20 o
22 o o
24 h
26 g

[07_mjy-shop_com.txt]
1 h
3 o o o o
5 b
7 h
9 h
10 o o
12 h
13 o o o o g
15 h
16 o o
18 g
20 h
22 h
23 g

[08_theepochtimes_com.txt]
1 h
3 d
4 b
5 b
6 b
7 b
9 o o o
11 o
13 h
15 o o
16 o o o
17 o
18 o
20 h
22 o
24 o o o
26 o g

[09_beanscene_com.txt]
1 o o o o o o o o o o o o o o g

[10_cardozapub_com.txt]
1 o o
2 o
3 o
4 o o o
5 o
6 o
7 o o g

[11_ccr1978_cn.txt]
1 g o
3 o
5 o
7 g
9 g
11 g
13 o
15 g
17 o
19 o
21 g
22 o g o
24 g
26 o
28 o
30 g

[12_en-health_articles01_com.txt]
1 h
3 o o o o o o o o
5 h
7 g o o o
9 h
11 g o o
13 h
15 o o o
17 h
19 o o g

[13_cnhealthexperts_com.txt]
1 b
3 g g o
5 g
9 o o o o

[14_grtgwcl_cn.txt]
1 g g o o o g b

[15_laitimes_com.txt]
2 h
4 o
6 o
8 o
10 g
12 g
14 g
17 b
19 g
21 o g
23 b
24 b
26 h
28 g
30 g
32 g
34 o
36 o
38 o
40 o
42 o
44 g
46 o
48 g
50 g
52 o
54 b
55 b
57 g
59 o
61 o
63 o
65 o
67 g

[16_krmedia_info.txt]
1 h
3 b
5 d
8 o o o o o o o o
9 b
10 b
11 b
12 b
13 b
15 h
17 g o o o
19 g

[17_luanban_com.txt]
1 h
3 o o o
5 g o g
7 o o o o
9 o o
11 o g o o
13 o g

[18_lujuba_top.txt]
1 bd bd bd bd
3 o
5 o o o o o o o o o g g
7 o g g o o o g g o o o o o
9 o g

[19_newsflash_city.txt]
1 b
2 o o o o
3 o g o
4 g o o
5 o o
6 o o o

[20_m_odaily_com_cn.txt]
1 h
2 b
3 b
4 b
5 o g
7 b
9 b
11 b
13 o
15 o
17 o
19 o
21 o o
23 o
25 o
27 g
29 o
31 g

[21_kunjianfurniture_com.txt]
1 h
3 b
4 o
6 o o o
8 h
9 g o o
11 o o o
13 o o o

[22_smartmakmall_com.txt]
1 o o
3 o o
5 o o
7 g g
9 o o
10 b

[23_koseimassagechair_com.txt]
1 h
3 o o o o o o o o o o o g o o

[24_en_3z0_cn.txt]
16 h
17 g
18 g
19 o o
20 o
21 o
22 g o
23 g
24 g
25 o

[25_en_china-zeiss_com.txt]
1 h
3 g
5 o
7 o
9 o
11 o
13 o
15 o
17 o
19 h
21 o
23 o
25 o
27 o
29 g
31 o
33 g
35 g
37 o
39 o
41 o
43 o

[26_powersteeringrack_net.txt]
1 b
3 h
5 o
6 o o
7 o o
8 o
9 o o
10 o
11 o
12 o
14 b
15 b
16 b
17 b
18 b
20 b

[27_businesstianjin_com.txt]
1 b
2 b
4 b
5 b
6 b
8 b
10 b
11 b
13 h
14 h
15 b
17 b
19 g o o o o
21 o o
23 o
24 o
25 o
26 o
27 o
28 o
30 g
32 bd

[28_360docs_net.txt]
1 b
2 b
3 b
4 b
5 b
6 h
7 o g
8 g o o
9 g
10 g g
11 g o
12 g
13 g o g

[29_hxen_net.txt]
2 b
8 g bd
10 g bd
12 o o o o o o bd

[30_kekenet_com.txt]
1 b
3 b
5 bd
7 b
9 h
11 bd
13 o o
15 bd
17 o o
19 bd
21 h
23 bd
25 o o
27 bd
29 h
31 bd
33 o o o
35 bd

[31_ntdtv_com_tw.txt]
1 b
3 b
5 h
7 bd
9 b
11 b
13 b
15 b
17 b
19 b
21 b
23 b
25 b
27 b
29 b
31 b
33 b
35 b
37 o bd
39 o
41 bd
43 o
45 bd
47 o
49 bd
51 g

[32_ny-yy_com.txt]
1 h
3 o o bd
5 o o o bd
7 o o bd
9 o bd

[33_hzjpw_com.txt]
1 h
2 o o
3 h
4 bd
5 o o o o
6 bd
7 o o o o
8 h
9 bd
10 o o o g
11 bd

[34_fukaotang_com.txt]
1 bd
2 o o o o
3 bd
4 o o g

[35_m_xuexicn_net.txt]
1 o
2 o o o o o
3 o
4 o
5 o
6 o
7 o
8 bd
9 bd
10 bd
11 bd
12 o o o o o
13 o g

[36_indonesia1w_us.txt]
1 h
3 b
5 o g
7 o g o
9 o o
11 o o g
13 o o o o
15 g

[37_malekdide07_blogspot_com.txt]
1 o o g g o
2 o g g o
3 g o o
4 o o g g
5 o o g

[38_observerid_com.txt]
1 b
3 h
6 b
8 o o o o o o
10 b _
11 b _ _
13 o _ _ o o o o o
15 o _ o g

[39_nesia_id.txt]
1 h
3 b
5 b
7 o o o o o o o o o o o o
10 h
12 o o o o o o o o o
14 b
16 o o o o o o o o
18 o o g o g

[40_thejakartapost_com.txt]
1 b
3 b
5 b b
6 b
8 b
10 h
12 b
13 b
14 b
16 b
18 b
20 d
22 g
24 o
26 o
28 o
30 o
32 o
34 o
36 o o o _
38 g

[41_scienceinfo_net.txt]
1 h
3 g g g
5 o
7 o o o
9 g g g
11 h
13 b
15 g g g g
17 g o o g

[42_scienceinfo_net.txt]
1 h
3 o
5 o
7 o g
9 b
10 o
12 o o
14 g
16 g g
18 o g o g

[43_missnews_net.txt]
1 h
3 h
5 o o o
7 h
9 o o
11 o
13 o
15 h
17 g o
19 g
21 o g
23 o o g
25 b
26 b

[44_vietnam_vn.txt]
1 o
2 b
3 o
4 h
5 o o
6 o
7 o o
8 o
9 b _
10 o
11 o o
12 h
13 o o
14 g

[45_e_vnexpress_net.txt]
1 h
3 b
4 o
6 o
8 o
10 o
12 o
14 o o
16 o
18 o
20 b

[46_kyen_kr.txt]
1 h
2 b
3 b
5 o o o
7 b
9 o o o o o o o o o o
11 b
13 o o o o o o o o g

[47_news_kbs_co_kr.txt]
1 b
3 b
7 o o
11 b
15 o o o o o o o
19 o
23 o _ _ o
27 o
31 g

[48_rentatmy_com.txt]
1 g o o o o o
2 o o o o g
3 h
4 o o o o o
5 o o o g

[49_plus100years_com.txt]
1 b
2 o
3 o
4 o
5 o
6 h
7 o
8 o o
9 h
10 o
11 o
12 h
13 o
14 o
15 o
16 o
17 o
18 o
19 b
20 h
21 o
22 o
23 g
24 g
25 h
26 g

[50_eng_taifunavia_ru.txt]
1 g
3 o o g
5 o o g o o o o

[51_imba-gear_com.txt]
1 h
3 o
5 o
7 o
9 o
11 o
13 o
15 g
17 h
19 o
21 o o o
23 o
25 h
27 g

[52_mycharmen_gitlab_io.txt]
1 g
3 o g
5 o g o g g
7 g o o g
9 h
11 g _ g g g o
13 o o o g o
15 g o
17 o o g

[53_en_medicalmed_de.txt]
1 g g o
3 o g g
5 h
7 o g o g
9 h
11 o o
13 o o g
15 h
17 g

[54_dselection_ru.txt]
2 h
4 o o g g
6 h
8 g _
10 o o o
12 h
14 g g
16 g o g
18 o
20 h
22 g

[55_educamosenfamilia_com.txt]
1 h
2 o o
3 o o o
4 g g o g
5 g
6 o o
7 o
8 b
9 o o o o

[56_policlinicacomarcaldelvendrell_es.txt]
1 o o
3 o o g
5 o

[57_healthlift_wordpress_com.txt]
1 h
3 o o
5 g o
7 o
9 o
10 h
12 o
13 h
15 o o
16 h
18 o
19 h
21 o g
23 g g
24 h
26 g
27 h
29 g g
31 o o
33 o
34 h
36 g
38 b
39 b
41 b

[58_health_clevelandclinic_org.txt]
1 b
2 b
4 h
6 h
8 o o
10 b
12 b b b b
14 o
16 o o o
18 o
20 h
22 h
24 o
26 o o
27 o o
28 o o
29 o o
31 b
33 g

[59_deyproject_org.txt]
1 h
3 o o o
5 h
8 o o
10 d
12 h
14 o o o o
16 h
18 g o o o o g
20 g

[60_besthealthierlife_com.txt]
1 h
2 g
3 g
4 g g _ _ g g g g
5 g o g
"""


def parse_labels(labels: str = LABELS) -> dict[str, dict[int, list[str]]]:
    out: dict[str, dict[int, list[str]]] = {}
    cur = None
    for row in labels.strip().splitlines():
        row = row.strip()
        if not row:
            continue
        if row.startswith("["):
            cur = row.strip("[]")
            assert cur not in out, f"duplicate section {cur}"
            out[cur] = {}
            continue
        assert cur is not None, row
        n, *codes = row.split()
        assert int(n) not in out[cur], f"{cur}: line {n} labelled twice"
        assert codes and codes[0] != "_", f"{cur}: line {n}: bad codes {codes}"
        for c in codes:
            assert c in CODES or c == "_", f"{cur}: line {n}: unknown code {c!r}"
        out[cur][int(n)] = codes
    return out


def rows_for_line(src: str, n: int, line: str, codes: list[str]) -> list[tuple[str, int, str, str]]:
    if len(codes) == 1:
        return [(src, n, CODES[codes[0]], line.strip())]
    segs = split2(line)
    if len(segs) != len(codes):
        raise SystemExit(f"{src}:{n}: {len(segs)} pieces but {len(codes)} labels: {segs}")
    rows: list[list] = []  # [label, start, end] offsets into the raw line
    pos = 0
    for seg, code in zip(segs, codes):
        a = line.index(seg, pos)
        b = a + len(seg)
        pos = b
        if code == "_":
            rows[-1][2] = b
        else:
            rows.append([CODES[code], a, b])
    return [(src, n, lab, line[a:b]) for lab, a, b in rows]


def build(here: Path, labels_text: str, pages_text: str) -> None:
    """Check the labels against here/raw/ and write here/devset.tsv and here/pages.tsv (the holdout
    set's builder calls this too)."""
    raw = here / "raw"
    labels = parse_labels(labels_text)
    pages = [p.split("\t") for p in pages_text.strip().splitlines()]
    assert all(len(p) == 6 for p in pages), "a PAGES row does not have 6 fields"
    raw_files = sorted(p.name for p in raw.glob("*.txt"))
    assert sorted(p[0] for p in pages) == raw_files, "PAGES and raw/ differ"
    assert sorted(labels) == raw_files, f"LABELS and raw/ differ: {set(labels) ^ set(raw_files)}"
    rows = []
    for src in raw_files:
        text = (raw / src).read_text(encoding="utf-8")
        assert text.endswith("\n"), f"{src}: no final newline"
        lab = dict(labels[src])
        for n, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                assert n not in lab, f"{src}: line {n} is blank but labelled"
                continue
            if n not in lab:
                raise SystemExit(f"{src}: line {n} has no labels: {line[:70]!r}")
            for r in rows_for_line(src, n, line, lab.pop(n)):
                assert r[3] and r[3] in line and "\t" not in r[3], (src, n, r)
                rows.append(r)
        assert not lab, f"{src}: labels for lines that do not exist: {sorted(lab)}"
    with open(here / "devset.tsv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(["source", "line", "label", "text"])
        w.writerows(rows)
    with open(here / "pages.tsv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(["file", "url", "site", "topic", "source_language", "shape_notes"])
        w.writerows(pages)
    # round trip: csv.reader gives every text back exactly
    with open(here / "devset.tsv", encoding="utf-8", newline="") as f:
        back = list(csv.reader(f, delimiter="\t"))[1:]
    assert back == [[s, str(n), l, t] for s, n, l, t in rows], "devset.tsv does not read back"
    with open(here / "pages.tsv", encoding="utf-8", newline="") as f:
        assert list(csv.reader(f, delimiter="\t"))[1:] == pages, "pages.tsv does not read back"
    counts: dict[str, int] = {}
    for r in rows:
        counts[r[2]] = counts.get(r[2], 0) + 1
    sites = {p[2] for p in pages}
    print(f"{len(raw_files)} pages, {len(sites)} sites, {len(rows)} rows: "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])))


def same_site(a: str, b: str) -> bool:
    """a and b are the same domain, or one is a subdomain of the other (m.x.com / x.com)."""
    return a == b or a.endswith("." + b) or b.endswith("." + a)


def build_held_out(here: Path, labels_text: str, pages_text: str, earlier: tuple[str, ...]) -> None:
    """The held-out sets' checks, then build(): one page per domain (a sub- or parent domain
    counts as the same), no domain of the `earlier` sets (folders beside this one) nor the
    sample's site, file names and URLs that match their site, and one label per split2() piece."""
    pages = [p.split("\t") for p in pages_text.strip().splitlines()]
    sites = [p[2].lower() for p in pages]
    assert not any(same_site(a, b) for i, a in enumerate(sites) for b in sites[i + 1 :]), "a domain is used twice"
    used: set[str] = set()
    for d in earlier:
        with open(here.parent / d / "pages.tsv", encoding="utf-8", newline="") as f:
            used |= {r[2].lower() for r in list(csv.reader(f, delimiter="\t"))[1:]}
    reused = sorted(s for s in sites if any(same_site(s, u) for u in used))
    assert not reused, f"domains already used by {', '.join(earlier)}: {reused}"
    assert not any("infraredheatingtherapy" in (p[1] + p[2]).lower() for p in pages), "sample site reused"
    for p in pages:  # file name = NN_<domain with dots as underscores>.txt
        assert p[0][3:-4] == p[2].replace(".", "_"), f"file name does not match site: {p[0]}"
        assert same_site(p[1].split("/")[2].lower(), p[2].lower()), f"url does not match site: {p[0]}"
    for src, lines in parse_labels(labels_text).items():
        raw = (here / "raw" / src).read_text(encoding="utf-8").split("\n")
        for n, codes in lines.items():
            assert 1 <= n <= len(raw) and raw[n - 1].strip(), f"{src}:{n}: no such non-blank line"
            if len(codes) > 1:
                assert len(split2(raw[n - 1])) == len(codes), f"{src}:{n}: piece count differs"
    build(here, labels_text, pages_text)


def main() -> None:
    build(HERE, LABELS, PAGES)


if __name__ == "__main__":
    sys.exit(main())
