"""Mutation fuzzer: damage the bundled .docx and PDF samples and run the whole pipeline on each.

A case is one seed: the seed picks a sample (samples/*.docx, samples/pdf/*.pdf) and a mutation, and
drives every random choice of that mutation, so ``--seed S --cases 1`` replays case S exactly. A .docx
is damaged at the zip level (an entry dropped, duplicated or renamed, the archive truncated, bytes of
the central directory or of the compressed stream flipped, declared sizes/CRC changed, a compression
bomb) or inside word/document.xml (bytes flipped, inserted or deleted, elements deleted or
duplicated, a tag broken, huge attribute values, deep nesting, random Unicode in w:t, cells and rows
swapped, garbage gridSpan/vMerge/gridBefore, w:tblGrid removed, rows shuffled, the namespace
changed) and rezipped; a PDF has bytes flipped, is truncated, has object ranges duplicated or
removed, its xref corrupted, its stream lengths mangled or its streams' bytes flipped.

Each case runs in a forked child (a process group and a temporary folder of its own) under a time
limit and an address-space limit (RLIMIT_AS): ``check_file`` with the default rule pack, then the
text and JSON renderers. Outcomes: ``ok`` (read and checked), ``unreadable`` (an UnreadableInput
with its reason), ``CRASH`` (an internal_error outcome, an exception from a renderer or a child
killed by a signal; with its traceback), ``HANG`` (over the time limit) and ``MEMORY`` (a
MemoryError under the limit). Each case also records its wall time and the child's peak RSS (the
kernel's ru_maxrss: the pages the child touched, shared ones it inherited from the parent included).

    python scripts/fuzz.py [--seed S] [--cases N] [--jobs J] [--timeout SEC] [--memory MB]
                           [--save DIR] [--log PATH]

prints a summary, writes every case to the JSON log and saves each crashing, hanging or
memory-exhausting input under ``--save``.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import io
import json
import os
import random
import re
import resource
import select
import shutil
import signal
import struct
import sys
import tempfile
import time
import traceback
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
DOCX_INPUTS = sorted((ROOT / "samples").glob("*.docx"))
PDF_INPUTS = sorted((ROOT / "samples" / "pdf").glob("*.pdf"))
INPUTS = DOCX_INPUTS + PDF_INPUTS
FAILURES = ("CRASH", "HANG", "MEMORY")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT = "word/document.xml"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)

Mutation = Callable[[random.Random, bytes], tuple[bytes, str]]


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# ---------------------------------------------------------------------------------------------
# zip helpers


def _read_entries(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(info, zf.read(info)) for info in zf.infolist()]


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _rezip(entries: Iterable[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    """A new archive of these entries (their ZipInfo kept, so the bytes depend on nothing else)."""
    buf = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buf, "w") as zf:
        warnings.simplefilter("ignore")  # duplicate names are the point of one mutation
        for info, content in entries:
            zf.writestr(info, content)
    return buf.getvalue()


def _with_document(data: bytes, change: Callable[[bytes], bytes]) -> bytes:
    """The archive with word/document.xml replaced by ``change`` of it."""
    return _rezip((info, change(content) if info.filename == DOCUMENT else content)
                  for info, content in _read_entries(data))


def _central_records(data: bytes) -> list[tuple[int, str]]:
    """(offset, name) of each central-directory record."""
    out = []
    for m in re.finditer(rb"PK\x01\x02", data):
        at = m.start()
        if at + 46 > len(data):
            continue
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        out.append((at, data[at + 46:at + 46 + name_len].decode("utf-8", "replace")))
    return out


def _flip(rng: random.Random, data: bytearray, lo: int, hi: int, count: int) -> list[int]:
    """XOR ``count`` random bytes in ``data[lo:hi]`` with a non-zero byte; the offsets flipped."""
    where = sorted(rng.randrange(lo, hi) for _ in range(count)) if hi > lo else []
    for at in where:
        data[at] ^= rng.randrange(1, 256)
    return where


# ---------------------------------------------------------------------------------------------
# .docx: zip level


def zip_drop_entry(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    entries = _read_entries(data)
    victim = rng.randrange(len(entries))
    name = entries.pop(victim)[0].filename
    return _rezip(entries), name


def zip_duplicate_entry(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """An entry written twice; the second copy of document.xml is sometimes cut short."""
    entries = _read_entries(data)
    info, content = rng.choice(entries)
    if rng.random() < 0.5:
        content = content[:rng.randrange(len(content) + 1)]
    entries.insert(rng.randrange(len(entries) + 1), (copy.copy(info), content))
    return _rezip(entries), f"{info.filename} ({len(content)} bytes)"


def zip_truncate(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    cut = rng.randrange(1, len(data))
    return data[:cut], f"at {cut} of {len(data)}"


def zip_flip_central_directory(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    start = data.find(b"PK\x01\x02")
    out = bytearray(data)
    where = _flip(rng, out, start, len(data), rng.randint(1, 8))
    return bytes(out), f"offsets {where}"


def zip_rename_document(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    new = rng.choice(["word/Document.xml", "word/document.xml.bak", "document.xml", "word/document2.xml",
                      "word\\document.xml", "word/document.xml/", "WORD/DOCUMENT.XML"])
    entries = []
    for info, content in _read_entries(data):
        if info.filename == DOCUMENT:
            info = copy.copy(info)
            info.filename = info.orig_filename = new
        entries.append((info, content))
    return _rezip(entries), new


def zip_corrupt_stream(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """Flip bytes inside the deflated data of document.xml."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(DOCUMENT)
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    out = bytearray(data)
    where = _flip(rng, out, start, start + info.compress_size, rng.randint(1, 8))
    return bytes(out), f"offsets {where}"


def zip_sizes_crc(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """Change the declared CRC, compressed or uncompressed size of an entry (central record, local
    header or both)."""
    records = _central_records(data)
    at, name = next(((a, n) for a, n in records if n == DOCUMENT), records[0])
    if rng.random() < 0.3:
        at, name = rng.choice(records)
    field = rng.choice(["crc", "compressed", "size"])
    central_offset = {"crc": 16, "compressed": 20, "size": 24}[field]
    old = struct.unpack_from("<I", data, at + central_offset)[0]
    value = rng.choice([0, 1, old + 1, max(0, old - 1), old * 2, 0xFFFFFFFF, rng.randrange(1 << 32)]) & 0xFFFFFFFF
    local = struct.unpack_from("<I", data, at + 42)[0]
    where = rng.choice(["central", "local", "both"])
    out = bytearray(data)
    if where in ("central", "both"):
        struct.pack_into("<I", out, at + central_offset, value)
    if where in ("local", "both") and local + 30 <= len(data):
        struct.pack_into("<I", out, local + central_offset - 2, value)
    return bytes(out), f"{name} {field} {old}->{value} ({where})"


def zip_bomb(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """document.xml padded with megabytes of whitespace before </w:body>: a small file that inflates."""
    megabytes = rng.choice([16, 64, 256, 512])
    entries = _read_entries(data)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, content in entries:
            if info.filename != DOCUMENT:
                zf.writestr(info, content)
                continue
            head, sep, tail = content.rpartition(b"</w:body>")
            with zf.open(_entry(DOCUMENT), "w", force_zip64=True) as fh:
                fh.write(head)
                chunk = b" " * (1 << 20)
                for _ in range(megabytes):
                    fh.write(chunk)
                fh.write(sep + tail)
    return buf.getvalue(), f"{megabytes} MB of spaces"


# ---------------------------------------------------------------------------------------------
# .docx: document.xml bytes


def xml_flip_bytes(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    where: list[int] = []

    def change(xml: bytes) -> bytes:
        out = bytearray(xml)
        where.extend(_flip(rng, out, 0, len(out), rng.randint(1, 16)))
        return bytes(out)

    return _with_document(data, change), f"offsets {where}"


_INSERTS = [b"<", b">", b"&", b"&amp;", b"&#0;", b"\x00", b"\xff\xfe", b"]]>", b"<w:p>", b"</w:tc>",
            b"<!--", b"<![CDATA[", b'"', b"<w:t>\xe4\xb8\x80</w:t>", b"&xxe;", b"<?xml version='1.0'?>"]


def xml_insert_bytes(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    done: list[str] = []

    def change(xml: bytes) -> bytes:
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(len(xml) + 1)
            piece = rng.choice(_INSERTS) if rng.random() < 0.6 else rng.randbytes(rng.randint(1, 64))
            xml = xml[:at] + piece + xml[at:]
            done.append(f"{at}:{piece[:12]!r}")
        return xml

    return _with_document(data, change), " ".join(done)


def xml_delete_bytes(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    done: list[str] = []

    def change(xml: bytes) -> bytes:
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(xml))
            size = rng.randint(1, 200)
            xml = xml[:at] + xml[at + size:]
            done.append(f"{at}+{size}")
        return xml

    return _with_document(data, change), " ".join(done)


def xml_break_tag(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """Damage one tag: drop its '<' or '>', cut its name, or close a w:tc as a w:tr."""
    how = rng.choice(["no_open", "no_close", "cut_name", "wrong_close"])

    def change(xml: bytes) -> bytes:
        if how == "wrong_close":
            ends = [m.start() for m in re.finditer(rb"</w:tc>", xml)]
            at = rng.choice(ends)
            return xml[:at] + b"</w:tr>" + xml[at + 7:]
        tags = [m.start() for m in re.finditer(rb"<w:", xml)]
        at = rng.choice(tags)
        if how == "no_open":
            return xml[:at] + xml[at + 1:]
        if how == "no_close":
            end = xml.index(b">", at)
            return xml[:end] + xml[end + 1:]
        return xml[:at + 3] + xml[at + 4:]

    return _with_document(data, change), how


# ---------------------------------------------------------------------------------------------
# .docx: document.xml tree


def _tree_mutation(data: bytes, change: Callable[[etree._Element], str]) -> tuple[bytes, str]:
    """Parse document.xml, let ``change`` edit the tree (returning what it did), rezip."""
    detail: list[str] = []

    def edit(xml: bytes) -> bytes:
        root = etree.fromstring(xml, parser=etree.XMLParser(huge_tree=True))
        detail.append(change(root))
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    return _with_document(data, edit), detail[0]


def _elements(root: etree._Element, tag: str | None = None) -> list[etree._Element]:
    return [el for el in root.iter(_w(tag) if tag else etree.Element) if el is not root]


def xml_delete_elements(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    def change(root: etree._Element) -> str:
        tag = rng.choice([None, "tc", "tr", "tbl", "p", "r", "t", "tcPr", "tblGrid", "gridCol", "body"])
        pool = _elements(root, tag)
        gone = 0
        for el in rng.sample(pool, min(len(pool), rng.randint(1, 10))):
            parent = el.getparent()
            if parent is not None and root in el.iterancestors():  # not inside one removed already
                parent.remove(el)
                gone += 1
        return f"{gone} × {tag or 'any'}"

    return _tree_mutation(data, change)


def xml_duplicate_elements(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    def change(root: etree._Element) -> str:
        tag = rng.choice([None, "tc", "tr", "tbl", "p", "gridCol", "tcPr", "vMerge"])
        pool = _elements(root, tag)
        picked = rng.sample(pool, min(len(pool), rng.randint(1, 5)))
        times = rng.choice([1, 2, 10, 200])
        for el in picked:
            for _ in range(times):
                el.addnext(copy.deepcopy(el))
        return f"{len(picked)} × {tag or 'any'} × {times}"

    return _tree_mutation(data, change)


def xml_huge_attribute(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    def change(root: etree._Element) -> str:
        el = rng.choice(_elements(root))
        size = rng.choice([1 << 10, 1 << 16, 1 << 20, 8 << 20])
        value = rng.choice("9xー,") * size
        attr = rng.choice(list(el.attrib) or [_w("val")])
        el.set(attr, value)
        return f"{etree.QName(el).localname}@{etree.QName(attr).localname} = {size} × {value[0]!r}"

    return _tree_mutation(data, change)


def xml_deep_nesting(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """Wrap a paragraph in hundreds of tables (w:tbl/w:tr/w:tc), content controls or unknown elements."""
    def change(root: etree._Element) -> str:
        kind = rng.choice(["tbl", "sdt", "unknown"])
        depth = rng.choice([10, 100, 300, 600])
        para = rng.choice(_elements(root, "p"))
        parent = para.getparent()
        index = parent.index(para)
        inner = para
        for _ in range(depth):
            if kind == "tbl":
                outer = etree.Element(_w("tbl"))
                etree.SubElement(etree.SubElement(outer, _w("tr")), _w("tc")).append(inner)
                if inner.tag == _w("tbl"):  # a cell ends with a paragraph
                    etree.SubElement(inner.getparent(), _w("p"))
            elif kind == "sdt":
                outer = etree.Element(_w("sdt"))
                etree.SubElement(outer, _w("sdtContent")).append(inner)
            else:
                outer = etree.Element(_w("customXml"))
                outer.append(inner)
            inner = outer
        parent.insert(index, inner)
        return f"{depth} × {kind}"

    return _tree_mutation(data, change)


def _valid_xml_char(code: int) -> bool:
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000


_UNICODE_POOLS = [(0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x590, 0x6FF), (0x2000, 0x206F),
                  (0x2460, 0x24FF), (0x3000, 0x303F), (0x4E00, 0x9FFF), (0xE000, 0xF8FF), (0xFF00, 0xFFEF),
                  (0x1F300, 0x1F6FF), (0x20000, 0x2A6DF), (0x10000, 0x10FFFF)]


def random_unicode(rng: random.Random, size: int) -> str:
    out = []
    while len(out) < size:
        lo, hi = rng.choice(_UNICODE_POOLS)
        code = rng.randint(lo, hi)
        if _valid_xml_char(code):
            out.append(chr(code))
    return "".join(out)


_DOMAIN_PIECES = ["0", "1", "12", "2024", "120.5", "1,234.5", "1,2,3", "１２３", "．", ".", "。", "，", "、", "%",
                  "％", "（", "）", "(", ")", "[", "]", "【", "】", "-", "—", "——", "～", "~", "至", "P", "p.", "第",
                  "页", "亿元", "万元", "元", "个", "家", "约", "增长", "下降", "同比", "左右", " ", "\t", "\n", "/",
                  "无", "见佐证材料", "页码：", "e308", "1e999", "NaN", "inf", "+", "−", "9" * 400, "9" * 5000,
                  "P1-99999999999", "第3-2页", "年", "2023年", "2022-2024", "￥", "㈠", "①", "一、", "(1)", "*",
                  "注1", "集群", "产值", "营业收入", "研发", "专利", "企业", "合计", "否", "是", "☑", "□"]


def domain_text(rng: random.Random) -> str:
    return "".join(rng.choice(_DOMAIN_PIECES) for _ in range(rng.randint(1, 12)))


def xml_text(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """Replace the text of random w:t with random Unicode, or with figures, units and page references
    put together at random (digit runs thousands long among them)."""
    def change(root: etree._Element) -> str:
        texts = _elements(root, "t")
        kind = rng.choice(["unicode", "domain"])
        picked = rng.sample(texts, min(len(texts), rng.randint(1, 40)))
        for t in picked:
            t.text = random_unicode(rng, rng.randint(0, 60)) if kind == "unicode" else domain_text(rng)
        return f"{len(picked)} × {kind}"

    return _tree_mutation(data, change)


def xml_swap_cell_row(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """A w:tc becomes a w:tr and a w:tr a w:tc, or a cell moves straight under its table."""
    def change(root: etree._Element) -> str:
        how = rng.choice(["swap_tags", "cell_in_table", "row_in_cell"])
        cells, rows = _elements(root, "tc"), _elements(root, "tr")
        for _ in range(rng.randint(1, 5)):
            tc, tr = rng.choice(cells), rng.choice(rows)
            if how == "swap_tags":
                tc.tag, tr.tag = _w("tr"), _w("tc")
            elif how == "cell_in_table" and tc.getparent() is not None and tc.getparent().getparent() is not None:
                tc.getparent().getparent().append(tc)
            elif how == "row_in_cell" and tr not in tc.iterancestors():
                tc.append(copy.deepcopy(tr))
        return how

    return _tree_mutation(data, change)


_SPAN_VALUES = ["0", "-1", "-999999", "1000000000", "99999999999999999999", "abc", "", "2.5", " 3", "٣", "１２",
                "2147483648", "restart", "continue", "1e3"]


def xml_span_values(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """Set w:gridSpan, w:vMerge or w:gridBefore of random cells/rows to huge, negative or garbage values."""
    def change(root: etree._Element) -> str:
        what = rng.choice(["gridSpan", "vMerge", "gridBefore"])
        value = rng.choice(_SPAN_VALUES)
        owners = _elements(root, "tr" if what == "gridBefore" else "tc")
        picked = rng.sample(owners, min(len(owners), rng.randint(1, 6)))
        for owner in picked:
            pr_tag = _w("trPr" if what == "gridBefore" else "tcPr")
            pr = owner.find(pr_tag)
            if pr is None:
                pr = etree.Element(pr_tag)
                owner.insert(0, pr)
            el = pr.find(_w(what))
            if el is None:
                el = etree.SubElement(pr, _w(what))
            el.set(_w("val"), value)
        return f"{what}={value!r} × {len(picked)}"

    return _tree_mutation(data, change)


def xml_remove_tblgrid(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    def change(root: etree._Element) -> str:
        grids = _elements(root, "tblGrid")
        picked = grids if rng.random() < 0.5 else rng.sample(grids, 1)
        for grid in picked:
            grid.getparent().remove(grid)
        return f"{len(picked)} of {len(grids)}"

    return _tree_mutation(data, change)


def xml_shuffle_rows(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    def change(root: etree._Element) -> str:
        table = rng.choice(_elements(root, "tbl"))
        rows = [el for el in table if el.tag == _w("tr")]
        for row in rows:
            table.remove(row)
        rng.shuffle(rows)
        table.extend(rows)
        return f"{len(rows)} rows"

    return _tree_mutation(data, change)


def xml_wrong_namespace(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """The WordprocessingML namespace URI changed throughout (Strict OOXML's, or a typo)."""
    new = rng.choice([b"http://purl.oclc.org/ooxml/wordprocessingml/main",
                      b"http://schemas.openxmlformats.org/wordprocessingml/2006/mai"])
    return _with_document(data, lambda xml: xml.replace(W.encode(), new)), new.decode()


# ---------------------------------------------------------------------------------------------
# PDF


_OBJECT = re.compile(rb"\d+ \d+ obj\b.*?endobj\s*", re.S)


def pdf_flip_bytes(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    out = bytearray(data)
    where = _flip(rng, out, 0, len(out), rng.randint(1, 32))
    return bytes(out), f"offsets {where}"


def pdf_truncate(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    cut = rng.randrange(1, len(data))
    return data[:cut], f"at {cut} of {len(data)}"


def pdf_duplicate_objects(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    objects = list(_OBJECT.finditer(data))
    first = rng.randrange(len(objects))
    last = min(len(objects) - 1, first + rng.randint(0, 3))
    piece = data[objects[first].start():objects[last].end()]
    at = rng.choice(objects).start()
    return data[:at] + piece + data[at:], f"objects {first}-{last} before offset {at}"


def pdf_remove_objects(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    objects = list(_OBJECT.finditer(data))
    first = rng.randrange(len(objects))
    last = min(len(objects) - 1, first + rng.randint(0, 3))
    return data[:objects[first].start()] + data[objects[last].end():], f"objects {first}-{last}"


def pdf_corrupt_xref(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """Change digits of the xref table's offsets, or the startxref offset."""
    out = bytearray(data)
    if rng.random() < 0.3:
        m = list(re.finditer(rb"startxref\s+(\d+)", data))[-1]
        value = str(rng.choice([0, 1, int(m.group(1)) + rng.randint(-50, 50), 10**12])).encode()
        return data[:m.start(1)] + value + data[m.end(1):], f"startxref -> {value.decode()}"
    start = data.rfind(b"xref")
    digits = [i for i in range(start, len(data)) if 0x30 <= data[i] <= 0x39]
    picked = rng.sample(digits, min(len(digits), rng.randint(1, 20)))
    for at in picked:
        out[at] = rng.randint(0x30, 0x39)
    return bytes(out), f"{len(picked)} digits"


def pdf_stream_lengths(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """Change /Length of streams: direct values, and the objects indirect ones point to."""
    spans: dict[int, tuple[int, bytes]] = {}  # start -> (end, new value)
    lengths = list(re.finditer(rb"/Length (\d+)( \d+ R)?", data))
    for m in rng.sample(lengths, min(len(lengths), rng.randint(1, 4))):
        value = str(rng.choice([0, 1, 3, 99999999, -5, rng.randint(0, 100000)])).encode()
        if m.group(2) is None:
            spans[m.start(1)] = (m.end(1), value)
        elif target := re.search(rb"(?<!\d)" + m.group(1) + rb" 0 obj\s*(\d+)", data):
            spans[target.start(1)] = (target.end(1), value)
    out = data
    for start in sorted(spans, reverse=True):
        end, value = spans[start]
        out = out[:start] + value + out[end:]
    return out, " ".join(f"{data[s:e].decode()}->{v.decode()}" for s, (e, v) in sorted(spans.items()))


def pdf_corrupt_stream(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    streams = [(m.end(), data.index(b"endstream", m.end())) for m in re.finditer(rb"stream\r?\n", data)
               if not data[max(0, m.start() - 3):m.start()].endswith(b"end")]
    lo, hi = rng.choice(streams)
    out = bytearray(data)
    where = _flip(rng, out, lo, hi, rng.randint(1, 8))
    return bytes(out), f"stream at {lo}: offsets {where}"


# name -> (mutation, weight)
DOCX_MUTATIONS: dict[str, tuple[Mutation, float]] = {
    "zip_drop_entry": (zip_drop_entry, 1), "zip_duplicate_entry": (zip_duplicate_entry, 1),
    "zip_truncate": (zip_truncate, 1), "zip_flip_central_directory": (zip_flip_central_directory, 1),
    "zip_rename_document": (zip_rename_document, 0.5), "zip_corrupt_stream": (zip_corrupt_stream, 1),
    "zip_sizes_crc": (zip_sizes_crc, 1), "zip_bomb": (zip_bomb, 0.1),
    "xml_flip_bytes": (xml_flip_bytes, 1), "xml_insert_bytes": (xml_insert_bytes, 1),
    "xml_delete_bytes": (xml_delete_bytes, 1), "xml_break_tag": (xml_break_tag, 0.5),
    "xml_delete_elements": (xml_delete_elements, 2), "xml_duplicate_elements": (xml_duplicate_elements, 2),
    "xml_huge_attribute": (xml_huge_attribute, 0.5), "xml_deep_nesting": (xml_deep_nesting, 0.5),
    "xml_text": (xml_text, 3), "xml_swap_cell_row": (xml_swap_cell_row, 1.5),
    "xml_span_values": (xml_span_values, 2), "xml_remove_tblgrid": (xml_remove_tblgrid, 0.5),
    "xml_shuffle_rows": (xml_shuffle_rows, 1), "xml_wrong_namespace": (xml_wrong_namespace, 0.2),
}
PDF_MUTATIONS: dict[str, tuple[Mutation, float]] = {
    "pdf_flip_bytes": (pdf_flip_bytes, 2), "pdf_truncate": (pdf_truncate, 1),
    "pdf_duplicate_objects": (pdf_duplicate_objects, 1), "pdf_remove_objects": (pdf_remove_objects, 1),
    "pdf_corrupt_xref": (pdf_corrupt_xref, 1), "pdf_stream_lengths": (pdf_stream_lengths, 1),
    "pdf_corrupt_stream": (pdf_corrupt_stream, 1),
}


@dataclass(frozen=True)
class Case:
    seed: int
    source: Path
    mutation: str  # the mutation's name
    detail: str  # what exactly it did
    data: bytes

    @property
    def label(self) -> str:
        return f"{self.mutation} {self.detail}"


def make_case(seed: int) -> Case:
    """The case of this seed: a sample and a mutation of it, every choice drawn from ``seed``."""
    rng = random.Random(seed)
    source = rng.choice(INPUTS)
    table = PDF_MUTATIONS if source.suffix == ".pdf" else DOCX_MUTATIONS
    names = list(table)
    name = rng.choices(names, weights=[table[n][1] for n in names])[0]
    data, detail = table[name][0](rng, source.read_bytes())
    return Case(seed, source, name, detail, data)


# ---------------------------------------------------------------------------------------------
# running a case


@dataclass
class Result:
    seed: int
    source: str
    mutation: str
    detail: str
    outcome: str  # ok | unreadable | CRASH | HANG | MEMORY
    reason: str | None  # ok/issues for a read file, the UnreadableInput reason, or what went wrong
    traceback: str | None
    seconds: float
    peak_rss_mb: float

    @property
    def failed(self) -> bool:
        return self.outcome in FAILURES


def warm_up() -> None:
    """Load everything a case needs once, before forking, so every child inherits it."""
    from reportcheck.pipeline import warm_up as warm_reportcheck
    from reportcheck.render.titles import section_titles

    warm_reportcheck()
    _pack()
    section_titles()


@cache
def _pack() -> dict:
    from reportcheck.rules import load_pack

    return load_pack()


def run_pipeline(path: Path) -> dict:
    """check_file and the text and JSON renderers on ``path`` (in the child); what happened.
    check_file turns an unexpected exception into an internal_error outcome: the traceback is taken
    where it does so."""
    import reportcheck.outcome as outcome_module
    from reportcheck.readers import ocr_engine
    from reportcheck.render.text import render_check, render_extract
    from reportcheck.render.titles import section_titles
    from reportcheck.typed import to_data

    tracebacks: list[str] = []
    make_error = outcome_module.internal_error

    def recording(p: str, exc: Exception):
        tracebacks.append(traceback.format_exc())
        return make_error(p, exc)

    outcome_module.internal_error = recording
    # The fuzzer damages parsers' input; OCR is left out: a text layer damaged into no text is refused as it
    # is without the OCR extra (reading its pages as images takes seconds a page, whatever the damage).
    ocr_engine.recognise = ocr_engine.detect_and_recognise = _no_ocr
    stage = "check_file"
    try:
        outcome = outcome_module.check_file(str(path), _pack())
        stage = "render"
        render_check([outcome], section_titles(), colour=False)
        json.dumps([outcome.as_json()], ensure_ascii=False)
        if outcome.report is not None:
            render_extract(outcome.report, section_titles())
            json.dumps(to_data(outcome.report), ensure_ascii=False)
    except MemoryError:
        return {"outcome": "MEMORY", "reason": f"MemoryError in {stage}", "traceback": traceback.format_exc()}
    except Exception as exc:
        return {"outcome": "CRASH", "reason": f"{type(exc).__name__} in {stage}",
                "traceback": traceback.format_exc()}
    if outcome.error is None:
        return {"outcome": "ok", "reason": outcome.status, "traceback": None}
    if outcome.error.reason != "internal_error":
        return {"outcome": "unreadable", "reason": outcome.error.reason, "traceback": None}
    trace = tracebacks[-1] if tracebacks else outcome.error.zh
    last = trace.strip().splitlines()[-1]
    kind = "MEMORY" if last.startswith("MemoryError") else "CRASH"
    return {"outcome": kind, "reason": last[:300], "traceback": trace}


def _no_ocr(*_args, **_kwargs):
    from reportcheck.readers.ocr_engine import OcrMissing

    raise OcrMissing("left out by the fuzzer")


def _child(path: Path, tmpdir: Path, memory_mb: int, timeout: float, out_fd: int) -> None:
    """The forked child: confine itself, limit its address space and its time (SIGALRM ends it, however
    busy the parent), run the pipeline, report what happened and how long it took, exit."""
    code = 0
    try:
        from reportcheck.runtime.supervisor import confine

        confine(tmpdir)
        limit = memory_mb << 20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        signal.setitimer(signal.ITIMER_REAL, timeout)
        log = os.open(tmpdir / "output.log", os.O_WRONLY | os.O_CREAT, 0o600)
        os.dup2(log, 1)
        os.dup2(log, 2)
        started = time.perf_counter()
        record = run_pipeline(path)
        record["seconds"] = time.perf_counter() - started
        payload = json.dumps(record).encode()
        view = memoryview(payload)
        while view:
            view = view[os.write(out_fd, view):]
    except BaseException:
        traceback.print_exc()
        code = 3
    finally:
        os._exit(code)


# How long past its own alarm the parent waits before it kills a child itself.
_GRACE = 10.0


@dataclass
class _Running:
    case: Case
    pid: int
    fd: int
    started: float
    tmpdir: Path
    chunks: list[bytes]


def _start(case: Case, workdir: Path, memory_mb: int, timeout: float) -> _Running:
    path = workdir / f"case-{case.seed}{case.source.suffix}"
    path.write_bytes(case.data)
    tmpdir = workdir / f"tmp-{case.seed}"
    read_fd, write_fd = os.pipe()
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _child(path, tmpdir, memory_mb, timeout, write_fd)
    os.close(write_fd)
    return _Running(case, pid, read_fd, started, tmpdir, [])


def _finish(run: _Running, timed_out: bool) -> Result:
    """Reap a child (killing it and its group first if ``timed_out``) and make its result; its own
    SIGALRM is a HANG too."""
    if timed_out:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(run.pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):
            os.kill(run.pid, signal.SIGKILL)
    _, status, usage = os.wait4(run.pid, 0)
    seconds = time.perf_counter() - run.started
    alarmed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGALRM
    if alarmed:  # whatever it started goes too
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(run.pid, signal.SIGKILL)
    os.close(run.fd)
    output = ""
    with contextlib.suppress(OSError):
        output = (run.tmpdir / "output.log").read_text("utf-8", "replace")[-2000:]
    shutil.rmtree(run.tmpdir, ignore_errors=True)
    (run.tmpdir.parent / f"case-{run.case.seed}{run.case.source.suffix}").unlink(missing_ok=True)
    payload = b"".join(run.chunks)
    if timed_out or alarmed:
        record = {"outcome": "HANG", "reason": "time limit", "traceback": None}
    elif payload:
        record = json.loads(payload)
        seconds = record.pop("seconds")
    elif os.WIFSIGNALED(status):
        record = {"outcome": "CRASH", "reason": f"killed by {signal.Signals(os.WTERMSIG(status)).name}",
                  "traceback": output or None}
    else:
        record = {"outcome": "CRASH", "reason": f"child exited with {os.waitstatus_to_exitcode(status)} "
                  "without a result", "traceback": output or None}
    case = run.case
    return Result(seed=case.seed, source=str(case.source.relative_to(ROOT)), mutation=case.mutation,
                  detail=case.detail[:300], seconds=round(seconds, 3),
                  peak_rss_mb=round(usage.ru_maxrss / 1024, 1), **record)


def run_cases(seeds: Iterable[int], jobs: int = 2, timeout: float = 20.0,
              memory_mb: int = 2048, save: Path | None = None) -> Iterator[Result]:
    """Run the cases of ``seeds``, ``jobs`` children at a time; results as the children end. Call
    :func:`warm_up` first so the children do not each load the modules."""
    yield from run_inputs((make_case(seed) for seed in seeds), jobs, timeout, memory_mb, save)


def run_files(paths: Iterable[Path], jobs: int = 2, timeout: float = 20.0,
              memory_mb: int = 2048) -> Iterator[Result]:
    """Run files as they are (saved crashes, say) the way a case is run; ``seed`` is their index."""
    yield from run_inputs((Case(n, path, "none", "", path.read_bytes()) for n, path in enumerate(paths)),
                          jobs, timeout, memory_mb)


def run_inputs(cases: Iterable[Case], jobs: int = 2, timeout: float = 20.0,
               memory_mb: int = 2048, save: Path | None = None) -> Iterator[Result]:
    """Run these cases, ``jobs`` children at a time, saving failing inputs under ``save``."""
    running: dict[int, _Running] = {}
    with tempfile.TemporaryDirectory(prefix="reportcheck-fuzz-") as tmp:
        try:
            yield from _loop(iter(cases), running, Path(tmp), jobs, timeout, memory_mb, save)
        finally:  # interrupted: end the children still running
            for run in running.values():
                _finish(run, timed_out=True)


def _loop(cases: Iterator[Case], running: dict[int, _Running], workdir: Path, jobs: int, timeout: float,
          memory_mb: int, save: Path | None) -> Iterator[Result]:
    more = True
    while more or running:
        while more and len(running) < jobs:
            case = next(cases, None)
            if case is None:
                more = False
                break
            run = _start(case, workdir, memory_mb, timeout)
            running[run.fd] = run
        if not running:
            break
        now = time.perf_counter()
        wait = max(0.0, min(r.started + timeout + _GRACE for r in running.values()) - now)
        ready, _, _ = select.select(list(running), [], [], wait)
        ended: list[tuple[_Running, bool]] = []
        for fd in ready:
            chunk = os.read(fd, 1 << 16)
            if chunk:
                running[fd].chunks.append(chunk)
            else:
                ended.append((running.pop(fd), False))
        now = time.perf_counter()
        for fd in [fd for fd, r in running.items() if now - r.started > timeout + _GRACE]:
            ended.append((running.pop(fd), True))
        for run, timed_out in ended:
            result = _finish(run, timed_out)
            if result.failed and save is not None:
                save.mkdir(parents=True, exist_ok=True)
                (save / f"{result.seed}-{result.mutation}{run.case.source.suffix}").write_bytes(run.case.data)
            yield result


# ---------------------------------------------------------------------------------------------
# command line


def summarise(results: list[Result], elapsed: float) -> dict:
    outcomes = Counter(r.outcome for r in results)
    slowest = max(results, key=lambda r: r.seconds)
    biggest = max(results, key=lambda r: r.peak_rss_mb)
    return {
        "cases": len(results), "elapsed_seconds": round(elapsed, 1),
        "outcomes": dict(sorted(outcomes.items())),
        "crashes": outcomes["CRASH"], "hangs": outcomes["HANG"], "memory_outs": outcomes["MEMORY"],
        "unreadable_reasons": dict(Counter(r.reason for r in results if r.outcome == "unreadable").most_common()),
        "mutations": dict(sorted(Counter(r.mutation for r in results).items())),
        "slowest": {"seed": slowest.seed, "seconds": slowest.seconds, "source": slowest.source,
                    "mutation": f"{slowest.mutation} {slowest.detail}", "outcome": slowest.outcome},
        "peak_rss": {"seed": biggest.seed, "mb": biggest.peak_rss_mb, "source": biggest.source,
                     "mutation": f"{biggest.mutation} {biggest.detail}", "outcome": biggest.outcome},
        "median_rss_mb": sorted(r.peak_rss_mb for r in results)[len(results) // 2],
        "failures": [{"seed": r.seed, "outcome": r.outcome, "source": r.source, "mutation": r.mutation,
                      "reason": r.reason} for r in results if r.failed],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=0, help="the first case's seed (case i has seed+i)")
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="children at a time")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds a case may take (HANG beyond)")
    parser.add_argument("--memory", type=int, default=2048, help="address-space limit of a case, MB")
    parser.add_argument("--save", type=Path, help="folder for the inputs that crash, hang or run out of memory")
    parser.add_argument("--log", type=Path, default=Path("fuzz-log.json"), help="JSON log of every case")
    args = parser.parse_args(argv)

    warm_up()
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop as on Ctrl-C: log what is done
    started = time.perf_counter()
    results: list[Result] = []
    try:
        for n, result in enumerate(run_cases(range(args.seed, args.seed + args.cases), args.jobs, args.timeout,
                                             args.memory, args.save), start=1):
            results.append(result)
            if result.failed:
                print(f"[{n}/{args.cases}] {result.outcome} seed {result.seed} {result.source} "
                      f"{result.mutation}: {result.reason}", flush=True)
            elif n % 500 == 0:
                print(f"[{n}/{args.cases}] {time.perf_counter() - started:.0f} s", flush=True)
    except KeyboardInterrupt:
        print(f"interrupted after {len(results)} cases", flush=True)
    if not results:
        return 1
    results.sort(key=lambda r: r.seed)
    summary = summarise(results, time.perf_counter() - started)
    args.log.write_text(json.dumps({"seed": args.seed, "cases": args.cases, "jobs": args.jobs,
                                    "timeout": args.timeout, "memory_mb": args.memory, "summary": summary,
                                    "results": [asdict(r) for r in results]}, ensure_ascii=False, indent=1),
                        "utf-8")
    slow, rss = summary["slowest"], summary["peak_rss"]
    print(f"cases {summary['cases']} in {summary['elapsed_seconds']} s: {summary['outcomes']}\n"
          f"crashes {summary['crashes']}, hangs {summary['hangs']}, memory-outs {summary['memory_outs']}\n"
          f"slowest: seed {slow['seed']} {slow['seconds']} s {slow['source']} {slow['mutation'][:120]} "
          f"({slow['outcome']})\n"
          f"peak RSS: {rss['mb']} MB (seed {rss['seed']}, {rss['mutation'][:80]}); "
          f"median {summary['median_rss_mb']} MB\n"
          f"log: {args.log}")
    return 1 if summary["crashes"] or summary["hangs"] or summary["memory_outs"] else 0


if __name__ == "__main__":
    sys.exit(main())
