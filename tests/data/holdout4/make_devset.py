"""Build tests/data/holdout4/devset.tsv and pages.tsv from hand-written labels.

The fourth held-out dev set: 20 machine-translated (or non-native) web pages from 20 sites, none
of them in tests/data/sites/pages.tsv, tests/data/holdout/pages.tsv, tests/data/holdout2/pages.tsv
or tests/data/holdout3/pages.tsv.  11 pages come from Chinese sources, the other 9 from Japanese
(2), Arabic, Turkish, Thai, Indonesian, Spanish, Vietnamese and Russian sources; 4 pages carry
bilingual duplicates (a source-language line or paragraph next to its English, or an English line
followed by a second English translation of the same text), 3 pages repeat content word for word
(4 dup rows) and 4 more repeat furniture.  The pages were chosen and labelled blind on 2026-12-07
(without running the pipeline and without reading its code, tests or output), and the set has
not been measured yet (see README.md).
Each raw/ file is one excerpt exactly as the `pages` search corpus returned it (the page from
its beginning).  The labels in LABELS below were assigned by hand, one raw line at a time,
while reading those files.  This script only does the clerical part, exactly as
tests/data/sites/make_devset.py and the three earlier holdout builders do:

* it loads tests/data/sites/make_devset.py by file path and uses its parse_labels(), split2()
  and build(), so pieces are cut and checked as in the sites and holdout sets;
* it checks that no site (domain) of this set is used by tests/data/sites, tests/data/holdout,
  tests/data/holdout2 or tests/data/holdout3 (also as a sub- or parent domain), that the
  sample's site (InfraredHeatingTherapy) is not used, that each file name matches its site, and
  that every non-blank raw line has exactly one label per piece;
* build() writes devset.tsv (source, line, label, text) and pages.tsv (one row per page), with
  the csv module, delimiter "\\t", QUOTE_MINIMAL, and checks that both read back exactly.

Label codes: o=ok g=garbled b=boilerplate bd=bilingual_dup d=dup h=heading.
A line given a single label is one row holding the whole (stripped) line, even if the splitter
would cut it (the numbered heading 10:11 that ends "... each other. What does it mean?", the
company-page sentence 08:3 cut after "Co., Ltd.", and the wrapped fragment 15:15 "2.As for the
meal plan; ...").  The code "_" joins a piece to the row before it; it is used twice, to keep the
parenthetical list "(Putting salt has two functions: 1. ... 2. ...)" of 07:8 in one row, and to
keep the glued list number of 15:23 "3.Frying food should be avoided." with its sentence.
Blank lines (empty or whitespace only) are not rows.

Run:  python3 tests/data/holdout4/make_devset.py   (from the repo root; standard library only)
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The sites set's builder (its splitter, label parser, checks and writer), so every set is cut and
# checked alike. Its folder goes first on the path: this file is also named make_devset.py.
sys.path.insert(0, str(HERE.parent / "sites"))
import make_devset as _sites  # noqa: E402

EARLIER_SETS = ("sites", "holdout", "holdout2", "holdout3")


# --- pages: file, url, site, topic, source_language, shape_notes (tab-separated) -------------
PAGES = """
01_wpsab_com.txt	http://wpsab.com/Revolutionarypoetry/woacgsviwj.html	wpsab.com	food	zh	content farm on tea poems: each poem as an "Original poem:" block (an English MT of the classical lines, one clause per line) followed by a "Translation:" block (a second English MT of the modern Chinese paraphrase), "Author: ..." credit lines, headings numbered "1, ..." and "2. ...", poem titles garbled ("Yoshioka Fried Tea")
02_cnpinyin_com.txt	https://cnpinyin.com/author/hockey/page/107	cnpinyin.com	food	zh	author archive of a Chinese-learning site: post titles with the Chinese name glued on ("Eight Major Cuisines八大菜系"), teasers that hold a Chinese paragraph and its English on one indented line, ending in the cut-off teaser and "Read More", English/Chinese/English inside one teaser, a bilingual field run ("Style of cooking: Guangdong cuisine 菜系:粤菜 ..."), a stray "2." left by the splitter
03_allproducts_com.txt	https://allproducts.com/manufacture97/eheroman/product4.html	allproducts.com	products	zh	three-line product blurb of a Chinese maker on a B2B directory: the last line repeats the second word for word, missing spaces after commas ("nature,helpful"), typo "cuebing thirsty", glued parentheses "Tianjiancao(splendid grass in heaven)"; complete page
04_qiqigerskitchen_blogspot_com.txt	https://qiqigerskitchen.blogspot.com/2006/12	qiqigerskitchen.blogspot.com	food	zh	Blogger month archive of a Chinese student in the US: bare date line, "•" ingredient list, "1. ..." steps with several sentences each, the next post's title printed twice ("Smoked neck soup"), wrong word "jigger"; complete page
05_en_sanxiaproudin_com.txt	http://en.sanxiaproudin.com/news_detail/5854896.html	en.sanxiaproudin.com	news	zh	company news: title, no blank line between the two paragraphs, officialese run-on sentences ("... on "Safety Production Month" The activity plan requires ..."), verbless closing slogan, the title printed again after the article (image alt text); complete page
06_lvcha_net.txt	https://www.lvcha.net/black-tea/there-are-so-many-red-tea-varieties-what-is-the-hill-size/	lvcha.net	food	zh	tea site with very literal MT (正山小种 as "Zhengshan small species", "she" for the tea, "I was born as black tea"), HTML entity residue without its ampersand ("u0026 rdquo;", "u0026 ldquo;", "u0026 quot;"), short garbled section headings, question title
07_wifes_recipes.txt	https://wifes.recipes/f14b5701-758e-4f69-96b1-5a066d7dda0c	wifes.recipes	food	zh	recipe-site MT: template labels "Overview" / "Tags" / "Ingredients" / "Steps" on their own lines with the tag and ingredient lists lost, each step preceded by a bare "-" line, no blank lines, a parenthetical list "(... 1. ... 2. ...)" inside a step, calques ("host the show", "Heat the pan with cold oil")
08_en_l51_cn.txt	http://en.l51.cn/speech.html	en.l51.cn	news	zh	canned-food company "Message from the chairman": word-salad MT ("On behalf of the pot Food Co., Ltd.", "after years of solid work a jar"), a quoted proverb left literal ("Miles Guanshan from scratch"), no blank lines, a four-line signature block with the chairman's titles; complete page
09_outlooknewera_com_cn.txt	http://www.outlooknewera.com.cn/pcen/info_view.php?VID=74907&tab=mynews	outlooknewera.com.cn	health	zh	Chinese news-site English edition: the whole article on one line with semicolon-joined list items ("; The second is ...") and a "(New Society)" credit at the end, then the template lines "Edit:WENWEN Responsible editor:LINXUAN", "Source:people.cn" and a copyright "Special statement" cut off by the excerpt; "stop chopping" for putting down the chopsticks
10_popsci_datat_one.txt	https://popsci.datat.one/posts/2022-06-18/as-the-saying-goes-people-over-sixty-don-t	popsci.datat.one	health	zh	Chinese content farm: long question title with quotes inside, image alt text "thumbnail", a numbered heading "01 ..." that the splitter cuts into a sentence and a question, a bracketed group heading "【Two do not touch】", short imperative sub-headings ("Do not touch medicine"), a proverb translated three different ways
11_lfasc_com.txt	http://lfasc.com/Weatherforecast/kxbkmvffze.html	lfasc.com	health	zh	content farm: breadcrumb "Traditional Culture Encyclopedia - Weather forecast - <title>" with a wrong category, the title repeated under it, question sub-headings, a noun-phrase heading ("The practicality of modern people"), 萝卜 translated as "carrots" once and "radish" elsewhere
12_makoto-hoshino_com.txt	https://makoto-hoshino.com/2023/08/30/%e6%97%a5%e6%9c%ac%e6%8a%bc%e3%81%97	makoto-hoshino.com	lifestyle	ja	Japanese shop owner's blog: Japanese title and four Japanese lines, two "ーーーー" separator lines, then the English version line by line (MT: "Currently Japan Ginza Doutor.", "a push sushi menu"); then a sidebar menu ("カテゴリー", "– Archives –", "– other post –", a Japanese menu item) and a feed of teasers with dates glued in ("… in Trouble 2025年10月12日It started …"); no blank lines
13_sakurajunction_com.txt	https://sakurajunction.com/tag/food-photos/page/2	sakurajunction.com	food	ja	tag archive of a Japanese confectioner's blog in London (non-native English): the first paragraph printed twice word for word, excerpts of three posts without their titles, "its’ cooled off"
14_alansardate_com.txt	https://alansardate.com/en/blog/فوائد-7-تمرات/a-1248315326	alansardate.com	health	ar	Arabic date-shop blog MT: English title, then the Arabic title on its own line, a question subtitle, a self-plug sentence with a space before its full stop ("Find out the details from Al-Ansar Dates and Sweets ."), "•" benefit list with run-in labels; fluent
15_sanitarian_net.txt	https://sanitarian.net/nutrition-in-ramadan-11/	sanitarian.net	health	tr	Turkish MT with the source's line breaks kept as paragraph breaks: sentences broken across blank-line-separated lines, so that lines start in lower case ("is to provide.", "should start and drink ...") or end mid-clause; numbered tips "1. ..." to "8. ...", some glued ("2.As", "3.Frying"); a fragment that reverses its sentence ("Prefer carbonated drinks" / "should not be done.")
16_thailandnewsgazette_com.txt	https://www.thailandnewsgazette.com/promotes-triphala-food-as-medicine-wisdom-of-traditional-thai-medicine/	thailandnewsgazette.com	health	th	Thai government news MT: headline-style title, dateline glued to the lede, sentences that start in lower case after a stray full stop ("… medicine. with integration …", "… integration. by assigning …"), capitalised verbs mid-sentence ("Raise strengths of Thai herbs Help promote"), "Being a mother in driving the policy"
17_acyanggita_wordpress_com.txt	https://acyanggita.wordpress.com/2013/05/21/tempe-mountain-indonesia/	acyanggita.wordpress.com	food	id	Indonesian writer's WordPress post (non-native English: "if you dont lived Indonesia"): image file names "100_4499" / "100_4498" as captions, "Advertisements", a comments header with an unclosed quote, a pingback, and the whole "Leave a Reply" log-in widget (four services, each "You are commenting using ..." / "Log Out / Change )"), "Connecting to %s"; complete page
18_explica_co.txt	https://www.explica.co/super-food-consume-chia-every-day-you-will-lose-weight-and-you-will-gain-muscles/	explica.co	health	es	Spanish (Mexican) news MT: leading space and a template field glued to the first sentence (" date 2020-04-10 Chia is ..."), one sentence per paragraph, wrong words ("increases muscle fat", "urge to “peck”"), a dose that contradicts itself ("2 grams, or three tablespoons"); the excerpt ends with a blank line; complete page
19_thebustednews_com.txt	https://thebustednews.com/p/100-year-old-woman-reveals-secret-to-longevity-just-maintain-this-familiar-breakfast-dish-stay-healthy-until-you-are-a-hundred-years-old-9590	thebustednews.com	health	vi	Vietnamese news MT of a British story: category and timestamp line "Health 10/03/2025 09:56", a headline ending in "!", two sentence-shaped photo captions between paragraphs, one of them a near copy of a body sentence, "- " benefit list with run-in labels; fluent
20_socialbites_ca.txt	https://socialbites.ca/news/504770	socialbites.ca	health	ru	news aggregator MT (a MedicalXpress story retold by Russian media and translated back into English): title and subtitle glued on one line, the widget "No time to read?" / "Get a summary" printed twice, a stray "blood." left by a bad sentence break, a related-article teaser glued to its kicker ("used to be a doctor explainedDoes beer …"), "Previous Article" / "Next Article" with their (Russian politics) teasers; complete page
"""

# --- hand labels: "[file]" then "<raw line> <one code per piece>" -----------------------------
LABELS = """
[01_wpsab_com.txt]
1 h
3 h
5 h
7 bd
9 bd
11 h
13 o g
15 b
17 h
19 h
21 bd
23 bd
25 bd
27 bd
29 h
31 o o o g
33 b
35 h
37 h
39 bd
41 bd
43 h
45 o g g

[02_cnpinyin_com.txt]
1 h
3 bd o g
5 h
7 bd o bd g
9 h
11 bd bd g g
13 g

[03_allproducts_com.txt]
1 o o
2 o
3 d

[04_qiqigerskitchen_blogspot_com.txt]
1 b
4 o o o o o o
7 o
8 o
9 o
10 o
11 o
12 o
13 o
14 o
16 o o o
17 o
18 o o
19 o o o
20 o o
21 o o
23 h
25 d
27 o o g o o o

[05_en_sanxiaproudin_com.txt]
1 h
4 o g g
5 o o g
7 b

[06_lvcha_net.txt]
1 h
3 g
5 h
7 g g g g g
9 h
11 g
13 g g o
15 h
17 g
19 g
21 g

[07_wifes_recipes.txt]
1 h
2 h
3 o o o o o o o o o o
4 b
5 h
6 h
7 b
8 o o _ _ _
9 b
10 o
11 b
12 o o
13 b
14 o o
15 b
16 o o
17 b
18 o
19 b
20 g

[08_en_l51_cn.txt]
1 h
3 g
4 g g
5 g
6 g
9 b
10 b
11 b
12 b

[09_outlooknewera_com_cn.txt]
1 o g o o o o o o o o b
2 b
3 b
4 b b

[10_popsci_datat_one.txt]
1 h
3 b
5 o o o
7 o o
9 g o o
11 h
13 h
15 h
17 o o o
19 o o o
21 h
23 o o
25 g

[11_lfasc_com.txt]
1 b
3 h
5 g
7 h
9 o o o o o o
11 h
13 o o o o
15 h
17 o o o g

[12_makoto-hoshino_com.txt]
1 bd
2 bd
3 bd
4 bd
5 bd
6 b
7 b
8 g o
9 o
10 o
11 o o o
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
22 b b
23 b

[13_sakurajunction_com.txt]
1 o o
3 d d
5 o o o o
7 o o
8 o
10 o o o o
11 o o o o g

[14_alansardate_com.txt]
1 h
3 bd
5 h
7 o o o o
9 o o b
12 h
14 o o
16 o
17 o
18 o
19 o
20 g

[15_sanitarian_net.txt]
1 o
3 g g
5 g g
7 g
9 o
11 o
13 g
15 g
17 g g
19 g
21 o
23 o _ o
25 g
27 g
29 g
31 g
33 o
35 o
37 o
39 o g
41 o
43 g
45 o g
47 g
49 o
51 g g
53 g
55 o g
57 o g

[16_thailandnewsgazette_com.txt]
1 h
3 o g
5 g g
7 g o g g g
9 o g

[17_acyanggita_wordpress_com.txt]
1 h
3 b
5 o o o o o o o
7 o o o o o o o o o
9 b
11 b
13 b
15 b
17 b
19 b
21 b
23 b b
25 b
27 b b
29 b
31 b b
33 b
35 b b
37 b

[18_explica_co.txt]
1 o
3 g
5 o
7 o
9 o
11 o
13 o
15 g o

[19_thebustednews_com.txt]
1 b
3 h
5 o o o
7 b
9 o o o
12 h
14 o o
16 o
18 b
20 o
22 o
24 o
26 g

[20_socialbites_ca.txt]
1 h
3 b
4 b
6 o o
8 o g
10 o o o
12 o o o o
14 b
16 b
17 b
18 b
20 b b
22 b
24 b
"""


def main() -> None:
    _sites.build_held_out(HERE, LABELS, PAGES, EARLIER_SETS)


if __name__ == "__main__":
    sys.exit(main())
