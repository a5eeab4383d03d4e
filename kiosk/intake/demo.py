"""A local intake for `kiosk --demo`: throw-away keys and store, served on loopback.

The demo then shows delivery for real: records sealed in the demo upload to this intake and
come back with signed receipts. Needs the `intake` extra; without it the demo runs offline.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.intake.service import IntakeService
from kiosk.intake.setup import init_intake, load_intake
from kiosk.intake.store import IntakeStore, open_store


class DemoIntake:
    def __init__(self, folder: Path) -> None:
        # Imported here: FastAPI and uvicorn are the optional `intake` extra.
        from kiosk.intake.app import create_app  # noqa: PLC0415
        from kiosk.intake.server import ServerThread, bound_socket  # noqa: PLC0415

        sock = bound_socket()
        host, port = sock.getsockname()[:2]
        self.url = f"http://{host}:{port}"
        files = init_intake(folder, url=self.url)
        self.provisioning = files.provisioning
        self.program_key = files.program_key
        config = load_intake(folder)
        self._store: IntakeStore = open_store(folder, None)
        self.service = IntakeService(
            self._store,
            config.signing_key,
            program_key_id=config.program_key_id,
            enrolment_token_sha256=config.enrolment_token_sha256,
        )
        self._server = ServerThread(create_app(self.service), sock)

    def start(self) -> DemoIntake:
        self._server.start()
        return self

    def stop(self) -> None:
        self._server.stop()
        self._store.close()
