"""The home screen: today's session, who is due, and alerts."""
