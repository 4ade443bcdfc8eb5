"""Conversations with customers: their messages, replies and notes."""
