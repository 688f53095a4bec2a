"""The people screen: search, profile, history, growth charts, corrections."""
