"""The survey, its drafts and submissions, the quality meetings and the consistency review."""
