"""Printed papers in the app: the Print menu, the preview, batch printing."""
