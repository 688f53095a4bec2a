"""The PySide6 desktop UI: thin widgets over `services`; no SQL, no z-score arithmetic here."""
