"""The web page's HTML: the upload page (also showing a refusal) and the banner over a result — the
download links and the form to check another file. Simplified Chinese, inline CSS, no scripts, no
outside assets; the banner's rules are prefixed ``rc-`` so they do not meet the report's own."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from html import escape

from reportcheck import __version__

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_ACCEPT = ".docx,.doc,.wps,.pdf,.xlsx,.rtf,.odt"

_STYLE = """
.rc-web{font:15px/1.6 -apple-system,"Segoe UI","Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;
 color:#1f2328}
.rc-page{max-width:46rem;margin:3rem auto;padding:0 1.25rem}
.rc-page h1{font-size:1.6rem;margin:0 0 .5rem}
.rc-lead{color:#57606a;margin:0 0 1.5rem}
.rc-form{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;padding:1.25rem;border:1px solid #d0d7de;
 border-radius:8px;background:#f6f8fa}
.rc-form label{font-weight:600}
.rc-form input[type=file]{flex:1 1 16rem;font:inherit}
.rc-button{font:inherit;font-weight:600;color:#fff;background:#1f6feb;border:0;border-radius:6px;
 padding:.45rem 1.1rem;cursor:pointer;text-decoration:none;display:inline-block}
.rc-button:hover{background:#1158c7}
.rc-button.rc-secondary{color:#1f6feb;background:#fff;border:1px solid #1f6feb}
.rc-notes{color:#57606a;padding-left:1.2rem;margin:1.25rem 0}
.rc-error{border:1px solid #ff8182;background:#ffebe9;color:#82071e;border-radius:8px;padding:.75rem 1rem;
 margin:0 0 1.25rem}
.rc-error strong{display:block}
.rc-working{flex-basis:100%;margin:.25rem 0 0;color:#57606a}
.rc-button:disabled{background:#8c959f;cursor:progress}
.rc-footer{color:#8c959f;font-size:.85rem;margin-top:2rem}
.rc-footer a{color:inherit}
.rc-banner{border-bottom:1px solid #d0d7de;background:#f6f8fa;padding:.9rem 1.25rem;margin:0 0 1rem}
.rc-banner .rc-row{display:flex;flex-wrap:wrap;gap:.6rem;align-items:center;margin:.25rem 0}
.rc-banner .rc-name{font-weight:600;margin-right:.5rem}
.rc-banner .rc-note{color:#57606a;font-size:.9rem}
.rc-banner .rc-form{padding:.5rem .75rem;background:#fff}
@media print{.rc-banner{display:none}}
"""


@dataclass(frozen=True)
class Limits:
    """What the page tells the user about the service."""

    max_upload_mb: float
    timeout: float


def upload_page(limits: Limits, error: tuple[str, str] | None = None) -> str:
    """The page at ``/``; ``error`` (title, message) is a refusal shown above the form."""
    refusal = "" if error is None else (
        f'<div class="rc-error" role="alert"><strong>{escape(error[0])}</strong>{escape(error[1])}</div>')
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>参赛报告自查 · reportcheck</title>
<style>{_STYLE}</style>
</head>
<body class="rc-web">
<main class="rc-page">
<h1>产业集群参赛报告自查</h1>
<p class="rc-lead">上传填好的《湖南省产业集群竞赛参赛报告》草稿，页面会列出检查发现的问题
（增幅算错、未达参赛条件、佐证材料缺页码、超字数、漏填……），并可下载带批注的Word文件和JSON数据。</p>
{refusal}
{_form("选择报告文件", "开始检查")}
<ul class="rc-notes">
<li>支持的格式：Word（.docx、.doc、.wps）、PDF，以及Excel数据表（.xlsx）。按文件内容判断类型，与扩展名无关。</li>
<li>文件大小上限 {limits.max_upload_mb:g} MB；每次检查最长 {limits.timeout:g} 秒。</li>
<li>文件只用于本次检查，检查完成后立即从服务器删除，不保存任何内容。</li>
</ul>
<p class="rc-footer">reportcheck {__version__} · <a href="api/rules">规则目录（JSON）</a></p>
</main>
</body>
</html>
"""


def result_banner(limits: Limits, name: str, stem: str, data: bytes, docx: bytes | None) -> str:
    """The banner over a result: the file checked, its downloads (``data:`` links, so nothing stays on
    the server) and the form to check another file."""
    links = []
    if docx is not None:
        links.append(_download(f"{stem}.checked.docx", DOCX_TYPE, docx, "下载带批注的Word"))
    links.append(_download(f"{stem}.json", "application/json", data,
                           "下载JSON", secondary=docx is not None))
    missing = "" if docx is not None else \
        '<span class="rc-note">（此文件无法生成带批注的Word，如为PDF请上传Word版本）</span>'
    return f"""<style>{_STYLE}</style>
<div class="rc-web rc-banner">
<div class="rc-row"><span class="rc-name">检查文件：{escape(name)}</span>{"".join(links)}{missing}</div>
<div class="rc-row"><span class="rc-note">文件已从服务器删除。</span></div>
<div class="rc-row">{_form("检查另一个文件", "检查")}</div>
</div>
"""


def _form(label: str, button: str) -> str:
    return f"""<form class="rc-form" method="post" action="check" enctype="multipart/form-data">
<label for="rc-file">{label}</label>
<input type="file" id="rc-file" name="file" required accept="{_ACCEPT}">
<button class="rc-button" type="submit">{button}</button>
<p class="rc-working" role="status" aria-live="polite" hidden></p>
</form>
<script>{_WORKING}</script>"""


# While the check runs the page says so, with the file's name and the seconds passed, and the button is
# disabled (a second click would send the file again). Inline, nothing from elsewhere (the CSP allows
# inline scripts only). Without scripts the form works as before.
_WORKING = """(function(){var f=document.currentScript.previousElementSibling;f.addEventListener("submit",
function(){var b=f.querySelector("button"),w=f.querySelector(".rc-working"),i=f.querySelector("input"),
n=i.files&&i.files.length?i.files[0].name:"",t0=Date.now();b.disabled=true;b.textContent="检查中…";
w.hidden=false;function tick(){var s=Math.round((Date.now()-t0)/1000);w.textContent="正在检查“"+n+
"”，已用时"+s+"秒。Word文件（.doc/.wps）和扫描件需要稍长时间，请勿重复提交。";}tick();
setInterval(tick,1000);});})();"""


def _download(filename: str, mime: str, content: bytes, label: str, secondary: bool = False) -> str:
    uri = f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"
    kind = "rc-button rc-secondary" if secondary else "rc-button"
    return f'<a class="{kind}" href="{uri}" download="{escape(filename)}">{label}</a>'
