"""The formats by name: which can be exported, which can be imported."""

from __future__ import annotations

from annotator.formats.base import FormatError, Reader, Writer
from annotator.formats.boilerplate import BoilerplateFormat
from annotator.formats.conll import ConllFormat
from annotator.formats.doccano import DoccanoFormat
from annotator.formats.jsonl import JsonlFormat
from annotator.formats.label_studio import LabelStudioFormat
from annotator.formats.spacy_jsonl import SpacyFormat

BRAT = "brat"  # writes a folder, not a stream: see formats/brat.py and pipeline.write_brat

WRITERS: dict[str, type[Writer]] = {
    cls.name: cls
    for cls in (
        JsonlFormat,
        DoccanoFormat,
        SpacyFormat,
        ConllFormat,
        LabelStudioFormat,
        BoilerplateFormat,
    )
}
READERS: dict[str, type[Reader]] = {
    cls.name: cls for cls in (JsonlFormat, DoccanoFormat, SpacyFormat, LabelStudioFormat)
}
EXPORT_FORMATS: tuple[str, ...] = (*WRITERS, BRAT)


def writer_for(name: str) -> Writer:
    if name not in WRITERS:
        raise FormatError(
            "cannot export {name!r}; formats: {choices}",
            name=name, choices=', '.join(EXPORT_FORMATS)
        )
    return WRITERS[name]()


def reader_for(name: str) -> Reader:
    if name not in READERS:
        raise FormatError(
            "cannot import {name!r}; formats: {choices}", name=name, choices=', '.join(READERS)
        )
    return READERS[name]()
