"""The form engine: XLSForm/XForm in, one screen at a time out. No Qt, no I/O beyond reading a form."""
