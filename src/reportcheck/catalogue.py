"""Issue types: a stable code, a default severity and a Chinese message template.

Every finding, whether from extraction or from a rule, is built from one of these, so a
message is always made from its args and the args travel with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportcheck.model import Issue, Loc, Severity

# What a code may be besides its severity: each tag replaces a list that used to be kept beside the rules.
TAGS: dict[str, str] = {
    "form": "只针对Word表格本身（基本信息、佐证页码、正文）：从Excel数据表读取的报告不运行",
    "threshold-advanced": "先进制造业集群的参赛门槛：批量工作簿的“参赛条件”据此判定",
    "threshold-sme": "中小企业特色产业集群的参赛门槛：批量工作簿的“参赛条件”据此判定",
    "relaxable": "加 --relaxed（革命老区、民族地区、困难地区）时，错误降为警告",
    "ocr-sensitive": "扫描件上可能是文字识别误差所致，只作提示",
    "cannot-verify": "“无法核验”：由需要该数据的规则给出，随该规则选择",
}


@dataclass(frozen=True, slots=True)
class IssueType:
    """A kind of finding: its code, severity and message, the clause it rests on."""

    code: str
    name: str
    severity: Severity
    template: str
    source: str = ""
    description: str = ""  # for codes no single rule owns (extraction, "cannot verify")
    tags: frozenset[str] = frozenset()  # keys of TAGS

    def __post_init__(self) -> None:
        unknown = set(self.tags) - TAGS.keys()
        if unknown:  # a misspelt tag would silently drop the code from what the tag drives
            raise ValueError(f"{self.code}: unknown tags {sorted(unknown)}; known: {sorted(TAGS)}")

    def issue(self, *, section: str | None = None, field: str | None = None,
              location: Loc | None = None, **args: object) -> Issue:
        return Issue(code=self.code, severity=self.severity, section=section, field=field,
                     message=self.template.format(section=section, field=field, **args),
                     location=location, args=args)


# Findings that something could not be found (a row, a table, a heading, a field) or was not the template's
# (a row's label): on a scan, OCR may have misread the very words they look for, or run two tables together,
# so they are told, not judged.
_OCR = frozenset({"ocr-sensitive"})

# Extraction family (X): trouble reading the form, reported instead of guessed at.
VALUE_UNREADABLE = IssueType(
    "X001", "extract.value-unreadable", "error",
    "无法识别的数值：“{raw}”（{column}）。请填写数字，如 120.5；无数据请填“—”。")
ROW_MISSING = IssueType(
    "X002", "extract.row-missing", "warning",
    "未找到指标行“{label}”。请按模板保留该行，无数据时填“—”。", tags=_OCR)
UNIT_CONVERTED = IssueType(
    "X003", "extract.unit-converted", "info",
    "“{raw}”的单位为{from_unit}，已按本行单位换算为 {value:g}{unit}。")
UNIT_MISMATCH = IssueType(
    "X004", "extract.unit-mismatch", "error",
    "“{raw}”的单位{cell_unit}与本行单位{unit}不一致，无法换算。请按{unit}填写。")
YEARS_MISSING = IssueType(
    "X005", "extract.years-missing", "error",
    "表头中未找到年份（如“2021年”），无法读取本表数值。请保留表头的年份。", tags=_OCR)
STAGE_UNKNOWN = IssueType(
    "X006", "extract.stage-unknown", "warning",
    "未找到报告标题“参赛报告（初赛/决赛）”，按{stage}模板读取。")
STAGE_CONFLICT = IssueType(
    "X013", "extract.stage-conflict", "warning",
    "报告标题写的是“{title}”（{written}），但报告的标题层次是{stage}模板的（如“{evidence}”），已按{stage}模板读取。"
    "请把标题改为“湖南省产业集群竞赛参赛报告（{stage}）”。",
    description="标题中的阶段（初赛/决赛）与报告采用的模板不一致：多见于用上一阶段的报告改写而忘改标题。")
TEXT_LAYER_OCR = IssueType(
    "X014", "extract.text-layer-ocr", "info",
    "PDF第{pages}页的文字层无法识别（字体缺少ToUnicode映射，复制出来是乱码），{how}用Word或WPS重新导出PDF可避免。",
    description="PDF的文字层是乱码时，改用文字识别读取那些页（未装文字识别组件时说明这些页未读），并如实说明。")
PICTURE_TABLE = IssueType(
    "X015", "extract.picture-table", "info",
    "“{section} {title}”的表格是一张图片，已用文字识别（OCR）读取；识别没有把握的数字不作判定。"
    "请尽量粘贴为可编辑的Word表格。",
    description="表格以图片形式粘贴时，用文字识别读取，并如实说明。")
PICTURE_UNREAD = IssueType(
    "X016", "extract.picture-unread", "warning",
    "“{section} {title}”的表格是一张图片，{why}，本表数据未能核对。请粘贴为可编辑的Word表格。",
    description="表格以图片形式粘贴而无法识别时，只报一条，不逐行报缺。")
CATEGORY_UNKNOWN = IssueType(
    "X007", "extract.category-unknown", "warning",
    "申报类别“{value}”无法识别，参赛条件无法按类别核验。请填写或勾选“先进制造业集群”“中小企业特色产业集群”之一。",
    tags=_OCR)
ROW_DUPLICATE = IssueType(
    "X008", "extract.row-duplicate", "warning",
    "指标“{label}”出现了两次（第二次：“{raw}”），只读取了第一次。请删除重复行。", tags=_OCR)
TABLE_MISSING = IssueType(
    "X009", "extract.table-missing", "warning",
    "未找到“{section} {title}”表格。请按模板填写该表。", tags=_OCR)
ROW_UNKNOWN = IssueType(
    "X010", "extract.row-unknown", "info",
    "“{label}”不是模板中的指标，未读取。", tags=_OCR)
YEARS_INCONSISTENT = IssueType(
    "X011", "extract.years-inconsistent", "warning",
    "{section}的年份为{found}，与2.1的年份{expected}不一致。", tags=_OCR)

ROWS_UNREAD = IssueType(
    "X017", "extract.rows-unread", "warning",
    "“{section} {title}”中有{count}个指标行未找到（{labels}），多半是这些行的写法未能识别，未逐行报缺。"
    "请按模板保留这些行的指标名称。", tags=_OCR)
READING_FAILED = IssueType(
    "X018", "extract.reading-failed", "error",
    "本报告只读出了模板{expected}个部分中的{read}个（{found}），大部分内容未能读取，无法可靠检查，"
    "其余问题不再列出。请确认文件是按模板填写的参赛报告；如是PDF或扫描件，请提交.docx。")
TEXT_MISSING = IssueType(
    "X019", "extract.text-missing", "warning",
    "未找到“{section} {title}”（已按标题查找）。请按模板填写该部分。", tags=_OCR)
RULE_FAILED = IssueType(
    "X020", "internal.rule-failed", "warning",
    "规则{code}运行时发生内部错误（{error}），这一项未能检查，其他检查照常进行。请把该文件发给reportcheck维护者。")
LIST_UNREAD = IssueType(
    "X021", "extract.list-unread", "info",
    "扫描件中找到了“{section} {title}”，但未能识别其表头，其下{count}行一个条目也没有读出，该表未参与核对"
    "（不是空表）。请对照原件核实，或重新扫描（300dpi、纸张平整）、提交.docx文件。")
IMAGE_PAGES = IssueType(
    "X022", "extract.image-pages", "info",
    "PDF第{pages}页是扫描图像（其余各页有文字层），{how}",
    description="文字PDF中夹有扫描页（打印、签字后重新扫描放回）时，这些页按图像识别读取（未装文字识别组件时说明这些页未读），"
                "并如实说明；报告最后一页文字之后或佐证材料中的图片页不读。")
PAGE_REPEATED = IssueType(
    "X023", "extract.page-repeated", "info",
    "扫描件第{page}页与第{same}页内容相同（同一页扫描了两次，如扫描仪重复进纸），只按第{same}页读取了一次。"
    "请确认没有因此漏扫其他页。",
    description="扫描件中同一页出现两次（重复进纸、整叠重放）时只读一次并提示，不把其中的名单条目算作重复。")
TABLE_UNREAD = IssueType(
    "X012", "extract.table-unread", "warning",
    "找到了“{section} {title}”，但没有读出其中任何指标行（{tried}）。请按模板保留该表的表头和指标名称。", tags=_OCR)

# Doubt family (D): what the reader could not be sure of. A doubtful figure is kept in the model
# but no rule rests a finding on it; the doubt says what could not be verified.
COLUMN_UNMAPPED = IssueType(
    "D001", "doubt.column-unmapped", "info",
    "“{title}”中表头为“{header}”的列未能识别，该列{what}未读取。如是数据列，请在表头写明年份或含义。",
    description="读取存疑：表头无法对应到模板中的任何一列。")
COLUMN_CONFLICT = IssueType(
    "D002", "doubt.column-conflict", "warning",
    "“{label}”有两列都读作{what}（“{a}”与“{b}”），无法确定取哪一个，该数值未参与核对。请删除多余的列或写明表头。",
    description="读取存疑：两列对应同一年份（或同一口径），数值不作为判定依据。")
LABEL_UNCERTAIN = IssueType(
    "D003", "doubt.label-uncertain", "info",
    "“{written}”与模板指标“{label}”不完全相同（相似度{score:.0f}%），已按该指标读取，但其数值未参与核对。"
    "如确是该指标，请按模板名称填写。",
    description="读取存疑：指标名称只是近似匹配，数值不作为判定依据。")

OCR_UNSURE = IssueType(
    "D004", "doubt.ocr-unsure", "info",
    "扫描件中{what}识别为“{raw}”（{why}），无法确认，未参与核对。请对照原件核实。",
    description="读取存疑：扫描件的文字识别没有把握（置信度低或识别结果不是数值），该内容不作为判定依据。")

READ_OTHERWISE = IssueType(
    "D005", "doubt.read-otherwise", "info",
    "“{title}”中有{rows}行的增幅按表头的读法与数值不符（如{example}），按“{how}”读取后全表一致，已按此读取。"
    "请确认表头与数值对应。",
    description="读取方式：多行以同样方式不符时，换一种读法（年份互换、百分点、小数）使全表自洽，并如实说明。")
TABLE_DISAGREES = IssueType(
    "D006", "doubt.table-disagrees", "warning",
    "“{title}”中{of}行里有{rows}行的增幅与两年数值不符（如{example}），已尝试{tried}仍不一致，可能是本表读取有误。"
    "本表数值未参与核对，请人工核对本表。",
    description="读取存疑：一张表中多数行以同样方式不符，更可能是读错了表，不逐行报错。")
COLUMN_NOT_FIGURES = IssueType(
    "D007", "doubt.column-not-figures", "warning",
    "“{title}”第{col}列（表头“{header}”）有{rows}个单元格不是数值（如{examples}），可能读错了列，"
    "该列数值未参与核对。请确认表头与数值对应。",
    description="读取存疑：一列中多数单元格不是数值，更可能是列对应错了，不逐格报“无法识别的数值”。")

BRACKETED_FIGURE = IssueType(
    "D008", "doubt.bracketed-figure", "info",
    "{what}写作“{raw}”：括号中的数字可能是负数，也可能是补充说明，无法确认，未参与核对。请直接填写数字（负数写“-”号）。",
    description="读取存疑：数值单独写在括号里，会计写法是负数，表格里也常是补充说明，不作判定。")

PAGE_UNSURE = IssueType(
    "D009", "doubt.page-unsure", "warning",
    "扫描件第{page}页识别质量差：有{count}处数字或条目识别没有把握（如{examples}），均未参与核对。"
    "请重新扫描该页（300dpi、纸张平整、无阴影）或提交.docx文件，或对照原件逐项核实。",
    description="读取存疑：一页上有许多内容识别没有把握时，只报一次这一页（传真件、模糊的复印件），不逐格列出。")

PAGE_UNRULED = IssueType(
    "D010", "doubt.page-unruled", "warning",
    "扫描件第{page}页的表格没有完整读出：有些行读不出表格线（纸张弯曲、倾斜，或表格线断开），这些行的内容未读取，"
    "本页名单的条目也都未参与核对{more}。请将原件平放后重新扫描该页（300dpi、无阴影）或提交.docx文件，或对照原件逐项核实。",
    description="读取存疑：扫描件一页上有表格的行读不出表格线时，只报一次这一页，该页名单不核对条目数，不逐行报缺。")

DOUBT_TYPES: tuple[IssueType, ...] = (COLUMN_UNMAPPED, COLUMN_CONFLICT, LABEL_UNCERTAIN, OCR_UNSURE,
                                      READ_OTHERWISE, TABLE_DISAGREES, COLUMN_NOT_FIGURES, BRACKETED_FIGURE,
                                      PAGE_UNSURE, PAGE_UNRULED)

EXTRACTION_DOC = "读取报告时发现的问题（提取阶段），与规则一样可用 --select/--ignore/--severity 调整。"

EXTRACTION_TYPES: tuple[IssueType, ...] = (
    VALUE_UNREADABLE, ROW_MISSING, UNIT_CONVERTED, UNIT_MISMATCH, YEARS_MISSING, STAGE_UNKNOWN,
    CATEGORY_UNKNOWN, ROW_DUPLICATE, TABLE_MISSING, ROW_UNKNOWN, YEARS_INCONSISTENT, TABLE_UNREAD, STAGE_CONFLICT,
    TEXT_LAYER_OCR, PICTURE_TABLE, PICTURE_UNREAD, ROWS_UNREAD, READING_FAILED, TEXT_MISSING, RULE_FAILED,
    LIST_UNREAD, IMAGE_PAGES, PAGE_REPEATED, *DOUBT_TYPES,
)
