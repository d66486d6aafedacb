#!/usr/bin/env python3
"""Writes recognition/SimplifiedToTraditional.txt: for each simplified-only form of PP-OCR's key list
(recognition/SimplifiedOnly.txt, group "only") the one traditional character that folds to it in the search's folding
table (search/Folding/folding-table.tsv: OpenCC TSCharacters and Unihan kSimplifiedVariant). Forms with two or more
traditional characters (当: 當 噹; 发: 發 髮) are left out: which one a page means is not for a table to say.
Usage: bench/ocr/simplified-to-traditional.py (from the repository root)"""
import collections

only = set()
for line in open("recognition/SimplifiedOnly.txt", encoding="utf-8"):
    if line.startswith("only "):
        only.update(line[5:].strip())
traditional = collections.defaultdict(set)
for line in open("search/Folding/folding-table.tsv", encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if len(f) >= 4 and f[0] == "M" and f[3] in ("opencc-ts", "unihan-simplified") and f[2] in only:
        traditional[f[2]].add(f[1])
PRINTED = {"吕"}
pairs = sorted((s, next(iter(t))) for s, t in traditional.items() if len(t) == 1 and s not in PRINTED)
with open("recognition/SimplifiedToTraditional.txt", "w", encoding="utf-8") as out:
    out.write("# Simplified-only form and its one traditional character (from search/Folding/folding-table.tsv); bench/ocr/simplified-to-traditional.py\n")
    for i in range(0, len(pairs), 25):
        out.write(" ".join(s + t for s, t in pairs[i:i + 25]) + "\n")
print(len(pairs), "of", len(only))
