"""The health-service desk (Pelayanan)."""
