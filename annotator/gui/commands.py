"""Undo and redo: Qt's undo stacks over the store's persistent edit log.

One design, two layers. Every edit is a store command, committed and logged in the database
before the GUI shows it (`StoreCommand.redo` the first time). Undoing a `StoreCommand` asks the
store to undo the annotator's newest command on that article; redoing it asks the store to redo.
Because all of this window's edits on an article go through the article's `QUndoStack`, the
stack's order and the log's order are the same, so "newest in the log" is "top of the stack".

After a restart the stacks are empty but the log is not: `ArticleHistory.undo` then falls back
to the store's log directly, so Ctrl+Z still reverts yesterday's edits, and Ctrl+Shift+Z redoes
those first (the store redoes the most recently undone command, which is what the user expects).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.store import Store


class StoreCommand(QUndoCommand):
    """One edit, already applied by `apply` before it is pushed; undo/redo replay the log."""

    def __init__(
        self,
        store: Store,
        annotator: str,
        article_id: str,
        description: str,
        apply: Callable[[], Any],
    ) -> None:
        super().__init__(description)
        self._store = store
        self._annotator = annotator
        self._article_id = article_id
        self.result: Any = apply()  # a store error propagates: nothing to push
        self._applied = True

    def redo(self) -> None:
        if self._applied:  # QUndoStack.push calls redo(); the edit is already committed
            self._applied = False
            return
        self._store.redo(self._annotator, self._article_id)

    def undo(self) -> None:
        self._store.undo(self._annotator, self._article_id)


class ArticleHistory:
    """One `QUndoStack` per article this window has edited, plus the fall-back to the store's
    log for edits made before the stack existed (an earlier session)."""

    def __init__(self, store: Store, annotator: str) -> None:
        self._store = store
        self._annotator = annotator
        self._stacks: dict[str, QUndoStack] = {}
        self._undone_from_log: dict[str, int] = {}  # per article: log undos not yet redone

    def stack(self, article_id: str) -> QUndoStack:
        if article_id not in self._stacks:
            self._stacks[article_id] = QUndoStack()
        return self._stacks[article_id]

    def run(self, article_id: str, description: str, apply: Callable[[], Any]) -> Any:
        """Do an edit as one undo step; returns what `apply` returned. Store errors propagate
        and push nothing, and so does an edit the store logged no command for (the stack only
        holds committed edits, one per logged command)."""
        before = self._store.newest_command(self._annotator, article_id)
        command = StoreCommand(self._store, self._annotator, article_id, description, apply)
        if self._store.newest_command(self._annotator, article_id) == before:
            # the store found nothing to do (the window's copy was stale) and logged nothing:
            # a step here would make every later undo name the edit before the one undone
            return command.result
        self.stack(article_id).push(command)
        self._undone_from_log[article_id] = 0  # a new edit ends every redo chain
        return command.result

    def undo(self, article_id: str) -> str | None:
        """Undo the newest edit on the article; its description, or None when there is none."""
        stack = self.stack(article_id)
        if stack.canUndo():
            text = stack.undoText()
            stack.undo()
            return text
        done = self._store.undo(self._annotator, article_id)
        if done is not None:
            self._undone_from_log[article_id] = self._undone_from_log.get(article_id, 0) + 1
        return done

    def redo(self, article_id: str) -> str | None:
        if self._undone_from_log.get(article_id, 0):
            self._undone_from_log[article_id] -= 1
            return self._store.redo(self._annotator, article_id)
        stack = self.stack(article_id)
        if stack.canRedo():
            text = stack.redoText()
            stack.redo()
            return text
        return None
