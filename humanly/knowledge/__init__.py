"""The desk's knowledge: articles and saved replies, given to the engine's drafts."""
