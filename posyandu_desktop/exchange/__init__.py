"""The signed monthly export file and the puskesmas side: pack, sign, verify, copy to USB, FHIR.

No SQL, no Qt, no PDF drawing: services hand this package plain rows and finished PDF bytes.
"""
