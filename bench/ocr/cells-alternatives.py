#!/usr/bin/env python3
"""How often tesseract's alternatives (lstm_choice_mode=2) in a cell hold the true character, for any installed model.
Reads the montages of cells alone that `OcrBench --cells` leaves in QY_CELLS_DUMP (cells-NN.tif, and cells-NN.tsv: each
cell's page box and its box in the montage) and the cell table of the same run (--cells-tsv), runs tesseract with each
model given on every montage, and prints per model and kind of cell (as the reader reads it now) how often tesseract's
first reading and any of its alternatives are the truth.
Usage: bench/ocr/cells-alternatives.py DUMP CELLS.tsv MODEL:PSM [MODEL:PSM ...]   (e.g. chi_tra:6 chi_tra_vert:5 HanT:6)"""
import collections
import glob
import os
import re
import subprocess
import sys

dump, tsv, models = sys.argv[1], sys.argv[2], sys.argv[3:]
rows = [l.rstrip("\n").split("\t") for l in open(tsv, encoding="utf-8")]
by_page = collections.defaultdict(dict)
for f in rows:
    by_page[f[0]][f[6]] = f  # page, truth, read, PP-OCR, confidence, writable, box
kinds = ["read right", "read wrong, truth writable", "read wrong, truth not writable"]
for model in models:
    language, psm = model.split(":")
    stat = collections.Counter()
    for montage in sorted(glob.glob(os.path.join(dump, "cells-*.tsv"))):
        places = []
        for line in open(montage, encoding="utf-8"):
            source, target = line.rstrip("\n").split("\t")
            places.append((source, tuple(map(int, target.split(",")))))
        page = max(by_page, key=lambda p: sum(1 for s, _ in places if s in by_page[p]))
        out = montage[:-4] + "-" + language
        subprocess.run(["tesseract", montage[:-4] + ".tif", out, "-l", language, "--psm", psm, "--dpi", "300",
                        "-c", "lstm_choice_mode=2", "hocr"], check=True, capture_output=True, env=dict(os.environ, OMP_THREAD_LIMIT="1"))
        hocr = open(out + ".hocr", encoding="utf-8").read()
        alternatives = collections.defaultdict(list)
        # A word's box (its character boxes are empty in the vertical models' hOCR): each line of the montage is one cell.
        for w in re.finditer(r"class='ocrx_word' id='[^']*' title='bbox (\d+) (\d+) (\d+) (\d+);[^>]*>(.*?)\n      </span>", hocr, re.S):
            x0, y0, x1, y1 = map(int, w.group(1, 2, 3, 4))
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            d, cell = min((max(0, tx - cx, cx - tx - tw) ** 2 + max(0, ty - cy, cy - ty - th) ** 2, s) for s, (tx, ty, tw, th) in places)
            if d <= 40 * 40:
                alternatives[cell] += [t for _, t in re.findall(r"x_confs? ([\d.]+)'>([^<]*)<", w.group(5))]
        for source, _ in places:
            f = by_page[page].get(source)
            if f is None:
                continue
            truth, read, writable = f[1], f[2], f[5] == "1"
            kind = kinds[0] if read == truth else kinds[1] if writable else kinds[2]
            a = alternatives.get(source, [])
            stat[kind, "cells"] += 1
            stat[kind, "first"] += bool(a) and a[0] == truth
            stat[kind, "among"] += truth in a
    print(f"| {model} | " + " | ".join(f"{stat[k, 'first']} / {stat[k, 'among']} of {stat[k, 'cells']}" for k in kinds) + " |")
