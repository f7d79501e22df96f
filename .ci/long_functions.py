#!/usr/bin/env python3
"""Ratchet on function length: no Rust function longer than --max lines (120) unless listed.

Measures every `fn` with a body (free functions, methods, trait default methods, nested fns)
in the crates' `src/` trees, by its span in the (rustfmt'd) source: from the line of the `fn`
keyword to the line of its closing brace, inclusive (doc comments and attributes not counted).
Skipped: items under `#[cfg(test)]` or `#[test]` (inline test modules and the files declared as
`#[cfg(test)] mod x;`, with or without `#[path]`), and templates inside `macro_rules!`.

The allowlist (.ci/long-functions.txt) holds `path::Scope::name LENGTH` lines for the functions
that were already too long. The check fails when a function not in the list is longer than
--max, or a listed one is longer than its recorded length. A listed function that got shorter
passes, with a request to lower its number (`--update` lowers numbers and drops stale lines; it
never adds a function or raises a number).

Standard library only. Usage:
  python3 .ci/long_functions.py [--max 120] [--list] [--update] [CRATE_SRC_DIR ...]
"""
from __future__ import annotations

import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DIRS = ["thidua-core/src", "thidua-py/src", "thidua-wasm/src", "thidua-cli/src"]
ALLOWLIST = os.path.join(ROOT, ".ci", "long-functions.txt")


class Tok:
    __slots__ = ("kind", "text", "line")

    def __init__(self, kind: str, text: str, line: int):
        self.kind = kind  # "id", "lit", "lifetime", "punct"
        self.text = text
        self.line = line

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"{self.kind}:{self.text}@{self.line}"


class LexError(Exception):
    pass


def _is_id_start(c: str) -> bool:
    return c == "_" or c.isalpha()


def _is_id_continue(c: str) -> bool:
    return c == "_" or c.isalnum()


def tokenize(src: str, path: str) -> list[Tok]:
    """Rust tokens without comments; string, char and raw-string literals become one token."""
    toks: list[Tok] = []
    i, n, line = 0, len(src), 1

    def raw_string(j: int) -> int:
        # src[j] is the first '#' or '"' after the r prefix; returns the index after the literal.
        hashes = 0
        while j < n and src[j] == "#":
            hashes += 1
            j += 1
        if j >= n or src[j] != '"':
            raise LexError(f"{path}:{line}: malformed raw string")
        close = '"' + "#" * hashes
        end = src.find(close, j + 1)
        if end < 0:
            raise LexError(f"{path}:{line}: unterminated raw string")
        return end + len(close)

    def quoted(j: int) -> int:
        # src[j] == '"'; returns the index after the closing quote (backslash escapes honoured).
        j += 1
        while j < n:
            c = src[j]
            if c == "\\":
                j += 2
                continue
            if c == '"':
                return j + 1
            j += 1
        raise LexError(f"{path}:{line}: unterminated string")

    while i < n:
        c = src[i]
        if c == "\n":
            line += 1
            i += 1
            continue
        if c.isspace():
            i += 1
            continue
        if src.startswith("//", i):
            end = src.find("\n", i)
            i = n if end < 0 else end
            continue
        if src.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if src.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif src.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            if depth:
                raise LexError(f"{path}:{line}: unterminated block comment")
            line += src.count("\n", i, j)
            i = j
            continue
        start_line = line
        # String-like literals with prefixes: r"", r#""#, b"", br"", c"", cr"", b''.
        if c in "rbc":
            j = i
            if src.startswith(("br", "cr"), i):
                j = i + 2
            elif c == "r":
                j = i + 1
            if j > i and j < n and (src[j] == '"' or (src[j] == "#" and j + 1 < n and src[j + 1] in '#"')):
                end = raw_string(j)
                toks.append(Tok("lit", src[i:end], start_line))
                line += src.count("\n", i, end)
                i = end
                continue
            if c in "bc" and i + 1 < n and src[i + 1] == '"':
                end = quoted(i + 1)
                toks.append(Tok("lit", src[i:end], start_line))
                line += src.count("\n", i, end)
                i = end
                continue
            if c == "b" and i + 1 < n and src[i + 1] == "'":
                end = _char_end(src, i + 1, path, line)
                toks.append(Tok("lit", src[i:end], start_line))
                i = end
                continue
            if c == "r" and src.startswith("r#", i) and i + 2 < n and _is_id_start(src[i + 2]):
                j = i + 2  # raw identifier r#type
                while j < n and _is_id_continue(src[j]):
                    j += 1
                toks.append(Tok("id", src[i + 2 : j], start_line))
                i = j
                continue
        if c == '"':
            end = quoted(i)
            toks.append(Tok("lit", src[i:end], start_line))
            line += src.count("\n", i, end)
            i = end
            continue
        if c == "'":
            # Char literal ('x', '\n', '\u{1F600}', '{') or lifetime / label ('a, 'static).
            if i + 1 < n and src[i + 1] == "\\":
                end = _char_end(src, i, path, line)
                toks.append(Tok("lit", src[i:end], start_line))
                i = end
                continue
            if i + 2 < n and src[i + 2] == "'":
                toks.append(Tok("lit", src[i : i + 3], start_line))
                i += 3
                continue
            j = i + 1
            while j < n and _is_id_continue(src[j]):
                j += 1
            toks.append(Tok("lifetime", src[i:j], start_line))
            i = j
            continue
        if _is_id_start(c):
            j = i + 1
            while j < n and _is_id_continue(src[j]):
                j += 1
            toks.append(Tok("id", src[i:j], start_line))
            i = j
            continue
        if c.isdigit():
            j = i + 1
            while j < n and (_is_id_continue(src[j]) or (src[j] == "." and j + 1 < n and src[j + 1].isdigit())):
                j += 1
            toks.append(Tok("lit", src[i:j], start_line))
            i = j
            continue
        if src.startswith(("->", "=>", "::"), i):
            toks.append(Tok("punct", src[i : i + 2], start_line))
            i += 2
            continue
        toks.append(Tok("punct", c, start_line))
        i += 1
    return toks


def _char_end(src: str, i: int, path: str, line: int) -> int:
    # src[i] == "'" opening a char literal that may hold an escape; returns the index after it.
    j = i + 1
    if j < len(src) and src[j] == "\\":
        j += 2
    else:
        j += 1
    while j < len(src) and src[j] != "'" and src[j] != "\n":
        j += 1
    if j >= len(src) or src[j] != "'":
        raise LexError(f"{path}:{line}: malformed char literal")
    return j + 1


def match_delims(toks: list[Tok], path: str) -> dict[int, int]:
    pairs = {")": "(", "]": "[", "}": "{"}
    stack: list[int] = []
    out: dict[int, int] = {}
    for k, t in enumerate(toks):
        if t.kind != "punct":
            continue
        if t.text in "([{":
            stack.append(k)
        elif t.text in ")]}":
            if not stack or toks[stack[-1]].text != pairs[t.text]:
                raise LexError(f"{path}:{t.line}: unbalanced '{t.text}'")
            out[stack.pop()] = k
    if stack:
        raise LexError(f"{path}:{toks[stack[-1]].line}: unclosed '{toks[stack[-1]].text}'")
    return out


def _is_test_attr(attr: list[Tok]) -> bool:
    """`#[test]`, `#[tokio::test]`-style, or `#[cfg(...)]` whose predicate needs `test`."""
    words = [t.text for t in attr if t.kind == "id"]
    if not words:
        return False
    if words[-1] == "test" and all(t.text in ("test", "::") or t.kind == "id" for t in attr):
        return True  # #[test], #[tokio::test]
    if words[0] == "cfg" and "test" in words and "not" not in words and "any" not in words:
        return True  # #[cfg(test)], #[cfg(all(test, feature = "x"))]
    return False


def _path_attr(attr: list[Tok]) -> str | None:
    if len(attr) == 3 and attr[0].text == "path" and attr[1].text == "=" and attr[2].kind == "lit":
        return attr[2].text.strip('"')
    return None


class Func:
    __slots__ = ("path", "name", "line", "length")

    def __init__(self, path: str, name: str, line: int, length: int):
        self.path, self.name, self.line, self.length = path, name, line, length

    @property
    def key(self) -> str:
        return f"{self.path}::{self.name}"


def _impl_name(toks: list[Tok], start: int, stop: int) -> str:
    """The scope name of `impl<..> [Trait for] Type<..> [where ..]` between start and stop."""
    k = start
    if k < stop and toks[k].text == "<":  # impl generics
        depth = 0
        while k < stop:
            if toks[k].text == "<":
                depth += 1
            elif toks[k].text == ">":
                depth -= 1
                if depth == 0:
                    k += 1
                    break
            k += 1
    header: list[Tok] = []
    depth = 0
    for t in toks[k:stop]:
        if depth == 0 and t.text == "where":
            break
        if t.text in "<([":
            depth += 1
        elif t.text in ">)]":
            depth -= 1
        header.append(t)
    depth, split = 0, None
    for idx, t in enumerate(header):
        if t.text in "<([":
            depth += 1
        elif t.text in ">)]":
            depth -= 1
        elif depth == 0 and t.text == "for" and idx > 0:
            split = idx
            break

    def last_ident(ts: list[Tok]) -> str:
        d, name = 0, None
        for t in ts:
            if t.text in "<([":
                d += 1
            elif t.text in ">)]":
                d -= 1
            elif d == 0 and t.kind == "id" and t.text not in ("dyn", "mut", "const", "for"):
                name = t.text
        return name or "_"

    if split is None:
        return last_ident(header)
    return f"<{last_ident(header[split + 1:])} as {last_ident(header[:split])}>"


class FileScan:
    def __init__(self, path: str, rel: str):
        self.rel = rel
        with open(path, encoding="utf-8") as f:
            self.toks = tokenize(f.read(), rel)
        self.match = match_delims(self.toks, rel)
        self.funcs: list[Func] = []
        # (name, path attribute, is_test, inline-module scope) of `mod name;` declarations.
        self.mods: list[tuple[str, str | None, bool, list[str]]] = []

    def _skip_item(self, k: int, end: int) -> int:
        """Index after the item starting at k: through its `;` or its `{ .. }` body."""
        toks = self.toks
        while k < end:
            t = toks[k]
            if t.kind == "punct" and t.text in "([":
                k = self.match[k] + 1
                continue
            if t.kind == "punct" and t.text == "{":
                return self.match[k] + 1
            if t.kind == "punct" and t.text in ";}":
                return k + 1 if t.text == ";" else k
            k += 1
        return k

    def _body(self, k: int, end: int) -> int | None:
        """Index of the `{` opening the body of the item whose header starts at k, or None."""
        toks = self.toks
        while k < end:
            t = toks[k]
            if t.kind == "punct":
                if t.text in "([":
                    k = self.match[k] + 1
                    continue
                if t.text == "{":
                    return k
                if t.text in ";}":
                    return None
            k += 1
        return None

    def walk(self, start: int, end: int, scope: list[str], mods: list[str]) -> None:
        toks = self.toks
        attrs: list[list[Tok]] = []
        k = start
        while k < end:
            t = toks[k]
            if t.kind == "punct" and t.text == "#":
                j = k + 1
                if j < end and toks[j].text == "!":
                    j += 1
                if j < end and toks[j].text == "[":
                    close = self.match[j]
                    if toks[k + 1].text != "!":  # inner attributes apply to the enclosing item
                        attrs.append(toks[j + 1 : close])
                    k = close + 1
                    continue
            is_test = any(_is_test_attr(a) for a in attrs)
            if t.kind == "id" and t.text == "mod" and k + 2 < end and toks[k + 1].kind == "id":
                name = toks[k + 1].text
                nxt = toks[k + 2].text
                if nxt == ";":
                    path_attr = next((p for p in map(_path_attr, attrs) if p), None)
                    self.mods.append((name, path_attr, is_test, mods))
                    attrs, k = [], k + 3
                    continue
                if nxt == "{" and not is_test:
                    close = self.match[k + 2]
                    self.walk(k + 3, close, scope + [name], mods + [name])
                    attrs, k = [], close + 1
                    continue
            if is_test:
                k = self._skip_item(k, end)
                attrs = []
                continue
            if t.kind == "id" and t.text == "macro_rules" and k + 1 < end and toks[k + 1].text == "!":
                j = k + 2
                if j < end and toks[j].kind == "id":
                    j += 1
                if j < end and toks[j].text in "([{":
                    k = self.match[j] + 1
                    attrs = []
                    continue
            if t.kind == "id" and t.text == "fn" and k + 1 < end and toks[k + 1].kind == "id":
                name = toks[k + 1].text
                body = self._body(k + 2, end)
                if body is None:
                    k, attrs = k + 2, []
                    continue
                close = self.match[body]
                qual = "::".join(scope + [name])
                self.funcs.append(Func(self.rel, qual, t.line, toks[close].line - t.line + 1))
                self.walk(body + 1, close, scope + [name], mods)
                k, attrs = close + 1, []
                continue
            if t.kind == "id" and t.text in ("impl", "trait") and self._item_position(k, start):
                if t.text == "trait" and not (k + 1 < end and toks[k + 1].kind == "id"):
                    k += 1
                    continue
                body = self._body(k + 1, end)
                if body is None:
                    k, attrs = k + 1, []
                    continue
                name = _impl_name(toks, k + 1, body) if t.text == "impl" else toks[k + 1].text
                close = self.match[body]
                self.walk(body + 1, close, scope + [name], mods)
                k, attrs = close + 1, []
                continue
            if t.kind == "punct" and t.text in ";{}":
                attrs = []
            k += 1

    def _item_position(self, k: int, start: int) -> bool:
        """Whether the keyword at k starts an item (not `impl Trait` in a type)."""
        j = k - 1
        while j >= start and self.toks[j].kind == "id" and self.toks[j].text in (
            "unsafe", "default", "pub", "auto", "const"
        ):
            j -= 1
        if j < start:
            return True
        p = self.toks[j]
        return p.kind == "punct" and p.text in (";", "{", "}", "]")


def scan_crate(src_dir: str) -> list[Func]:
    """Functions of one crate's src/ tree, following `mod` declarations from the roots."""
    abs_src = os.path.join(ROOT, src_dir)
    roots = [os.path.join(abs_src, r) for r in ("lib.rs", "main.rs") if os.path.isfile(os.path.join(abs_src, r))]
    bin_dir = os.path.join(abs_src, "bin")
    if os.path.isdir(bin_dir):
        roots += [os.path.join(bin_dir, f) for f in sorted(os.listdir(bin_dir)) if f.endswith(".rs")]
    seen: dict[str, bool] = {}  # absolute path -> is test
    funcs: list[Func] = []
    queue = [(r, False) for r in roots]
    while queue:
        path, is_test = queue.pop()
        path = os.path.normpath(path)
        if path in seen and (seen[path] or not is_test):
            continue
        seen[path] = is_test
        if is_test or not os.path.isfile(path):
            continue
        scan = FileScan(path, os.path.relpath(path, ROOT))
        scan.walk(0, len(scan.toks), [], [])
        funcs += scan.funcs
        here = os.path.dirname(path)
        base = os.path.basename(path)
        own_dir = here if base in ("lib.rs", "main.rs", "mod.rs") or path in roots else os.path.join(here, base[:-3])
        for name, path_attr, mod_test, inline in scan.mods:
            if path_attr is not None:
                anchor = os.path.join(here, *inline) if inline else here
                child = os.path.join(anchor, path_attr)
            else:
                d = os.path.join(own_dir, *inline)
                child = os.path.join(d, name + ".rs")
                if not os.path.isfile(child):
                    child = os.path.join(d, name, "mod.rs")
            queue.append((child, mod_test))
    # Files under src/ that no declaration reaches are measured too (they may be include!d).
    for dirpath, _, files in os.walk(abs_src):
        for f in sorted(files):
            p = os.path.normpath(os.path.join(dirpath, f))
            if f.endswith(".rs") and p not in seen:
                scan = FileScan(p, os.path.relpath(p, ROOT))
                scan.walk(0, len(scan.toks), [], [])
                funcs += scan.funcs
    # Same qualified name twice in one file (cfg-gated variants): number the later ones.
    count: dict[str, int] = {}
    for fn in sorted(funcs, key=lambda f: (f.path, f.line)):
        key = fn.key
        count[key] = count.get(key, 0) + 1
        if count[key] > 1:
            fn.name += f"#{count[key]}"
    return funcs


def read_allowlist(path: str) -> dict[str, int]:
    out: dict[str, int] = {}
    if not os.path.isfile(path):
        return out
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.split("#", 1)[0].strip() if raw.lstrip().startswith("#") else raw.strip()
            if not line:
                continue
            key, _, num = line.rpartition(" ")
            if not key or not num.isdigit():
                sys.exit(f"{path}:{lineno}: expected 'path::name LENGTH', got {raw.strip()!r}")
            out[key.strip()] = int(num)
    return out


HEADER = """\
# Functions longer than the limit in .ci/long_functions.py (120 lines), with their current length.
# The list may only shrink: split a function, then lower its number or drop its line
# (`python3 .ci/long_functions.py --update`). Never add a line or raise a number.
"""


SELF_TEST_SRC = r"""
//! crate docs with fn fake() { and a brace {
/* block /* nested { */ fn in_comment() { */
macro_rules! make {
    ($n:ident) => {
        fn $n() {}
        fn literal_in_macro() { }
    };
}
pub(crate) fn a<'a>(x: &'a str) -> impl Fn() -> usize + 'a {
    let _s = "}{ fn not_a_fn() {";
    let _r = r#"raw " } { "#;
    let _b = br##"x"#}"##;
    let _c = '{';
    let _d = '\'';
    let _e = b'}';
    'outer: loop { break 'outer; }
    fn nested(v: [u8; 2]) -> u8 {
        v[0]
    }
    move || x.len()
}
struct S;
impl<T: Iterator<Item = u8>> Clone for Wrap<T> where T: Clone {
    fn clone(&self) -> Self {
        todo!()
    }
}
impl S {
    fn m(&self) {}
}
trait Tr {
    fn decl(&self);
    fn default_body(&self) {
    }
}
#[cfg(not(test))]
fn kept() {}
#[cfg(test)]
fn skipped_fn() {
}
#[cfg(test)]
mod tests {
    fn skipped() {}
}
mod inline {
    #[test]
    fn skipped_test() {}
    fn inner() {}
}
"""

SELF_TEST_EXPECT = {
    "a": 13, "a::nested": 3, "<Wrap as Clone>::clone": 3, "S::m": 1,
    "Tr::default_body": 2, "kept": 1, "inline::inner": 1,
}


def self_test() -> int:
    scan = FileScan.__new__(FileScan)
    scan.rel = "self-test.rs"
    scan.toks = tokenize(SELF_TEST_SRC, scan.rel)
    scan.match = match_delims(scan.toks, scan.rel)
    scan.funcs, scan.mods = [], []
    scan.walk(0, len(scan.toks), [], [])
    got = {fn.name: fn.length for fn in scan.funcs}
    if got != SELF_TEST_EXPECT:
        print(f"long_functions.py: self-test failed:\n  got      {got}\n  expected {SELF_TEST_EXPECT}",
              file=sys.stderr)
        return 1
    print("long_functions.py: self-test passed")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="*", default=DEFAULT_DIRS)
    ap.add_argument("--max", type=int, default=120)
    ap.add_argument("--allowlist", default=ALLOWLIST)
    ap.add_argument("--list", action="store_true", help="print every function over the limit")
    ap.add_argument("--update", action="store_true", help="lower numbers / drop stale lines in the allowlist")
    ap.add_argument("--self-test", action="store_true", help="check the scanner on a tricky sample")
    args = ap.parse_args()
    if args.self_test:
        return self_test()

    funcs: list[Func] = []
    try:
        for d in args.dirs:
            if os.path.isdir(os.path.join(ROOT, d)):
                funcs += scan_crate(d)
    except LexError as e:
        print(f"long_functions.py: cannot read {e}", file=sys.stderr)
        return 2
    if args.list:
        for fn in sorted(funcs, key=lambda f: -f.length):
            if fn.length > args.max:
                print(f"{fn.key} {fn.length}")
        return 0
    allowed = read_allowlist(args.allowlist)
    by_key = {fn.key: fn for fn in funcs}
    errors, notes = [], []
    for fn in sorted(funcs, key=lambda f: (f.path, f.line)):
        limit = allowed.get(fn.key)
        if limit is None and fn.length > args.max:
            errors.append(
                f"{fn.path}:{fn.line}: fn {fn.name} is {fn.length} lines (limit {args.max}); split it"
            )
        elif limit is not None and fn.length > limit:
            errors.append(
                f"{fn.path}:{fn.line}: fn {fn.name} grew to {fn.length} lines (allowlisted at {limit}); "
                "shrink it, do not raise the number"
            )
        elif limit is not None and fn.length < limit:
            if fn.length <= args.max:
                notes.append(f"{fn.key} is now {fn.length} lines: drop its line from the allowlist")
            else:
                notes.append(f"{fn.key} shrank to {fn.length} lines: lower its number in the allowlist")
    for key in allowed:
        if key not in by_key:
            notes.append(f"{key} no longer exists: drop its line from the allowlist")
    if args.update:
        kept = []
        for key, limit in allowed.items():
            fn = by_key.get(key)
            if fn is not None and fn.length > args.max:
                kept.append((key, min(limit, fn.length)))
        with open(args.allowlist, "w", encoding="utf-8") as f:
            f.write(HEADER)
            for key, limit in sorted(kept):
                f.write(f"{key} {limit}\n")
        print(f"long_functions.py: allowlist updated ({len(kept)} functions)")
        notes = []
    for n in notes:
        print(f"note: {n} (python3 .ci/long_functions.py --update)")
    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        print(
            f"long_functions.py: {len(errors)} function(s) over the length limit; see CONTRIBUTING.md",
            file=sys.stderr,
        )
        return 1
    over = sum(1 for fn in funcs if fn.length > args.max)
    print(f"long_functions.py: {len(funcs)} functions checked, {over} allowlisted over {args.max} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
