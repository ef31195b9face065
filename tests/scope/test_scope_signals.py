"""Whether a title and its list headings show medical images and language
(medvlm.scope.signals)."""

from __future__ import annotations

from pathlib import Path

import pytest

from medvlm.datatables import load_table
from medvlm.problems import ProblemsError
from medvlm.scope.signals import SIGNALS_FILE, Signal, SignalReader, _Words
from tests.seeding.seedfixtures import real_taxonomy


@pytest.fixture(scope="module")
def reader() -> SignalReader:
    return SignalReader(real_taxonomy())


@pytest.mark.parametrize(
    "title",
    [
        "Phrase-Aware Decoding for Chest X-ray Report Generation",
        "MedCLIP: Contrastive Learning from Unpaired Medical Images and Text",
        "Slide-Level Chain of Thought for Gigapixel Whole Slide Images",
        "A Vision-Language Foundation Model for Computational Pathology",
        "Visual Question Answering on Fundus Photographs",
    ],
)
def test_titles_in_scope(reader: SignalReader, title: str) -> None:
    assert reader.read(title, [], []).in_scope


@pytest.mark.parametrize(
    ("title", "missing"),
    [
        # A text-only medical language model.
        (
            "Beyond Distillation: Medical LLM Reasoning with Rule-Based RL",
            "no medical-image word in the title or section headings",
        ),
        # A natural-image vision-language model.
        (
            "Learning Transferable Visual Models From Natural Language Supervision",
            "no medical-image word in the title or section headings",
        ),
        # An image-only medical model.
        (
            "Self-Supervised Masked Autoencoders for Chest CT",
            "no language word in the title or section headings",
        ),
        ("TCGA", "no medical-image and no language word in the title or section headings"),
    ],
)
def test_titles_out_of_scope_say_what_is_missing(
    reader: SignalReader, title: str, missing: str
) -> None:
    signal = reader.read(title, [], [])
    assert not signal.in_scope
    assert signal.missing() == missing


def test_headings_speak_for_the_title(reader: SignalReader) -> None:
    title = "Memory Networks for Report Writing"
    assert not reader.read(title, [], []).in_scope
    section = ["Medical Report Generation"]
    assert reader.read(title, section, section).in_scope
    # "Medical" with an image word in the title: medical images.
    assert reader.read("Dual Attention over Scans and Reports", [], []) == Signal(True, True)


def test_only_the_entrys_own_section_names_medicine(reader: SignalReader) -> None:
    title = "Scaling up Vision Foundation Models for Generic Visual-Linguistic Tasks"
    headings = ["Methods of Biomedical MLLMs", "Generalist Models"]
    assert reader.read(title, ["Generalist Models"], headings) == Signal(False, True)
    # Images and language may come from any heading.
    radiology = ["Methods of Biomedical MLLMs", "Image-LLMs", "Radiology LLMs"]
    assert reader.read("Memory for Longitudinal Follow-up", ["Radiology LLMs"], radiology) == (
        Signal(True, True)
    )


def test_non_image_data_keeps_the_headings_from_speaking(reader: SignalReader) -> None:
    headings = ["Methods of Biomedical MLLMs", "Omics-LLMs"]
    chat = reader.read("Chatting with Single-Cell Expression Profiles", ["Omics-LLMs"], headings)
    assert chat == Signal(False, True)
    # The title's own imaging words still count; "multimodal" and "clinical" do not.
    own = reader.read("Chest X-ray Reports and ECG Signals in One Model", [], ["Omics-LLMs"])
    assert own.in_scope
    series = "Multimodal Question Answering over Irregular Clinical Time Series"
    assert reader.read(series, [], []) == Signal(False, True)


@pytest.mark.parametrize("empty", ["non_imaging: []", "non_imaging: ['']"])
def test_an_empty_word_list_is_a_located_problem(tmp_path: Path, empty: str) -> None:
    # No word at all would match in every title that has ": " (between two non-letters).
    text = SIGNALS_FILE.read_text(encoding="utf-8")
    start = text.index("\nnon_imaging:") + 1
    path = tmp_path / "signals.yaml"
    path.write_text(text[:start] + empty + "\n", encoding="utf-8")
    line = text[:start].count("\n") + 1
    with pytest.raises(ProblemsError) as raised:
        load_table(path, _Words)
    assert [(p.line, p.field) for p in raised.value.problems] == [
        (line, "non_imaging" if empty.endswith("[]") else "non_imaging.0")
    ]
