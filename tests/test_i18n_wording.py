"""Core sentences are stored in English and worded in the user's language when shown; the
translators load with and without an application (the terminal commands have none)."""

from __future__ import annotations

import os
import subprocess
import sys

from gui.domain.wording import QT_TRANSLATE_NOOP, localize

# Test-only templates (marking them here records them, as a module-level mark does in the core).
REFUSED = QT_TRANSLATE_NOOP("Problems", "{provider} refused the API key.{said}")
SAID = QT_TRANSLATE_NOOP("Problems", " {provider} said: “{message}”")
RETRYING = QT_TRANSLATE_NOOP("Problems", "{message} Retrying in {seconds} s.")
STATE = QT_TRANSLATE_NOOP("TaskState", "Queued")

CHINESE = {
    ("Problems", REFUSED): "{provider} 拒绝了 API 密钥。{said}",
    ("Problems", SAID): "{provider} 返回：“{message}”",
    ("Problems", RETRYING): "{message} {seconds} 秒后重试。",
    ("TaskState", STATE): "排队中",
}


def chinese(context: str, text: str) -> str:
    return CHINESE.get((context, text), text)


def test_a_stored_sentence_is_worded_again_with_its_nested_parts() -> None:
    said = SAID.format(provider="sunor.cc", message="invalid token")
    stored = RETRYING.format(message=REFUSED.format(provider="sunor.cc", said=said), seconds=30)
    assert stored == "sunor.cc refused the API key. sunor.cc said: “invalid token” Retrying in 30 s."
    assert localize(stored, chinese) == "sunor.cc 拒绝了 API 密钥。sunor.cc 返回：“invalid token” 30 秒后重试。"


def test_words_that_match_no_template_are_shown_as_they_came() -> None:
    assert localize("Audio source not found.", chinese) == "Audio source not found."
    assert localize("Queued", chinese) == "排队中"
    assert localize("Queued", lambda _c, text: text) == "Queued"


def test_a_translation_with_a_broken_placeholder_falls_back_to_english() -> None:
    broken = {("Problems", RETRYING): "{messag} {seconds} 秒后重试。"}
    text = RETRYING.format(message="x", seconds=5)
    assert localize(text, lambda c, t: broken.get((c, t), t)) == text


def _run(code: str, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
        timeout=60,
    )
    return result.stdout.strip()


PROBE = (
    "from gui.i18n import load_language, translate\n"
    "import sys\n"
    "spoken = load_language(sys.argv[1] if len(sys.argv) > 1 else 'system')\n"
    "from PySide6.QtCore import QCoreApplication\n"
    "assert QCoreApplication.instance() is None\n"
    "print(spoken, translate('TaskState', 'Queued'), translate('TaskState', 'no such text'))\n"
)


def test_the_system_locale_picks_chinese_without_an_application() -> None:
    assert _run(PROBE, LANG="zh_CN.UTF-8") == "zh_CN 排队中 no such text"


def test_an_english_or_unknown_locale_speaks_english() -> None:
    assert _run(PROBE, LANG="C") == "en Queued no such text"
    assert _run(PROBE, LANG="fr_FR.UTF-8") == "en Queued no such text"


def test_the_settings_choice_overrides_the_locale() -> None:
    forced = PROBE.replace("sys.argv[1] if len(sys.argv) > 1 else 'system'", "'{}'")
    assert _run(forced.format("en"), LANG="zh_CN.UTF-8") == "en Queued no such text"
    assert _run(forced.format("zh_CN"), LANG="C") == "zh_CN 排队中 no such text"


def test_an_english_terminal_command_does_not_load_qt() -> None:
    code = (
        "import sys\nfrom gui.i18n import load_language\nload_language('system')\n"
        "print(any(m.startswith('PySide6') for m in sys.modules))\n"
    )
    assert _run(code, LANG="C") == "False"
