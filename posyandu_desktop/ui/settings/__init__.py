"""Settings: language, backups and restore, where the data lives."""
