#!/usr/bin/env python3
"""Writes recognition/SimplifiedOnly.txt from PP-OCR's key list: line group "only" holds the simplified-only
forms (Unihan kTraditionalVariant names other characters and not the character itself: 长 峡 则); group "also" the
characters that are simplified forms and traditional ones as well (内 黄 别, which Qing prints use; 时 无 归).
Source: Debian's unicode-data (/usr/share/unicode/Unihan_Variants.txt.bz2).
Usage: bench/ocr/simplified-only.py KEYS_TXT OUT_TXT"""
import bz2, sys

keys = set(open(sys.argv[1], encoding="utf-8").read().split("\n"))
out, also = [], []
for line in bz2.open("/usr/share/unicode/Unihan_Variants.txt.bz2", "rt", encoding="utf-8"):
    fields = line.rstrip("\n").split("\t")
    if len(fields) < 3 or fields[1] != "kTraditionalVariant":
        continue
    c = chr(int(fields[0][2:], 16))
    traditional = [chr(int(x[2:], 16)) for x in fields[2].split()]
    if c in keys and c not in traditional:
        out.append(c)
    elif c in keys and len(traditional) > 1:
        also.append(c)
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("# Simplified-only characters of PP-OCR's key list (Unihan 15.0 kTraditionalVariant); bench/ocr/simplified-only.py\n")
    for name, chars in (("only", out), ("also", also)):
        for i in range(0, len(chars), 50):
            f.write(name + " " + "".join(chars[i:i + 50]) + "\n")
print(len(out), len(also))
