"""The registration desk: search as you type, register arrivals, add new people."""
