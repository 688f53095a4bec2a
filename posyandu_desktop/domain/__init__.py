"""Pure domain logic: growth standards, classification, NIK, Posyandu arithmetic. No I/O."""
