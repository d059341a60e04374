#!/usr/bin/env python3
"""Renders templates/review.html.tera with a pack fixture, without building hrpolicy, so
the review page can be opened in a browser while it is being worked on:

    python3 scripts/review-page-dev.py                 # writes /tmp/review-dev.html
    python3 scripts/review-page-dev.py --pack P --out F
    chromium --headless --no-sandbox --screenshot=/tmp/shot.png file:///tmp/review-dev.html

It substitutes the five template variables the way `hrpolicy review` does: `lang` and
`title` HTML-escaped, `css`, `script` and `pack_json` raw, with `<`, `>` and `&` in the
JSON written as \\u003c, \\u003e and \\u0026 so that no text can close the <script>
element. It also warns about UI string keys review.js uses that the pack does not give.
"""
import argparse
import html
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"


def pack_json(pack):
    text = json.dumps(pack, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def render(template, values):
    template = re.sub(r"\{#.*?#\}", "", template, flags=re.S)

    def sub(m):
        name, safe = m.group(1), m.group(2)
        if name not in values:
            sys.exit(f"review-page-dev: the template reads `{name}`, which is not one of {sorted(values)}")
        return values[name] if safe else html.escape(values[name], quote=True)

    out = re.sub(r"\{\{\s*(\w+)\s*(\|\s*safe\s*)?\}\}", sub, template)
    left = re.search(r"\{\{|\{%", out.split('<script type="application/json"')[0])
    if left:
        sys.exit("review-page-dev: template syntax this script does not handle: " + out[left.start():left.start() + 40])
    return out


def check_strings(pack, script):
    header = re.search(r"Keys used:(.*?)\*/", script, flags=re.S)
    if not header:
        return
    used = set(re.findall(r"[a-z_]+", header.group(1).replace("*", " ")))
    missing = sorted(used - set(pack.get("strings", {})))
    unused = sorted(set(pack.get("strings", {})) - used)
    if missing:
        print("review-page-dev: the pack has no string for: " + ", ".join(missing), file=sys.stderr)
    if unused:
        print("review-page-dev: strings review.js does not list: " + ", ".join(unused), file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pack", default=ROOT / "tests/fixtures/review-page/pack.json", type=Path)
    ap.add_argument("--out", default=Path("/tmp/review-dev.html"), type=Path)
    ap.add_argument("--lang", default="en")
    args = ap.parse_args()
    pack = json.loads(args.pack.read_text(encoding="utf-8"))
    script = (TEMPLATES / "review.js").read_text(encoding="utf-8")
    css = (TEMPLATES / "review.css").read_text(encoding="utf-8")
    for name, text in (("review.js", script), ("review.css", css)):
        if re.search(r"</(script|style)", text, flags=re.I):
            sys.exit(f"review-page-dev: {name} contains a closing </script> or </style>")
    check_strings(pack, script)
    title = f"Review pack: {pack.get('handbook_title', '')} — {pack.get('organisation', '')}"
    page = render((TEMPLATES / "review.html.tera").read_text(encoding="utf-8"), {
        "lang": args.lang, "title": title, "css": css, "script": script, "pack_json": pack_json(pack),
    })
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(page, encoding="utf-8")
    print(f"wrote {args.out} ({len(page)} bytes); open file://{args.out.resolve()}")


if __name__ == "__main__":
    main()
