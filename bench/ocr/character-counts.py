#!/usr/bin/env python3
"""Writes recognition/TraditionalCharacterCounts.txt: how often each ideograph occurs in the transcriptions of the sample
collection's items in traditional characters (items.csv language_script says "traditional characters" and not
"simplified characters": the rare books, the Republic-era books and the newspapers), the character prior with which
PP-OCR's next choices are weighed on pages it reads alone (recognition/CharacterPrior.cs). Never the real scans'
transcriptions: those are the measure.
Usage: bench/ocr/character-counts.py (from the repository root)"""
import collections
import csv
import glob

counts = collections.Counter()
for row in csv.DictReader(open("assets/sample-collection/items.csv", encoding="utf-8")):
    script = row["language_script"]
    if "traditional characters" not in script or "simplified characters" in script:
        continue
    for page in sorted(glob.glob(f"assets/sample-collection/{row['folder']}/p*.txt")):
        counts.update(c for c in open(page, encoding="utf-8").read() if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff")
with open("recognition/TraditionalCharacterCounts.txt", "w", encoding="utf-8") as out:
    out.write("# Ideographs of the sample collection's traditional-script transcriptions and their counts; bench/ocr/character-counts.py\n")
    for char, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])):
        out.write(f"{char} {n}\n")
print(len(counts), "characters,", sum(counts.values()), "in all")
