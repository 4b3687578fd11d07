"""Does the course speak one Bahasa Indonesia: the fixed terms everywhere, no deprecated variant anywhere?"""

from __future__ import annotations

import re

import nbformat
import pytest

from course._messages import MESSAGES
from course.bank import all_banks
from course.instructor import page_words, say

from .conftest import ASSIGNMENTS, ROOT

DEPRECATED = {
    r"\bkurang tepat\b": "Belum tepat",
    r"\bwalk[- ]away\b": "nilai batas",
    r"\btips\b": "kiat",
    r"\bpunya\b": "memiliki",
    r"\bslider\b": "penggeser",
    r"\bpersetujuan \(\*?clearance\*?\)": "pertimbangan (clearance)",
}
"""A deprecated variant (regular expression, case ignored) -> the course's term."""
IN_PROSE = {r"\bkami\b": "kalimat impersonal (kursus ini, modul)"}
"""Only in the notebooks' own prose: role-play counterparts and participants' placeholders may say "kami"."""
GLOSSARY_TERMS = ("Belum tepat", "nilai batas", "kiat", "pilihan ganda kompleks", "penggeser", "memiliki")


LINK_TARGET = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+")
"""Addresses are not prose: a site may be called dokumen.tips."""


def deprecated_in(text: str, rules: dict = DEPRECATED) -> list[str]:
    text = LINK_TARGET.sub("]", text)
    return [f"{re.search(pattern, text, re.IGNORECASE).group(0)!r} \u2192 {better}"
            for pattern, better in rules.items() if re.search(pattern, text, re.IGNORECASE)]


def bank_texts(prefix: str):
    for item in all_banks()[prefix]:
        yield item.id, " ".join([item.prompt, item.explanation, item.placeholder, item.unit, *item.feedback.values(),
                                 *(choice["text"] for group in (item.options, item.entries, item.categories, item.fields)
                                   for choice in group)])


def indonesian_messages():
    for key, texts in MESSAGES.items():
        text = texts.get("id") if isinstance(texts, dict) else None
        if isinstance(text, str):
            yield f"_messages.{key}", text
    for key, pair in page_words.WORDS.items():
        if isinstance(pair, tuple) and isinstance(pair[0], str):
            yield f"page_words.{key}", pair[0]
    for template in say.ENGLISH:
        yield "say", template


def test_the_check_finds_each_variant():
    assert len(deprecated_in("Kurang tepat: nilai walk-away kami punya tips")) == 4
    assert deprecated_in("Tim kami", {**DEPRECATED, **IN_PROSE})
    assert not deprecated_in("Belum tepat: nilai batas yang kita miliki; kiat")
    assert not deprecated_in("[salinan artikel](https://dokumen.tips/documents/european-integration.html)")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_notebook_uses_the_fixed_terms(assignment):
    notebook = nbformat.read(ROOT / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    found = [f"sel {index}: {problem}" for index, cell in enumerate(notebook.cells) if cell.cell_type == "markdown"
             for problem in deprecated_in(cell.source, {**DEPRECATED, **IN_PROSE})]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("prefix", [assignment.split("_", 1)[0] for assignment in ASSIGNMENTS])
def test_bank_uses_the_fixed_terms(prefix):
    found = [f"{item_id}: {problem}" for item_id, text in bank_texts(prefix) for problem in deprecated_in(text)]
    assert not found, "\n".join(found)


def test_messages_use_the_fixed_terms():
    found = [f"{where}: {problem}" for where, text in indonesian_messages() for problem in deprecated_in(text)]
    assert not found, "\n".join(found)


def test_orientation_glossary_lists_the_fixed_terms():
    """sm0 tells participants the words the course uses (its "Istilah" glossary)."""
    notebook = nbformat.read(ROOT / "source" / "sm0_orientasi" / "sm0_orientasi.ipynb", as_version=4)
    glossary = next((cell.source for cell in notebook.cells if cell.cell_type == "markdown"
                     and cell.source.lstrip("#").strip().startswith(("Istilah", "Singkatan dan istilah"))), "")
    assert glossary, "sm0 has no glossary cell starting with 'Istilah' or 'Singkatan dan istilah'"
    missing = [term for term in GLOSSARY_TERMS if term.casefold() not in glossary.casefold()]
    assert not missing, missing


RAW_ADDRESS = re.compile(r"<https?://[^>]+>|(?<![(\[])https?://\S+")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_links_read_as_short_texts(assignment):
    """A source is a short link text ([beritajakarta.id](...)), never a raw address in the reading."""
    notebook = nbformat.read(ROOT / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    raw = [found for cell in notebook.cells if cell.cell_type == "markdown"
           for found in RAW_ADDRESS.findall(re.sub(r"\]\([^)]*\)", "]", cell.source))]
    assert not raw, raw
