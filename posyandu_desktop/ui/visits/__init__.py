"""The home visits screen: who to visit, the visits made, and recording a new one."""
