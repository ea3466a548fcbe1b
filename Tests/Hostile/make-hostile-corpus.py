#!/usr/bin/env python3
"""Writes the hostile-input corpus for `kg extract` into a folder (created; must be empty or missing).

Usage: make-hostile-corpus.py OUT_DIR [--seeds SEEDS_DIR] [--huge-mb N]

Nothing here is committed as binary: the CLI test (Tests/CLITests/HostileInputCLITests.swift)
generates the corpus into a temporary folder each run. Random bytes use a fixed seed, so the
corpus is the same every time.

Besides the files, OUT_DIR/../manifest.json says what `kg extract OUT_DIR` must do with each one:
  "extracted": read and extracted, no message expected
  "warning":   extracted, and named in a `kg: warning: PATH: …` line
  "skipped":   named in a `kg: error: PATH: … (skipped)` line, not extracted
  "ignored":   not a document at all (a folder named x.txt, a link back up the tree)
  "control":   a copy of a seed text; its named graph must equal the one it gets on its own
and "skipped_unless_root" for the unreadable file (root can read a chmod 000 file).
"""
import json
import os
import random
import shutil
import sys

GOOD = (
    "The Karolinska Biomedicum Institute is in Stockholm, Sweden. "
    "Astrid Lindqvist works at Uppsala University.\n"
)


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    out = args[0]
    seeds = None
    huge_mb = 3
    if "--seeds" in args:
        seeds = args[args.index("--seeds") + 1]
    if "--huge-mb" in args:
        huge_mb = float(args[args.index("--huge-mb") + 1])
    os.makedirs(out, exist_ok=True)
    manifest = {}

    def write(name, data, expect):
        path = os.path.join(out, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        manifest[name] = expect

    utf8 = GOOD.encode("utf-8")
    # Nothing, or nothing but white space.
    write("empty.txt", b"", "warning")
    write("whitespace-only.txt", b" \t\r\n\n   \n", "warning")
    # Binary data and random bytes (fixed seed).
    write("binary.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8 + b"\x00" * 512, "skipped")
    rng = random.Random(20240611)
    write("random-bytes.txt", bytes(rng.randrange(256) for _ in range(8192)), "skipped")
    # Encodings announced by a byte order mark.
    write("utf8-bom.txt", b"\xef\xbb\xbf" + utf8, "extracted")
    write("utf16le-bom.txt", b"\xff\xfe" + GOOD.encode("utf-16-le"), "extracted")
    write("utf16be-bom.txt", b"\xfe\xff" + GOOD.encode("utf-16-be"), "extracted")
    write("utf32le-bom.txt", b"\xff\xfe\x00\x00" + GOOD.encode("utf-32-le"), "extracted")
    write("utf32be-bom.txt", b"\x00\x00\xfe\xff" + GOOD.encode("utf-32-be"), "extracted")
    # Good text with something wrong inside: replaced by U+FFFD, with a warning.
    write("invalid-byte.txt", utf8[:20] + b"\xff" + utf8[20:], "warning")
    write("truncated-sequence.txt", utf8 + b"Malm\xc3", "warning")
    write("encoded-surrogate.txt", utf8 + b"\xed\xa0\x80 end.\n", "warning")
    write("nul.txt", utf8[:30] + b"\x00" + utf8[30:], "warning")
    write("c0-controls.txt", b"\x01" + utf8 + b"\x0b\x0c\x1b[31m\x1f\x7f\n", "warning")
    write("noncharacters.txt", GOOD.replace("Sweden", "Swe\ufffeden\uffff").encode("utf-8"), "warning")
    write("utf16-lone-surrogate.txt", b"\xff\xfe" + GOOD.encode("utf-16-le") + b"\x00\xd8x\x00", "warning")
    # Line ends.
    write("crlf.txt", GOOD.replace("\n", "\r\n").replace(". ", ".\r\n").encode(), "extracted")
    write("lone-cr.txt", GOOD.replace("\n", "\r").replace(". ", ".\r").encode(), "extracted")
    # Right-to-left text and combining marks.
    write("rtl-combining.txt", (
        "جامعة الملك سعود في الرياض. האוניברסיטה העברית בירושלים.\n"
        "Zoe\u0308 Lindqvist works at Uppsala University in Malmo\u0308.\n"
        "Z\u0351\u0352\u0357a\u0300\u0301\u0302l\u0303\u0304g\u0305\u0306o\u0307\u0308 text\u200f\u202e reversed\u202c.\n"
    ).encode(), "extracted")
    # Text that looks like RDF syntax.
    write("injection-ntriples.txt", (
        'Astrid Lindqvist works at Uppsala University. <http://x> <y> "z" .\n'
        '_:b0 <http://x> "\\u0000" . <http://x> <http://y> "a"@en .\n'
    ).encode(), "extracted")
    write("injection-xml.txt", (
        "Astrid Lindqvist works at Uppsala University ]]></rdf:RDF> "
        '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e; &amp; &#0; <![CDATA[ x ]]> '
        '<rdf:Description rdf:about="http://evil/"/> --> <!-- \n'
    ).encode(), "extracted")
    write("injection-turtle.txt", (
        '@prefix ex: <http://evil/> . @base <http://evil/> .\n'
        'Astrid Lindqvist works at """Uppsala University""" \'\'\'x\'\'\' "\\" \\\\ \\u0022 ex:a ex:b ex:c .\n'
        "PREFIX : <urn:x:> GRAPH <urn:g> { :a :b :c } } } \n"
    ).encode(), "extracted")
    # Size: a line of a few MB, one very long word, deep brackets.
    line = ("lorem ipsum dolor sit amet, consectetur adipiscing elit sed do eiusmod tempor " * 1000)
    repeat = max(1, int(huge_mb * 1024 * 1024 / len(line)))
    write("huge-line.txt", (line * repeat).encode() + b"\n", "warning")  # no sentence end: cut, with a warning
    write("huge-word.txt", b"Supercali" + b"fragilistic" * (int(huge_mb * 1024 * 1024) // 11) + b" works at Uppsala University.\n", "warning")  # no sentence end: cut, with a warning
    write("deep-brackets.txt", (b"(" * 50000 + b"[{<" * 20000 + b" Uppsala University " + b">}]" * 20000 + b")" * 50000 + b"\n"), "warning")  # no sentence end: cut, with a warning
    # File system oddities.
    os.symlink("loop-a.txt", os.path.join(out, "loop-b.txt"))
    os.symlink("loop-b.txt", os.path.join(out, "loop-a.txt"))
    manifest["loop-a.txt"] = "skipped"
    manifest["loop-b.txt"] = "skipped"
    os.symlink("missing-target.txt", os.path.join(out, "dangling.txt"))
    manifest["dangling.txt"] = "skipped"
    os.makedirs(os.path.join(out, "folder"), exist_ok=True)
    os.symlink("..", os.path.join(out, "folder", "up"))  # a directory cycle
    manifest["folder/up"] = "ignored"
    os.makedirs(os.path.join(out, "x.txt"), exist_ok=True)  # a folder named like a text file
    manifest["x.txt"] = "ignored"
    write("x.txt/inside.txt", utf8, "extracted")
    fifo = os.path.join(out, "fifo.txt")
    os.mkfifo(fifo)
    manifest["fifo.txt"] = "skipped"
    write("unreadable.txt", utf8, "skipped_unless_root")
    os.chmod(os.path.join(out, "unreadable.txt"), 0)
    # Control documents: seed texts, which must give the same graph here as on their own.
    if seeds:
        for name in sorted(os.listdir(seeds))[:2]:
            target = os.path.join(out, "control", name)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(os.path.join(seeds, name), target)
            manifest["control/" + name] = "control"

    with open(os.path.join(os.path.dirname(os.path.abspath(out)), "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
