"""The Textual app: one module and one stylesheet per screen, dialog and widget."""
