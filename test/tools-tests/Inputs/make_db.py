"""make_db.py SRC_DIR BUILD_DIR COMPILER FLAG...: a compile_commands.json in
BUILD_DIR for every .cpp under SRC_DIR (the first one listed twice, as build
systems sometimes do)."""
import json
import os
import sys

src, build, compiler, flags = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
os.makedirs(build, exist_ok=True)
entries = []
for root, _, files in sorted(os.walk(src)):
    for name in sorted(files):
        if name.endswith(".cpp"):
            path = os.path.join(root, name)
            obj = os.path.join(build, name + ".o")
            entries.append({"directory": build, "file": path,
                            "arguments": [compiler] + flags + ["-c", path, "-o", obj]})
entries.append(dict(entries[0]))
with open(os.path.join(build, "compile_commands.json"), "w") as f:
    json.dump(entries, f, indent=2)
