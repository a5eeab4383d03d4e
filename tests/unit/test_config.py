"""Settings are declared once, typed, validated and stored as text; changes are audited."""

from __future__ import annotations

import pytest

from kiosk import audit
from kiosk.config import Setting, Settings
from kiosk.errors import InvalidInput, NotPermitted
from kiosk.settings_store import load_settings, save_settings
from kiosk.staff import Role, Session


def test_defaults_and_typed_attributes() -> None:
    settings = Settings()
    assert settings.idle_lock_seconds == 120
    assert settings.program == "idnyc"
    assert isinstance(Settings.idle_lock_seconds, Setting)


def test_storage_round_trip() -> None:
    settings = Settings().replace(idle_lock_seconds=300, site_name="Flushing Library")
    stored = settings.to_storage()
    assert stored["idle_lock_seconds"] == "300"
    assert Settings.from_storage(stored).to_storage() == stored


@pytest.mark.parametrize(
    "changes",
    [{"idle_lock_seconds": 5}, {"idle_lock_seconds": "300"}, {"program": "  "}, {"nope": 1}],
)
def test_invalid_values_are_refused(changes: dict[str, object]) -> None:
    with pytest.raises(InvalidInput):
        Settings().replace(**changes)


def test_bad_stored_text_is_a_clear_error_and_unknown_keys_are_ignored() -> None:
    with pytest.raises(InvalidInput):
        Settings.from_storage({"idle_lock_seconds": "soon"})
    assert Settings.from_storage({"from_a_newer_version": "x"}).to_storage() == (
        Settings().to_storage()
    )


def test_every_setting_has_a_description() -> None:
    assert all(s.description for s in Settings.declarations())


def test_settings_cannot_be_redeclared_elsewhere() -> None:
    with pytest.raises(TypeError):
        type("MoreSettings", (Settings,), {})


def test_supervisors_change_settings_and_it_is_audited(session: Session) -> None:
    eli = session.staff.add(session.member, "eli", "Eli", Role.ENROLLER, "enroller pw")
    new = load_settings(session.vault.conn).replace(idle_lock_seconds=600)
    original_member = session.member
    session.member = eli
    with pytest.raises(NotPermitted):
        save_settings(session, new)
    session.member = original_member
    save_settings(session, new)
    assert load_settings(session.vault.conn).idle_lock_seconds == 600
    last = audit.entries(session.vault.conn)[-1]
    assert last.action == "settings_changed"
    assert '"setting":"idle_lock_seconds"' in last.details
