#!/usr/bin/env python3
"""Fails when an include climbs a floor.

The core is a stack of floors (ARCHITECTURE.md, cmake/WebJobsFloors.cmake):

    util → model → schedule | package | store → host → api (client | server) → service → ui → app

Each folder below may include only the folders listed for it. The build refuses most climbing
includes already (each floor's headers are reachable only by linking that floor); this check
also names the rule that was broken, and covers what linking alone cannot: the service
interface and the views include nothing from the host or the store.

Usage: check-floors.py [SOURCE_DIR]"""
import pathlib
import re
import sys

BASE = ["core/util", "core/model"]
ALLOWED = {
    "core/util": ["core/util"],
    "core/model": BASE,
    "core/schedule": BASE + ["core/schedule"],
    "core/package": BASE + ["core/package"],
    "core/store": BASE + ["core/store"],
    "core/host": BASE + ["core/schedule", "core/package", "core/store", "core/host"],
    "core/api/client": BASE + ["core/schedule", "core/api/client"],
    "core/api/server": BASE + ["core/schedule", "core/package", "core/store", "core/host", "core/api/server"],
    "core/service": BASE + ["core/schedule", "core/package", "core/host", "core/api/client", "core/service"],
    "ui": BASE + ["core/schedule", "core/package", "core/service", "ui"],
    "app/console": BASE + ["core/host", "core/service", "ui", "app/console"],
    "app/cli": BASE + ["core/schedule", "core/host", "core/service", "app/cli"],
    "app/agent": BASE + ["core/schedule", "core/package", "core/store", "core/host", "core/api/server", "app/agent"],
}
# The service's implementations may reach the host and the API client; its interface may not.
IMPLEMENTATIONS = re.compile(r"core/service/(Local|Remote)Job(Service|Worker)[^/]*$")
INTERFACE_ALLOWED = BASE + ["core/schedule", "core/package", "core/service"]

INCLUDE = re.compile(r'^\s*#\s*include\s*"((?:core|ui|app|tests)/[^"]+)"', re.MULTILINE)


def folder_of(path):
    """The longest ALLOWED key that contains `path`."""
    best = None
    for folder in ALLOWED:
        if path.startswith(folder + "/") and (best is None or len(folder) > len(best)):
            best = folder
    return best


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent)
    problems = []
    for source in sorted(root.glob("**/*")):
        if source.suffix not in (".h", ".cpp") or not source.is_file():
            continue
        relative = source.relative_to(root).as_posix()
        folder = folder_of(relative)
        if folder is None:
            continue
        allowed = ALLOWED[folder]
        if folder == "core/service" and not IMPLEMENTATIONS.search(relative):
            allowed = INTERFACE_ALLOWED
        for included in INCLUDE.findall(source.read_text(encoding="utf-8")):
            target = folder_of(included) or included.split("/")[0]
            if target not in allowed:
                problems.append(f"{relative}: includes {included}, but {folder} may include only "
                                f"{', '.join(allowed)}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} include(s) climb a floor (ARCHITECTURE.md, 'Floors').", file=sys.stderr)
        return 1
    print("Every include stays on its floor or below.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
