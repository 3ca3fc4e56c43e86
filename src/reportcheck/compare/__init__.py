"""Two versions of one report compared figure by figure: the Word file against its stamped scan, a
.docx against its PDF, or any two versions (``reportcheck compare A B``, and the batch's 版本比对).

``values`` says when two figures or texts agree, ``sentences`` compares text blocks sentence by
sentence, ``diff`` compares two typed reports, ``side`` reads one file (and, for a PDF, checks the
seal and signature on its declaration page with ``declaration`` and ``stamp``), ``result`` holds
what the comparison found.
"""
