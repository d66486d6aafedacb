"""Builds the search folding table (see README.md beside this file) from Unihan and OpenCC dumps.

Usage: generate_folding_table.py DUMP_FOLDER UnicodeData.txt UNICODE_DATA_VERSION OPENCC_VERSION > folding-table.tsv
Called by generate-folding-table.sh, which makes the dumps. Output is deterministic (sorted).
"""
import re
import sys
from collections import defaultdict

dump, unicode_data, ud_version, opencc_version = sys.argv[1:5]


def opencc(name):
    """key -> list of candidates, single-character keys only (phrases would make folding context-dependent)."""
    table = {}
    for line in open(f"{dump}/{name}.txt", encoding="utf-8"):
        key, _, values = line.rstrip("\n").partition("\t")
        if len(key) == 1 and values:
            table[key] = values.split(" ")
    return table


def unihan(name):
    props = defaultdict(dict)
    for line in open(f"{dump}/Unihan_{name}.txt", encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        cp, key, value = line.rstrip("\n").split("\t", 2)
        props[chr(int(cp[2:], 16))][key] = value
    return props


def chars(field):
    """'U+9AD8<kFenn U+9AD9' -> ['高', '髙']"""
    return [chr(int(t.split("<")[0][2:], 16)) for t in field.split(" ") if t.startswith("U+")]


ts = opencc("TSCharacters")
st = opencc("STCharacters")
rev = {}
for name in ("TWVariantsRev", "HKVariantsRev", "JPVariantsRev"):
    for k, v in opencc(name).items():
        if len(v) == 1 and v[0] != k:
            rev.setdefault(k, v[0])
variants, readings, irg = unihan("Variants"), unihan("Readings"), unihan("IRGSources")

# A character is "standard" when a national standard of everyday use has it (GB 2312, GB 12345, Big5
# levels 1-2), IICore marks it for China or Taiwan, or OpenCC converts to or from it. Variants are
# folded only from non-standard characters to standard ones, so two everyday characters are never merged
# by the variant heuristics (only by OpenCC's traditional->simplified table, as simplified text itself does).
opencc_chars = set(ts) | set(st) | {c for v in ts.values() for c in v} | {c for v in st.values() for c in v}


def tokenizable(c):
    """False for a unified ideograph that Lucene 4.8's StandardTokenizer (Unicode 6.3) does not know: it would drop
    it, so nothing may fold to one (search/Analysis/HanGrams.cs IsIdeograph keeps the same ranges)."""
    o = ord(c)
    han = 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0x20000 <= o <= 0x323AF
    return (not han or 0x4E00 <= o <= 0x9FCC or 0x3400 <= o <= 0x4DB5 or 0x20000 <= o <= 0x2A6D6
            or 0x2A700 <= o <= 0x2B734 or 0x2B740 <= o <= 0x2B81D)


def standard(c):
    p = irg.get(c, {})
    return (c in opencc_chars
            or re.match(r"G[01]-", p.get("kIRG_GSource", "")) is not None
            or re.match(r"T[12]-", p.get("kIRG_TSource", "")) is not None
            or any(x in p.get("kIICore", "") for x in "GT"))


def mandarin(c):
    return readings.get(c, {}).get("kMandarin", "").split(" ")[0]


def radical(c):
    rs = irg.get(c, {}).get("kRSUnicode", "")
    return rs.split(" ")[0].split(".")[0].rstrip("'")


def definition(c):
    d = readings.get(c, {}).get("kDefinition", "").lower()
    return re.sub(r";?\s*kangxi radical \d+", "", d).strip()


compat = {}
for line in open(unicode_data, encoding="utf-8"):
    f = line.split(";")
    cp = int(f[0], 16)
    if (0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F) and f[5] and "<" not in f[5] and " " not in f[5]:
        if tokenizable(chr(int(f[5], 16))):
            compat[chr(cp)] = chr(int(f[5], 16))

width = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
width["\u3000"] = " "

# Traditional -> simplified, character by character. A character that OpenCC lists as its own
# candidate (乾 -> 干 乾, 於 -> 于 於) is also a standard simplified character with a meaning of its own:
# it is kept (乾隆 stays 乾隆) and the pair is written as an alternative, which queries expand to.
tsmap, alternatives = {}, defaultdict(set)
for c, cands in sorted(ts.items()):
    if c in cands:
        for o in cands:
            if o != c and len(o) == 1 and tokenizable(o):
                alternatives[c].add(o)
    elif tokenizable(cands[0]):
        tsmap[c] = cands[0]


std = {}  # non-standard variant -> standard character, first source wins
why = {}


def add(v, s, source):
    if v != s and v not in std and v not in ts and standard(s) and tokenizable(s):
        std[v] = s
        why[v] = source


for v, s in sorted(compat.items()):
    add(v, s, "unicode-compat")
for v, s in sorted(rev.items()):
    # OpenCC's Japanese table also maps everyday characters (予 -> 豫): only non-standard forms go.
    if not standard(v):
        add(v, s, "opencc-variants")
for c, p in sorted(variants.items()):
    if standard(c):
        continue
    z = [x for x in chars(p.get("kZVariant", "")) if standard(x)]
    if len(set(z)) == 1:
        add(c, z[0], "unihan-z")
definition_ref = re.compile(r"(?:^|\()(?:same as|non-classical(?: form)? of|(?:an? )?variant of|corrupted form of|old form of|standard form of|ancient form of)\s*([^\s,;)a-zA-Z+]+)")
for c in sorted(readings):
    if standard(c) or c in std:
        continue
    m = definition_ref.search(readings[c].get("kDefinition", ""))
    if m and len(m.group(1)) == 1 and mandarin(c) and mandarin(c) == mandarin(m.group(1)):
        add(c, m.group(1), "unihan-definition")
for c, p in sorted(variants.items()):
    if standard(c) or c in std:
        continue
    sem = {x for x in chars(p.get("kSemanticVariant", "")) + chars(p.get("kSpecializedSemanticVariant", "")) if standard(x) and mandarin(x) == mandarin(c) and mandarin(c)}
    if len(sem) == 1:
        add(c, sem.pop(), "unihan-semantic")
# Same radical, same reading, same meaning (one definition the other's first clause or all of it):
# catches variants Unihan records only implicitly, such as 逺/遠 and 淸/清.
by_key = defaultdict(list)
by_reading = defaultdict(list)
for c in readings:
    if standard(c) and mandarin(c):
        by_key[(radical(c), mandarin(c))].append(c)
        by_reading[mandarin(c)].append(c)


def clauses(d):
    return [x.strip() for x in re.split(r"[;,]", d) if x.strip()]


for c in sorted(readings):
    if standard(c) or c in std or not mandarin(c) or not definition(c):
        continue
    d = definition(c)
    found = [s for s in by_key.get((radical(c), mandarin(c)), [])
             if definition(s) and (definition(s) == d or clauses(definition(s))[:len(clauses(d))] == clauses(d))]
    if not found and len(d) >= 12:
        # Another radical (躰/體): only a long definition word for word the same, with the same reading.
        found = [s for s in by_reading.get(mandarin(c), []) if definition(s) == d]
    # Candidates that are one character in two scripts (遠 and 远) count once.
    if len({tsmap.get(x, x) for x in found}) == 1:
        add(c, sorted(found, key=lambda x: x in tsmap, reverse=True)[0], "unihan-same-meaning")
for c, p in sorted(variants.items()):
    if c in ts or c in std:
        continue
    simp = [x for x in chars(p.get("kSimplifiedVariant", "")) if x != c]
    if len(set(simp)) == 1 and c not in chars(p.get("kSimplifiedVariant", "")) and tokenizable(simp[0]):
        std[c] = simp[0]
        why[c] = "unihan-simplified"

def fold(c):
    for _ in range(5):
        n = width.get(c, c)
        n = compat.get(n, n)
        n = std.get(n, n)
        n = tsmap.get(n, n)
        if n == c:
            return c
        c = n
    return c


rows = []
sources = {}
for c in sorted(set(width) | set(compat) | set(std) | set(tsmap)):
    f = fold(c)
    if f != c and fold(f) == f and not f.isspace() or c == "\u3000":
        rows.append((c, f))
        sources[c] = "width" if c in width else "opencc-ts" if c in tsmap and c not in std else why.get(c, "unicode-compat")
alt_rows = defaultdict(set)
for c, others in alternatives.items():
    fc = fold(c)
    for o in others:
        fo = fold(o)
        if fo != fc:
            alt_rows[fc].add(fo)
            alt_rows[fo].add(fc)

print("# QyHeritage search folding table. GENERATED by generate-folding-table.sh: do not edit by hand.")
print(f"# Sources: Debian unicode-data {ud_version} (Unihan_Variants, Unihan_Readings, Unihan_IRGSources, UnicodeData),")
print(f"#          Debian opencc {opencc_version} (TSCharacters, STCharacters, TWVariantsRev, HKVariantsRev, JPVariantsRev).")
print("# M <from> <to> <source>: fold <from> to <to> at index and query time (to is a fixed point).")
print("# A <char> <alternatives>: a kept character a query also matches as these (乾 also as 干).")
for c, f in rows:
    print(f"M\t{c}\t{f}\t{sources[c]}")
for c in sorted(alt_rows):
    print(f"A\t{c}\t{''.join(sorted(alt_rows[c]))}")
