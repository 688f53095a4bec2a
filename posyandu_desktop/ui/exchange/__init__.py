"""The monthly export screen: make the month's signed file and copy it to a flash drive."""
