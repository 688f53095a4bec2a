"""Headless subcommands of `posyandu-desktop` (batch tools for the puskesmas)."""
