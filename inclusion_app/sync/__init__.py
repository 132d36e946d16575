"""Uploads to OpenRosa servers and JSON endpoints. No Qt."""
