"""Export labelled articles in any format: `annotator export` and the window's File ▸ Export.

One request names everything a person chooses (format, target, whose labels, the format's
options); `check_request` refuses a bad combination before anything is opened, `export` writes.
Where it writes depends on the format: brat (and Label Studio given a folder) write a folder
of which only their own files are replaced, a `.spacy` path gets a binary DocBin, other
formats one text file written atomically, or the caller's stream.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from annotator.formats.atomic import atomic_file
from annotator.formats.base import Writer
from annotator.formats.conll import ConllFormat
from annotator.formats.doccano import DoccanoFormat
from annotator.formats.label_studio import LabelStudioFormat, labelling_config
from annotator.formats.owned_folder import export_folder
from annotator.formats.pipeline import write_brat, write_checked_docbin, write_export
from annotator.formats.registry import BRAT, EXPORT_FORMATS, writer_for
from annotator.formats.service import export_records
from annotator.messages import Explained
from annotator.store import Store
from annotator.store.targets import refuse_database_target

LABEL_STUDIO = LabelStudioFormat.name
REGISTER = "register"  # the officials register: one person a line (annotator.register)
EXPORT_CHOICES: tuple[str, ...] = (*EXPORT_FORMATS, REGISTER)

Progress = Callable[[int], None]  # records written so far


class ExportRefused(Explained, ValueError):
    """The request cannot be done as asked; the message says why in one line."""


@dataclass(frozen=True, slots=True)
class ExportRequest:
    format: str = "jsonl"
    out: Path | None = None  # None: the caller's stream (not for brat)
    annotator: str | None = None  # None: every person's set (see formats.service.export_sets)
    original: bool = False  # jsonl: the page text as decoded, spans mapped onto it
    relations: bool = False  # doccano, label-studio: relations beside the spans
    tab: bool = False  # conll: token<TAB>tag, no -DOCSTART- (doccano's importer)
    csv: bool = False  # register: one row per person × post
    body_only: bool = False  # cut boilerplate regions out and re-base the other spans


@dataclass(frozen=True, slots=True)
class Exported:
    count: int
    unit: str  # "records" or, for the register, "persons"


def check_request(request: ExportRequest) -> None:
    """ExportRefused when the options do not go together (said in the CLI's option names)."""
    if request.format not in EXPORT_CHOICES:
        raise ExportRefused(
            "cannot export {format!r}; formats: {choices}",
            format=request.format, choices=', '.join(EXPORT_CHOICES)
        )
    if request.csv and request.format != REGISTER:
        raise ExportRefused("--csv is for --format register")
    if request.original and request.format != "jsonl":
        raise ExportRefused("--original is only for --format jsonl")
    if request.relations and request.format not in (DoccanoFormat.name, LABEL_STUDIO):
        raise ExportRefused("--relations is only for --format doccano or label-studio")
    if request.tab and request.format != ConllFormat.name:
        raise ExportRefused("--tab is only for --format conll")
    if request.body_only and request.format == "boilerplate":
        raise ExportRefused("--body-only would cut out everything the boilerplate format labels")
    if request.format == BRAT and not request.out:
        raise ExportRefused("brat writes a folder: say where with --out FOLDER")


def export(
    store: Store,
    request: ExportRequest,
    *,
    stream: TextIO | None = None,
    progress: Progress | None = None,
) -> Exported:
    """Write the export `request` asks for; `stream` takes it when `request.out` is None.

    ExportRefused for a bad request or an annotator with no set here (every article would go
    out empty: a typo must not become a training set); StoreError for a target that is the
    database; formats.base.FormatError when a record fails its check, and then nothing is
    written to `request.out`."""
    check_request(request)
    if request.annotator is not None and request.annotator not in store.annotators():
        known = ", ".join(store.annotators()) or "none yet"
        raise ExportRefused(
            "no annotation set of {annotator!r} in this database (annotators: {known})",
            annotator=request.annotator, known=known
        )
    if request.out is not None:
        refuse_database_target(request.out, store.path, "an export")
    elif stream is None:
        raise ExportRefused("say where the export goes")
    if request.format == REGISTER:
        return _export_register(store, request, stream)
    records = export_records(
        store,
        request.annotator,
        original=request.original,
        suggestions=request.format == LABEL_STUDIO,  # as the tasks' predictions
    )
    options = {"body_only": request.body_only, "progress": progress}
    out = request.out
    if request.format == BRAT:
        assert out is not None  # check_request
        with export_folder(out, database=store.path) as folder:
            count = write_brat(
                records, folder, store.schema, by_annotator=request.annotator is None, **options
            )
    elif request.format == LABEL_STUDIO and out is not None and _names_folder(out):
        with export_folder(out, database=store.path) as folder:
            (folder / "config.xml").write_text(labelling_config(store.schema), encoding="utf-8")
            with open(folder / "tasks.json", "x", encoding="utf-8") as tasks:
                count = write_export(records, _writer(request), tasks, **options)
    elif request.format == "spacy" and out is not None and out.name.endswith(".spacy"):
        with atomic_file(out, binary=True) as binary:
            count = write_checked_docbin(records, binary, **options)
    elif out is not None:
        with atomic_file(out) as text:
            count = write_export(records, _writer(request), text, **options)
    else:
        assert stream is not None
        count = write_export(records, _writer(request), stream, **options)
    return Exported(count, "records")


def _writer(request: ExportRequest) -> Writer:
    if request.relations:
        if request.format == LABEL_STUDIO:
            return LabelStudioFormat(relations=True)
        return DoccanoFormat(relations=True)
    return ConllFormat(tab=True) if request.tab else writer_for(request.format)


def _names_folder(out: Path) -> bool:
    """An out path of a format that can write a folder: an existing folder or a name without
    an extension is one (`--out ls`), `tasks.json` is a file."""
    return out.is_dir() or not out.suffix


def _export_register(store: Store, request: ExportRequest, stream: TextIO | None) -> Exported:
    """The officials register from the best labels (or only the annotator's): JSON lines, or
    csv of posts."""
    from annotator.register.loading import register_of
    from annotator.register.output import csv_text, json_lines

    result = register_of(store, request.annotator)
    lines = csv_text(result) if request.csv else json_lines(result)
    if request.out is not None:
        with atomic_file(request.out) as out:
            out.writelines(lines)
    else:
        assert stream is not None
        stream.writelines(lines)
    return Exported(len(result.persons), "persons")
