"""Cadre screens: attendance on Posyandu days and the cadres' profiles."""
