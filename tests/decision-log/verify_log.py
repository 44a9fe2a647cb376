#!/usr/bin/env python3
"""Checks a Mufakat decision log by docs/decision-log.md alone, with Python's standard library.

Written from that page, not from the project's code, so that the page, not the code, is what a log is
checked against. Usage:

    python3 verify_log.py EXPORT_OR_LIST.json      # exit 0 whole, 1 broken (the record named), 2 unreadable
    python3 verify_log.py --vectors VECTORS.json   # the canonical form against RFC 8785's examples

The input is a room export ({"decisions": [...], ...}, oldest first) or the API's list (newest first).
"""

import hashlib
import json
import struct
import sys
from decimal import Decimal

GENESIS = "0" * 64


class NotCanonical(ValueError):
    """The value has no RFC 8785 form (a lone surrogate, NaN, an infinity, a type JSON lacks)."""


# --- RFC 8785 canonical JSON, for the values JSON can hold -------------------------------------------


def es_number(value):
    """A number as ECMAScript's Number.prototype.toString writes the double it denotes (RFC 8785 3.2.2.3)."""
    if isinstance(value, bool):
        raise NotCanonical("a boolean is not a number")
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        raise NotCanonical("NaN and infinities have no JSON form")
    if number == 0:
        return "0"
    sign = "-" if number < 0 else ""
    # repr gives the shortest digits that read back as the same double, as ECMAScript requires.
    digits_tuple, exponent = Decimal(repr(abs(number))).as_tuple()[1:]
    digits = "".join(str(d) for d in digits_tuple).lstrip("0")
    trailing = len(digits) - len(digits.rstrip("0"))
    digits = digits.rstrip("0")
    exponent += trailing
    k = len(digits)
    n = k + exponent  # the value is 0.digits × 10^n
    if k <= n <= 21:
        text = digits + "0" * (n - k)
    elif 0 < n <= 21:
        text = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        text = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        mantissa = digits if k == 1 else digits[0] + "." + digits[1:]
        text = mantissa + "e" + ("+" if e >= 0 else "-") + str(abs(e))
    return sign + text


SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def es_string(text):
    out = ['"']
    for char in text:
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF:
            raise NotCanonical("a lone surrogate is not I-JSON")
        if char in SHORT_ESCAPES:
            out.append(SHORT_ESCAPES[char])
        elif code < 0x20:
            out.append("\\u%04x" % code)
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def utf16_units(name):
    """The key names are compared by: their UTF-16 code units, big-endian bytes compare the same way."""
    for char in name:
        if 0xD800 <= ord(char) <= 0xDFFF:
            raise NotCanonical("a lone surrogate is not I-JSON")
    return name.encode("utf-16-be")


def canonical(value):
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return es_number(value)
    if isinstance(value, str):
        return es_string(value)
    if isinstance(value, list):
        return "[" + ",".join(canonical(item) for item in value) + "]"
    if isinstance(value, dict):
        names = sorted(value, key=utf16_units)
        return "{" + ",".join(es_string(name) + ":" + canonical(value[name]) for name in names) + "}"
    raise NotCanonical("not a JSON value: %r" % type(value))


def no_duplicates(pairs):
    seen = {}
    for name, item in pairs:
        if name in seen:
            raise NotCanonical("a repeated member name: %r" % name)
        seen[name] = item
    return seen


def refuse_constant(name):
    raise NotCanonical("%s is not JSON" % name)


def read_json(text):
    return json.loads(text, object_pairs_hook=no_duplicates, parse_constant=refuse_constant)


# --- The chain ----------------------------------------------------------------------------------------


def record_hash(record):
    content = {name: item for name, item in record.items() if name != "hash"}
    return hashlib.sha256(canonical(content).encode("utf-8")).hexdigest()


def seq_key(record):
    seq = record.get("seq")
    return seq if isinstance(seq, int) and not isinstance(seq, bool) else float("inf")


def verify(records, say):
    """Says one line per record; returns the seq of the first broken one, or None when the log is whole."""
    expected_seq = 1
    prev_hash = GENESIS
    for record in sorted(records, key=seq_key):
        seq = record.get("seq")
        head = "#%s %s %s" % (seq, record.get("kind"), record.get("at"))
        if seq != expected_seq or isinstance(seq, bool):
            say("%s BROKEN: expected record #%d here" % (head, expected_seq))
            return expected_seq
        if "hashVersion" in record and record["hashVersion"] != 1:
            say("%s BROKEN: hashVersion %r is not one this verifier knows" % (head, record["hashVersion"]))
            return seq
        if record.get("prevHash") != prev_hash:
            say("%s BROKEN: prevHash %s should be %s" % (head, record.get("prevHash"), prev_hash))
            return seq
        try:
            computed = record_hash(record)
        except NotCanonical as reason:
            say("%s BROKEN: no canonical form (%s)" % (head, reason))
            return seq
        if computed != record.get("hash"):
            say("%s BROKEN: hash %s, but the content hashes to %s" % (head, record.get("hash"), computed))
            return seq
        say("%s ok %s" % (head, computed))
        prev_hash = computed
        expected_seq += 1
    return None


def check_vectors(path):
    """RFC 8785's examples: numbers given as IEEE 754 bits, documents given as JSON text."""
    with open(path, encoding="utf-8") as handle:
        vectors = json.load(handle)
    failures = 0
    for case in vectors["numbers"]:
        number = struct.unpack(">d", bytes.fromhex(case["ieee754"]))[0]
        if es_number(number) != case["canonical"]:
            failures += 1
            print("number %s: %s, expected %s" % (case["ieee754"], es_number(number), case["canonical"]))
    for case in vectors["nonFiniteNumbers"]:
        try:
            es_number(struct.unpack(">d", bytes.fromhex(case["ieee754"]))[0])
            failures += 1
            print("number %s (%s) was not refused" % (case["ieee754"], case["note"]))
        except NotCanonical:
            pass
    for case in vectors["documents"]:
        written = canonical(read_json(case["input"]))
        if written != case["canonical"]:
            failures += 1
            print("%s:\n  %s\n  expected %s" % (case["name"], written, case["canonical"]))
    for case in vectors["notCanonicalizable"]:
        try:
            canonical(read_json(case["input"]))
            failures += 1
            print("%s was not refused" % case["name"])
        except NotCanonical:
            pass
    total = sum(len(vectors[key]) for key in ("numbers", "nonFiniteNumbers", "documents", "notCanonicalizable"))
    print("%d passed, %d failed" % (total - failures, failures))
    return 1 if failures else 0


def main(argv):
    if len(argv) == 3 and argv[1] == "--vectors":
        return check_vectors(argv[2])
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as handle:
            document = read_json(handle.read())
    except (OSError, ValueError) as error:
        print("cannot read %s: %s" % (argv[1], error), file=sys.stderr)
        return 2
    records = document.get("decisions") if isinstance(document, dict) else document
    if not isinstance(records, list) or not all(isinstance(record, dict) for record in records):
        print("%s holds no list of decision records" % argv[1], file=sys.stderr)
        return 2
    broken = verify(records, print)
    if broken is not None:
        print("BROKEN at record #%d" % broken)
        return 1
    head = max(records, key=seq_key)["hash"] if records else GENESIS
    print("OK: %d records, head %s" % (len(records), head))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
