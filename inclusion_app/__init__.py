"""Inclusion Assistant (数字办事小帮手): public-service forms for people on the far side of the digital divide."""

__version__ = "0.1.0"
