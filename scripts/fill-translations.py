#!/usr/bin/env python3
"""Fills translations into a Qt Linguist catalogue from TSV files.

Usage: fill-translations.py CATALOGUE.ts FILE.tsv...

Each TSV line is: context<TAB>source<TAB>translation, with \\n, \\t and \\\\ escapes. A matching
message (same context and source) gets the translation and loses its "unfinished" mark; a
plural message gets it in every form, or the forms separated by " || " in the translation.
Lines that match nothing are listed on standard error. The catalogue keeps lupdate's layout."""
import sys
import xml.etree.ElementTree as ET


def unescape(text):
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append({"n": "\n", "t": "\t", "\\": "\\"}.get(nxt, "\\" + nxt))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def main():
    catalogue, sources = sys.argv[1], sys.argv[2:]
    rows = {}
    for path in sources:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                line = line.rstrip("\n")
                if not line.strip():
                    continue
                parts = line.split("\t")
                if len(parts) != 3:
                    print(f"{path}:{number}: expected 3 columns, found {len(parts)}", file=sys.stderr)
                    continue
                context, source, translation = (unescape(p) for p in parts)
                rows[(context, source)] = translation

    tree = ET.parse(catalogue)
    used = set()
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            key = (name, source)
            if key not in rows and name.startswith("WebJobs::"):
                # A Q_OBJECT class's context carries its namespace; the TSV may not.
                key = (name[len("WebJobs::"):], source)
            if key not in rows:
                continue
            used.add(key)
            text = rows[key]
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            translation.attrib.pop("type", None)
            if message.get("numerus") == "yes":
                forms = text.split(" || ")
                for child in list(translation):
                    translation.remove(child)
                translation.text = None
                for index in range(2):
                    form = ET.SubElement(translation, "numerusform")
                    form.text = forms[min(index, len(forms) - 1)]
            else:
                translation.text = text
    for key in sorted(set(rows) - used):
        print(f"no message for [{key[0]}] {key[1][:70]!r}", file=sys.stderr)

    body = ET.tostring(tree.getroot(), encoding="unicode")
    with open(catalogue, "w", encoding="utf-8") as handle:
        handle.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        handle.write(body)
        handle.write("\n")


if __name__ == "__main__":
    main()
