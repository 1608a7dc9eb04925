"""Adding tasks from pasted or dropped text: parse it, add to the known provider or ask every
account (Auto), then say in one line what was added, what was already there and what was not."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QObject

from gui.domain.paste import parse_pasted, quoted
from gui.domain.task_ids import could_be_provider_id
from gui.domain.tracked_task import TrackedTask
from gui.domain.wording import localize
from gui.i18n import translate
from gui.polling.detect import detect_provider
from gui.providers import PROVIDERS
from gui.services import Services
from gui.storage.key_rules import ACCOUNTS
from gui.storage.settings import AUTO_PROVIDER
from gui.ui.main_window import MainWindow

Spawn = Callable[[Coroutine[Any, Any, Any]], "asyncio.Task[Any]"]


class TaskAdder(QObject):
    def __init__(self, services: Services, window: MainWindow, spawn: Spawn) -> None:
        super().__init__(window)
        self.services = services
        self.window = window
        self.engine = services.engine
        self._spawn = spawn
        self._known_keys: frozenset[str] = frozenset()  # so a pasted key is never a "task"

    async def remember_keys(self) -> None:
        keys = set()
        for account in ACCOUNTS:
            try:
                key = await self.services.key_for(account)
            except Exception:  # a locked keyring: nothing to compare against
                key = None
            if key:
                keys.add(key)
        self._known_keys = frozenset(keys)

    def add_from_text(self, text: str, provider_choice: str) -> None:
        self.services.settings.last_provider = provider_choice
        pasted = parse_pasted(text, self._known_keys)
        if not pasted.ids:
            reason = (
                localize(pasted.invalid[0], translate)
                if pasted.invalid
                else self.tr("No task ID found in what was pasted.")
            )
            self.window.input_bar.show_message(reason, "error")
            return
        if provider_choice == AUTO_PROVIDER:
            # Plain words are never sent to the accounts: no provider issues an ID like "hello".
            askable = [task_id for task_id in pasted.ids if could_be_provider_id(task_id)]
            words = [task_id for task_id in pasted.ids if not could_be_provider_id(task_id)]
            invalid = pasted.invalid
            if words:
                not_ids = [*words, *(piece for piece, _ in pasted.rejected)]
                line = self.tr("Not task IDs, so not looked up: {pieces}.").format(
                    pieces=quoted(not_ids)
                )
                invalid = [line, *pasted.notes]
            if not askable:
                hint = self.tr("To add one anyway, choose its provider.")
                words_said = [localize(line, translate) for line in invalid]
                self.window.input_bar.show_message(" ".join([*words_said, hint]), "error")
                return
            self.window.input_bar.show_message(
                self.tr("Looking up {count} ID(s) at each account…").format(count=len(askable)),
                "info",
            )
            self._spawn(self._add_auto(askable, invalid, pasted.repeated))
            return
        self._add_known(provider_choice, pasted.ids, pasted.invalid, pasted.repeated)

    def _add_known(
        self,
        provider_id: str,
        ids: list[str],
        invalid: list[str],
        repeated: list[str],
        notes: list[str] | None = None,
    ) -> None:
        added: list[TrackedTask] = []
        already: list[str] = list(repeated)
        for task_id in ids:
            task, created = self.engine.add(provider_id, task_id)
            (added.append(task) if created else already.append(task_id))
        self._report_added(added, already, invalid, notes or [])

    async def _add_auto(self, ids: list[str], invalid: list[str], repeated: list[str]) -> None:
        services = self.services
        added: list[TrackedTask] = []
        already = list(repeated)
        notes: list[str] = []
        unknown: list[str] = []
        unresolved: list[str] = []
        candidates = list(PROVIDERS.values())
        for task_id in ids:
            # Any provider: the ledger's (provider, task id) index answers without a list walk.
            if any(self.engine.get((other, task_id)) is not None for other in PROVIDERS):
                already.append(task_id)
                continue
            try:
                found = await detect_provider(
                    services.client,
                    task_id,
                    candidates,
                    services.key_for,
                    lambda p: services.base_url(p.id),
                    check=services.engine.check_once,  # inside each account's budget
                )
            except Exception as error:  # e.g. a locked keyring: say so, keep the text
                self.window.input_bar.show_message(
                    self.tr("Auto could not ask the accounts: {reason}").format(
                        reason=localize(str(getattr(error, "message", error)), translate)
                    ),
                    "error",
                )
                return
            if found.provider is None and found.problems:
                # Nobody said "not found": offline, rate limited or failing. Keep the ID in the
                # box so nothing valid is dropped; the user can retry or pick the provider.
                unresolved.append(task_id)
                notes.extend(found.problems)
                continue
            if found.provider is None:
                if not found.tried:
                    self.window.input_bar.show_message(
                        self.tr(
                            "Auto needs at least one API key: add one in Settings, "
                            "or choose the provider."
                        ),
                        "error",
                    )
                    return
                unknown.append(task_id)
                notes.extend(found.problems)
                continue
            # The probe's answer is the task's first check: no "Waiting", no second request.
            task, created = self.engine.add(found.provider.id, task_id, found.answer)
            if created:
                added.append(task)
                notes.append(
                    self.tr("{id}… belongs to {provider}.").format(
                        id=task_id[:8], provider=found.provider.name
                    )
                )
        if unknown:
            invalid = [
                *invalid,
                self.tr("No account knows {ids}.").format(ids=", ".join(unknown)),
            ]
        if unresolved:
            invalid = [
                *invalid,
                self.tr("Could not check {ids} (see why below); it is left in the box.").format(
                    ids=", ".join(unresolved)
                ),
            ]
        self._report_added(added, already, invalid, notes)
        if unresolved:
            self.window.input_bar.field.setText(" ".join(unresolved))

    def _report_added(
        self, added: list[TrackedTask], already: list[str], invalid: list[str], notes: list[str]
    ) -> None:
        parts = []
        if added:
            parts.append(
                self.tr("Added 1 task.")
                if len(added) == 1
                else self.tr("Added {count} tasks.").format(count=len(added))
            )
        tracked = self._tracked(already)
        if already:
            names = [task.name for task in tracked] or list(dict.fromkeys(already))
            parts.append(self.tr("Already tracked: {names}.").format(names=", ".join(names)))
        # Sentences of the core (paste rules, provider answers) arrive in English: word them here.
        parts.extend(localize(line, translate) for line in invalid)
        parts.extend(localize(line, translate) for line in notes[:3])
        kind = "error" if invalid and not added else "warning" if invalid or already else "info"
        self.window.input_bar.show_message(" ".join(parts), kind)
        if added:
            self.window.input_bar.field.clear()
            self.window.select_task(added[-1].key)
        elif tracked:
            # Show the user where the rows they pasted already are.
            self.window.select_tasks([task.key for task in tracked])

    def _tracked(self, task_ids: list[str]) -> list[TrackedTask]:
        """The tracked tasks of these IDs, at whichever provider, each once, in paste order."""
        found: dict[tuple[str, str], TrackedTask] = {}
        for task_id in dict.fromkeys(task_ids):
            for provider_id in PROVIDERS:
                task = self.engine.get((provider_id, task_id))
                if task is not None:
                    found.setdefault(task.key, task)
        return list(found.values())
