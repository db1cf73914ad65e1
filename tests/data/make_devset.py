"""Build tests/data/devset.tsv and tests/data/pairs.tsv from hand-written labels.

The labels in LABELS below were assigned by hand, one raw line at a time, while reading
raw/000_eec31f602d13a0fd.txt (never from pipeline output).  This script only does the
clerical part: it cuts each raw line into sentences with a simple rule splitter (so the
row text is an exact substring of the raw line), checks that every non-blank, non-title
line has exactly one label per sentence, and writes the TSV files.

Label codes: o=ok g=garbled b=boilerplate bd=bilingual_dup d=dup h=heading.
A line given a single label is written as one row even if the splitter would cut it
(headings such as "Solve back pain? Stand and sit", reference-list entries).
"Step 1.Stand ..." lines are cut after "Step N." (heading) and then into sentences.

Run:  python tests/data/make_devset.py   (from the repo root)
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOURCE = "000_eec31f602d13a0fd.txt"
RAW = ROOT / "raw" / SOURCE
TITLE = re.compile(r" – [^|]+ \| \S")  # `Title – Site | tag/tag`

CODES = {"o": "ok", "g": "garbled", "b": "boilerplate", "bd": "bilingual_dup", "d": "dup", "h": "heading"}
ABBR = re.compile(r"\b(?:st|St|Dr|Mr|Mrs|vs|al|No|e\.g|i\.e)\.$")


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


# Hand labels: "<raw line> <label per sentence>".  Titles and blank lines are not listed.
LABELS = """
3 h
5 h
7 b
9 o o g
11 o
13 o o
15 h
17 b
19 o g o o
21 o o
23 o o o
25 h
27 b
29 o o
31 o
33 h
35 b
37 o o
39 o
41 h
43 h
45 b
47 o g o
49 h
51 b
53 o
55 o
57 h
59 b
61 o o o o o
63 h
65 h
67 b
69 o o
71 h
73 b
75 o o o o
77 o o o
79 o o
81 o o
83 h
85 b
87 o o o o o o
89 o
91 g o o
93 o o o o o
95 o o o o
97 h
99 b
101 o o o o o o
103 h
105 b
107 o o o
109 h
111 h
113 b
115 o o
117 h
119 b
121 o
123 h
125 b
127 o o
129 o
131 h
133 b
135 o o
137 o
139 o o o
141 o o o o
143 o o o o
145 o o o o o o
147 o
149 h
151 b
153 o o
155 h
157 h
159 b
161 o o o
163 h
165 b
167 o o
169 o
171 o
173 o
175 h
177 b
179 o o o
181 h
183 h
185 b
187 o o
189 o o o o o
191 h
193 b
195 o o o
197 h
199 b
201 g o
203 o o
205 h
207 b
209 o o
211 o o
214 o o o
217 o
219 o

224 g o
226 g
228 b
230 o o
232 o o
234 h
236 b
238 h o g
240 h g
242 b
244 h g o
246 h o
248 g
250 g
252 h
254 b
256 h o o
258 h g
260 b
262 h g
264 h o g
266 g o
268 h
270 b
272 h o o o o
274 h o o
276 h g g
278 h o
280 g o o
282 h
284 b
286 h o o o
288 h o g
290 b
292 h g o
294 h g
296 g
298 h
300 b
302 h o o g
304 h g o
306 b
308 h g o o
310 h g o o
312 g
314 g
316 o o
318 h
320 b
322 h o o g
324 h g g o
326 b
328 h g g
330 h o
332 g g
334 b
336 b
338 b
340 b b
342 b

346 d d
348 o
350 g
352 o
354 o g g
356 h
358 g g
360 b
362 g
364 h
366 g
368 b
370 h
372 g
374 g
376 h
378 b
380 o g
382 g o

386 o g
389 h
391 o
393 g o g
396 h
398 g
400 g
403 h
405 o
407 b
409 g g
413 g
416 h
418 g o
420 h
424 o o o
426 b
428 o o
432 g g o
434 g
437 g o
439 b
441 g g
443 h
445 g g
447 o o o
450 o o o
452 o o
454 h
456 g o
458 o o o
461 g o o
463 g
465 h
467 h
469 g g
471 h
473 g
475 h
477 g
479 h
481 g g
483 b
485 h
487 g
489 h
491 g
493 b

497 b
499 o
501 o o
503 b
505 o o o
507 bd bd bd
509 bd
511 o
513 b
515 b
517 bd
519 o
521 b
523 bd
525 o o
527 o
529 bd
531 b
533 h
535 bd
537 o
539 bd
541 o
543 bd
545 o
547 bd
549 o
551 bd bd
553 o o
555 bd
557 o
559 bd
561 o
563 b
565 b
567 bd
569 o
571 bd
573 o
575 o
577 bd
579 bd
581 o o
583 h
585 bd
587 o
589 bd bd
591 o o
593 o
595 bd
597 bd
599 o
601 b
603 bd bd
605 o o o
607 bd bd
609 o o
611 bd
613 o
615 bd
617 o
619 bd
621 o
623 o
625 bd

629 b
631 h
633 o
635 g o
637 o
639 o o o
641 b
643 h
645 o
647 o o o o
649 o
651 o
653 b
655 b
657 h
659 o
661 o o
663 o o
665 o o
667 b
669 h
671 o
673 o
675 o o o o
677 o g
679 b
681 h
683 o
685 g
687 o o
689 g
691 b
693 h
695 o
697 g o
699 o
701 o
703 b
705 h
707 o
709 o o o o
711 o
713 o
715 b
717 h
719 o
721 o o
723 g o o
725 o g
727 b
729 h
731 o
733 g o
735 o o o
737 g
739 b
741 h
743 o
745 o
747 o
749 o
751 b
753 b
755 o o
757 b
759 b
761 b
763 b
765 b
767 b
769 b

773 g g
775 o o g g
777 o o
779 o g
781 o
783 h
785 h
787 h
789 b
791 g o
793 h
795 b
797 h
799 b
801 h
803 b
805 o o o

809 g o g
811 o
813 o
815 b
817 b
819 b
821 b
823 b
825 h
827 o o
829 o
832 h
834 o
836 g
839 h
841 o
843 o o
847 o o
849 o o o
852 h
854 o
856 o
859 h
861 g
864 h
866 o
868 h
870 o
872 h
874 o
876 g
878 o
880 h
882 g
884 g
886 o
888 h
890 g
892 g g
894 g
896 o g
898 o
900 o o
902 o
904 o o g
906 b b

911 o o o g o
914 h
916 o o o
918 b
920 o g
922 g g
925 h
927 o o
929 b
931 o o o
934 h
936 o o o
938 b
940 o
943 h
945 o o o o
947 o
949 o o o g
951 b
954 b
956 b
958 b

962 o
964 o g
966 b
968 g
970 o
972 o g
974 o o o
976 o o
978 o
980 o
982 o
984 o
986 o
988 o o o o o
990 o
992 b
994 b
996 b
998 b
1000 b
"""

# Bilingual twin pairs (line_a = original English line, line_b = its machine re-translation).
# kept: the copy a good editor keeps; the other copy is labelled bilingual_dup in devset.tsv.
PAIRS = """
505 507 a tie: both clean; original kept (first of two equally good copies)
509 511 b original garbled ("forward the between, we' ve tried")
517 519 b original damaged ("aSure – the fireRoute"); twin says shoulder for neck (minor drift)
523 525 b original damaged ("fuelled the an – industry", "thatSlouching")
527 529 a tie-ish: original fine after repairing "thatSlumping"; twin has "that slouch helps"
535 537 b original "It has had been thought", glued "thevertebraeIn"
539 541 b original lost its verb ("the weight of the brain and head -,")
543 545 b tie: both fine once "thecascadeOf" is repaired; kept the copy that needs no repair
547 549 b original garbled ("ease to be and muscle pain")
551 553 b original garbled ("help the to happens the amount"); two sentences each
555 557 b original has "dojo.provide" residue and a stray quote
559 561 b original garbled ("found thatThe when interspersed")
567 569 b tie-ish: original heavily glued ("London – -basedosteopathGavin"); twin clean but says orthopaedic surgeon for osteopath
571 573 b tie: both fine; original has "over – active" spacing damage
575 577 a twin starts lowercase with unbalanced quotes
579 581 b original garbled ("More bugs are found in the middle back"); twin is two sentences
585 587 b original "providing you a get up", stray opening quote
589 591 b original second sentence garbled ("And let's say that")
593 595 a twin odd ("keeping the spine stable and muscular")
597 599 b tie: near-identical; original lacks a comma
603 605 b original "more legs and back pain", "aCure -all"; twin is three sentences
607 609 b tie: original "try not be", lowercase "but"; twin only has case/quote slips
611 613 b tie: both fine once "theglutealmuscles in thebuttocksTo" is repaired; kept the copy needing no repair
615 617 b original garbled ("It – the risk of ... strains the when")
619 621 b original garbled ("This is according to most physiotherapists now warn")
623 625 a twin repeats words ("move around, move around") and drops "fidget"
"""


def main() -> None:
    raw = RAW.read_text(encoding="utf-8").split("\n")
    labels: dict[int, list[str]] = {}
    for row in LABELS.strip().splitlines():
        if row.strip():
            n, *labs = row.split()
            assert int(n) not in labels, n
            labels[int(n)] = [CODES[x] for x in labs]
    rows = []
    for n, line in enumerate(raw, 1):
        if not line.strip():
            continue
        if TITLE.search(line):
            assert n not in labels, f"line {n} is a title"
            continue
        assert n in labels, f"line {n} has no labels: {line[:60]}"
        labs = labels.pop(n)
        segs = split(line)
        m = re.match(r"^(Step \d+\.)(?=\S)", line.strip())
        if m and labs[0] == "heading":
            segs = [m.group(1)] + split(line.strip()[len(m.group(1)):])
        if len(labs) == 1:
            segs = [line.strip()]
        assert len(segs) == len(labs), f"line {n}: {len(segs)} sentences, {len(labs)} labels: {segs}"
        for seg, lab in zip(segs, labs):
            assert seg in line
            rows.append((SOURCE, n, lab, seg.replace("\t", " ")))
    assert not labels, f"labels for unknown lines: {sorted(labels)}"
    # csv quoting (QUOTE_MINIMAL) so that pandas.read_csv(sep="\t") and csv.reader give back the
    # raw text exactly: a field holding a double quote is wrapped in quotes, inner quotes doubled.
    with open(HERE / "devset.tsv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(["source", "line", "label", "text"])
        w.writerows(rows)

    by_line = {(r[1]): [] for r in rows}
    for r in rows:
        by_line[r[1]].append(r[2])
    with open(HERE / "pairs.tsv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(["source", "line_a", "line_b", "kept", "note"])
        for row in PAIRS.strip().splitlines():
            a, b, kept, note = row.split(" ", 3)
            drop = b if kept == "a" else a
            keep = a if kept == "a" else b
            assert set(by_line[int(drop)]) == {"bilingual_dup"}, (a, b)
            assert "bilingual_dup" not in by_line[int(keep)], (a, b)
            w.writerow([SOURCE, a, b, kept, note])
    print(f"{len(rows)} rows")


if __name__ == "__main__":
    main()
