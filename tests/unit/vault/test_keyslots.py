"""Key slots: wrap/unwrap, tamper resistance, damaged files, and the tuned default cost."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest

from kiosk.errors import WrongPassword
from kiosk.vault.keyslots import KdfParams, KeySlot, SlotDamaged, SlotStore, user_tag

FAST = KdfParams.fast_for_tests()


def test_wrap_then_unwrap_returns_the_key() -> None:
    key = secrets.token_bytes(32)
    slot = KeySlot.wrap(key, "pass phrase", "t1", FAST)
    assert slot.unwrap("pass phrase") == key
    assert key not in slot.to_bytes()


def test_wrong_password_is_refused() -> None:
    slot = KeySlot.wrap(secrets.token_bytes(32), "pass phrase", "t1", FAST)
    with pytest.raises(WrongPassword):
        slot.unwrap("pass phrasE")


@pytest.mark.parametrize("field", ["tag", "time_cost"])
def test_editing_bound_fields_breaks_the_slot(field: str) -> None:
    slot = KeySlot.wrap(secrets.token_bytes(32), "pass phrase", "t1", FAST)
    doc = json.loads(slot.to_bytes())
    if field == "tag":
        doc["tag"] = "t2"
    else:
        doc["kdf"]["time_cost"] = 2
    edited = KeySlot.from_bytes(json.dumps(doc).encode())
    with pytest.raises(WrongPassword):
        edited.unwrap("pass phrase")


@pytest.mark.parametrize(
    "data", [b"", b"{}", b"not json", b'{"format": 9}', b'{"format": 1, "kdf": {"name": "md5"}}']
)
def test_garbage_is_reported_as_damaged(data: bytes) -> None:
    with pytest.raises(SlotDamaged):
        KeySlot.from_bytes(data)


def test_store_round_trip_and_wrong_file(tmp_path: Path) -> None:
    store = SlotStore(tmp_path)
    slot = KeySlot.wrap(secrets.token_bytes(32), "pass phrase", "aa", FAST)
    store.write(slot)
    assert store.read("aa") == slot
    assert store.read("bb") is None
    assert store.tags() == ["aa"]
    store.path_for("bb").write_bytes(slot.to_bytes())  # aa's slot copied under bb's name
    with pytest.raises(SlotDamaged):
        store.read("bb")
    store.remove("aa")
    assert store.read("aa") is None


def test_user_tags_ignore_case_and_depend_on_the_salt() -> None:
    assert user_tag(b"s1", "Ana") == user_tag(b"s1", " ana ")
    assert user_tag(b"s1", "ana") != user_tag(b"s2", "ana")
    assert "ana" not in user_tag(b"s1", "ana")


def test_default_cost_is_memory_hard() -> None:
    params = KdfParams.default()
    assert params.memory_kib >= 64 * 1024
    assert params.time_cost >= 2
