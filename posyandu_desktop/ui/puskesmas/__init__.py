"""The Puskesmas mode: check the monthly files the Posyandu bring on USB sticks, merge them into a
recap, and keep the list of registered Posyandu keys (the same services as the terminal's
`verify` and `merge`)."""
