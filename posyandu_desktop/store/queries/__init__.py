"""Reads and writes, one module per aggregate. Each function takes an open transaction (`Tx`) and
plain values, and returns frozen records from `store.records`, never ORM rows."""
