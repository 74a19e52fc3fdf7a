"""The audit log: every write, who made it, when, and the values before and after."""
