"""The PySide6 desktop app. It calls the core only through ui.bridge."""
