"""Typed settings, each declared once (key, type, default, description, validation).

Values live in the vault's `settings` table as text; `Settings` reads them as typed attributes
(`settings.idle_lock_seconds`), never through string keys at call sites.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, overload

from kiosk.errors import InvalidInput
from kiosk.i18n import N_

T = TypeVar("T", str, int, bool)


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    kind: type[T]
    default: T
    description: str
    check: Callable[[T], str | None] | None = None
    bounds: tuple[int, int] | None = None  # inclusive, for int settings (editors use it too)
    shown: bool = True  # False: not on the settings screen (set once, e.g. at setup)

    def parse(self, text: str) -> T:
        try:
            if self.kind is bool:
                if text not in {"true", "false"}:
                    raise ValueError(text)
                value: Any = text == "true"
            else:
                value = self.kind(text)
        except ValueError as error:
            raise InvalidInput(f"Setting {self.key!r} must be a {self.kind.__name__}.") from error
        self.validate(value)
        return value  # type: ignore[no-any-return]

    def validate(self, value: T) -> None:
        if not isinstance(value, self.kind):
            raise InvalidInput(f"Setting {self.key!r} must be a {self.kind.__name__}.")
        problem = self.check(value) if self.check else None
        if self.bounds is not None and not self.bounds[0] <= int(value) <= self.bounds[1]:
            problem = f"must be between {self.bounds[0]} and {self.bounds[1]}"
        if problem:
            raise InvalidInput(f"Setting {self.key!r}: {problem}")

    def render(self, value: T) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> Setting[T]: ...
    @overload
    def __get__(self, obj: Settings, owner: type[Any]) -> T: ...
    def __get__(self, obj: Settings | None, owner: type[Any]) -> Setting[T] | T:
        if obj is None:
            return self
        value: T = obj._values.get(self.key, self.default)
        return value


def _not_blank(value: str) -> str | None:
    return None if value.strip() else "must not be empty"


class Settings:
    """An immutable snapshot of the kiosk's settings."""

    program = Setting(
        "program",
        str,
        "idnyc",
        N_("Program whose rules this kiosk applies"),
        _not_blank,
        shown=False,
    )
    site_name = Setting("site_name", str, "", N_("Name of this enrollment site, shown on receipts"))
    idle_lock_seconds = Setting(
        "idle_lock_seconds",
        int,
        120,
        N_("Lock the screen after this many seconds without keyboard or mouse input"),
        bounds=(30, 3600),
    )
    # Guard rails and `kiosk doctor` (docs/field-health.md explains the arithmetic).
    backlog_warn_days = Setting(
        "backlog_warn_days",
        int,
        3,
        N_("Warn when a sealed record has waited this many days to be uploaded or exported"),
        bounds=(1, 60),
    )
    backlog_warn_count = Setting(
        "backlog_warn_count",
        int,
        200,
        N_("Warn when this many sealed records are waiting to be uploaded or exported"),
        bounds=(1, 100_000),
    )
    backlog_block_count = Setting(
        "backlog_block_count",
        int,
        1000,
        N_("Refuse new applications (a supervisor may override for the day) at this many waiting"),
        bounds=(1, 100_000),
    )
    disk_warn_mb = Setting(
        "disk_warn_mb",
        int,
        1024,
        N_("Warn when the data folder's disk has less than this many megabytes free"),
        bounds=(64, 1_000_000),
    )
    disk_block_mb = Setting(
        "disk_block_mb",
        int,
        256,
        N_("Refuse new applications (no override) when the disk has less than this many MB free"),
        bounds=(64, 1_000_000),
    )

    appointment_retention_days = Setting(
        "appointment_retention_days",
        int,
        7,
        N_("Delete appointments and walk-in tickets this many days after their day (at sign-in)"),
        bounds=(1, 90),
    )
    walk_in_call_names = Setting(
        "walk_in_call_names",
        bool,
        False,
        N_("Let staff add a first name to a walk-in ticket for calling out (off: numbers only)"),
    )

    def __init__(self, values: Mapping[str, object] | None = None) -> None:
        self._values: dict[str, Any] = {}
        for key, value in (values or {}).items():
            setting = self.declaration(key)
            setting.validate(value)
            self._values[key] = value

    def __init_subclass__(cls, **kwargs: Any) -> None:
        raise TypeError("Settings is declared once; do not subclass it")

    @classmethod
    def declarations(cls) -> Iterator[Setting[Any]]:
        for value in vars(cls).values():
            if isinstance(value, Setting):
                yield value

    @classmethod
    def declaration(cls, key: str) -> Setting[Any]:
        for setting in cls.declarations():
            if setting.key == key:
                return setting
        raise InvalidInput(f"There is no setting called {key!r}.")

    @classmethod
    def from_storage(cls, rows: Mapping[str, str]) -> Settings:
        known = {s.key: s for s in cls.declarations()}
        # Unknown keys come from newer or older versions: ignored, never fatal.
        return cls({k: known[k].parse(v) for k, v in rows.items() if k in known})

    def to_storage(self) -> dict[str, str]:
        return {s.key: s.render(getattr(self, s.key)) for s in self.declarations()}

    def replace(self, **changes: object) -> Settings:
        values = dict(self._values)
        for attr, value in changes.items():
            setting = self.declaration(attr)
            values[setting.key] = value
        return Settings(values)

    def differences(self, other: Settings) -> dict[str, tuple[str, str]]:
        mine, theirs = self.to_storage(), other.to_storage()
        return {k: (mine[k], theirs[k]) for k in mine if mine[k] != theirs[k]}
