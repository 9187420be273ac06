#!/usr/bin/env python3
# Copyright (c) Vector Studio contributors. Licensed under the MIT License.
"""Writes the canonical decomposition (NFD) table the tokenizer embeds.

The process runs with InvariantGlobalization, where string.Normalize(FormD) returns its input
unchanged, so the tokenizer's accent stripping carries its own data: for every code point whose
NFD differs from itself (Hangul syllables excepted: they decompose algorithmically) its full,
canonically ordered decomposition ("D"), and every non-zero canonical combining class ("C").
Usage: gen-nfd-table.py > embedder-node/VectorStudio.Embedder/Tokenization/Unicode/nfd.txt
"""
import sys
import unicodedata


def main() -> None:
    out = sys.stdout
    out.write(f"# Unicode {unicodedata.unidata_version} canonical decompositions, from "
              "embedder-node/tools/gen-nfd-table.py\n")
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF or 0xAC00 <= cp <= 0xD7A3:
            continue
        ch = chr(cp)
        nfd = unicodedata.normalize("NFD", ch)
        if nfd != ch:
            out.write("D %04X %s\n" % (cp, " ".join("%04X" % ord(c) for c in nfd)))
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ccc = unicodedata.combining(chr(cp))
        if ccc:
            out.write("C %04X %d\n" % (cp, ccc))


if __name__ == "__main__":
    main()
