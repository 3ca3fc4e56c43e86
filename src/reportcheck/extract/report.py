"""From the neutral layout to the typed :class:`Report`, anchored on the template's labels."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from reportcheck import catalogue as cat
from reportcheck.errors import OCR_INSTALL, PictureUnreadable, UnreadableInput
from reportcheck.extract.agreement import reconcile
from reportcheck.extract.columns import HeaderMap, looks_like_header
from reportcheck.extract.cut_labels import labels_made_whole
from reportcheck.extract.declaration import is_declaration
from reportcheck.extract.fields import BasicInfoReader, FieldReader, category_of
from reportcheck.extract.furniture import content_lines
from reportcheck.extract.indicators import (
    IndicatorReader,
    missing_rows,
    optional_unreadable,
    row_index,
    unknown_rows,
)
from reportcheck.extract.labels import SURE_SCORE, is_part, strip_numbering
from reportcheck.extract.lines import Line, flatten
from reportcheck.extract.lists import ListReader, indicator_header, list_index
from reportcheck.extract.name_agreement import odd_names
from reportcheck.extract.ocr import pages_in_doubt, scanned, unsure
from reportcheck.extract.row_labels import match_label
from reportcheck.extract.sections import (
    Section,
    build_heading_index,
    chapter_read_in_part,
    match_heading,
    number_fits,
    numbered_later,
)
from reportcheck.extract.side_by_side import blocks_one_after_another
from reportcheck.extract.tables_ahead import tables_after_their_headings
from reportcheck.extract.template_choice import Choice, choose_template
from reportcheck.extract.texts import TextCollector
from reportcheck.extract.transposed import turned_upright
from reportcheck.extract.unruled import pages_unruled
from reportcheck.extract.year_pairs import years_parted
from reportcheck.layout import Cell, Document, Paragraph, Picture
from reportcheck.model import Indicator, Issue, Loc, Report
from reportcheck.normalize.evidence import split_evidence
from reportcheck.normalize.numbers import parse_value
from reportcheck.spec import TemplateSpec

_PAGE_RANGE = re.compile(
    r"(?:第|[Pp]\.?)\s*(\d+)\s*页?\s*(?:-|~|至|到|—|－|～)+\s*(?:第|[Pp]\.?)?\s*(\d+)\s*页?")
# What may stand between 佐证材料 and the appendix's page range: 七、佐证材料（第10-40页）, 佐证材料见附件（第10页至
# 第60页）. Longer, or past a leader (……), it is a range of an entry of the appendix's table of contents.
_RANGE_NEAR = 8
_TOC_LEADER = re.compile(r"[…⋯]|\.{3,}|·{3,}")
_PAGE_COUNT = re.compile(r"共\s*(\d+)\s*页")
_SURE_HEADING = 97.0
_EXACT_HEADING = 100.0
_STAMP_TAIL = 4  # characters a stamp's text beside a scanned heading may add to its line
_FRAME_MARKS = re.compile(r"[^\u3400-\u9fff]+$")  # what a stamp's frame reads as at a line's end: ! 」 L_ j "7
_RANGE_SURE = 0.99  # OCR confidence a stated evidence page range must reach to be checked against
_MIN_RECOGNISED = 3  # headings or indicator rows below which a file is not a report
_PICTURES_READ = 3  # pictures of one section read by OCR at most
_READ_ENOUGH = 0.25  # share of the form's parts below which a report is one reading failure


PictureReader = Callable[[Picture], list[Line]]


def extract(doc: Document, read_picture: PictureReader | None = None) -> Report:
    """Extract a normalised document. Raises :class:`UnreadableInput` when it is not a report.
    ``read_picture`` reads a picture standing where a table of the form should be (raising
    :class:`PictureUnreadable`); without it pictures are passed over."""
    lines = flatten(doc)
    if not any(text.strip() for line in lines for text in line.texts()):
        raise UnreadableInput(doc.path, "empty", "文件中没有任何文字（空白文档），请确认提交的是填写好的报告",
                              "the document has no text at all; send the filled-in report")
    choice = choose_template(lines)
    walker = _Walker(choice.spec, read_picture)
    lines = blocks_one_after_another(turned_upright(lines, walker.row_indexes.values()))
    lines = years_parted(labels_made_whole(lines))
    for line in tables_after_their_headings(content_lines(lines, walker.headings), walker.headings,
                                            walker.row_indexes):
        walker.feed(line)
    try:
        report = walker.report(doc.path, choice)
    except UnreadableInput as exc:
        if exc.reason != "not_report" or not doc.garbled_pages:
            raise
        raise UnreadableInput(
            doc.path, "garbled",
            "PDF文字无法识别（字体缺少ToUnicode映射，复制出来是乱码），按图像识别也未能读出报告内容。"
            "请用Word或WPS重新导出PDF或提交.docx",
            "the PDF text is garbled (fonts without a ToUnicode map) and OCR of its pages found no report; "
            "export it again or send the .docx") from None
    _pages_said_once(doc, report)
    report.scanned_pages = sorted({b.page for b in _ocr_blocks(doc) if b.page is not None})
    pages_unruled(report, doc.unruled_pages)
    return report


_READ_BY_OCR = "已按图像做文字识别（OCR）读取；识别没有把握的内容不作判定。"
_NOT_READ = f"这些页未能读取（按图像读取需要文字识别组件：{OCR_INSTALL}），其中的内容未参与核对。"


def _pages_said_once(doc: Document, report: Report) -> None:
    """A PDF's pages read otherwise than by their text layer, or not read, each kind said once naming its pages:
    text layers that could not be used (read by OCR, or left unread without it) and scanned pages among text
    pages (likewise). Unread pages are a warning: what stood on them was not checked."""
    for pages, kind, field, read in ((doc.unread_pages, cat.TEXT_LAYER_OCR, "PDF文字层", False),
                                     (doc.garbled_pages, cat.TEXT_LAYER_OCR, "PDF文字层", True),
                                     (doc.image_pages, cat.IMAGE_PAGES, "扫描页", True),
                                     (doc.unread_image_pages, cat.IMAGE_PAGES, "扫描页", False)):
        if pages:
            issue = kind.issue(section=None, field=field, pages="、".join(map(str, pages)),
                               how=_READ_BY_OCR if read else _NOT_READ)
            report.extraction_issues.insert(0, issue if read else replace(issue, severity="warning"))
    for page, same in doc.repeated_pages.items():
        report.extraction_issues.append(cat.PAGE_REPEATED.issue(section=None, field="扫描页", location=Loc(page=page),
                                                             page=page, same=same))


def _scanned_line(line: Line) -> bool:
    if line.para is not None:
        return line.para.confidence is not None
    return any(c.confidence is not None for c in line.cells)


def _stamped_title_row(line: Line) -> str:
    """A scanned title row a stamp's frame cut in two, read as the title and, beside it, a cell of no more than
    the stamp's few characters and no figure (2.4、集群创新情况 | 已审核): its two texts as one line; else ""."""
    own = [c for c in line.cells if not c.continued]
    if line.para is not None or len(own) != 2:
        return ""
    title, stamp = (_without_frame(c.norm) for c in own)
    if not title or len(stamp) > _STAMP_TAIL or any(ch.isdigit() for ch in stamp):
        return ""
    return f"{title} {stamp}"


def _ocr_blocks(doc: Document) -> Iterator[Paragraph | Cell]:
    """The paragraphs and cells whose text came from OCR."""
    for block in doc.iter_blocks():
        if isinstance(block, Paragraph):
            if block.confidence is not None:
                yield block
        else:
            yield from (c for row in block.rows for c in row if c.confidence is not None)


def _appendix_range(text: str) -> re.Match[str] | None:
    """The page range a text states for the appendix: right after its 佐证材料, not an entry's of its table of
    contents (七、佐证材料 佐证材料目录 1. 上市和挂牌企业数量相关证明材料……第18-19页, run into one line); further
    on where the text also counts the pages the range holds (佐证材料另册装订（共37页，页码自第1页起单独编排，
    为第1—37页）)."""
    m = _PAGE_RANGE.search(text)
    if m is None:
        return None
    between = text[:m.start()].rpartition("佐证材料")[2]
    if _TOC_LEADER.search(between):
        return None
    counted = _PAGE_COUNT.search(between)
    whole = counted is not None and int(counted.group(1)) == int(m.group(2)) - int(m.group(1)) + 1
    return m if len(between) <= _RANGE_NEAR or whole else None


def _unsure_range(line: Line) -> bool:
    """A page range read by OCR short of near certainty: every page reference is checked against it,
    so one misread digit ("第40-40页" for "第10-40页") would make a finding of each."""
    sources = [line.para] if line.para is not None else line.cells
    return any(s is not None and unsure(s, _RANGE_SURE) for s in sources)


class _Walker:
    """One pass over the lines; the current heading decides who reads each line."""

    def __init__(self, spec: TemplateSpec, read_picture: PictureReader | None = None) -> None:
        self.spec = spec
        self.read_picture = read_picture
        self.pictures: dict[str, str | None] = {}  # table or list id -> why its picture was not read
        self._waiting: list[tuple[Section, list[Picture]]] = []  # pictures in table sections, read at their end
        self.headings = build_heading_index(spec)
        lists = {id(t): t for t in self.headings.fuzzy_targets if isinstance(t, Section) and t.kind == "list"}
        self._list_headers = [(t, list_index(t.spec)) for t in lists.values()]  # type: ignore[arg-type]
        self.section: Section | None = None
        self.recognised = 0
        self.basic = BasicInfoReader(spec.basic_info)
        self.fields = FieldReader([f for t in spec.indicator_tables for f in t.fields]
                                  + list(spec.section_fields))
        self.indicators: dict[str, IndicatorReader] = {}
        self.lists: dict[str, ListReader] = {}
        self.texts: dict[str, TextCollector] = {}
        self.row_indexes = {t.id: row_index(t) for t in spec.indicator_tables}
        self.declaration_present = False
        self._last_text = ""
        self.evidence_range: tuple[int, int] | None = None
        self._range_from_appendix = False
        self._range_doubts: list[Issue] = []
        self._parts = False  # chapters headed 第二部分: their sections are numbered 一、二、 within them

    def feed(self, line: Line) -> None:
        text = line.first_text
        found = match_heading(self.headings, text)
        if found is None and _scanned_line(line) and (text := text or _stamped_title_row(line)):
            text, found = self._stamped_heading(text)
        if found is not None and self._accepts(*found, text):
            self._parts |= found[0].kind != "text" and is_part(text)
            self._enter(found[0], line)
            return
        if found is None and _scanned_line(line) and self.section is not None and (
                chapter := chapter_read_in_part(self.headings, line.first_text, self.section.order)) is not None:
            self._enter(chapter, line)  # else the chapter's text ran on as the section before's
            return
        if line.pictures and self.section is not None and self.section.kind in ("indicators", "list"):
            self._waiting.append((self.section, line.pictures))
        self._content(line)

    def _stamped_heading(self, text: str) -> tuple[str, tuple[Section, float] | None]:
        """A scanned heading with the few characters a stamp beside it added to its line (（4）集群创新情况 甲核,
        2.1集群主要经济指标已审核: a blue 已审核 read in part or whole; on a black-and-white scan its frame read
        too, as marks round them: 2.1集群主要经济指标!已审核!, 3.1园区主要经济指标L_已审核"7), when without
        them it is a heading of the form word for word; else ``text`` and None."""
        head, _, tail = text.rstrip().rpartition(" ")
        shorter = [head.rstrip()] if head and len(tail) <= _STAMP_TAIL else []
        bare = _without_frame(text)
        shorter += [_without_frame(bare[:-n]) for n in range(1, _STAMP_TAIL + 1) if len(bare) > n + _STAMP_TAIL]
        for candidate in shorter:
            found = match_heading(self.headings, candidate)
            if found is not None and found[1] >= _EXACT_HEADING:
                return candidate, found
        return text, None

    def _content(self, line: Line) -> None:
        """A line that is no heading, read by the current section."""
        if self.fields.feed(line):
            return
        section = self.section
        if section is None:
            return
        if section.kind == "evidence" or (line.para is not None and section.kind != "text"):
            self._evidence_range(line, stated_in_appendix=section.kind == "evidence")
        if section.kind == "basic":
            self.basic.feed(line)
        elif section.kind == "indicators":
            self._indicator_line(line)
        elif section.kind == "list":
            if not self._indicator_row_in_list(line):
                self.lists[section.spec.id].feed(line)  # type: ignore[union-attr]
        elif section.kind == "text":
            self.texts[section.id].feed(line)
        if section.kind == "declaration":
            self._declaration(line)
        elif line.para is not None and section.kind != "text":  # its heading reworded past knowing
            self.declaration_present |= is_declaration("".join(line.texts()))

    def _unread(self, section: Section) -> bool:
        """An indicator table's or a list's section none of whose rows has been read."""
        if section.kind == "indicators":
            return not self.indicators[section.id].found
        return not self.lists[section.spec.id].table.rows  # type: ignore[union-attr]

    def _settle_pictures(self) -> None:
        """Pictures in a table's section, read by OCR once the section is over and only if its table was not
        read (a table pasted as a screenshot): a logo, a chart or a photo beside a table is never read."""
        waiting, self._waiting = self._waiting, []
        current = self.section
        for section, pictures in waiting:
            if self.read_picture is None or not self._unread(section):
                continue
            key = section.id if section.kind == "indicators" else section.spec.id  # type: ignore[union-attr]
            for picture in pictures[:_PICTURES_READ]:
                try:
                    lines = self.read_picture(picture)
                except PictureUnreadable as exc:
                    self.pictures.setdefault(key, exc.reason)
                    continue
                if not any(pic_line.is_row for pic_line in lines):
                    self.pictures.setdefault(key, "图片中未识别出表格")
                    continue
                self.pictures[key] = None
                self.section = section
                for pic_line in lines:
                    self._content(pic_line)
        self.section = current

    def _picture_issue(self, key: str, section: str, title: str, read: bool) -> Issue | None:
        """X015 for a table read from its picture; X016 for a picture that could not be, when the section
        holds no table read otherwise (``read``)."""
        if key not in self.pictures or (read and self.pictures[key] is not None):
            return None
        why = self.pictures[key]
        if why is None:
            return cat.PICTURE_TABLE.issue(section=section, field=title, title=title)
        return cat.PICTURE_UNREAD.issue(section=section, field=title, title=title, why=why)

    def _declaration(self, line: Line) -> None:
        """The declaration in its section, also when its sentence is broken over two lines."""
        text = "".join(line.texts())
        self.declaration_present |= is_declaration(self._last_text + text)
        self._last_text = text

    def _accepts(self, heading: Section, score: float, text: str) -> bool:
        """Inside free text, a line that looks like an earlier heading, only nearly like a later one,
        or numbered otherwise (一、基本情况 is not 4.1 基本情况) is the applicant's prose — but for a heading
        of the form word for word, numbered a chapter or more later (a chapter kept before it moved the numbers
        on). A text section anchored by a stray line (a contents entry nobody recognised) and holding nothing
        yet gives way to any heading."""
        if self.section is None or self.section.kind != "text":
            return True
        number, _ = strip_numbering(text)
        numbered_so = number is None or number_fits(number, heading.id, within_part=self._parts) or (
            score >= _EXACT_HEADING and numbered_later(number, heading.id))
        if not self.texts[self.section.id].lines:  # holding nothing yet, it has no prose to protect
            return numbered_so
        return heading.order > self.section.order and score >= _SURE_HEADING and numbered_so

    def _evidence_range(self, line: Line, stated_in_appendix: bool) -> None:
        """The appendix's page range, when the report states it: in the appendix's heading or section
        (七、佐证材料（第30-80页）), which wins, or elsewhere as the appendix's
        (佐证材料见附件（第10页至第60页）). A note that some figures' evidence is on pages 23-25 is not
        the appendix's range, nor are the sub-ranges of the appendix's table of contents."""
        if self._range_from_appendix or (self.evidence_range is not None and not stated_in_appendix):
            return
        for text in line.texts():
            text = "".join(text.split())
            if "佐证材料" not in text or not (stated_in_appendix or "附件" in text):
                continue
            m = _appendix_range(text)
            if m and _unsure_range(line):
                self._range_doubts = [cat.OCR_UNSURE.issue(
                    section="7", field="佐证材料页码范围", location=line.loc, what="佐证材料的页码范围",
                    raw=m.group(0), why="页码范围须完全识别无误，识别置信度不足")]
                self._range_from_appendix = self._range_from_appendix or stated_in_appendix
                return
            if m:
                self.evidence_range = (int(m.group(1)), int(m.group(2)))
                self._range_from_appendix = stated_in_appendix
                return

    def _enter(self, heading: Section, line: Line) -> None:
        self._settle_pictures()
        self.section = heading
        self.recognised += 1
        if heading.kind == "evidence":
            self._evidence_range(line, stated_in_appendix=True)
        found_by = f"标题“{''.join(line.first_text.split())}”"
        if heading.kind == "indicators":
            reader = self.indicators.setdefault(heading.id, IndicatorReader(
                heading.spec, self.row_indexes[heading.id]))  # type: ignore[arg-type]
            reader.log.found_by = reader.log.found_by or found_by
        elif heading.kind == "list":
            lst = self.lists.setdefault(heading.spec.id, ListReader(heading.spec))  # type: ignore[union-attr,arg-type]
            lst.log.found_by = lst.log.found_by or found_by
        elif heading.kind == "text":
            collector = self.texts.setdefault(heading.id, TextCollector(heading.spec))  # type: ignore[arg-type]
            collector.feed(line, skip_first_line=True)

    def _indicator_line(self, line: Line) -> None:
        reader = self.indicators[self.section.id]  # type: ignore[union-attr]
        lost = self._list_whose_title_was_lost(line) if reader.found else None
        if lost is not None:
            self._enter(lost, line)
            self.lists[lost.spec.id].log.found_by = "表头（扫描件中未读出该表的标题）"  # type: ignore[union-attr]
            self.lists[lost.spec.id].feed(line)  # type: ignore[union-attr]
            return
        if reader.feed(line, borrow=None if reader.header.has_values() else self._header_before(reader)):
            return
        # A row of another table whose heading the applicant deleted: follow the label, when it is that
        # table's for sure (a scan's row label cut short, 集群规上工业企业营 ⏎ 业收入, is only like 2.2's
        # 规上工业企业数量: it stays here, where its next line may finish it).
        for table in self.spec.indicator_tables:
            index = self.row_indexes[table.id]
            if table.id == reader.spec.id:
                continue
            hit = match_label(index, reader.header, line)
            if hit is not None and hit.score >= SURE_SCORE:
                target = self.indicators.get(table.id)
                if target is None:
                    target = self.indicators[table.id] = IndicatorReader(table, index)
                    target.log.found_by = f"指标名称（未找到“{table.id} {table.title}”标题，表头沿用{reader.spec.id}）"
                if not target.header.columns:
                    target.header = reader.header
                target.feed(line, hit)
                return
        reader.keep_unknown(line)

    def _list_whose_title_was_lost(self, line: Line) -> Section | None:
        """The list of the current section a scan's row is the header of, when the scan lost the list's title
        between the section's indicator table and it (营业收入排名前十 under 2.2's table): the one list of the
        section whose columns the row names, not yet read."""
        if not line.is_row or not any(scanned(c) for c in line.cells) or indicator_header(line.cells):
            return None  # 指标名称 | 2021年 | 2022年 names a list's columns too, but heads an indicator table
        section = self.section.id  # type: ignore[union-attr]
        for heading, columns in self._list_headers:
            if heading.spec.section == section and heading.spec.id not in self.lists \
                    and looks_like_header(line.cells, "list", columns):  # type: ignore[union-attr]
                return heading
        return None

    def _header_before(self, reader: IndicatorReader) -> HeaderMap | None:
        """The header with years of the last table of ``reader``'s kind read before it (a scan's table whose
        own header lost its years reads under it)."""
        before = [r for r in self.indicators.values() if r is not reader and r.spec.kind == reader.spec.kind
                  and r.found and r.header.years()]
        return before[-1].header if before else None

    def _indicator_row_in_list(self, line: Line) -> bool:
        """A scan's row of an indicator table found under a list (the scan lost the gap and the heading
        between them, so the two tables ran together): never an entry of the list. An indicator row holds
        figures: an entry named like an indicator (国家级工业设计中心（…公司） | 国家级 | 22年11月) holds none."""
        if not line.is_row or not any(scanned(c) for c in line.cells):
            return False
        if not any(parse_value(split_evidence(c.norm)[0]).value is not None for c in line.cells[1:] if c.norm):
            return False
        label = split_evidence(line.cells[0].norm)[0]
        table = next((t for t in self.spec.indicator_tables if self.row_indexes[t.id].match(label)), None)
        if table is None:
            return False
        self.lists[self.section.spec.id].log.skip(line, f"扫描件中{table.id}表格的指标行")  # type: ignore[union-attr]
        return True

    def report(self, path: str, choice: Choice) -> Report:
        self._settle_pictures()
        issues: list[Issue] = []
        indicators: list[Indicator] = []
        recognised = self.recognised + sum(len(r.found) for r in self.indicators.values())
        if recognised < _MIN_RECOGNISED:
            raise UnreadableInput(
                path, "not_report",
                "不是湖南省产业集群竞赛参赛报告：未找到模板中的标题或指标表，请确认文件",
                "not a cluster competition report: no heading or indicator table of the template; check the file")
        basic = self.basic.result()
        issues.extend(self._range_doubts if self.evidence_range is None else [])
        issues.extend(self.basic.issues_found)
        issues.extend(self.fields.issues)
        # A category a scan's OCR was unsure of is not used (its D004 says so): the entry conditions
        # then say they cannot be verified by category.
        category = category_of(basic.category) if "category" not in basic.doubts else None
        if choice.title is None:
            issues.append(cat.STAGE_UNKNOWN.issue(stage=self.spec.stage))
        elif choice.conflict is not None:
            issues.append(cat.STAGE_CONFLICT.issue(
                section=None, field="报告标题", title="".join(choice.title.split()), written=choice.conflict[0],
                stage=self.spec.stage, evidence=choice.conflict[1]))
        if category is None and "category" not in basic.doubts and "category" not in basic.not_found:
            issues.append(cat.CATEGORY_UNKNOWN.issue(
                section="1", field="申报类别", location=basic.locations.get("category"),
                value=basic.category or "（空）"))
        years = self._years(issues)
        for table in self.spec.indicator_tables:
            reader = self.indicators.get(table.id)
            picture = self._picture_issue(table.id, table.id, table.title, bool(reader and reader.found))
            if picture is not None:
                issues.append(picture)
                if self.pictures[table.id] is not None:
                    continue  # the picture is the one finding: not a missing row per row
            if reader is None:
                issues.append(cat.TABLE_MISSING.issue(section=table.id, field=table.title,
                                                      title=table.title))
                continue
            if not reader.header.has_values() and reader.found:
                issues.append(cat.YEARS_MISSING.issue(section=table.id, field=table.title))
            reader.settle_notes()
            reconcile(list(reader.found.values()), reader.log, reader.issues)
            issues.extend(optional_unreadable(table, reader.issues, category))
            issues.extend(missing_rows(table, reader, category))
            issues.extend(unknown_rows(table, reader))
            indicators.extend(reader.found[r.key] for r in table.rows if r.key in reader.found)
        lists = []
        readings = [self.indicators[t.id].log.result() for t in self.spec.indicator_tables
                    if t.id in self.indicators]
        for lst in self.spec.list_tables:
            list_reader = self.lists.get(lst.id)
            picture = self._picture_issue(lst.id, lst.section, lst.title,
                                          bool(list_reader and list_reader.table and list_reader.table.rows))
            if picture is not None:
                issues.append(picture)
            if list_reader is not None:
                list_reader.finish()
                issues.extend(list_reader.issues)
                if list_reader.headless and not list_reader.table.rows:  # a scan's list: not known to be empty
                    issues.append(cat.LIST_UNREAD.issue(section=lst.section, field=lst.title, title=lst.title,
                                                        count=list_reader.headless))
                lists.append(list_reader.table)
                readings.append(list_reader.log.result())
            elif picture is None:
                issues.append(cat.TABLE_MISSING.issue(section=lst.section, field=lst.title, title=lst.title))
        issues.extend(odd_names([r.table for r in self.lists.values() if r.scanned and r.table]))
        texts = [self.texts[tb.id].result(self.spec.prose_keywords)
                 for tb in self.spec.text_blocks if tb.id in self.texts]
        issues += [cat.TEXT_MISSING.issue(section=tb.id, field=tb.title, title=tb.title)
                   for tb in self.spec.text_blocks if tb.id not in self.texts]
        report = Report(source=path, template=self.spec.id, stage=self.spec.stage,
                        category=category, years=years, basic=basic,  # type: ignore[arg-type]
                        fields=self.fields.values, indicators=indicators, lists=lists, texts=texts,
                        declaration_present=self.declaration_present, evidence_range=self.evidence_range,
                        extraction_issues=pages_in_doubt(issues), readings=readings)
        self._judge_reading(report)
        return report

    def _judge_reading(self, report: Report) -> None:
        """A report of which almost no table of the form was read says so once: one finding at the top, and
        no rule runs on what little there is (its findings would be the reading's, not the report's)."""
        parts = {f"{t.id} {t.title}": bool(self.indicators.get(t.id) and self.indicators[t.id].found)
                 for t in self.spec.indicator_tables}
        parts |= {f"{t.section} {t.title}": any(t.id == lst.id and lst.rows for lst in report.lists)
                  for t in self.spec.list_tables}
        parts["1 集群基本信息"] = bool(self.basic.seen)  # the tables: a text block's heading says nothing of them
        read = [name for name, ok in parts.items() if ok]
        if len(read) >= _READ_ENOUGH * len(parts):
            return
        report.reading_failed = True
        report.extraction_issues = [cat.READING_FAILED.issue(
            section=None, field="报告", expected=len(parts), read=len(read),
            found="读出：" + "、".join(read) if read else "一个部分也没有读出")]

    def _years(self, issues: list[Issue]) -> list[str]:
        """The report's years (its first indicator table's that shows two or more: the form asks for two; one
        year alone is a header read in part, 2021年2022年 run together on a scan, and would take the year before
        for the latest); a table whose years neither hold these nor lie among them (2.1 of 2021–2023 with an
        earlier year added, 3.1 of 2022–2023: no) says so."""
        readers = [self.indicators[t.id] for t in self.spec.indicator_tables
                   if t.id in self.indicators and t.kind != "targets"]
        main = next((r.years for r in readers if len(r.years) > 1), None) or next(
            (r.years for r in readers if r.years), [])
        for reader in readers:
            if reader.years and not (set(reader.years) <= set(main) or set(main) <= set(reader.years)):
                issues.append(cat.YEARS_INCONSISTENT.issue(
                    section=reader.spec.id, field=reader.spec.title, found="、".join(reader.years),
                    expected="、".join(main)))
        return main


def _without_frame(text: str) -> str:
    """``text`` without the marks a stamp's frame left at its end (anything but Chinese characters)."""
    return _FRAME_MARKS.sub("", text.rstrip())
