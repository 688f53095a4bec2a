"""The import of e-PPGBM exports and registers (coordinator)."""
