"""The encrypted store: SQLCipher opened with a random key that staff key slots unlock."""

from kiosk.vault.keyslots import KdfParams, KeySlot, SlotDamaged
from kiosk.vault.vault import Vault, vault_exists

__all__ = ["KdfParams", "KeySlot", "SlotDamaged", "Vault", "vault_exists"]
