#!/usr/bin/env python3
"""Seed corpora for the fuzz targets (scripts/fuzz): small inputs cut from
the built-in bank (questions/), the test data (tests/data/), the regression
corpus (tests/fuzz/regress/) and the seed notes (../shared/seeds).

Usage: seeds.py ROOT SEEDS_DIR_OR_EMPTY OUT"""
import glob
import json
import os
import re
import sys

root, notes_dir, out = sys.argv[1], sys.argv[2], sys.argv[3]
MAX = 8192


def put(target, name, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data[:MAX])


def read(path):
    with open(path, "rb") as f:
        return f.read()


questions = []
for path in sorted(glob.glob(os.path.join(root, "questions", "*.json"))):
    bank = json.loads(read(path))
    book = os.path.basename(path)[:-5]
    for i, q in enumerate(bank.get("questions", [])):
        questions.append(q)
        # Every fifth question as a bank of its own, with its chapter.
        if i % 5 == 0:
            one = {"chapters": bank.get("chapters", [])[:1], "questions": [q]}
            put("bank", "%s-%d.json" % (book, i), json.dumps(one, indent=1))

for path in glob.glob(os.path.join(root, "tests", "data", "**", "*.json"),
                      recursive=True):
    if os.path.getsize(path) <= MAX:
        rel = os.path.relpath(path, root).replace("/", "_")
        put("bank", rel, read(path))

# CSV: the test data's files, and batch files of model answers.
for path in glob.glob(os.path.join(root, "tests", "data", "**", "*.csv"),
                      recursive=True):
    put("csv", os.path.relpath(path, root).replace("/", "_"), read(path))
for i in range(0, len(questions), 40):
    rows = ["id,answer"]
    for q in questions[i:i + 3]:
        a = q.get("answer", "").replace('"', '""')
        rows.append('%s,"%s"' % (q["id"], a))
    put("csv", "batch-%d.csv" % i, "\n".join(rows) + "\n")

# Grade: two bytes choose the question, the rest is the answer.
for i, q in enumerate(questions):
    if i % 4 == 0 and q.get("answer"):
        put("grade", "answer-%d" % i, bytes([i >> 8 & 255, i & 255]) +
            q["answer"].encode())

# Import: the notes cut at their "## " headings, a few sections a seed.
notes = glob.glob(os.path.join(root, "tests", "data", "import", "*.md"))
if notes_dir:
    notes += sorted(glob.glob(os.path.join(notes_dir, "*")))
for path in notes:
    text = read(path)
    parts = re.split(rb"(?m)^(?=## )", text)
    base = os.path.basename(path)
    for k in range(0, len(parts), 3):
        put("import", "%s-%d.md" % (base, k), b"".join(parts[k:k + 3]))
