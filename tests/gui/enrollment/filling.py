"""Fill the enrollment screens through their widgets, as an operator would with the keyboard."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.enrollment import ApplicationType, EyeColour, Gender, Step
from tests.gui.enrollment.conftest import TIMEOUT, EnrollHarness
from ui.screens.enrollment.details_step import DetailsStep
from ui.screens.enrollment.documents_step import DocumentsStep
from ui.screens.enrollment.type_step import TypeStep

LICENCE = "nys_dmv_driver_license_or_permit_nyc_address"
DETAILS = {
    "family_name": "Núñez",
    "given_name": "Ana María",
    "dob": "1990-07-04",
    "height_feet": "5",
    "height_inches": "6",
}
ADDRESS = {"street": "100 Atlantic Ave", "city": "Brooklyn", "postal_code": "11201"}


def state_step(h: EnrollHarness) -> Step:
    state = h.window.enrollment.state
    assert state is not None
    return state.step


def fill_type(h: EnrollHarness, language: str = "es") -> None:
    page = h.screen.pages[Step.TYPE]
    assert isinstance(page, TypeStep)
    page.type_buttons[ApplicationType.NEW].click()
    h.choose(page.first, language)


def next_step(h: EnrollHarness, expected: Step) -> None:
    h.press(h.screen.current_page, Qt.Key.Key_PageDown)
    state = h.window.enrollment.state
    assert state is not None
    assert state.step is expected, (state.step, [p.code for p in state.problems])


def fill_details(h: EnrollHarness) -> None:
    page = h.screen.pages[Step.DETAILS]
    assert isinstance(page, DetailsStep)
    for name, value in DETAILS.items():
        h.type_into(page.edits[name], value)
    page.gender_buttons[Gender.X].click()
    h.choose(page.eye, EyeColour.BROWN.value)
    for name, value in ADDRESS.items():
        h.type_into(page.address.edits[name], value)


def fill_documents(h: EnrollHarness) -> None:
    page = h.screen.pages[Step.DOCUMENTS]
    assert isinstance(page, DocumentsStep)
    h.type_into(page.search, "driver permit nys")
    assert page.results.count() >= 1
    page.results.setCurrentRow(0)
    page.add_button.click()
    row = next(iter(page._rows.values()))
    h.type_into(row.expires, "2030-01-01")
    row.nyc.click()


def take_photo(h: EnrollHarness) -> None:
    photo = h.screen.photo
    camera = photo.camera
    assert camera is not None and photo.worker is not None
    h.qtbot.waitUntil(lambda: camera.preview.frames_painted > 0, timeout=TIMEOUT)
    with h.qtbot.waitSignal(camera.photo_captured, timeout=TIMEOUT):
        camera.capture_button.click()
    # The offscreen platform drops window activation while the camera starts (the camera
    # widget's own tests do the same); a real display keeps it.
    h.window.activateWindow()
    h.qtbot.waitUntil(lambda: QApplication.activeWindow() is h.window, timeout=TIMEOUT)


def nothing(h: EnrollHarness) -> None:
    """The review step asks nothing."""


def fill_to(h: EnrollHarness, step: Step) -> None:
    order = [Step.TYPE, Step.DETAILS, Step.DOCUMENTS, Step.PHOTO, Step.REVIEW, Step.CONFIRM]
    fillers = {
        Step.TYPE: fill_type,
        Step.DETAILS: fill_details,
        Step.DOCUMENTS: fill_documents,
        Step.PHOTO: take_photo,
        Step.REVIEW: nothing,
    }
    for here, there in itertools.pairwise(order):
        if here is step:
            return
        fillers[here](h)
        next_step(h, there)
