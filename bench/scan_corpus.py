#!/usr/bin/env python3
"""Builds the key scanner's benchmark corpus (bench/scan.sh) from code no one here wrote.

  scan_corpus.py tree SRC DEST OUT_DIR      copy of SRC with planted keys
  scan_corpus.py history SRC BARE OUT_DIR   a git history of SRC over a few thousand commits,
                                            with planted keys (git fast-import; no checkout)

Both write OUT_DIR/planted-<corpus>.json: every planted key with its form and place. Keys are
made up, from a fixed seed, in the sandbox's format (zx_live_ + 40 letters and digits).
"""
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import zipfile

RNG = random.Random(21)
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
FILES_PER_COMMIT = 12
HISTORY_FILE_CAP = 4 << 20  # big prebuilt libraries (.a, .lib) stay out of the history


def new_key():
    return "zx_live_" + "".join(RNG.choice(ALPHABET) for _ in range(40))


def zip_bytes(name, text):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, text)
    return buffer.getvalue()


def crate_dirs(src):
    """(name, version, path) sorted by name and version, so later versions replace earlier."""
    found = []
    for entry in sorted(os.listdir(src)):
        match = re.match(r"^(.*?)-(\d+)\.(\d+)\.(\d+)(.*)$", entry)
        if match and os.path.isdir(os.path.join(src, entry)):
            name, *version, rest = match.groups()
            found.append((name, tuple(int(v) for v in version), rest, entry))
    found.sort()
    return [(name, entry) for name, _, _, entry in found]


def plant_tree(src, dest, out):
    RNG.seed("tree")  # other keys than the history's
    if os.path.exists(dest):
        shutil.rmtree(dest)
    shutil.copytree(src, dest, symlinks=True)
    crates = crate_dirs(dest)
    pick = lambda i: crates[len(crates) * i // 5][1]
    planted = []

    def plant(form, rel, data, key):
        path = os.path.join(dest, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as file:
            file.write(data.encode() if isinstance(data, str) else data)
        planted.append({"key": key, "corpus": "tree", "form": form, "file": rel})

    key = new_key()
    plant("plain", f"{pick(1)}/notes/deploy.md", f"# Deploy\n\nProduction key: {key}\n", key)
    key = new_key()
    plant(".env", f"{pick(2)}/.env", f"ZEXA_API_KEY={key}\n", key)
    key = new_key()
    plant("JSON", f"{pick(3)}/config/zexa.json", json.dumps({"zexa_api_key": key}, indent=2) + "\n", key)
    key = new_key()
    plant("zip", f"{pick(4)}/backup.zip", zip_bytes("deploy/.env", f"ZEXA_API_KEY={key}\n"), key)
    with open(os.path.join(out, "planted-tree.json"), "w") as file:
        json.dump(planted, file, indent=2)


class FastImport:
    def __init__(self, bare):
        subprocess.run(["git", "init", "-q", "--bare", "-b", "main", bare], check=True)
        self.process = subprocess.Popen(["git", "-C", bare, "fast-import", "--quiet", "--done"], stdin=subprocess.PIPE)
        self.out = self.process.stdin
        self.mark = 0
        self.time = 1672531200  # 2023-01-01
        self.authors = ["Ana Silva <ana@example.com>", "Bruno Costa <bruno@example.com>", "Carla Neto <carla@example.com>"]

    def commit(self, branch, message, changes, parent=None):
        self.mark += 1
        self.time += 3600
        author = self.authors[self.mark % len(self.authors)]
        w = self.out.write
        w(f"commit refs/heads/{branch}\nmark :{self.mark}\n".encode())
        w(f"author {author} {self.time} +0000\ncommitter {author} {self.time} +0000\n".encode())
        message = message.encode()
        w(b"data %d\n%s\n" % (len(message), message))
        if parent:
            w(f"from :{parent}\n".encode())
        for path, data in changes:
            if data is None:
                w(f"D {path}\n".encode())
            else:
                w(f"M 100644 inline {path}\ndata {len(data)}\n".encode())
                w(data)
                w(b"\n")
        return self.mark

    def close(self):
        self.out.write(b"done\n")
        self.out.close()
        if self.process.wait() != 0:
            sys.exit("git fast-import failed")


def build_history(src, bare, out):
    if os.path.exists(bare):
        shutil.rmtree(bare)
    batches = []  # (message, changes) in order; changes read lazily
    previous = {}
    for name, entry in crate_dirs(src):
        root = os.path.join(src, entry)
        files = []
        for folder, dirs, names in os.walk(root):
            dirs.sort()
            for file_name in sorted(names):
                path = os.path.join(folder, file_name)
                rel = os.path.relpath(path, root)
                if os.path.islink(path) or "\n" in rel or rel.startswith('"') or os.path.getsize(path) > HISTORY_FILE_CAP:
                    continue
                files.append((f"vendor/{name}/{rel}", path))
        for start in range(0, len(files), FILES_PER_COMMIT):
            deletion = [(f"vendor/{name}", None)] if start == 0 and name in previous else []
            batches.append((f"{entry}: files {start + 1}-{start + len(files[start:start + FILES_PER_COMMIT])}", deletion, files[start:start + FILES_PER_COMMIT]))
        previous[name] = entry

    total = len(batches)
    keys = {form: new_key() for form in ["plain", ".env", "JSON", "zip", "deleted later", "other branch"]}
    plants = {
        total * 20 // 100: ("add an old config", [("config/old.env", f"ZEXA_API_KEY={keys['deleted later']}\n")]),
        total * 25 // 100: ("ops notes", [("ops/notes.md", f"Production key: {keys['plain']}\n")]),
        total * 35 // 100: ("local settings", [(".env", f"ZEXA_API_KEY={keys['.env']}\n")]),
        total * 45 // 100: ("settings", [("config/settings.json", json.dumps({"zexa_api_key": keys["JSON"]}) + "\n")]),
        total * 50 // 100: ("remove the old config", [("config/old.env", None)]),
        total * 55 // 100: ("backup", [("backups/config.zip", zip_bytes(".env", f"ZEXA_API_KEY={keys['zip']}\n"))]),
    }
    branch_at = total * 70 // 100
    places = {
        "plain": "ops/notes.md", ".env": ".env", "JSON": "config/settings.json", "zip": "backups/config.zip",
        "deleted later": "config/old.env", "other branch": "src/secret.rs",
    }
    importer = FastImport(bare)
    last = None
    for index, (message, deletion, files) in enumerate(batches):
        if index in plants:
            plant_message, plant_changes = plants[index]
            changes = [(path, None if data is None else (data if isinstance(data, bytes) else data.encode())) for path, data in plant_changes]
            last = importer.commit("main", plant_message, changes)
        if index == branch_at:
            secret = f'pub const ZEXA_KEY: &str = "{keys["other branch"]}";\n'.encode()
            importer.commit("experiment", "try the key inline", [("src/secret.rs", secret)], parent=last)
        changes = list(deletion)
        for path, real in files:
            with open(real, "rb") as file:
                changes.append((path, file.read()))
        last = importer.commit("main", message, changes)
    importer.close()
    planted = [{"key": keys[form], "corpus": "history", "form": form, "file": places[form]} for form in keys]
    with open(os.path.join(out, "planted-history.json"), "w") as file:
        json.dump(planted, file, indent=2)
    print(f"{importer.mark} commits", file=sys.stderr)


if __name__ == "__main__":
    mode, src, dest, out = sys.argv[1:5]
    (plant_tree if mode == "tree" else build_history)(src, dest, out)
