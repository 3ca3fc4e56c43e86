"""Input the tool cannot read: one clear line (Chinese and English) and exit code 2."""

from __future__ import annotations

OCR_INSTALL = "pip install 'reportcheck[ocr]'"  # how to add the OCR that scans and pictures need
# What the OCR extra brings: a missing one means the extra is not installed (a plain ``pip install``).
_OCR_MODULES = frozenset({"numpy", "cv2", "onnxruntime", "rapidocr_onnxruntime", "PIL", "yaml", "shapely",
                          "pyclipper"})


class OcrMissing(ImportError):
    """The optional OCR extra is not installed."""


def ocr_missing(exc: ImportError) -> bool:
    """The import failed because the OCR extra is not installed (not because it is installed but broken)."""
    return isinstance(exc, OcrMissing) or (
        isinstance(exc, ModuleNotFoundError) and (exc.name or "").split(".")[0] in _OCR_MODULES)


class UnreadableInput(Exception):
    """A file that cannot be read as a report. ``reason`` is a stable machine code."""

    def __init__(self, path: str, reason: str, zh: str, en: str) -> None:
        super().__init__(f"{path}: {zh} / {en}")
        self.path = path
        self.reason = reason
        self.zh = zh
        self.en = en

    def __reduce__(self) -> tuple:
        """Pickle by its fields (a child process sends it back to its parent)."""
        return (type(self), (self.path, self.reason, self.zh, self.en))

    @property
    def line(self) -> str:
        return f"{self.path}: {self.zh} / {self.en}"


def password_protected(path: str) -> UnreadableInput:
    """A file behind an open password (a .doc's FIB, an encrypted OOXML or OpenDocument package)."""
    return UnreadableInput(path, "encrypted", "文件设有打开密码，请去除密码后另存为.docx再检查",
                           "file is password-protected, remove the password and save again")


class PictureUnreadable(Exception):
    """A picture that could not be read by OCR; ``reason`` says why, in Chinese, for the finding."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
