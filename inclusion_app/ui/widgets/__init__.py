"""Widgets shared by every page: large buttons, labels, the pointer."""
