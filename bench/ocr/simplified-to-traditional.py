#!/usr/bin/env python3
"""Writes two tables of the OCR vote from PP-OCR's simplified forms (recognition/SimplifiedOnly.txt) and the search's
folding table (search/Folding/folding-table.tsv: OpenCC TSCharacters and Unihan kSimplifiedVariant):
- recognition/SimplifiedToTraditional.txt: for each simplified-only form (group "only") the one traditional character
  that folds to it. Forms with two or more (当: 當 噹; 发: 發 髮) are left out: which one a page means is not for a
  table to say.
- recognition/StandardTraditional.txt: for each form Unihan counts as simplified AND traditional (group "also": 内 黄
  没) that lies outside Big5, the standard traditional set modern type (Republic-era books, magazines, newspapers) is
  cast in, its one OpenCC traditional partner inside Big5 (内 內, 黄 黃, 没 沒; 别 has two, 別 彆, and is left out). Qing
  prints use many of these forms themselves, so this table is for modern type only (OcrProfile.StandardForms).
Usage: bench/ocr/simplified-to-traditional.py (from the repository root)"""
import collections

groups = {"only": set(), "also": set()}
for line in open("recognition/SimplifiedOnly.txt", encoding="utf-8"):
    if line[:5] in ("only ", "also "):
        groups[line[:4]].update(line[5:].strip())
traditional = {"only": collections.defaultdict(set), "also": collections.defaultdict(set)}
for line in open("search/Folding/folding-table.tsv", encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if len(f) < 4 or f[0] != "M":
        continue
    if f[3] in ("opencc-ts", "unihan-simplified") and f[2] in groups["only"]:
        traditional["only"][f[2]].add(f[1])
    if f[3] == "opencc-ts" and f[2] in groups["also"]:
        traditional["also"][f[2]].add(f[1])


def in_big5(c):
    try:
        c.encode("big5")
        return True
    except UnicodeEncodeError:
        return False


def write(path, header, pairs):
    with open(path, "w", encoding="utf-8") as out:
        out.write(header + "\n")
        for i in range(0, len(pairs), 25):
            out.write(" ".join(s + t for s, t in pairs[i:i + 25]) + "\n")


PRINTED = {"吕"}
only = sorted((s, next(iter(t))) for s, t in traditional["only"].items() if len(t) == 1 and s not in PRINTED)
write("recognition/SimplifiedToTraditional.txt",
      "# Simplified-only form and its one traditional character (from search/Folding/folding-table.tsv); bench/ocr/simplified-to-traditional.py", only)
standard = []
for form in sorted(groups["also"]):
    partners = [t for t in traditional["also"].get(form, ()) if in_big5(t)]
    if not in_big5(form) and len(partners) == 1:
        standard.append((form, partners[0]))
write("recognition/StandardTraditional.txt",
      "# Form outside Big5 and its one Big5 traditional character, for modern type (bench/ocr/simplified-to-traditional.py)", standard)
print(len(only), "of", len(groups["only"]), "simplified-only forms;", len(standard), "of", len(groups["also"]), "forms outside Big5")
