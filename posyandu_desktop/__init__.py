"""Posyandu Desktop: an offline app for Indonesian community health posts."""

__version__ = "0.1.0"
