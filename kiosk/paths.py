"""Where things live: bundled assets (source tree or PyInstaller bundle) and the data directory."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

APP_NAME = "enrollment-kiosk"
VAULT_FILENAME = "vault.db"


def assets_dir() -> Path:
    """The assets/ folder, whether we run from a checkout or from a frozen bundle."""
    bundle_root = getattr(sys, "_MEIPASS", None)
    if bundle_root is not None:
        return Path(bundle_root) / "assets"
    return Path(__file__).resolve().parent.parent / "assets"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
