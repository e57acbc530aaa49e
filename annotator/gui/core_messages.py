"""The core's messages in the window's language.

The core (store, cleaning, formats, services, importing) raises its errors in English with a
template and its values (annotator.messages); the CLI prints the English. The window shows
them through `shown`, which translates the template in the context "CoreMessage" and fills in
the values. A message the catalogue does not know (a reason from SQLite or the operating
system, a message older code built as plain text) is shown as it is, in English.

`_TEMPLATES` lists every template the core writes, for lupdate to collect;
tests/test_core_messages.py reads the core's source and fails when it and this list differ.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from annotator.messages import Explained, Message

CONTEXT = "CoreMessage"


def shown(message: str | BaseException) -> str:
    """A core error or message in the window's language (English when not in the catalogue,
    or when its translation does not fit its values)."""
    if isinstance(message, Explained):
        message = message.message
    elif isinstance(message, BaseException):
        # a ValueError the data model raises carries its Message as its one argument
        first = message.args[0] if len(message.args) == 1 else None
        if not isinstance(first, Message):
            return str(message)
        message = first
    if not isinstance(message, Message):
        return QCoreApplication.translate(CONTEXT, message) if message else message
    translated = QCoreApplication.translate(CONTEXT, message.template)
    if not message.values:
        return translated
    try:
        return translated.format_map(_values_shown(message.values))
    except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder
        return str(message)


def _values_shown(values: Mapping[str, Any]) -> dict[str, Any]:
    """Values that are data stay as they are; a reason inside a reason is translated too."""
    return {
        key: shown(value) if isinstance(value, (Explained, Message)) else value
        for key, value in values.items()
    }


_TEMPLATES = (
    QT_TRANSLATE_NOOP("CoreMessage", "binary data ({kind}), not a text or HTML page"),
    QT_TRANSLATE_NOOP("CoreMessage", "binary data (MP4/QuickTime video), not a text or HTML page"),
    QT_TRANSLATE_NOOP("CoreMessage", "binary data (holds NUL bytes), not a text or HTML page"),
    QT_TRANSLATE_NOOP("CoreMessage", "no text encoding fits these bytes (read as {encoding}, {undecodable} of {characters} characters were undecodable)"),
    QT_TRANSLATE_NOOP("CoreMessage", "binary data (mostly control characters), not a text or HTML page"),
    QT_TRANSLATE_NOOP("CoreMessage", "binary data ({what}), not a text or HTML page"),
    QT_TRANSLATE_NOOP("CoreMessage", "empty file (0 bytes)"),
    QT_TRANSLATE_NOOP("CoreMessage", "page is {size:,} bytes, above the limit of {max_bytes:,} bytes"),
    QT_TRANSLATE_NOOP("CoreMessage", "the page holds only white space"),
    QT_TRANSLATE_NOOP("CoreMessage", "the HTML page has no visible text"),
    QT_TRANSLATE_NOOP("CoreMessage", "the cleaner failed unexpectedly on this page ({type_name}: {error})"),
    QT_TRANSLATE_NOOP("CoreMessage", "boilerplate line {line} of {id}"),
    QT_TRANSLATE_NOOP("CoreMessage", "an annotator with an empty name has no folder name"),
    QT_TRANSLATE_NOOP("CoreMessage", "brat .txt of {id} is not the article text"),
    QT_TRANSLATE_NOOP("CoreMessage", "brat .ann of {id}: spans do not read back"),
    QT_TRANSLATE_NOOP("CoreMessage", "brat .ann of {id}: relations do not read back"),
    QT_TRANSLATE_NOOP("CoreMessage", "{error}: not written as a brat file name"),
    QT_TRANSLATE_NOOP("CoreMessage", "brat .ann of {id}: {error}"),
    QT_TRANSLATE_NOOP("CoreMessage", "conll of {id}: no {DOCSTART} line"),
    QT_TRANSLATE_NOOP("CoreMessage", "conll of {id}: entities do not read back"),
    QT_TRANSLATE_NOOP("CoreMessage", "conll of {id}: {error}"),
    QT_TRANSLATE_NOOP("CoreMessage", "doccano relations of {id} do not read back"),
    QT_TRANSLATE_NOOP("CoreMessage", "article {id}: the JSON line does not read back"),
    QT_TRANSLATE_NOOP("CoreMessage", "label-studio task of {id}: {count} annotations of {author!r}"),
    QT_TRANSLATE_NOOP("CoreMessage", "label-studio relations of {id} do not read back"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path} exists and is not a folder"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path} holds the database {database}; export into a folder of its own"),
    QT_TRANSLATE_NOOP("CoreMessage", "{folder} holds files this export did not write ({shown}); an export only replaces its own files: choose a new or empty folder"),
    QT_TRANSLATE_NOOP("CoreMessage", "brat file name {relative!r} leads outside the export"),
    QT_TRANSLATE_NOOP("CoreMessage", "annotators {other!r} and {annotator!r} would share one brat folder on disks that ignore case; export them one at a time with --annotator"),
    QT_TRANSLATE_NOOP("CoreMessage", "two records would write the brat file {relative}"),
    QT_TRANSLATE_NOOP("CoreMessage", "article {article_id}, span {span_id} ({label}): {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "cannot export {name!r}; formats: {choices}"),
    QT_TRANSLATE_NOOP("CoreMessage", "cannot import {name!r}; formats: {choices}"),
    QT_TRANSLATE_NOOP("CoreMessage", "writing .spacy needs spaCy installed (pip install spacy); use .jsonl"),
    QT_TRANSLATE_NOOP("CoreMessage", "{name} item of {id} lost or moved spans"),
    QT_TRANSLATE_NOOP("CoreMessage", "{name} item of {id}: {error}"),
    QT_TRANSLATE_NOOP("CoreMessage", "article {id!r}: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{size} is above the limit of {limit} (change it with --max-bytes)"),
    QT_TRANSLATE_NOOP("CoreMessage", "not a regular file ({kind})"),
    QT_TRANSLATE_NOOP("CoreMessage", "holds no page"),
    QT_TRANSLATE_NOOP("CoreMessage", "cannot read: {reason}"),
    QT_TRANSLATE_NOOP("CoreMessage", "a .jsonl file must be UTF-8 ({reason} at byte {start})"),
    QT_TRANSLATE_NOOP("CoreMessage", "line {number}: expected an object with `text` or `html`"),
    QT_TRANSLATE_NOOP("CoreMessage", "line {number}: needs a string `text` or `html`"),
    QT_TRANSLATE_NOOP("CoreMessage", "line {number}: {error}"),
    QT_TRANSLATE_NOOP("CoreMessage", "page {number}: {error}"),
    QT_TRANSLATE_NOOP("CoreMessage", "the register's stored decisions are damaged: {error}"),
    QT_TRANSLATE_NOOP("CoreMessage", "boilerplate regions are marked line by line, not offered"),
    QT_TRANSLATE_NOOP("CoreMessage", "only a string within one line can be offered in every article"),
    QT_TRANSLATE_NOOP("CoreMessage", "no label {label!r} in this database's schema"),
    QT_TRANSLATE_NOOP("CoreMessage", "cannot export {format!r}; formats: {choices}"),
    QT_TRANSLATE_NOOP("CoreMessage", "--csv is for --format register"),
    QT_TRANSLATE_NOOP("CoreMessage", "--original is only for --format jsonl"),
    QT_TRANSLATE_NOOP("CoreMessage", "--relations is only for --format doccano or label-studio"),
    QT_TRANSLATE_NOOP("CoreMessage", "--tab is only for --format conll"),
    QT_TRANSLATE_NOOP("CoreMessage", "--body-only would cut out everything the boilerplate format labels"),
    QT_TRANSLATE_NOOP("CoreMessage", "brat writes a folder: say where with --out FOLDER"),
    QT_TRANSLATE_NOOP("CoreMessage", "no annotation set of {annotator!r} in this database (annotators: {known})"),
    QT_TRANSLATE_NOOP("CoreMessage", "say where the export goes"),
    QT_TRANSLATE_NOOP("CoreMessage", "there is no database at {db_path} to back up"),
    QT_TRANSLATE_NOOP("CoreMessage", "{target} already exists; choose another name for the backup"),
    QT_TRANSLATE_NOOP("CoreMessage", "keep at least one backup"),
    QT_TRANSLATE_NOOP("CoreMessage", "there is no backup at {backup}; nothing was restored"),
    QT_TRANSLATE_NOOP("CoreMessage", "{backup} is the database itself; nothing was restored"),
    QT_TRANSLATE_NOOP("CoreMessage", "cannot create {parent}: {strerror}"),
    QT_TRANSLATE_NOOP("CoreMessage", "the backup of {db_path} failed its check: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{db_path} is open in another program (an annotator window or command); close it and run restore again. Nothing was changed."),
    QT_TRANSLATE_NOOP("CoreMessage", "unknown label {label!r}; the schema has {labels}"),
    QT_TRANSLATE_NOOP("CoreMessage", "a {label} span must cover more than white space"),
    QT_TRANSLATE_NOOP("CoreMessage", "the unsure flag is true or false, not {unsure!r}"),
    QT_TRANSLATE_NOOP("CoreMessage", "an official needs a name"),
    QT_TRANSLATE_NOOP("CoreMessage", "official {name!r} mentions spans {unknown} not in its set"),
    QT_TRANSLATE_NOOP("CoreMessage", "official {name!r}: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "unknown event type {event_type!r}; expected one of {types}"),
    QT_TRANSLATE_NOOP("CoreMessage", "event evidence {evidence} is not a span of this set"),
    QT_TRANSLATE_NOOP("CoreMessage", "event participants must be officials of this set"),
    QT_TRANSLATE_NOOP("CoreMessage", "event {type!r}: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "span {text!r}: score {score} is not in 0..1"),
    QT_TRANSLATE_NOOP("CoreMessage", "note {note!r} is blank or has surrounding blanks"),
    QT_TRANSLATE_NOOP("CoreMessage", "the database is damaged: {table} row {row}: {bad}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path} is truncated: {size:,} bytes, fewer than its header declares; it was left untouched"),
    QT_TRANSLATE_NOOP("CoreMessage", "{where}: {error}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path} is a folder, not a database file"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path} cannot be read: its folder cannot be written, and SQLite must write there to read the changes {files} beside it may hold; make the folder writable (nothing was changed)"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path} is not an SQLite database, or a truncated one ({size} bytes); it was left untouched"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path} is not an SQLite database; it was left untouched"),
    QT_TRANSLATE_NOOP("CoreMessage", "{where} is locked by another program (waited {busy_timeout:g} s); close the other program or try again"),
    QT_TRANSLATE_NOOP("CoreMessage", "{where} is damaged: its column {column!r} holds bytes that are not UTF-8 text; it was left untouched"),
    QT_TRANSLATE_NOOP("CoreMessage", "{where} is damaged ({error}); it was left untouched"),
    QT_TRANSLATE_NOOP("CoreMessage", "{where} cannot be written ({error})"),
    QT_TRANSLATE_NOOP("CoreMessage", "{where}: the disk is full ({error}); the last change was not saved"),
    QT_TRANSLATE_NOOP("CoreMessage", "{where}: the disk refused a write (full, over the file-size limit, or failing); the last change was not saved"),
    QT_TRANSLATE_NOOP("CoreMessage", "{where}: refused by a database constraint ({error})"),
    QT_TRANSLATE_NOOP("CoreMessage", "there is no database at {path}; nothing to read"),
    QT_TRANSLATE_NOOP("CoreMessage", "cannot use {path}: {strerror}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path} is {kind}, not a database file; nothing was read"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path} is damaged; it was left untouched"),
    QT_TRANSLATE_NOOP("CoreMessage", "{place}: a file name or text that is not UTF-8 (a lone surrogate, {character!r}) cannot be given to SQLite; nothing was saved"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path} was made by an older annotator and must be upgraded before it can be read, but {error}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path} kept changing while it was read; close the program writing it"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path} is not a database file (a folder, a pipe or a device)"),
    QT_TRANSLATE_NOOP("CoreMessage", "{where} holds what annotator never writes: {problem}{more}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{where} is an SQLite file but not an annotator database"),
    QT_TRANSLATE_NOOP("CoreMessage", "{where} is damaged: its {kind} {name} is missing"),
    QT_TRANSLATE_NOOP("CoreMessage", "there is no database at {path}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{where} is damaged ({problem})"),
    QT_TRANSLATE_NOOP("CoreMessage", "cannot copy {path} to a private folder to read it: {strerror}"),
    QT_TRANSLATE_NOOP("CoreMessage", "the database's {key} setting is damaged (not what annotator writes)"),
    QT_TRANSLATE_NOOP("CoreMessage", "guidelines are text, not {type_name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "the guidelines of a label hold at most {MAX_CHARS} characters"),
    QT_TRANSLATE_NOOP("CoreMessage", "guidelines cannot hold a NUL character"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path} is an SQLite file but not an annotator database (schema version {version}, {count} table(s) and index(es) of its own); the file was not changed"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path} was made by a newer annotator (schema version {current}; this one knows up to {LATEST_VERSION}). Upgrade annotator to open it; the file was not changed."),
    QT_TRANSLATE_NOOP("CoreMessage", "no article {article_id} in {where}"),
    QT_TRANSLATE_NOOP("CoreMessage", "unknown status {status!r}; expected one of {statuses}"),
    QT_TRANSLATE_NOOP("CoreMessage", "a status filter needs the annotator whose status it is"),
    QT_TRANSLATE_NOOP("CoreMessage", "a flag filter needs the annotator whose flags they are"),
    QT_TRANSLATE_NOOP("CoreMessage", "refused {source!r}: {error}"),
    QT_TRANSLATE_NOOP("CoreMessage", "no {kind} with id {row_id}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{where} is damaged: its label schema setting cannot be read ({type_name}: {error})"),
    QT_TRANSLATE_NOOP("CoreMessage", "span {span_id} ({label} {text!r}) is a suggestion; accept it before adding a note or flag"),
    QT_TRANSLATE_NOOP("CoreMessage", "officials {source_id} and {target_id} are not two of one set"),
    QT_TRANSLATE_NOOP("CoreMessage", "unknown record kind {kind!r}"),
    QT_TRANSLATE_NOOP("CoreMessage", "edit_records changes official {official_id}, not one of {annotator}'s on {article_id} that stays"),
    QT_TRANSLATE_NOOP("CoreMessage", "edit_records deletes {kind} {row_id}, not one of {annotator}'s on {article_id}"),
    QT_TRANSLATE_NOOP("CoreMessage", "edit_spans deletes a span outside {annotator}'s set of {article_id}"),
    QT_TRANSLATE_NOOP("CoreMessage", "only suggestions (spans of `auto`) of one article can be accepted"),
    QT_TRANSLATE_NOOP("CoreMessage", "{target} is the database {db} or one of its -wal/-shm/-journal files; {writer} must go elsewhere"),
    QT_TRANSLATE_NOOP("CoreMessage", "the team record in {path} is damaged"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: its list of handed-out articles is damaged"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path} is neither a database file nor a folder"),
    QT_TRANSLATE_NOOP("CoreMessage", "{source}:{number}: expected two columns separated by a TAB"),
    QT_TRANSLATE_NOOP("CoreMessage", "lexicon {path} is missing"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "trigger {first!r} has unknown event type {second!r}"),
    QT_TRANSLATE_NOOP("CoreMessage", "cue {first!r} has unknown kind {second!r}; expected one of {kinds}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{folder}: a lexicon folder is expected here, not a file"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: not a lexicon of ours; a database's lexicon folder holds files named like the bundled ones: {files}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: not UTF-8 text"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: its words suggest {label}, a label this database's schema does not have"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}:{number}: {first!r} has modality kind {second!r}, which this database does not know; one of: {allowed}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}:{number}: {first!r} has event type {second!r}, which this database does not know; one of: {allowed}"),
    QT_TRANSLATE_NOOP("CoreMessage", "a name cannot be blank"),
    QT_TRANSLATE_NOOP("CoreMessage", "a note holds at most {most} characters, this one {length}"),
    QT_TRANSLATE_NOOP("CoreMessage", "a note is text, not {kind}"),
    QT_TRANSLATE_NOOP("CoreMessage", "article id {article_id!r} is a reserved device name"),
    QT_TRANSLATE_NOOP("CoreMessage", "article id {article_id!r} is not 1-64 lower-case letters, digits, '_' or '-'"),
    QT_TRANSLATE_NOOP("CoreMessage", "offsets must be integers, got {start!r}..{end!r}"),
    QT_TRANSLATE_NOOP("CoreMessage", "offsets {start}..{end} fall outside the text (length {length}) or are empty"),
    QT_TRANSLATE_NOOP("CoreMessage", "span text {expected!r} does not match the text at {start}..{end} ({found!r})"),
    QT_TRANSLATE_NOOP("CoreMessage", "unknown event modality {modality!r}; expected one of {allowed} or none"),
    QT_TRANSLATE_NOOP("CoreMessage", "{name!r} is reserved for {use}; choose another name"),
    QT_TRANSLATE_NOOP("CoreMessage", "{name} links span {span_id}, a {label} span, not {wanted}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{name} links span {span_id}, which is not in the set"),
    QT_TRANSLATE_NOOP("CoreMessage", "the machine's suggestions"),
    QT_TRANSLATE_NOOP("CoreMessage", "the adjudicated set"),
    QT_TRANSLATE_NOOP("CoreMessage", "no annotation sets by {names}"),
    QT_TRANSLATE_NOOP("CoreMessage", "reviewing needs two or more distinct annotators; got {chosen}"),
    QT_TRANSLATE_NOOP("CoreMessage", "at most {most} annotators at once (keys 1–9); got {count}"),
    QT_TRANSLATE_NOOP("CoreMessage", "a lexicon kind cannot be named {stem!r}"),
)
