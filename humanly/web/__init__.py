"""The desk's pages: server-rendered templates with HTMX (vendored, versioned), no build step."""
