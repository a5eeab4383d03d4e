"""Document reading: read, check, prefill and forget (PDF417/AAMVA, MRZ, keyboard wedges).

The public entry points live in `kiosk.reading.reader` (`read_text`, `read_image`,
`load_image_file`), `kiosk.reading.evidence` (`build_evidence`) and
`kiosk.reading.document_finder` (`analyse_frame`, `CaptureGate`). Nothing here writes to disk.
"""
