#!/usr/bin/env python3
"""Fails when a Qt Linguist catalogue has an unfinished, empty or obsolete entry, or an entry
whose translation drops or adds a %1-style placeholder. Usage: check-translations.py FILE.ts..."""
import re
import sys
import xml.etree.ElementTree as ET

PLACEHOLDER = re.compile(r"%L?(\d+|n)")


def placeholders(text):
    return sorted(set(PLACEHOLDER.findall(text or "")))


def check(path):
    problems = []
    root = ET.parse(path).getroot()
    count = 0
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            count += 1
            source = message.findtext("source") or ""
            translation = message.find("translation")
            where = f"{path}: [{name}] {source[:70]!r}"
            if translation is None:
                problems.append(f"{where}: no translation")
                continue
            kind = translation.get("type")
            if kind in ("unfinished", "vanished", "obsolete"):
                problems.append(f"{where}: {kind}")
                continue
            forms = translation.findall("numerusform") if message.get("numerus") == "yes" else [translation]
            texts = [form.text or "" for form in forms]
            if not texts or any(not text.strip() for text in texts):
                problems.append(f"{where}: empty translation")
                continue
            expected = placeholders(source)
            for text in texts:
                if placeholders(text) != expected:
                    problems.append(f"{where}: placeholders {placeholders(text)} differ from {expected}")
    return count, problems


def main():
    failed = False
    for path in sys.argv[1:]:
        count, problems = check(path)
        for problem in problems:
            print(problem)
        print(f"{path}: {count} entries, {len(problems)} problem(s)")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
