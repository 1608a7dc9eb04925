"""File names from templates: placeholders, clear errors, and names safe on every OS."""

from __future__ import annotations

import string
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pathvalidate import validate_filename

from gui.domain.model import Clip, ClipKind, TaskSnapshot
from gui.domain.states import TaskState
from gui.media.naming import (
    MAX_NAME_BYTES,
    PLACEHOLDERS,
    file_stem,
    inside,
    numbered,
    parse_template,
    safe_stem,
    template_values,
)
from gui.storage.settings import DEFAULT_FILENAME_TEMPLATE

TASK_ID = "d6956973-2f17-43d4-8514-af6cc3a2f55d"
CLIP_ID = "ff98b0a3-1111-2222-3333-444455556666"
FINISHED = datetime(2026, 1, 20, 12, 0, tzinfo=UTC)
LONGEST_SUFFIX = " (9999).json"


def snapshot(*clips: Clip, provider: str = "sunor") -> TaskSnapshot:
    return TaskSnapshot(
        provider=provider,
        task_id=TASK_ID,
        state=TaskState.SUCCEEDED,
        provider_status="success",
        finished_at=FINISHED,
        clips=clips,
    )


def name_for(template: str, clip: Clip, position: int = 0) -> str:
    return file_stem(parse_template(template), template_values(snapshot(clip), clip, position))


def assert_safe(stem: str, tmp_path: Path) -> None:
    for suffix in (".mp3", LONGEST_SUFFIX):
        name = stem + suffix
        validate_filename(name, platform="universal")
        assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
        assert inside(tmp_path, name).parent == tmp_path
        assert (tmp_path / name).resolve().parent == tmp_path.resolve()
    assert not stem.startswith(".")


def test_the_default_template_keeps_variations_apart() -> None:
    first = Clip(id=CLIP_ID, title="Neon Rain")
    second = Clip(id="6cc60d21-aaaa", title="Neon Rain")
    assert name_for(DEFAULT_FILENAME_TEMPLATE, first) == "Neon Rain - ff98b0a3"
    assert name_for(DEFAULT_FILENAME_TEMPLATE, second) == "Neon Rain - 6cc60d21"


def test_every_placeholder() -> None:
    clip = Clip(id=CLIP_ID, title="Neon", model_name="chirp-fenix")
    template = " ".join("{" + name + "}" for name in PLACEHOLDERS)
    local_day = FINISHED.astimezone().strftime("%Y-%m-%d")
    assert name_for(template, clip, position=1) == (
        f"Neon ff98b0a3 {CLIP_ID} {TASK_ID} sunor.cc chirp-fenix {local_day} 2"
    )


def test_clips_without_id_or_title_still_get_a_name() -> None:
    stem = Clip(kind=ClipKind.STEM, title=None, stem="vocals")
    assert name_for(DEFAULT_FILENAME_TEMPLATE, stem) == "vocals - d6956973"
    assert name_for("{title}", Clip()) == "Untitled"
    assert name_for("{model}", Clip()) == "Untitled"  # renders empty: never an empty name
    assert name_for("{{literal}} {n}", Clip(), position=4) == "{literal} 5"


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("{title} - {artist}", "{artist}, which Tunewatch does not know; use {title}"),
        ("{}", "{}, which Tunewatch does not know"),
        ("{0}", "{0}, which Tunewatch does not know"),
        ("{title.__class__}", "does not know"),
        ("{title[0]}", "does not know"),
        ("{title:>99999999}", "take no format"),
        ("{title!r}", "take no format"),
        ("{title", "unmatched brace"),
        ("title}", "unmatched brace"),
        ("   ", "template is empty"),
    ],
)
def test_bad_templates_are_a_sentence(template: str, words: str) -> None:
    with pytest.raises(ValueError, match=r"^The file name template|^Placeholders") as bad:
        parse_template(template)
    assert words in str(bad.value)
    assert str(bad.value).endswith(".")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("../../x", "_.._x"),
        ("..", "Untitled"),
        (".hidden", "hidden"),
        ("CON", "CON_"),
        ("nul", "nul_"),
        ("COM1", "COM1_"),
        ("a/b\\c", "a_b_c"),
        ('a:b*c?d"e<f>g|h', "a_b_c_d_e_f_g_h"),
        ("tab\there\nnew line\r", "tab here new line"),
        ("bell\x07 and nul\x00", "bell and nul"),
        ("evil\u202egpj.exe", "evilgpj.exe"),  # a bidi override could flip the extension
        ("line\u2028break", "line break"),
        ("trailing dots...", "trailing dots"),
        ("🎵 Neon 🌧️ Rain 👩‍🎤", "🎵 Neon 🌧️ Rain 👩‍🎤"),
        ("lone \ud800 surrogate", "lone _ surrogate"),
    ],
)
def test_hostile_titles_become_safe_names(title: str, expected: str, tmp_path: Path) -> None:
    stem = safe_stem(title)
    assert stem == expected
    assert_safe(stem, tmp_path)


@pytest.mark.parametrize("title", ["x" * 300, "é" * 300, "😀" * 300, "a" * 179 + "😀" * 5])
def test_long_titles_are_cut_to_fit_with_the_suffix(title: str, tmp_path: Path) -> None:
    stem = name_for(DEFAULT_FILENAME_TEMPLATE, Clip(id=CLIP_ID, title=title))
    assert_safe(stem, tmp_path)
    stem.encode("utf-8")  # cut on a character boundary


def test_numbered_and_inside(tmp_path: Path) -> None:
    assert [numbered("x", n) for n in (1, 2, 3)] == ["x", "x (2)", "x (3)"]
    for bad in ("", ".", "..", "a/b", "a\\b", "../x", "a\x00b"):
        with pytest.raises(ValueError):
            inside(tmp_path, bad)


# --- properties ---------------------------------------------------------------------------------

_placeholder = st.sampled_from(["{" + name + "}" for name in PLACEHOLDERS])
_literal = st.text(max_size=30).map(lambda s: s.replace("{", "{{").replace("}", "}}"))
_templates = st.lists(st.one_of(_placeholder, _literal), min_size=1, max_size=6).map("".join)
_texts = st.one_of(
    st.text(max_size=400),
    st.sampled_from(["..", ".", "CON", "con.mp3", "AUX", "../../etc/passwd", "a/b\\c", " . "]),
    st.text(alphabet=string.punctuation + " ./\\", max_size=50),
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=_texts, clip_id=st.one_of(st.none(), st.text(max_size=60)), template=_templates)
def test_any_title_and_template_give_a_valid_name_inside_dest(
    title: str, clip_id: str | None, template: str, tmp_path: Path
) -> None:
    if not template.strip():
        template = DEFAULT_FILENAME_TEMPLATE
    clip = Clip(id=clip_id or None, title=title or None, model_name=title[:20] or None)
    stem = name_for(template, clip, position=3)
    assert_safe(stem, tmp_path)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text())
def test_safe_stem_is_always_a_valid_name(text: str, tmp_path: Path) -> None:
    assert_safe(safe_stem(text), tmp_path)
