"""The domain: content packs, sessions, storage, export and merge.

Plain typed Python with pydantic models. Nothing here imports Textual, so every piece can
be used from a script or a test (``tests/test_import_hygiene.py`` enforces this).
"""
