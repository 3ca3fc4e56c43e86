"""What each subcommand's ``--help`` says beyond its options: one line on what it does, examples, exit
codes (compare, score and grade carry theirs in their own modules, with their longer explanations)."""

from __future__ import annotations

import argparse

EXITS_CHECK = "0 没有错误；1 有错误级别的问题；2 有文件无法读取或参数有误"
EXITS_WRITE = "0 已写出；2 文件无法读取或参数有误（不写出任何文件）"

HELP: dict[str, tuple[str, list[str], str]] = {
    "extract": ("提取一份报告中的全部数据（指标、名单、基本信息、文字），按模板的统一名称输出。",
                ["reportcheck extract 报告.docx", "reportcheck extract 报告.pdf --format text"],
                "0 已提取；2 文件无法读取或不是参赛报告"),
    "check": ("检查一份或多份报告，逐条列出问题，引用报告中的原始数字和位置。",
              ["reportcheck check 报告.docx", "reportcheck check *.docx --format html -o 检查结果.html",
               "reportcheck check 报告.docx --select AR,EL --pack guangdong"],
              EXITS_CHECK),
    "annotate": ("检查一份报告，把每条问题作为Word批注写入报告的副本（原报告不改动）；PDF报告生成HTML检查报告。",
                 ["reportcheck annotate 报告.docx", "reportcheck annotate 报告.doc -o 报告.已检查.docx"],
                 "0 已写出且没有错误；1 已写出，有错误级别的问题；2 文件无法读取或参数有误"),
    "batch": ("批量检查文件夹（含子文件夹）中的全部报告，并行处理，写出一个Excel汇总（或JSON、CSV），"
              "含批内比对（抄袭段落、重复企业、重复提交）。",
              ["reportcheck batch 收件夹 -o 结果.xlsx", "reportcheck batch 收件夹 -o 结果.xlsx --notices 审核意见",
               "reportcheck batch 收件夹 -o 结果.xlsx --force --jobs 2"],
              "0 没有错误；1 有错误级别的问题；2 有文件无法读取或参数有误；130 已中断（不写出结果）"),
    "serve": ("启动网页版自查服务：申报单位上传报告，在浏览器中看到检查结果并下载加了批注的Word文件。"
              "需要 pip install 'reportcheck[web]'；默认只在本机（127.0.0.1）可访问。",
              ["reportcheck serve", "reportcheck serve --host 0.0.0.0 --port 8080 --max-workers 2"],
              "0 已停止（Ctrl-C）；2 参数有误、端口被占用或缺少网页组件"),
    "history": ("从档案库列出一个集群的历年数据：每年一列，前后填报不一致的数值标出并给出两份报告；"
                "输出到屏幕、JSON，或带趋势图的Excel。档案由 check、batch、score 加 --archive 时写入。",
                ["reportcheck history 长沙智能汽车产业集群", "reportcheck history 益阳电子 -o 历年数据.xlsx",
                 "reportcheck history 益阳电子 --archive postgresql://审核员@省厅服务器/reportcheck --format json"],
                "0 已列出；2 档案库无法打开、没有或有多个符合的集群、参数有误"),
    "rules": ("列出全部检查规则（代码、级别、名称、依据），或显示一条规则的说明、消息和例子。",
              ["reportcheck rules", "reportcheck rules AR001", "reportcheck rules --format json"],
              "0 已列出；2 没有这条规则"),
    "template": ("生成空白的Excel数据表（三年数据），申报单位填好后可直接用 check 检查。",
                 ["reportcheck template data-sheet -o 数据表.xlsx", "reportcheck template data-sheet -o 数据表.xlsx "
                  "--years 2022,2023,2024"],
                 "0 已写出；2 参数有误或文件已存在（加 --force 覆盖）"),
}


def epilog(examples: list[str], exits: str) -> str:
    return "示例 / examples:\n" + "".join(f"  {e}\n" for e in examples) + f"退出码 / exit codes: {exits}\n"


def add_command(sub: argparse._SubParsersAction, name: str, help_line: str) -> argparse.ArgumentParser:
    """A subcommand whose ``--help`` leads with what it does and ends with examples and exit codes."""
    description, examples, exits = HELP[name]
    return sub.add_parser(name, help=help_line, description=description, epilog=epilog(examples, exits),
                          formatter_class=argparse.RawDescriptionHelpFormatter)
